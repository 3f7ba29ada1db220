import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { formatSarif, sarifUri } from '../../../src/cli/format';
import { run, type CliIo } from '../../../src/cli/main';
import { ShellcheckRunner } from '../../../src/lint/shellcheckRun';

async function cli(args: string[], cwd?: string, extra: Partial<CliIo> = {}) {
  let out = '';
  let err = '';
  const old = process.cwd();
  if (cwd) process.chdir(cwd);
  try {
    const code = await run(args, { stdout: (s) => { out += s; }, stderr: (s) => (err += s), isTTY: false, version: 'test', shellcheck: null, ...extra });
    return { code, out, err };
  } finally {
    process.chdir(old);
  }
}

describe('ml-containers-lint CLI', () => {
  let tmp: string;
  let df: string;
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mlc-cli-'));
    df = path.join(tmp, 'Dockerfile');
    fs.writeFileSync(df, 'FROM ubuntu:24.04\nRUN apt install -y curl\nBOGUS x\n');
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('prints hadolint-style lines and exits 1 on findings', async () => {
    const r = await cli([df], tmp);
    assert.equal(r.code, 1);
    assert.match(r.out, /Dockerfile:2:5 DL3027 warning: /);
    assert.match(r.out, /Dockerfile:3:1 DL1000 error: Unknown instruction "BOGUS"/);
  });

  it('json has hadolint field names plus end positions', async () => {
    const r = await cli(['--format', 'json', df], tmp);
    const items = JSON.parse(r.out) as Record<string, unknown>[];
    const apt = items.find((i) => i.code === 'DL3027')!;
    assert.deepEqual(Object.keys(apt).sort(), ['code', 'column', 'endColumn', 'endLine', 'file', 'level', 'line', 'message']);
    assert.equal(apt.file, df);
    assert.equal(apt.line, 2);
  });

  it('sarif is 2.1.0 with rules, levels and regions', async () => {
    const r = await cli(['--format=sarif', df], tmp);
    const s = JSON.parse(r.out);
    assert.equal(s.version, '2.1.0');
    const res = s.runs[0].results as { ruleId: string; level: string; locations: { physicalLocation: { region: { startLine: number } } }[] }[];
    const rules = s.runs[0].tool.driver.rules as { id: string }[];
    assert.ok(res.length >= 2);
    for (const x of res) {
      assert.ok(rules.some((ru) => ru.id === x.ruleId));
      assert.ok(['error', 'warning', 'note'].includes(x.level));
      assert.ok(x.locations[0].physicalLocation.region.startLine >= 1);
    }
  });

  it('failure threshold decides the exit code', async () => {
    fs.writeFileSync(df, 'FROM ubuntu:24.04\nRUN apt install -y curl\n');
    assert.equal((await cli(['--failure-threshold', 'error', df], tmp)).code, 0);
    assert.equal((await cli(['--failure-threshold', 'warning', df], tmp)).code, 1);
    assert.equal((await cli(['--failure-threshold', 'none', df], tmp)).code, 0);
  });

  it('reads .hadolint.yaml from the working folder and --config', async () => {
    fs.writeFileSync(df, 'FROM ubuntu:24.04\nRUN apt install -y curl\n');
    fs.writeFileSync(path.join(tmp, '.hadolint.yaml'), 'ignored: [DL3027]\n');
    assert.doesNotMatch((await cli([df], tmp)).out, /DL3027/);
    const other = path.join(tmp, 'strict.yaml');
    fs.writeFileSync(other, 'override:\n  error: [DL3027]\n');
    assert.match((await cli(['--config', other, df], tmp)).out, /DL3027 error/);
  });

  it('usage errors and unreadable files exit 2 with one line, no stack', async () => {
    for (const args of [[], ['--format', 'xml', df], ['--bogus', df], ['--config'], ['-f'], ['--shellcheck', 'maybe', df], ['--failure-threshold', 'loud', df], ['-x', df], [path.join(tmp, 'missing')], [tmp]]) {
      const r = await cli(args, tmp);
      assert.equal(r.code, 2, JSON.stringify(args));
      assert.ok(r.err.startsWith('ml-containers-lint: '), r.err);
      assert.equal(r.err.split('\n').filter(Boolean).length, 1, r.err);
      assert.doesNotMatch(r.err, /\n\s+at /);
    }
  });

  it('a malformed config is one clear line, exit 2', async () => {
    fs.writeFileSync(path.join(tmp, '.hadolint.yaml'), 'ignored: [DL3008\n');
    const r = await cli([df], tmp);
    assert.equal(r.code, 2);
    assert.match(r.err, /\.hadolint\.yaml:\d+:\d+: YAML error/);
  });

  it('the bundled dist/cli.js runs and reads standard input', function () {
    const bin = path.join(__dirname, '../../../dist/cli.js');
    if (!fs.existsSync(bin)) this.skip();
    const p = spawnSync(process.execPath, [bin, '--format', 'json', '-'], { input: 'FROM ubuntu:24.04\nRUN apt install -y curl\n', encoding: 'utf8' });
    assert.equal(p.status, 1, p.stderr);
    assert.ok((JSON.parse(p.stdout) as { code: string }[]).some((x) => x.code === 'DL3027'));
  });

  it('a usage error names the option in one short line', async () => {
    assert.equal((await cli(['--bogus', df], tmp)).err, 'ml-containers-lint: unknown option --bogus (ml-containers-lint --help shows the usage)\n');
    assert.equal((await cli(['--format'], tmp)).err, 'ml-containers-lint: option --format needs a value (ml-containers-lint --help shows the usage)\n');
  });

  it('a UTF-8 byte order mark is ignored; UTF-16 gets one clear finding', async () => {
    fs.writeFileSync(df, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('FROM ubuntu:24.04\nRUN apt install -y curl\n')]));
    const bom = JSON.parse((await cli(['--format', 'json', df], tmp)).out) as { code: string; line: number; column: number }[];
    assert.deepEqual(bom.map((p) => [p.code, p.line, p.column]), [['DL3027', 2, 5]]);
    for (const enc of ['utf16le', 'utf16be'] as const) {
      const text = Buffer.from('\ufeffFROM ubuntu:24.04\nRUN apt install -y curl\n', 'utf16le');
      if (enc === 'utf16be') text.swap16();
      fs.writeFileSync(df, text);
      const r = await cli(['--format', 'json', df], tmp);
      const items = JSON.parse(r.out) as { code: string; message: string; line: number }[];
      assert.equal(items.length, 1, enc);
      assert.equal(items[0].code, 'DL1000');
      assert.match(items[0].message, /UTF-16/);
      assert.equal(r.code, 1);
    }
    fs.writeFileSync(df, Buffer.from('FROM ubuntu:24.04\n', 'utf16le')); // no byte order mark: NULs
    assert.match((await cli([df], tmp)).out, /DL1000 error: This file is UTF-16/);
  });

  it('devices and oversized inputs are refused in one line', async () => {
    const r = await cli(['/dev/zero'], tmp);
    assert.equal(r.code, 2);
    assert.match(r.err, /^ml-containers-lint: cannot read \/dev\/zero: larger than 16 MiB, not a Dockerfile\n$/);
  });

  it('SARIF is typed 2.1.0 with file URLs made by pathToFileURL', async () => {
    assert.equal(sarifUri('C:\\work\\my app\\Dockerfile', 'win32'), 'file:///C:/work/my%20app/Dockerfile');
    assert.equal(sarifUri('/work/my app/Dockerfile', 'linux'), 'file:///work/my%20app/Dockerfile');
    assert.equal(sarifUri('sub\\Docker file', 'win32'), 'sub/Docker%20file');
    assert.equal(sarifUri('sub/Dockerfile', 'linux'), 'sub/Dockerfile');
    assert.equal(sarifUri('-', 'linux'), 'stdin');
    const s = JSON.parse((await cli(['--format', 'sarif', df], tmp)).out) as { runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
    assert.equal(s.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri, 'file://' + df);
  });

  it('SARIF output comes in bounded chunks, so no single string holds it all', async () => {
    const message = 'x'.repeat(6000);
    const problems = Array.from({ length: 100_000 }, (_, i) => ({ code: 'DL3008', level: 'warning' as const, message, line: i + 1, column: 1, endLine: i + 1, endColumn: 2 }));
    let total = 0;
    let largest = 0;
    let chunks = 0;
    let head = '';
    for (const chunk of formatSarif([{ file: 'Dockerfile', problems }], 'test')) {
      if (chunks === 0) head = chunk.slice(0, 200);
      total += chunk.length;
      largest = Math.max(largest, chunk.length);
      chunks++;
    }
    assert.ok(total > 2 ** 29, `total ${total}`); // more than V8's largest string
    assert.ok(largest < 1024 * 1024, `largest chunk ${largest}`);
    assert.match(head, /"version": "2.1.0"/);
  });

  it('streamed JSON and SARIF are still one valid document', async () => {
    fs.writeFileSync(df, 'FROM ubuntu:24.04\n' + 'RUN apt install -y curl\n'.repeat(3000));
    const json = JSON.parse((await cli(['--format', 'json', df], tmp)).out) as unknown[];
    assert.ok(json.length >= 3000, String(json.length)); // at least one DL3027 per RUN
    const sarif = JSON.parse((await cli(['--format', 'sarif', df], tmp)).out) as { runs: { results: unknown[] }[] };
    assert.equal(sarif.runs[0].results.length, json.length);
  });

  it('--shellcheck auto adds SC findings; off leaves them out', async function () {
    if (spawnSync('shellcheck', ['--version']).status !== 0) this.skip();
    fs.writeFileSync(df, 'FROM ubuntu:24.04\nRUN echo $1 && cd /tmp\n');
    const on = await cli(['--format', 'json', df], tmp, { shellcheck: new ShellcheckRunner() });
    const codes = (JSON.parse(on.out) as { code: string; line: number; column: number }[]).map((p) => `${p.code}@${p.line}:${p.column}`);
    assert.ok(codes.includes('SC2086@2:10'), codes.join(' '));
    assert.ok(codes.includes('SC2164@2:16'), codes.join(' '));
    const off = await cli(['--shellcheck', 'off', '--format', 'json', df], tmp, { shellcheck: new ShellcheckRunner() });
    assert.ok(!(JSON.parse(off.out) as { code: string }[]).some((p) => p.code.startsWith('SC')));
  });

  describe('the built CLI as a child process', () => {
    const bin = path.join(__dirname, '../../../dist/cli.js');
    before(function () {
      if (!fs.existsSync(bin)) this.skip();
    });

    it('reading only the first lines (| head) ends quietly', async () => {
      fs.writeFileSync(df, 'FROM ubuntu:24.04\n' + 'BOGUS x\n'.repeat(20000));
      const child = spawn(process.execPath, [bin, '--shellcheck', 'off', df], { stdio: ['ignore', 'pipe', 'pipe'] });
      let err = '';
      child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
      child.stdout.once('data', () => child.stdout.destroy());
      const [code, signal] = await new Promise<[number | null, string | null]>((resolve) => child.on('close', (c, s) => resolve([c, s])));
      assert.equal(err, '');
      assert.equal(signal, null);
      assert.equal(code, 1); // the findings still decide the exit code
    });

    it('a full disk is one line and exit 2', function () {
      if (!fs.existsSync('/dev/full')) this.skip();
      fs.writeFileSync(df, 'FROM ubuntu:24.04\n' + 'BOGUS x\n'.repeat(2000));
      const out = fs.openSync('/dev/full', 'w');
      try {
        const p = spawnSync(process.execPath, [bin, '--shellcheck', 'off', df], { stdio: ['ignore', out, 'pipe'], encoding: 'utf8' });
        assert.equal(p.status, 2);
        assert.equal(p.stderr, 'ml-containers-lint: cannot write the report: no space left on the device\n');
      } finally {
        fs.closeSync(out);
      }
    });

    it('a usage error is exactly one line on stderr', () => {
      const p = spawnSync(process.execPath, [bin, '--nope'], { encoding: 'utf8' });
      assert.equal(p.status, 2);
      assert.equal(p.stdout, '');
      assert.equal(p.stderr.split('\n').length, 2);
      assert.match(p.stderr, /^ml-containers-lint: unknown option --nope/);
    });

    it('SARIF over standard output is valid JSON', () => {
      fs.writeFileSync(df, 'FROM ubuntu:24.04\nRUN apt install -y curl\n');
      const p = spawnSync(process.execPath, [bin, '--format', 'sarif', df], { encoding: 'utf8' });
      assert.equal(p.status, 1, p.stderr);
      const s = JSON.parse(p.stdout) as { version: string; runs: { results: { ruleId: string }[] }[] };
      assert.equal(s.version, '2.1.0');
      assert.ok(s.runs[0].results.some((r) => r.ruleId === 'DL3027'));
    });
  });
});
