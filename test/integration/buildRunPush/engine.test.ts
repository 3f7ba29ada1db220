// The same operations through the Engine interface (DockerodeEngine), as the extension calls them.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DockerodeEngine } from '../../../src/docker/dockerodeEngine';
import { resolveEndpoint } from '../../../src/docker/endpoint';
import { EngineError } from '../../../src/docker/errors';
import { findCredentials, toEngineAuth } from '../../../src/docker/credentials';
import { BUSYBOX_PREAMBLE, busyboxContext, ON_PODMAN, requireEnv, tmpDir } from './helpers';

describe('build / run / push through the Engine interface', function () {
  this.timeout(60000);
  const engine = new DockerodeEngine(resolveEndpoint({ env: process.env, homeDir: os.homedir() }));
  after(() => engine.dispose());

  it('builds, runs with a bind mount and pushes with config.json credentials', async () => {
    const ctx = busyboxContext('engine');
    fs.writeFileSync(path.join(ctx, 'Dockerfile'), `${BUSYBOX_PREAMBLE}RUN echo built > /built.txt\n`);
    const steps: string[] = [];
    const r = await engine.build({ dockerfile: path.join(ctx, 'Dockerfile'), context: ctx, tags: ['mlc-it/engine:1'], network: 'none' },
      { onStep: (s) => steps.push(s.text) });
    assert.strictEqual(r.builder, ON_PODMAN ? 'classic' : 'buildkit');
    assert.deepStrictEqual((await engine.product()).kind, ON_PODMAN ? 'podman' : 'docker');
    assert.ok(steps.includes('RUN echo built > /built.txt'), steps.join(' | '));
    const listed = await engine.listImages();
    assert.ok(listed.some((i) => i.Id === r.imageId && (i.RepoTags ?? []).includes('mlc-it/engine:1')));

    const out = tmpDir('engine-out');
    const run = await engine.run({ image: 'mlc-it/engine:1', network: 'none', mounts: [{ source: out, target: '/out' }], command: ['cp', '/built.txt', '/out/'] });
    assert.strictEqual(await run.wait(), 0);
    assert.strictEqual(fs.readFileSync(path.join(out, 'built.txt'), 'utf8'), 'built\n');
    await engine.removeContainer(run.id, { force: true });

    const reg = requireEnv('ML_TEST_REGISTRY');
    const cfg = tmpDir('engine-cfg');
    const auth = Buffer.from(`${requireEnv('ML_TEST_REGISTRY_USER')}:${requireEnv('ML_TEST_REGISTRY_PASSWORD')}`).toString('base64');
    fs.writeFileSync(path.join(cfg, 'config.json'), JSON.stringify({ auths: { [reg]: { auth } } }));
    await engine.tagImage('mlc-it/engine:1', `${reg}/engine/img`, 'v1');
    const cred = await findCredentials(reg, { configDir: cfg, env: {} });
    const p = await engine.push(`${reg}/engine/img:v1`, toEngineAuth(cred!));
    assert.match(p.digest ?? '', /^sha256:/);
  });

  it('an unreachable engine is an EngineError, not a build failure', async () => {
    const dead = new DockerodeEngine(resolveEndpoint({ env: { DOCKER_HOST: `unix://${tmpDir('nosock')}/docker.sock` }, homeDir: os.homedir() }));
    const ctx = busyboxContext('dead');
    fs.writeFileSync(path.join(ctx, 'Dockerfile'), BUSYBOX_PREAMBLE);
    const err = await dead.build({ dockerfile: path.join(ctx, 'Dockerfile'), context: ctx, tags: ['x:1'] }).then(() => undefined, (e: unknown) => e);
    dead.dispose();
    assert.ok(err instanceof EngineError, String(err));
    assert.strictEqual(err.kind, 'unreachable');
  });
});
