// One finding per problem: an ML rule does not repeat a DL finding on the same token, and ignoring
// the DL code silences the ML echo too.
import * as assert from 'node:assert/strict';
import { lintDockerfile } from '../../../../src/lint';

const codes = (text: string, options = {}) => lintDockerfile(text, options).map((p) => `${p.code}@${p.line}`);

describe('ML echoes of DL findings', () => {
  const unpinned = 'FROM python:3.12-slim\nRUN pip install --no-cache-dir torch\n';
  it('ML013 yields to DL3013 on the same token', () => {
    const got = codes(unpinned);
    assert.ok(got.includes('DL3013@2'), got.join(' '));
    assert.ok(!got.includes('ML013@2'), got.join(' '));
  });
  it('speaks when DL3013 is switched off', () => {
    const got = codes(unpinned, { ignore: ['DL3013'] });
    assert.ok(got.includes('ML013@2'), got.join(' '));
  });
  it('a hadolint ignore of the DL code silences the echo', () => {
    const got = codes('FROM python:3.12-slim\n# hadolint ignore=DL3013\nRUN pip install --no-cache-dir torch\n', { ignore: ['DL3013'] });
    assert.ok(!got.includes('ML013@3'), got.join(' '));
    const global = codes('# hadolint global ignore=DL3013\nFROM python:3.12-slim\nRUN pip install --no-cache-dir torch\n', { ignore: ['DL3013'] });
    assert.ok(!global.includes('ML013@3'), global.join(' '));
  });
  it('an ML finding on another token stays', () => {
    // DL3013 is about numpy here; torch's pin is a range DL3013 accepts but ML013 does not
    const got = codes('FROM python:3.12-slim\nRUN pip install --no-cache-dir numpy "torch>=2.1"\n');
    assert.ok(got.includes('ML013@2'), got.join(' '));
  });
});
