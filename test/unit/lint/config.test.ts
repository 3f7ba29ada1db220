import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CONFIG_MAX_BYTES, ConfigCache, configPathRefusal, findConfigFile, findConfigFileAsync, loadConfigFile, parseConfig, readConfigFile } from '../../../src/lint/config';
import { lintDockerfile } from '../../../src/lint';

describe('.hadolint.yaml', () => {
  it('reads every hadolint key', () => {
    const { config, errors } = parseConfig([
      'failure-threshold: warning',
      'ignored: [DL3008, ml006]',
      'override:',
      '  error: [DL3027]',
      '  info: [DL3015]',
      'trustedRegistries: [docker.io, nvcr.io]',
      'label-schema:',
      '  maintainer: text',
      '  org.opencontainers.image.source: url',
      'strict-labels: true',
      'no-color: true',
    ].join('\n'));
    assert.deepEqual(errors, []);
    assert.deepEqual(config.ignored, ['DL3008', 'ML006']);
    assert.deepEqual(config.override, { error: ['DL3027'], info: ['DL3015'] });
    assert.deepEqual(config.trustedRegistries, ['docker.io', 'nvcr.io']);
    assert.equal(config['label-schema']?.['org.opencontainers.image.source'], 'url');
    assert.equal(config['strict-labels'], true);
    assert.equal(config['failure-threshold'], 'warning');
  });

  it('an empty file is an empty config', () => {
    assert.deepEqual(parseConfig(''), { config: {}, errors: [] });
    assert.deepEqual(parseConfig('# nothing\n'), { config: {}, errors: [] });
  });

  it('malformed YAML gives one positioned error and no crash', () => {
    const { config, errors } = parseConfig('ignored: [DL3008\noverride: {');
    assert.deepEqual(config, {});
    assert.ok(errors.length >= 1);
    assert.match(errors[0].message, /YAML/);
    assert.ok(errors[0].line >= 1);
  });

  it('wrong shapes are named with their line, valid keys are kept', () => {
    const { config, errors } = parseConfig('ignored: [DL3008, bogus]\noverride:\n  fatal: [DL3000]\nstrict-labels: yes please\nfoo: 1\n');
    assert.deepEqual(config.ignored, ['DL3008']);
    const msgs = errors.map((e) => `${e.line}: ${e.message}`);
    assert.ok(msgs.some((m) => m.startsWith('1:') && m.includes('bogus')), msgs.join('\n'));
    assert.ok(msgs.some((m) => m.startsWith('3:') && m.includes('fatal')), msgs.join('\n'));
    assert.ok(msgs.some((m) => m.startsWith('4:') && m.includes('strict-labels')), msgs.join('\n'));
    assert.ok(msgs.some((m) => m.startsWith('5:') && m.includes('"foo"')), msgs.join('\n'));
  });

  it('a list where a mapping belongs is reported', () => {
    const { errors } = parseConfig('- DL3008\n');
    assert.equal(errors.length, 1);
  });

  it('ignored and override change what the linter reports', () => {
    const text = 'FROM ubuntu:24.04\nRUN apt install -y curl\n';
    assert.equal(lintDockerfile(text).find((p) => p.code === 'DL3027')?.level, 'warning');
    assert.equal(lintDockerfile(text, { config: { override: { error: ['DL3027'] } } }).find((p) => p.code === 'DL3027')?.level, 'error');
    assert.equal(lintDockerfile(text, { config: { ignored: ['DL3027'] } }).find((p) => p.code === 'DL3027'), undefined);
    assert.equal(lintDockerfile(text, { severityOverrides: { DL3027: 'ignore' } }).find((p) => p.code === 'DL3027'), undefined);
    assert.equal(lintDockerfile(text, { ignore: ['dl3027'] }).find((p) => p.code === 'DL3027'), undefined);
  });

  describe('lookup', () => {
    let tmp: string;
    beforeEach(() => { tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mlc-cfg-')); });
    afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

    it('walks up from the Dockerfile folder to the workspace folder', () => {
      const ws = path.join(tmp, 'ws');
      fs.mkdirSync(path.join(ws, 'svc', 'api'), { recursive: true });
      fs.writeFileSync(path.join(ws, '.hadolint.yml'), 'ignored: [DL3008]\n');
      const home = path.join(tmp, 'home');
      assert.equal(findConfigFile(path.join(ws, 'svc', 'api'), ws, home, {}), path.join(ws, '.hadolint.yml'));
      fs.writeFileSync(path.join(ws, 'svc', '.hadolint.yaml'), 'ignored: []\n');
      assert.equal(findConfigFile(path.join(ws, 'svc', 'api'), ws, home, {}), path.join(ws, 'svc', '.hadolint.yaml'));
    });

    it('does not climb above the workspace folder, then tries the user locations', () => {
      fs.writeFileSync(path.join(tmp, '.hadolint.yaml'), 'ignored: []\n');
      const ws = path.join(tmp, 'ws');
      fs.mkdirSync(ws);
      const home = path.join(tmp, 'home');
      fs.mkdirSync(path.join(home, '.config'), { recursive: true });
      assert.equal(findConfigFile(ws, ws, home, {}), null);
      fs.writeFileSync(path.join(home, '.hadolint.yaml'), 'ignored: []\n');
      assert.equal(findConfigFile(ws, ws, home, {}), path.join(home, '.hadolint.yaml'));
      fs.writeFileSync(path.join(home, '.config', 'hadolint.yaml'), 'ignored: []\n');
      assert.equal(findConfigFile(ws, ws, home, {}), path.join(home, '.config', 'hadolint.yaml'));
      const xdg = path.join(tmp, 'xdg');
      fs.mkdirSync(xdg);
      fs.writeFileSync(path.join(xdg, 'hadolint.yml'), 'ignored: []\n');
      assert.equal(findConfigFile(ws, ws, home, { XDG_CONFIG_HOME: xdg }), path.join(xdg, 'hadolint.yml'));
    });
  });

  describe('hostile configs', () => {
    let tmp: string;
    beforeEach(() => { tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mlc-cfg-')); });
    afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

    it('too many aliases is one error and the defaults, not an exception', () => {
      const lines = ['a: &a [DL3008, DL3009]', 'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]', 'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]', 'ignored: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]'];
      const { config, errors } = parseConfig(lines.join('\n'));
      assert.deepEqual(config, {});
      assert.equal(errors.length, 1);
      assert.match(errors[0].message, /aliases/);
    });

    it('a few aliases still work', () => {
      const { config, errors } = parseConfig('x: &codes [DL3008]\nignored: *codes\n');
      assert.deepEqual(config.ignored, ['DL3008']);
      assert.equal(errors.length, 1); // the unknown key "x"
    });

    it('text over the size cap is refused with one error', () => {
      const { config, errors } = parseConfig('#'.repeat(CONFIG_MAX_BYTES + 1));
      assert.deepEqual(config, {});
      assert.equal(errors.length, 1);
      assert.match(errors[0].message, /larger than/);
    });

    it('a key given twice is reported at the second one, the rest is used', () => {
      const { config, errors } = parseConfig('ignored: [DL3008]\nfailure-threshold: error\nignored: [DL3009]\nlabel-schema:\n  a: text\n  a: url\n');
      assert.equal(config['failure-threshold'], 'error');
      const msgs = errors.map((e) => `${e.line}:${e.column} ${e.message}`);
      assert.ok(msgs.some((m) => m.startsWith('3:1 ') && m.includes('"ignored" is given twice')), msgs.join('\n'));
      assert.ok(msgs.some((m) => m.startsWith('6:3 ') && m.includes('"a" is given twice')), msgs.join('\n'));
    });

    it('thousands of problems are listed up to a cap with a count of the rest', () => {
      const text = Array.from({ length: 3000 }, (_, i) => `k${i}: 1`).join('\n');
      const { errors } = parseConfig(text);
      assert.equal(errors.length, 51);
      assert.match(errors[50].message, /2950 more/);
    });

    it('positions of problems deep in a long config are right', () => {
      const lines = ['label-schema:'];
      for (let i = 0; i < 20000; i++) lines.push(`  l${i}: text`);
      lines.push('  last: nonsense');
      const { config, errors } = parseConfig(lines.join('\n'));
      assert.equal(Object.keys(config['label-schema'] ?? {}).length, 20000);
      assert.deepEqual(errors.map((e) => [e.line, e.column]), [[20002, 9]]);
    });

    it('devices, folders and FIFOs are not read (sync and async)', async function () {
      const fifo = path.join(tmp, 'fifo.yaml');
      const made = spawnSync('mkfifo', [fifo]).status === 0;
      for (const f of ['/dev/zero', tmp, ...(made ? [fifo] : [])]) {
        for (const r of [loadConfigFile(f), await readConfigFile(f)]) {
          assert.deepEqual(r.config, {}, f);
          assert.equal(r.errors.length, 1, f);
          assert.match(r.errors[0].message, /not a regular file/, f);
        }
      }
    });

    it('a file over the size cap is refused without reading it whole', async () => {
      const f = path.join(tmp, 'big.yaml');
      fs.writeFileSync(f, 'ignored: [DL3008]\n' + '#'.repeat(2048));
      for (const r of [loadConfigFile(f, 1024), await readConfigFile(f, 1024)]) {
        assert.deepEqual(r.config, {});
        assert.match(r.errors[0].message, /larger than 1 KiB/);
      }
      const ok = await readConfigFile(f);
      assert.deepEqual(ok.config.ignored, ['DL3008']);
    });

    it('UNC and device paths are refused on Windows only', () => {
      for (const p of ['\\\\server\\share\\hadolint.yaml', '//server/share/h.yaml', '\\\\?\\UNC\\server\\x.yaml']) {
        assert.match(configPathRefusal(p, 'win32') ?? '', /network or device path/, p);
      }
      assert.equal(configPathRefusal('C:\\work\\.hadolint.yaml', 'win32'), null);
      assert.equal(configPathRefusal('//tmp/x.yaml', 'linux'), null);
    });

    it('the cache re-reads only when the file changes', async () => {
      const f = path.join(tmp, '.hadolint.yaml');
      fs.writeFileSync(f, 'ignored: [DL3008]\n');
      let reads = 0;
      const cache = new ConfigCache(async (file) => { reads++; return readConfigFile(file); });
      assert.deepEqual((await cache.get(f)).config.ignored, ['DL3008']);
      assert.deepEqual((await cache.get(f)).config.ignored, ['DL3008']);
      assert.equal(reads, 1);
      fs.writeFileSync(f, 'ignored: [DL3008, DL3009]\n');
      fs.utimesSync(f, new Date(), new Date(Date.now() + 5000));
      assert.deepEqual((await cache.get(f)).config.ignored, ['DL3008', 'DL3009']);
      assert.equal(reads, 2);
      fs.rmSync(f);
      assert.match((await cache.get(f)).errors[0].message, /ENOENT/);
    });

    it('async lookup finds what the sync lookup finds', async () => {
      const ws = path.join(tmp, 'ws');
      fs.mkdirSync(path.join(ws, 'a'), { recursive: true });
      fs.writeFileSync(path.join(ws, '.hadolint.yaml'), '');
      const home = path.join(tmp, 'home');
      assert.equal(await findConfigFileAsync(path.join(ws, 'a'), ws, home, {}), findConfigFile(path.join(ws, 'a'), ws, home, {}));
      assert.equal(await findConfigFileAsync(path.join(ws, 'a'), ws, home, {}), path.join(ws, '.hadolint.yaml'));
    });
  });
});
