import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseDockerfile } from '../../../src/lint/parser';
import { dialectOf, finishShellcheckProblems, parseJson1, problemsFromComments, shellcheckJobs, type ShellcheckComment } from '../../../src/lint/shellcheck';
import { ShellcheckAbortError, ShellcheckRunner } from '../../../src/lint/shellcheckRun';

const HAS_SHELLCHECK = spawnSync('shellcheck', ['--version']).status === 0;

const DOCKERFILE = [
  'FROM ubuntu:24.04',                                  // 1
  'SHELL ["/bin/bash", "-o", "pipefail", "-c"]',        // 2
  'ENV X=1',                                            // 3
  'RUN cd /app && echo $X   $y \\',                     // 4
  '  && ls `pwd`',                                      // 5
  '',
].join('\n');

/** What shellcheck 0.9.0 printed for the RUN above (json1, fixes left out). */
const RECORDED: ShellcheckComment[] = [
  { line: 3, endLine: 3, column: 22, endColumn: 24, level: 'warning', code: 2154, message: 'y is referenced but not assigned.' },
  { line: 3, endLine: 3, column: 22, endColumn: 24, level: 'info', code: 2086, message: 'Double quote to prevent globbing and word splitting.' },
  { line: 3, endLine: 3, column: 33, endColumn: 38, level: 'warning', code: 2046, message: 'Quote this to prevent word splitting.' },
  { line: 3, endLine: 3, column: 33, endColumn: 38, level: 'style', code: 2006, message: 'Use $(...) notation instead of legacy backticks `...`.' },
];

describe('ShellCheck: scripts, positions, controls', () => {
  it('knows which shells it can check', () => {
    assert.equal(dialectOf('/bin/bash'), 'bash');
    assert.equal(dialectOf('sh'), 'sh');
    assert.equal(dialectOf('/bin/ash'), 'dash');
    assert.equal(dialectOf('C:\\tools\\ksh.exe'), 'ksh');
    for (const s of ['powershell', 'pwsh', 'cmd', 'cmd.exe', '/usr/bin/zsh', 'fish', 'python']) assert.equal(dialectOf(s), null, s);
  });

  it('one job per shell-form RUN, with the stage SHELL and the ARG/ENV names so far', () => {
    const jobs = shellcheckJobs(parseDockerfile(DOCKERFILE));
    assert.equal(jobs.length, 1);
    assert.equal(jobs[0].shell, 'bash');
    assert.equal(jobs[0].input, '#!/bin/bash\nexport X=1\ncd /app && echo $X   $y   && ls `pwd`\n');
    assert.equal(jobs[0].prefixLines, 2);
  });

  it('skips exec form, heredocs, empty scripts and shells it cannot check; reads ONBUILD RUN', () => {
    const doc = parseDockerfile([
      'FROM a',
      'RUN ["echo", "$x"]',
      'RUN <<EOF',
      'echo $x',
      'EOF',
      'ONBUILD RUN echo $z',
      'SHELL ["powershell", "-Command"]',
      'RUN Write-Host $x',
      'SHELL ["/bin/sh", "-c"]',
      'RUN echo back to sh',
    ].join('\n'));
    const jobs = shellcheckJobs(doc);
    assert.deepEqual(jobs.map((j) => [j.instr.range.line, j.shell, j.script]), [[6, 'sh', 'echo $z'], [10, 'sh', 'echo back to sh']]);
  });

  it('honours # hadolint shell= from its line on, and SHELL after it', () => {
    const doc = parseDockerfile([
      '# hadolint shell=bash',
      'FROM a',
      'RUN echo one',
      '# hadolint shell=powershell',
      'RUN Write-Host two',
      '# hadolint shell=ksh',
      'RUN echo three',
      'SHELL ["/bin/dash", "-c"]',
      'RUN echo four',
      'FROM b',
      'RUN echo five',
    ].join('\n'));
    assert.deepEqual(shellcheckJobs(doc).map((j) => [j.script, j.shell]), [['echo one', 'bash'], ['echo three', 'ksh'], ['echo four', 'dash'], ['echo five', 'ksh']]);
  });

  it('a stage FROM an earlier stage keeps its shell and names; other stages start afresh', () => {
    const doc = parseDockerfile([
      'ARG GLOBAL=1',
      'FROM a AS base',
      'SHELL ["/bin/bash", "-c"]',
      'ARG V',
      'FROM base AS child',
      'ENV W=2',
      'RUN echo $V $W',
      'FROM c',
      'RUN echo $V',
    ].join('\n'));
    const jobs = shellcheckJobs(doc);
    assert.deepEqual(jobs.map((j) => j.input), ['#!/bin/bash\nexport V=1 W=1\necho $V $W\n', '#!/bin/sh\necho $V\n']);
  });

  it('with the backquote escape and no SHELL (a Windows image) nothing is checked', () => {
    assert.deepEqual(shellcheckJobs(parseDockerfile('# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN dir c:\\\n')), []);
  });

  it('maps recorded findings back through the continuation to Dockerfile lines and columns', () => {
    const doc = parseDockerfile(DOCKERFILE);
    const [job] = shellcheckJobs(doc);
    const problems = problemsFromComments(job, RECORDED);
    assert.deepEqual(problems.map((p) => [p.code, p.level, p.line, p.column, p.endLine, p.endColumn]), [
      ['SC2154', 'warning', 4, 26, 4, 28],
      ['SC2086', 'info', 4, 26, 4, 28],
      ['SC2046', 'warning', 5, 9, 5, 14],
      ['SC2006', 'style', 5, 9, 5, 14],
    ]);
    assert.equal(DOCKERFILE.split('\n')[3].slice(25, 27), '$y');
    assert.equal(DOCKERFILE.split('\n')[4].slice(8, 13), '`pwd`');
  });

  it('drops findings on the lines it added and malformed entries', () => {
    const [job] = shellcheckJobs(parseDockerfile(DOCKERFILE));
    const junk = [{ ...RECORDED[0], line: 1, endLine: 1 }, { ...RECORDED[0], level: 'fatal' }, { ...RECORDED[0], line: 9, endLine: 9 }];
    assert.deepEqual(problemsFromComments(job, junk), []);
    assert.equal(parseJson1('not json'), null);
    assert.equal(parseJson1('{"comments": 3}'), null);
    assert.deepEqual(parseJson1('{"comments": [{"line": "x"}]}'), []);
  });

  it('default exclusions, .hadolint.yaml, settings and pragmas apply to SC codes', () => {
    const base = { line: 4, column: 1, endLine: 4, endColumn: 2, message: 'm' };
    const doc = parseDockerfile(DOCKERFILE);
    const found = [
      { ...base, code: 'SC1091', level: 'info' as const },
      { ...base, code: 'SC2187', level: 'warning' as const },
      { ...base, code: 'SC2086', level: 'info' as const },
      { ...base, code: 'SC2046', level: 'warning' as const },
    ];
    assert.deepEqual(finishShellcheckProblems(doc, found).map((p) => p.code), ['SC2046', 'SC2086']);
    const cfg = finishShellcheckProblems(doc, found, { config: { ignored: ['SC2046'], override: { error: ['SC2086'] } } });
    assert.deepEqual(cfg.map((p) => [p.code, p.level]), [['SC2086', 'error']]);
    assert.deepEqual(finishShellcheckProblems(doc, found, { ignore: ['sc2086'], severityOverrides: { SC2046: 'style' } }).map((p) => [p.code, p.level]), [['SC2046', 'style']]);
    const pragma = parseDockerfile(DOCKERFILE.replace('ENV X=1\n', 'ENV X=1\n# hadolint ignore=SC2086\n'));
    const moved = found.map((p) => ({ ...p, line: 5, endLine: 5 }));
    assert.deepEqual(finishShellcheckProblems(pragma, moved).map((p) => p.code), ['SC2046']);
    const global = parseDockerfile('# hadolint global ignore=SC2046\n' + DOCKERFILE);
    assert.deepEqual(finishShellcheckProblems(global, moved).map((p) => p.code), ['SC2086']);
  });
});

describe('ShellCheck runner', () => {
  let tmp: string;
  beforeEach(() => { tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mlc-sc-')); });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  /** A stand-in executable: a shell script that answers like shellcheck (after `body`). */
  function fake(body: string): string {
    const f = path.join(tmp, `fake-${Math.random().toString(36).slice(2)}`);
    fs.writeFileSync(f, `#!/bin/sh\nif [ "$1" = --version ]; then echo "version: 9.9.9"; exit 0; fi\ncat > /dev/null\n${body}\necho '{"comments":[]}'\n`, { mode: 0o755 });
    return f;
  }

  it('the real shellcheck finds what the recorded run found, at the same places', async function () {
    if (!HAS_SHELLCHECK) this.skip();
    const runner = new ShellcheckRunner();
    const doc = parseDockerfile(DOCKERFILE);
    const problems = await runner.problems(doc);
    const [job] = shellcheckJobs(doc);
    assert.deepEqual(problems, finishShellcheckProblems(doc, problemsFromComments(job, RECORDED)));
  });

  it('real shellcheck: sh semantics by default, excluded codes left out, pragma ignore honoured', async function () {
    if (!HAS_SHELLCHECK) this.skip();
    const runner = new ShellcheckRunner();
    const text = 'FROM a\nRUN source ./env.sh && [[ -f x ]]\n# hadolint ignore=SC3010\nRUN [[ -f y ]] && echo ok\n';
    const codes = (await runner.problems(parseDockerfile(text))).map((p) => `${p.line}:${p.code}`);
    assert.ok(codes.includes('2:SC3046'), codes.join(' ')); // `source` is not POSIX sh
    assert.ok(codes.includes('2:SC3010'), codes.join(' ')); // nor [[ ]]
    assert.ok(!codes.some((c) => c.endsWith('SC1091')), codes.join(' '));
    assert.ok(!codes.includes('4:SC3010'), codes.join(' '));
  });

  it('caches per shell and script, and runs the same script once when asked twice at once', async () => {
    const runner = new ShellcheckRunner({ command: fake('') });
    const doc = parseDockerfile('FROM a\nRUN echo 1\nRUN echo 2\nRUN echo 1\n');
    await Promise.all([runner.problems(doc), runner.problems(doc)]);
    const after = runner.spawned;
    assert.equal(after, 3); // --version, then two distinct scripts
    await runner.problems(doc);
    assert.equal(runner.spawned, after);
    await runner.problems(parseDockerfile('FROM a\nSHELL ["bash", "-c"]\nRUN echo 1\n'));
    assert.equal(runner.spawned, after + 1);
  });

  it('never runs more processes than its limit', async () => {
    const runner = new ShellcheckRunner({ command: fake('sleep 0.05'), concurrency: 2 });
    let peak = 0;
    const orig = (runner as unknown as { release(): void }).release.bind(runner);
    (runner as unknown as { release(): void }).release = () => {
      peak = Math.max(peak, (runner as unknown as { running: number }).running);
      orig();
    };
    const doc = parseDockerfile('FROM a\n' + Array.from({ length: 7 }, (_, i) => `RUN echo ${i}\n`).join(''));
    await runner.problems(doc);
    assert.equal(runner.spawned, 8);
    assert.equal(peak, 2);
  });

  it('a run over the time limit is killed and reported, the rest goes on', async () => {
    const errors: string[] = [];
    const runner = new ShellcheckRunner({ command: fake('sleep 30'), timeoutMs: 300, onError: (m) => errors.push(m) });
    assert.deepEqual(await runner.problems(parseDockerfile('FROM a\nRUN echo $x\n')), []);
    assert.equal(errors.length, 1);
    assert.match(errors[0], /took longer than 300 ms/);
  });

  it('an abort cancels queued and running checks', async () => {
    const runner = new ShellcheckRunner({ command: fake('sleep 30'), concurrency: 1 });
    await runner.version();
    const ac = new AbortController();
    const pending = runner.problems(parseDockerfile('FROM a\nRUN echo 1\nRUN echo 2\n'), {}, ac.signal);
    setImmediate(() => ac.abort());
    await assert.rejects(pending, ShellcheckAbortError);
  });

  it('without the binary nothing is reported and nothing throws', async () => {
    const runner = new ShellcheckRunner({ command: path.join(tmp, 'no-such-shellcheck') });
    assert.equal(await runner.version(), null);
    assert.deepEqual(await runner.problems(parseDockerfile(DOCKERFILE)), []);
  });
});
