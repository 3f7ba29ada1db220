import * as assert from 'node:assert/strict';
import { decodeDockerfile, lintDockerfile } from '../../../src/lint';

describe('input encoding', () => {
  const TEXT = 'FROM ubuntu:24.04\nRUN apt install -y curl\n';

  it('a UTF-8 byte order mark is ignored, in text and in bytes', () => {
    const plain = lintDockerfile(TEXT);
    assert.deepEqual(lintDockerfile('\ufeff' + TEXT), plain);
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT)]);
    const d = decodeDockerfile(bytes);
    assert.equal(d.text, TEXT);
    assert.equal(d.problem, null);
  });

  it('UTF-16 bytes (either byte order, with or without a mark) are one clear problem', () => {
    const le = Buffer.from('\ufeff' + TEXT, 'utf16le');
    const be = Buffer.from(le).swap16();
    for (const b of [le, be, Buffer.from(TEXT, 'utf16le')]) {
      const d = decodeDockerfile(b);
      assert.equal(d.text, null);
      assert.equal(d.problem?.code, 'DL1000');
      assert.match(d.problem?.message ?? '', /UTF-16/);
    }
  });

  it('UTF-16 decoded as if it were UTF-8 or Latin-1 gives that one problem, not garbage findings', () => {
    const le = Buffer.from('\ufeff' + TEXT, 'utf16le');
    for (const text of [le.toString('utf8'), le.toString('latin1'), Buffer.from(TEXT, 'utf16le').toString('utf8')]) {
      const problems = lintDockerfile(text);
      assert.equal(problems.length, 1);
      assert.equal(problems[0].code, 'DL1000');
      assert.match(problems[0].message, /UTF-16/);
    }
  });
});
