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

describe('a base image that cannot be pulled', () => {
  const text = 'ARG X=1\nFROM python:3.11-slim AS base\nRUN echo hi\nFROM base\n';
  const info = readDockerfile(text);
  const dns = 'failed to do request: Head "https://registry-1.docker.io/v2/library/python/manifests/3.11-slim": dial tcp: lookup registry-1.docker.io on 10.255.255.53:53: no such host';
  it('BuildKit: the load-metadata vertex maps to the FROM line with one sentence', () => {
    const m = mapFailedStep(info, 'buildkit', { key: 'k', name: '[internal] load metadata for docker.io/library/python:3.11-slim', text: '[internal] load metadata for docker.io/library/python:3.11-slim', error: dns, started: true, completed: true, cached: false }, `failed to solve with frontend dockerfile.v0: failed to create LLB definition: ${dns}`);
    assert.ok(m);
    assert.equal(m.startLine, 1);
    assert.equal(m.message, 'The base image docker.io/library/python:3.11-slim cannot be pulled: the registry registry-1.docker.io cannot be reached (its name does not resolve: offline, or a proxy is needed).');
  });
  it('classic builder: the FROM step, same sentence shape', () => {
    const m = mapFailedStep(info, 'classic', { key: 'step-2', name: 'Step 2/4 : FROM python:3.11-slim AS base', text: 'FROM python:3.11-slim AS base', index: 2, total: 4, error: 'pull access denied for python, repository does not exist or may require \'docker login\'', started: true, completed: false, cached: false }, 'pull access denied');
    assert.ok(m);
    assert.equal(m.startLine, 1);
    assert.match(m.message, /^The base image python:3\.11-slim cannot be pulled: the registry refused access/);
  });
  it('a RUN failure is not a pull failure', () => {
    const m = mapFailedStep(info, 'classic', { key: 'step-3', name: 'Step 3/4 : RUN echo hi', text: 'RUN echo hi', index: 3, total: 4, error: 'returned a non-zero code: 1', started: true, completed: false, cached: false }, 'The command returned a non-zero code: 1');
    assert.equal(m?.startLine, 2);
    assert.match(m?.message ?? '', /non-zero/);
  });
});
