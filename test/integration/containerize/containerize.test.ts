// Containerize for real: the Flask model API fixture goes through the CLI (`--deps apt`, Debian's
// python3-* packages, since PyPI is not reachable here), the generated Dockerfile is built on the
// private engine on a real Debian + Python base made offline (debootstrap + import, tagged as the
// base the Dockerfile names), the container is started from the generated run profile, and its
// prediction endpoint answers on 127.0.0.1.
// Two things differ from a user's machine, both forced by the test engine: the build uses the host
// network (the engine has no bridge, and apt-get must reach Debian's mirror) and the container runs
// on the host network instead of publishing its port (no bridge to publish from). The port the
// server listens on is the profile's, chosen free by the test with `--port`.
import * as assert from 'assert';
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import type Dockerode from 'dockerode';
import { applyProfile, parseProfiles } from '../../../src/docker/run/profiles';
import { runBuild } from '../../../src/docker/build/build';
import { runContainer } from '../../../src/docker/run/run';
import { lintDockerfile } from '../../../src/lint/index';
import { docker, tmpDir, waitFor } from '../buildRunPush/helpers';

const ROOT = path.join(__dirname, '../../..');
const FIXTURE = path.join(ROOT, 'test/fixtures/containerize/flask-model-api/project');
/** The rootfs tar survives test runs (the engine's images do not): ~2.5 min to make, once. */
const ROOTFS = path.join(process.env.ML_TEST_CACHE_DIR ?? path.join(os.tmpdir(), 'ml-containers-cache'), 'bookworm-python3.tar');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

async function importBase(d: Dockerode, tar: string, ref: string): Promise<void> {
  const [repo, tag] = ref.split(':');
  const stream = await d.importImage(fs.createReadStream(tar) as unknown as string, { repo, tag });
  await new Promise<void>((resolve, reject) => d.modem.followProgress(stream, (err: Error | null) => (err ? reject(err) : resolve())));
}

function post(port: number, route: string, body: unknown): Promise<{ status: number; json: unknown } | undefined> {
  return new Promise((resolve) => {
    const data = JSON.stringify(body);
    const req = http.request({ host: '127.0.0.1', port, path: route, method: 'POST', timeout: 3000, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) } }, (res) => {
      let t = '';
      res.on('data', (c: Buffer) => (t += c.toString()));
      res.on('end', () => {
        try {
          resolve({ status: res.statusCode ?? 0, json: JSON.parse(t) });
        } catch {
          resolve(undefined);
        }
      });
    });
    req.on('error', () => resolve(undefined));
    req.on('timeout', () => req.destroy());
    req.end(data);
  });
}

describe('containerize (real engine): Flask model API from fixture to an answer on 127.0.0.1', function () {
  this.timeout(240000);
  // Run once, on the Docker engine: the offline Debian base is imported there (Podman would try to pull it).
  before(function () {
    if (process.env.ML_TEST_ENGINE === 'podman') this.skip();
  });
  const d = docker();
  const cleanup: string[] = [];
  let dir = '';
  after(async () => {
    for (const id of cleanup) await d.getContainer(id).remove({ force: true }).catch(() => undefined);
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('generates, builds, runs from the profile and predicts', async () => {
    dir = tmpDir('containerize');
    fs.cpSync(FIXTURE, dir, { recursive: true });
    const port = await freePort();
    const image = `mlc-it/flask-model-api:${process.pid}`;

    const cli = spawnSync(process.execPath, ['-r', 'tsx/cjs', path.join(ROOT, 'src/cli/containerize.ts'), 'containerize', dir, '--deps', 'apt', '--port', String(port), '--image', image, '--write'], { cwd: ROOT, encoding: 'utf8' });
    assert.strictEqual(cli.status, 0, cli.stderr);
    const dockerfile = fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8');
    assert.deepStrictEqual(lintDockerfile(dockerfile, { fileName: 'Dockerfile', context: { hasDockerignore: true, unignoredBulk: [] } }), []);
    assert.match(dockerfile, /apt-get install -y --no-install-recommends python3 python3-flask python3-numpy python3-sklearn/);
    const base = /^FROM (\S+)/m.exec(dockerfile)?.[1];
    assert.strictEqual(base, 'debian:bookworm-slim');

    execFileSync('bash', [path.join(__dirname, 'debian-rootfs.sh'), ROOTFS], { stdio: ['ignore', 'ignore', 'inherit'] });
    await importBase(d, ROOTFS, base!);

    const built = await runBuild(d, { dockerfile: path.join(dir, 'Dockerfile'), context: dir, tags: [image], network: 'host', builder: 'auto' });
    assert.match(built.imageId ?? '', /^sha256:/);
    const cfg = (await d.getImage(image).inspect()).Config;
    assert.strictEqual(cfg.User, '10001');
    assert.deepStrictEqual(Object.keys(cfg.ExposedPorts ?? {}), [`${port}/tcp`]);
    assert.ok(cfg.Healthcheck?.Test?.length, 'the image has a HEALTHCHECK');

    const profiles = parseProfiles(fs.readFileSync(path.join(dir, '.vscode/ml-containers.yaml'), 'utf8'), { workspaceFolder: dir, userHome: os.homedir() });
    const profile = profiles.get(image)?.[0];
    assert.ok(profile, `a profile for ${image}`);
    assert.deepStrictEqual(profile.ports, [{ container: port, host: port, hostIp: '127.0.0.1' }]);
    assert.deepStrictEqual(profile.mounts, [{ source: path.join(dir, 'data'), target: '/app/data', readOnly: true }]);
    const started = await runContainer(d, { ...applyProfile(image, profile), network: 'host', name: `mlc-it-containerize-${process.pid}` });
    cleanup.push(started.id);

    const answer = await waitFor('the model API to answer', async () => (await post(port, '/predict', { features: [0.95, 0.9] })) ?? undefined, 60000);
    assert.deepStrictEqual(answer, { status: 200, json: { label: 1 } });
    assert.deepStrictEqual(await post(port, '/predict', { features: [0.05, 0.1] }), { status: 200, json: { label: 0 } });
    // the data folder is mounted read-only where the profile says
    const exec = await d.getContainer(started.id).exec({ Cmd: ['python3', '-c', 'import os; print(sorted(os.listdir("/app/data")))'], AttachStdout: true, AttachStderr: true });
    const out = await new Promise<string>((resolve, reject) => {
      exec.start({}, (err, stream) => {
        if (err || !stream) return reject(err ?? new Error('no stream'));
        let t = '';
        stream.on('data', (c: Buffer) => (t += c.toString('latin1')));
        stream.on('end', () => resolve(t));
      });
    });
    assert.match(out, /\['train\.csv'\]/);
  });
});
