import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { run } from '../../../src/cli/main';

function cli(args: string[], cwd?: string) {
  let out = '';
  let err = '';
  const old = process.cwd();
  if (cwd) process.chdir(cwd);
  try {
    const code = run(args, { stdout: (s) => (out += s), stderr: (s) => (err += s), isTTY: false, version: 'test' });
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

  it('prints hadolint-style lines and exits 1 on findings', () => {
    const r = cli([df], tmp);
    assert.equal(r.code, 1);
    assert.match(r.out, /Dockerfile:2:5 DL3027 warning: /);
    assert.match(r.out, /Dockerfile:3:1 DL1000 error: Unknown instruction "BOGUS"/);
  });

  it('json has hadolint field names plus end positions', () => {
    const r = cli(['--format', 'json', df], tmp);
    const items = JSON.parse(r.out) as Record<string, unknown>[];
    const apt = items.find((i) => i.code === 'DL3027')!;
    assert.deepEqual(Object.keys(apt).sort(), ['code', 'column', 'endColumn', 'endLine', 'file', 'level', 'line', 'message']);
    assert.equal(apt.file, df);
    assert.equal(apt.line, 2);
  });

  it('sarif is 2.1.0 with rules, levels and regions', () => {
    const r = cli(['--format=sarif', df], tmp);
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

  it('failure threshold decides the exit code', () => {
    fs.writeFileSync(df, 'FROM ubuntu:24.04\nRUN apt install -y curl\n');
    assert.equal(cli(['--failure-threshold', 'error', df], tmp).code, 0);
    assert.equal(cli(['--failure-threshold', 'warning', df], tmp).code, 1);
    assert.equal(cli(['--failure-threshold', 'none', df], tmp).code, 0);
  });

  it('reads .hadolint.yaml from the working folder and --config', () => {
    fs.writeFileSync(df, 'FROM ubuntu:24.04\nRUN apt install -y curl\n');
    fs.writeFileSync(path.join(tmp, '.hadolint.yaml'), 'ignored: [DL3027]\n');
    assert.doesNotMatch(cli([df], tmp).out, /DL3027/);
    const other = path.join(tmp, 'strict.yaml');
    fs.writeFileSync(other, 'override:\n  error: [DL3027]\n');
    assert.match(cli(['--config', other, df], tmp).out, /DL3027 error/);
  });

  it('usage errors and unreadable files exit 2 with one line, no stack', () => {
    for (const args of [[], ['--format', 'xml', df], ['--bogus', df], [path.join(tmp, 'missing')], [tmp]]) {
      const r = cli(args, tmp);
      assert.equal(r.code, 2, JSON.stringify(args));
      assert.ok(r.err.startsWith('ml-containers-lint: '), r.err);
      assert.doesNotMatch(r.err, /\n\s+at /);
    }
  });

  it('a malformed config is one clear line, exit 2', () => {
    fs.writeFileSync(path.join(tmp, '.hadolint.yaml'), 'ignored: [DL3008\n');
    const r = cli([df], tmp);
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
});
