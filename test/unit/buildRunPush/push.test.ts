import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { findCredentials, runCredentialHelper, toEngineAuth } from '../../../src/docker/credentials';
import { dockerConfigDir } from '../../../src/docker/endpoint';
import { classifyPushError } from '../../../src/docker/push/push';
import { redactText, SecretRedactor } from '../../../src/docker/push/redact';
import { credentialServerUrl, familiarName, normaliseRegistryHost, parseReference, repositoryOf } from '../../../src/docker/reference';

describe('image references', () => {
  const ok: [string, string, string, string | undefined][] = [
    ['ubuntu', 'docker.io', 'library/ubuntu', undefined],
    ['user/model:v1', 'docker.io', 'user/model', 'v1'],
    ['ghcr.io/org/team/model:2024-01', 'ghcr.io', 'org/team/model', '2024-01'],
    ['localhost:5000/x', 'localhost:5000', 'x', undefined],
    ['localhost/x:latest', 'localhost', 'x', 'latest'],
    ['127.0.0.1:5001/a_b__c-d.e:tag_1.0', '127.0.0.1:5001', 'a_b__c-d.e', 'tag_1.0'],
    ['index.docker.io/library/python:3.11', 'docker.io', 'library/python', '3.11'],
    ['registry-1.docker.io/u/x', 'docker.io', 'u/x', undefined],
  ];
  for (const [ref, domain, p, tag] of ok) {
    it(`parses ${ref}`, () => {
      const r = parseReference(ref);
      assert.deepStrictEqual([r.domain, r.path, r.tag], [domain, p, tag]);
    });
  }
  const bad: [string, RegExp][] = [
    ['', /empty/], ['User/Model', /lowercase/], ['x:-bad', /not a valid tag/], ['a//b', /empty repository/],
    ['a-/b', /not a valid repository name/], ['x@sha256:12', /digest/], ['bad_host!:5000/x', /not a valid/],
  ];
  for (const [ref, re] of bad) it(`rejects "${ref}"`, () => assert.throws(() => parseReference(ref), re));
  it('formats familiar names and repositories', () => {
    assert.strictEqual(familiarName(parseReference('docker.io/library/ubuntu:22.04')), 'ubuntu:22.04');
    assert.strictEqual(repositoryOf(parseReference('ghcr.io/o/x:1')), 'ghcr.io/o/x');
  });
  it('normalises registry hosts and config keys, incl. Docker Hub aliases', () => {
    assert.strictEqual(normaliseRegistryHost('https://index.docker.io/v1/'), 'docker.io');
    assert.strictEqual(normaliseRegistryHost('registry-1.docker.io'), 'docker.io');
    assert.strictEqual(normaliseRegistryHost('http://LOCALHOST:5000/v2/'), 'localhost:5000');
    assert.strictEqual(credentialServerUrl('docker.io'), 'https://index.docker.io/v1/');
    assert.strictEqual(credentialServerUrl('https://ghcr.io'), 'ghcr.io');
  });
});

describe('credentials', () => {
  function configDir(cfg: object): string {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), 'mlc-cfg-'));
    fs.writeFileSync(path.join(d, 'config.json'), JSON.stringify(cfg));
    return d;
  }
  it('honours DOCKER_CONFIG', () => {
    assert.strictEqual(dockerConfigDir({ DOCKER_CONFIG: '/x/y', HOME: '/h' }), '/x/y');
    assert.strictEqual(dockerConfigDir({ HOME: '/h' }), '/h/.docker');
  });
  it('reads auths by any key form, incl. identitytoken', async () => {
    const dir = configDir({ auths: {
      'https://index.docker.io/v1/': { auth: Buffer.from('alice:pa:ss').toString('base64') },
      'http://127.0.0.1:5001/v2/': { identitytoken: 'tok-123456' },
    } });
    const hub = await findCredentials('registry-1.docker.io', { configDir: dir });
    assert.deepStrictEqual([hub?.username, hub?.password, hub?.source, hub?.serverAddress], ['alice', 'pa:ss', 'config.json auths', 'https://index.docker.io/v1/']);
    const local = await findCredentials('127.0.0.1:5001', { configDir: dir });
    assert.deepStrictEqual(toEngineAuth(local!), { identitytoken: 'tok-123456', serveraddress: '127.0.0.1:5001' });
    assert.strictEqual(await findCredentials('ghcr.io', { configDir: dir }), undefined);
    assert.strictEqual(await findCredentials('ghcr.io', { configDir: path.join(dir, 'nope') }), undefined);
  });
  it('asks credHelpers for their registry, then credsStore, then auths', async () => {
    const dir = configDir({ credsStore: 'store', credHelpers: { 'ghcr.io': 'gh' }, auths: { 'quay.io': { auth: Buffer.from('q:qpass').toString('base64') } } });
    const calls: string[] = [];
    const runHelper = async (h: string, url: string) => {
      calls.push(`${h} ${url}`);
      if (h === 'gh') return { Username: '<token>', Secret: 'ghp_secret' };
      return url === 'https://index.docker.io/v1/' ? { Username: 'hubuser', Secret: 'hubpass' } : undefined;
    };
    const gh = await findCredentials('ghcr.io', { configDir: dir, runHelper });
    assert.strictEqual(gh?.identityToken, 'ghp_secret');
    const hub = await findCredentials('docker.io', { configDir: dir, runHelper });
    assert.strictEqual(hub?.source, 'credential helper "store"');
    const quay = await findCredentials('quay.io', { configDir: dir, runHelper });
    assert.strictEqual(quay?.password, 'qpass');
    assert.deepStrictEqual(calls, ['gh ghcr.io', 'store https://index.docker.io/v1/', 'store quay.io']);
  });
  it('runs a real helper without a shell, server URL on stdin', async function () {
    if (process.platform === 'win32') this.skip();
    const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'mlc-bin-'));
    const script = path.join(bin, 'docker-credential-unit');
    fs.writeFileSync(script, '#!/bin/sh\nread url\nif [ "$url" = "reg.example:5000" ]; then printf \'{"ServerURL":"%s","Username":"u","Secret":"s3cr3t;$(x)"}\' "$url"; else echo "credentials not found in native keychain"; exit 1; fi\n', { mode: 0o755 });
    const env = { ...process.env, PATH: `${bin}:${process.env.PATH}` };
    assert.deepStrictEqual(await runCredentialHelper('unit', 'reg.example:5000', env), { ServerURL: 'reg.example:5000', Username: 'u', Secret: 's3cr3t;$(x)' });
    assert.strictEqual(await runCredentialHelper('unit', 'other', env), undefined);
    await assert.rejects(runCredentialHelper('missing-helper', 'x', env), /not on PATH/);
    await assert.rejects(runCredentialHelper('../evil', 'x', env), /Invalid credential helper name/);
  });
});

describe('redaction', () => {
  it('masks registered secrets in raw, base64 and JSON-escaped form, and auth headers', () => {
    const r = new SecretRedactor();
    r.addBasic('alice', 'p@ss"word');
    const b64 = Buffer.from('alice:p@ss"word').toString('base64');
    const text = `pw=p@ss"word json="p@ss\\"word" hdr=${b64} Authorization: Basic Zm9vOmJhcg== X-Registry-Auth: eyJhIjoiYiJ9 {"password":"zz","username":"alice"}`;
    const out = r.redact(text);
    assert.ok(!out.includes('p@ss'), out);
    assert.ok(!out.includes(b64), out);
    assert.ok(!out.includes('Zm9vOmJhcg=='), out);
    assert.ok(!out.includes('eyJhIjoiYiJ9'), out);
    assert.ok(out.includes('"username":"alice"'), 'user names stay readable');
    assert.ok(out.includes('"password":"********"'), out);
  });
  it('leaves text without secrets alone', () => {
    assert.strictEqual(redactText('pushing layer abc 12/40 MB', ['secret-value']), 'pushing layer abc 12/40 MB');
  });
});

describe('classifyPushError', () => {
  it('turns 401/403/unknown repository into clear messages', () => {
    assert.strictEqual(classifyPushError('unauthorized: authentication required', 'r', 'r/x').code, 'unauthorized');
    assert.strictEqual(classifyPushError('no basic auth credentials', 'r', 'r/x').code, 'unauthorized');
    assert.strictEqual(classifyPushError('denied: requested access to the resource is denied', 'r', 'r/x').code, 'denied');
    assert.strictEqual(classifyPushError('name unknown: repository name not known to registry', 'r', 'r/x').code, 'unknownRepository');
    assert.match(classifyPushError('denied', 'ghcr.io', 'ghcr.io/o/x').message, /ghcr\.io denied the push to ghcr\.io\/o\/x/);
  });
});
