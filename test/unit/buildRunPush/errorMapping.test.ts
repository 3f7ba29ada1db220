import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { normaliseInstructionText, readDockerfile } from '../../../src/build/dockerfileInfo';
import { mapFailedStep } from '../../../src/build/errorMapping';
import { BuildMessage, BuildProgress, BuildStep } from '../../../src/docker/build/progress';

const FIX = path.join(__dirname, '../../fixtures/buildRunPush');
function step(p: Partial<BuildStep>): BuildStep {
  return { key: 'k', name: '', text: '', cached: false, started: true, completed: true, ...p };
}

const MULTI = [
  '# syntax comment',                                    // 0
  'ARG BASE=scratch',                                   // 1
  'FROM scratch AS builder',                            // 2
  'COPY busybox /bin/busybox',                          // 3
  'RUN echo one && \\',                                 // 4
  '    # a comment inside',                             // 5
  '    echo two',                                       // 6
  'ENV A=1',                                            // 7
  'RUN exit 3',                                         // 8
  '',                                                   // 9
  'FROM scratch',                                       // 10
  'COPY --from=builder /bin/busybox /bin/busybox',      // 11
  'RUN exit 3',                                         // 12
].join('\n');

describe('readDockerfile', () => {
  it('finds stages, continuation ranges and numbering', () => {
    const info = readDockerfile(MULTI);
    assert.deepStrictEqual(info.stages.map((s) => [s.name, s.line]), [['builder', 2], [undefined, 10]]);
    const run = info.instructions.find((i) => i.startLine === 4);
    assert.strictEqual(run?.endLine, 6);
    assert.strictEqual(normaliseInstructionText(run?.args ?? ''), 'echo one && echo two');
    assert.strictEqual(info.instructions[0].stage, -1);
    assert.strictEqual(info.instructions.find((i) => i.startLine === 12)?.globalIndex, 9);
  });
  it('honours the escape directive', () => {
    const info = readDockerfile('# escape=`\nFROM scratch\nRUN a `\n  b\n');
    assert.strictEqual(info.instructions[1].endLine, 3);
    assert.strictEqual(normaliseInstructionText(info.instructions[1].args), 'a b');
  });
});

describe('mapFailedStep', () => {
  const info = readDockerfile(MULTI);
  it('maps a BuildKit vertex by stage name and text, not to the same text in another stage', () => {
    const m = mapFailedStep(info, 'buildkit', step({ stageName: 'builder', index: 3, total: 3, text: 'RUN exit 3' }), 'exit code: 3');
    assert.strictEqual(m?.startLine, 8);
    const m2 = mapFailedStep(info, 'buildkit', step({ stageName: 'stage-1', index: 2, total: 2, text: 'RUN exit 3' }), 'x');
    assert.strictEqual(m2?.startLine, 12);
  });
  it('maps a multi-line RUN to its whole range', () => {
    const m = mapFailedStep(info, 'buildkit', step({ stageName: 'builder', index: 2, total: 3, text: 'RUN echo one && echo two' }), 'x');
    assert.deepStrictEqual([m?.startLine, m?.endLine], [4, 6]);
  });
  it('maps a classic Step N/M to the N-th instruction of the file', () => {
    const m = mapFailedStep(info, 'classic', step({ index: 9, total: 9, text: 'RUN exit 3' }), 'returned a non-zero code: 3');
    assert.strictEqual(m?.startLine, 12);
  });
  it('falls back to the line named in a parse error', () => {
    const m = mapFailedStep(info, 'buildkit', undefined, 'failed to solve: dockerfile parse error line 8: unknown instruction: ENVV');
    assert.strictEqual(m?.startLine, 7);
  });
  it('returns undefined when nothing points at a line', () => {
    assert.strictEqual(mapFailedStep(info, 'buildkit', undefined, 'no space left on device'), undefined);
  });
  it('maps the recorded real failures of both builders to line 4 of the fixture', () => {
    const df = readDockerfile(fs.readFileSync(path.join(FIX, 'fail.Dockerfile'), 'utf8'));
    for (const [file, builder] of [['buildkit-fail.jsonl', 'buildkit'], ['classic-fail.jsonl', 'classic']] as const) {
      const p = new BuildProgress();
      for (const l of fs.readFileSync(path.join(FIX, file), 'utf8').split('\n').filter(Boolean)) p.push(JSON.parse(l) as BuildMessage);
      const m = mapFailedStep(df, builder, p.failedStep, p.error ?? '');
      assert.strictEqual(m?.startLine, 3, file);
    }
  });
});
