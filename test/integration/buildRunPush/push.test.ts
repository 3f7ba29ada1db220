import * as assert from 'assert';
import * as fs from 'fs';
import * as http from 'http';
import * as path from 'path';
import { runBuild } from '../../../src/docker/build/build';
import { findCredentials, toEngineAuth } from '../../../src/docker/credentials';
import { PushError, pushImage, tagImage } from '../../../src/docker/push/push';
import { globalRedactor } from '../../../src/docker/push/redact';
import { BUSYBOX_PREAMBLE, busyboxContext, docker, ON_PODMAN, requireEnv, tmpDir } from './helpers';

const LOCAL = 'mlc-it/push-src:1';

/** HEAD the manifest on the registry (with basic auth): proves the push really landed. */
function manifestStatus(registry: string, repo: string, tag: string, user?: string, pass?: string): Promise<number> {
  const [host, port] = registry.split(':');
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { Accept: 'application/vnd.docker.distribution.manifest.v2+json' };
    if (user) headers.Authorization = 'Basic ' + Buffer.from(`${user}:${pass}`).toString('base64');
    http.request({ host, port: Number(port), method: 'HEAD', path: `/v2/${repo}/manifests/${tag}`, headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    }).on('error', reject).end();
  });
}

function configDirWith(cfg: object): string {
  const dir = tmpDir('dockercfg');
  fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify(cfg), { mode: 0o600 });
  return dir;
}

describe('push (real engine + registry with htpasswd)', function () {
  this.timeout(60000);
  const d = docker();
  const reg = requireEnv('ML_TEST_REGISTRY');
  const user = requireEnv('ML_TEST_REGISTRY_USER');
  const pass = requireEnv('ML_TEST_REGISTRY_PASSWORD');

  before(async () => {
    const ctx = busyboxContext('push-img', { 'weights.txt': `w-${Date.now()}\n` });
    fs.writeFileSync(path.join(ctx, 'Dockerfile'), `${BUSYBOX_PREAMBLE}COPY weights.txt /weights.txt\n`);
    await runBuild(d, { dockerfile: path.join(ctx, 'Dockerfile'), context: ctx, tags: [LOCAL], network: 'none' });
  });

  it('pushes with credentials from config.json auths', async () => {
    const cfg = configDirWith({ auths: { [`http://${reg}/v2/`]: { auth: Buffer.from(`${user}:${pass}`).toString('base64') } } });
    const cred = await findCredentials(reg, { configDir: cfg, env: {} });
    assert.strictEqual(cred?.source, 'config.json auths');
    const target = `${reg}/team/model:auths`;
    await tagImage(d, LOCAL, target);
    const layers: string[] = [];
    const r = await pushImage(d, target, toEngineAuth(cred!), { onLayer: (l) => layers.push(`${l.id} ${l.status}`) });
    assert.match(r.digest ?? '', /^sha256:/);
    // Podman's compatible API reports no per-layer progress, only the final digest.
    if (!ON_PODMAN) assert.ok(layers.some((l) => / Pushed$| Layer already exists$/.test(l)), layers.join('\n'));
    assert.strictEqual(await manifestStatus(reg, 'team/model', 'auths', user, pass), 200);
  });

  it('pushes with credentials from a credential helper on PATH (docker-credential-mltest, no shell)', async () => {
    const bin = tmpDir('helper-bin');
    const log = path.join(bin, 'calls.log');
    // The helper prints the secret only when asked for our registry, and records the server URL it got on stdin.
    fs.writeFileSync(path.join(bin, 'docker-credential-mltest'),
      `#!/bin/sh\n[ "$1" = get ] || exit 2\nread url\necho "$url" >> '${log}'\n` +
      `if [ "$url" = '${reg}' ]; then printf '{"ServerURL":"%s","Username":"%s","Secret":"%s"}' "$url" '${user}' '${pass}'; ` +
      `else echo 'credentials not found in native keychain'; exit 1; fi\n`, { mode: 0o755 });
    const cfg = configDirWith({ credHelpers: { [reg]: 'mltest' } });
    const env = { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}` };
    const cred = await findCredentials(reg, { configDir: cfg, env });
    assert.strictEqual(cred?.source, 'credential helper "mltest"');
    assert.deepStrictEqual(fs.readFileSync(log, 'utf8').trim().split('\n'), [reg]);
    const target = `${reg}/team/model:helper`;
    await tagImage(d, LOCAL, target);
    await pushImage(d, target, toEngineAuth(cred!));
    assert.strictEqual(await manifestStatus(reg, 'team/model', 'helper', user, pass), 200);
  });

  it('bad credentials: a clear 401 message and the secret appears in no output, log or error', async () => {
    const badPassword = `wrong-${pass.slice(0, 6)}-Zq9x7`;
    const cfg = configDirWith({ auths: { [reg]: { auth: Buffer.from(`${user}:${badPassword}`).toString('base64') } } });
    const cred = await findCredentials(reg, { configDir: cfg, env: {} });
    const target = `${reg}/team/model:bad`;
    await tagImage(d, LOCAL, target);
    const output: string[] = [];
    const err = await pushImage(d, target, toEngineAuth(cred!), { onLog: (t) => output.push(t), onLayer: (l) => output.push(JSON.stringify(l)) })
      .then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof PushError, `expected PushError, got ${String(err)}`);
    assert.strictEqual(err.code, 'unauthorized');
    assert.match(err.message, /refused the credentials \(401 unauthorized\)/);
    const everything = [...output, err.message, String(err.stack), JSON.stringify(err), globalRedactor.redact(`debug: ${badPassword}`)].join('\n');
    const b64 = Buffer.from(`${user}:${badPassword}`).toString('base64');
    for (const secret of [badPassword, b64, pass]) assert.ok(!everything.includes(secret), `a secret leaked into the output`);
    assert.strictEqual(await manifestStatus(reg, 'team/model', 'bad', user, pass), 404);
  });

  it('no credentials on the auth registry → clear 401; the open registry needs none', async () => {
    const target = `${reg}/team/model:anon`;
    await tagImage(d, LOCAL, target);
    const err = await pushImage(d, target, undefined).then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof PushError && err.code === 'unauthorized', String(err));
    const open = requireEnv('ML_TEST_OPEN_REGISTRY');
    await tagImage(d, LOCAL, `${open}/pub/model:1`);
    const r = await pushImage(d, `${open}/pub/model:1`, undefined);
    assert.match(r.digest ?? '', /^sha256:/);
    assert.strictEqual(await manifestStatus(open, 'pub/model', '1'), 200);
  });

  it('rejects an invalid target reference before touching the engine', async () => {
    const err = await tagImage(d, LOCAL, `${reg}/Team/Model:1`).then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof PushError && err.code === 'invalidReference', String(err));
    assert.match((err as Error).message, /lowercase/);
  });
});
