import * as assert from 'node:assert/strict';
import { lintDockerfile } from '../../../../src/lint';
import type { Problem } from '../../../../src/lint/types';

/** Applies a problem's first fix to the text (edits are 1-based lines and columns). */
function applyFix(text: string, p: Problem): string {
  const fix = p.fixes?.[0];
  assert.ok(fix, `${p.code} has no fix`);
  const lines = text.split('\n');
  const offset = (line: number, column: number): number => lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0) + column - 1;
  let out = text;
  for (const e of [...fix.edits].sort((a, b) => offset(b.line, b.column) - offset(a.line, a.column))) {
    out = out.slice(0, offset(e.line, e.column)) + e.newText + out.slice(offset(e.endLine, e.endColumn));
  }
  return out;
}

const SPLIT = [
  'FROM debian:12',
  'RUN apt-get update',
  'RUN apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8 git=1:2.39.5-0+deb12u1',
  'USER 1000',
  '',
].join('\n');

describe('apt-get update in a RUN of its own (ML020) and the apt-lists fix (DL3009)', () => {
  it('ML020 flags the update-only RUN and its fix merges update, install and the cleanup into one RUN', () => {
    const problems = lintDockerfile(SPLIT);
    const ml020 = problems.find((p) => p.code === 'ML020');
    assert.ok(ml020, 'ML020 reported');
    assert.equal(ml020.line, 2);
    const fixed = applyFix(SPLIT, ml020);
    assert.equal(fixed, [
      'FROM debian:12',
      'RUN apt-get update \\',
      ' && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8 git=1:2.39.5-0+deb12u1 && rm -rf /var/lib/apt/lists/*',
      'USER 1000',
      '',
    ].join('\n'));
    const after = lintDockerfile(fixed).map((p) => p.code);
    assert.ok(!after.includes('ML020') && !after.includes('DL3009'), `after the fix: ${after.join(', ')}`);
  });

  it('DL3009 never deletes the lists in an update-only RUN: its fix is the same merge', () => {
    const dl3009 = lintDockerfile(SPLIT).find((p) => p.code === 'DL3009');
    assert.ok(dl3009);
    const fixed = applyFix(SPLIT, dl3009);
    assert.doesNotMatch(fixed.split('\n')[1], /rm -rf/, 'the update line does not get the cleanup');
    assert.match(fixed, /apt-get update \\\n && apt-get install .* && rm -rf \/var\/lib\/apt\/lists\/\*/);
  });

  it('no fix where the merge is not plain text surgery; no finding when update and install share a RUN', () => {
    const withComment = SPLIT.replace('RUN apt-get install', '# tools\nRUN apt-get install');
    const p = lintDockerfile(withComment).find((x) => x.code === 'ML020');
    assert.ok(p, 'still reported');
    assert.equal(p.fixes, undefined, 'a comment line between the RUNs: no automatic merge');
    const together = 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8 && rm -rf /var/lib/apt/lists/*\n';
    assert.deepEqual(lintDockerfile(together).filter((x) => x.code === 'ML020' || x.code === 'DL3009'), []);
    const noInstall = 'FROM debian:12\nRUN apt-get update\nCMD ["bash"]\n';
    const q = lintDockerfile(noInstall).find((x) => x.code === 'ML020');
    assert.ok(q);
    assert.equal(q.fixes, undefined);
  });
});

describe('messages quote what the user wrote once', () => {
  it('DL3000 on a quoted relative WORKDIR', () => {
    const p = lintDockerfile('FROM python:3.11-slim\nWORKDIR "serve"\n').find((x) => x.code === 'DL3000');
    assert.ok(p);
    assert.match(p.message, /^WORKDIR "serve" is relative/);
  });
  it('DL3013 does not call a variable holding the pin a package', () => {
    const text = 'FROM python:3.11-slim\nARG VERSION=1.2\nRUN pip install --no-cache-dir "mylib==$VERSION" "$VERSION"\n';
    assert.deepEqual(lintDockerfile(text).filter((x) => x.code === 'DL3013'), []);
  });
});
