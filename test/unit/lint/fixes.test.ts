import * as assert from 'node:assert/strict';
import { lintDockerfile, parseDockerfile } from '../../../src/lint';
import { ignoreForFile, ignoreForInstruction } from '../../../src/lint/fixes';
import { applyEdits } from './helpers';

const TEXT = 'FROM ubuntu:24.04\nRUN apt update \\\n  && apt install -y curl\n';

describe('ignore quick fixes', () => {
  it('"for this instruction" adds a pragma above the instruction, even from a continuation line', () => {
    const doc = parseDockerfile(TEXT);
    const edit = ignoreForInstruction(doc, 3, 'DL3027')!;
    const after = applyEdits(TEXT, [edit]);
    assert.equal(after, 'FROM ubuntu:24.04\n# hadolint ignore=DL3027\nRUN apt update \\\n  && apt install -y curl\n');
    assert.deepEqual(lintDockerfile(after).filter((p) => p.code === 'DL3027'), []);
  });

  it('extends an existing pragma instead of stacking another', () => {
    const text = 'FROM ubuntu:24.04\n# hadolint ignore=DL3008\nRUN apt install -y curl\n';
    const after = applyEdits(text, [ignoreForInstruction(parseDockerfile(text), 3, 'DL3027')!]);
    assert.equal(after, 'FROM ubuntu:24.04\n# hadolint ignore=DL3008,DL3027\nRUN apt install -y curl\n');
    assert.equal(ignoreForInstruction(parseDockerfile(after), 3, 'DL3027'), null);
  });

  it('"in this file" goes after the parser directives, keeping them directives', () => {
    const text = '# syntax=docker/dockerfile:1\n# escape=\\\nFROM ubuntu:24.04\nRUN apt install -y curl\n';
    const after = applyEdits(text, [ignoreForFile(parseDockerfile(text), 'DL3027')!]);
    assert.equal(after, '# syntax=docker/dockerfile:1\n# escape=\\\n# hadolint global ignore=DL3027\nFROM ubuntu:24.04\nRUN apt install -y curl\n');
    assert.equal(parseDockerfile(after).directives.length, 2);
    assert.deepEqual(lintDockerfile(after).filter((p) => p.code === 'DL3027'), []);
  });

  it('"in this file" extends an existing global pragma', () => {
    const text = '# hadolint global ignore=DL3008\nFROM ubuntu:24.04\nRUN apt install -y curl\n';
    const after = applyEdits(text, [ignoreForFile(parseDockerfile(text), 'DL3027')!]);
    assert.equal(after.split('\n')[0], '# hadolint global ignore=DL3008,DL3027');
  });

  it('pragmas apply only to the next instruction', () => {
    const text = 'FROM ubuntu:24.04\n# hadolint ignore=DL3027\nRUN apt install -y curl\nRUN apt install -y git\n';
    assert.deepEqual(lintDockerfile(text).filter((p) => p.code === 'DL3027').map((p) => p.line), [4]);
  });
});
