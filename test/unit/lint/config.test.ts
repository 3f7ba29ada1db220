import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { findConfigFile, parseConfig } from '../../../src/lint/config';
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
});
