// A fragment (instructions with no FROM, or before the first FROM): hadolint reads it as one stage and
// applies every rule; so does this linter, besides reporting DL3061.
import * as assert from 'node:assert/strict';
import { lintDockerfile, parseDockerfile } from '../../../src/lint';

const codes = (text: string) => [...new Set(lintDockerfile(text).map((p) => p.code))].sort();

describe('fragments without FROM', () => {
  it('are one implicit stage with no image', () => {
    const d = parseDockerfile('ARG V=1\nRUN a\nCOPY x y');
    assert.equal(d.stages.length, 1);
    assert.equal(d.stages[0].implicit, true);
    assert.equal(d.stages[0].resolvedImage, null);
    assert.deepEqual(d.instructions.map((i) => i.stage), [-1, 0, 0]);
    assert.equal(d.globalArgs.get('V'), '1');
  });
  it('a later FROM starts stage 1, and --from=0 still names the first real FROM', () => {
    const text = 'LABEL a=b\nFROM python:3.12 AS one\nRUN true\nFROM python:3.12\nCOPY --from=0 /a /b';
    const d = parseDockerfile(text);
    assert.deepEqual(d.stages.map((s) => [s.index, s.implicit, s.name]), [[0, true, null], [1, false, 'one'], [2, false, null]]);
    assert.ok(!codes(text).includes('DL3022'), 'COPY --from=0 refers to stage "one"');
    assert.ok(!codes('COPY --from=0 /a /b').includes('DL3023'), 'in a fragment, 0 is no stage of its own');
  });
  it('every rule applies to them, besides DL3061', () => {
    const got = codes('RUN apt-get install curl\nRUN cd /x\nCOPY a b\nCMD python app.py\nCMD x\nUSER root');
    for (const code of ['DL3061', 'DL3008', 'DL3014', 'DL3015', 'DL3003', 'DL3059', 'DL3045', 'DL3025', 'DL4003', 'DL3002']) assert.ok(got.includes(code), `${code} in ${got}`);
  });
  it('image rules stay silent: there is no image', () => {
    const got = codes('RUN true');
    assert.deepEqual(got.filter((c) => ['DL3006', 'DL3007', 'DL3026', 'ML001'].includes(c)), []);
  });
});
