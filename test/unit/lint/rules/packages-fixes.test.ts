// Where the package rules must NOT offer their quick fix (the edit would be wrong or unsafe).
import * as assert from 'node:assert/strict';
import { findings } from '../helpers';

const noFix: [string, string][] = [
  ['DL3014', 'FROM debian:12\nRUN ["apt-get", "install", "curl"]'],
  ['DL3009', 'FROM debian:12\nRUN ["sh", "-c", "apt-get update && apt-get install -y curl"]'],
  ['DL3009', 'FROM debian:12\nRUN <<EOF\napt-get update\napt-get install -y curl\nEOF'],
  ['DL3009', 'FROM debian:12\nRUN apt-get update && apt-get install -y curl # tools'],
  ['DL3032', 'FROM centos:7\nRUN yum install -y a-1 &'],
  ['DL3040', 'FROM fedora:40\nRUN python3 - <<EOF\nprint(1)\nEOF\nRUN dnf install -y a-1 <<EOF\nx\nEOF'],
];

describe('package rules: no unsafe quick fixes', () => {
  for (const [code, text] of noFix) {
    it(`${code} offers no fix for ${JSON.stringify(text.slice(15, 60))}`, () => {
      const got = findings(code, text);
      assert.ok(got.length > 0, `${code} should still fire`);
      assert.ok(got.every((p) => !p.fixes || p.fixes.length === 0), JSON.stringify(got[0].fixes));
    });
  }
});
