// The generated Deployment, played for real by Podman (`podman kube play`) in a private storage folder:
// the image by digest, the command, env with a Secret reference, a hostPath data folder, /dev/shm and
// the probes from the image's HEALTHCHECK; its port reached on 127.0.0.1, then `podman kube down`
// leaves no pod, container or volume.
//
// What Debian's Podman 4.3 needs that a cluster does not (the test adapts the played copy and says so):
// - every containerPort becomes a port mapping, which Podman refuses on the host and none networks
//   (the only ones allowed here); the pod runs on the host network, so the port is reached directly and
//   the played copy leaves `ports` out. Services are not played by Podman at all.
// - a secretKeyRef reads a Podman secret whose content is JSON of key → base64 value.
import * as assert from 'assert';
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as net from 'net';
import * as path from 'path';
import * as YAML from 'yaml';
import { planExport } from '../../../src/kubernetes/plan';
import { sourceFromProfile } from '../../../src/kubernetes/source';
import { planToYaml } from '../../../src/kubernetes/yaml';

interface Run { code: number; stdout: string; stderr: string }

function hasPodman(): boolean {
  return (process.env.PATH ?? '').split(':').some((d) => d && fs.existsSync(path.join(d, 'podman')));
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

function get(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { timeout: 2000 }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
  });
}

describe('kubernetes export played on a real Podman', function () {
  this.timeout(240_000);
  let dir = '';
  let env: NodeJS.ProcessEnv = {};
  /** The port the image's HEALTHCHECK asks and the first test serves on. */
  let apiPort = 0;
  const podman = (...args: string[]): Promise<Run> => new Promise((resolve) => {
    execFile('podman', args, { env, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
  const ok = async (...args: string[]): Promise<string> => {
    const r = await podman(...args);
    assert.strictEqual(r.code, 0, `podman ${args.join(' ')} failed: ${r.stderr}`);
    return r.stdout;
  };

  before(async function () {
    if (!hasPodman()) {
      console.warn('    podman is not installed (apt-get install podman catatonit): skipped');
      this.skip();
    }
    // Short paths: the run root holds sockets, whose paths have a length limit.
    dir = fs.mkdtempSync('/tmp/mlk.');
    fs.writeFileSync(path.join(dir, 'storage.conf'), `[storage]\ndriver = "vfs"\nrunroot = "${dir}/run"\ngraphroot = "${dir}/root"\n`);
    // Lower default ulimits: without CAP_SYS_RESOURCE every container start fails setting them.
    fs.writeFileSync(path.join(dir, 'containers.conf'), [
      '[containers]', 'default_ulimits = ["nofile=1024:1024", "nproc=1024:1024"]',
      '[engine]', `tmp_dir = "${dir}/tmp"`, `static_dir = "${dir}/root/libpod"`, `volume_path = "${dir}/root/volumes"`, '',
    ].join('\n'));
    env = { ...process.env, CONTAINERS_STORAGE_CONF: path.join(dir, 'storage.conf'), CONTAINERS_CONF: path.join(dir, 'containers.conf') };
    delete env.DOCKER_HOST;
    apiPort = await freePort();
    const port = apiPort;
    const ctx = path.join(dir, 'ctx');
    fs.mkdirSync(ctx);
    fs.copyFileSync(process.env.ML_TEST_BUSYBOX ?? '/bin/busybox', path.join(ctx, 'busybox'));
    fs.writeFileSync(path.join(ctx, 'Dockerfile'), [
      'FROM scratch',
      'COPY busybox /bin/busybox',
      'RUN ["/bin/busybox", "--install", "-s", "/bin"]',
      `HEALTHCHECK --interval=5s --timeout=3s CMD ["/bin/wget", "-q", "-O-", "http://127.0.0.1:${port}/"]`,
      'CMD ["/bin/sh", "-c", "sleep 3600"]', '',
    ].join('\n'));
    // --format docker keeps the HEALTHCHECK (the OCI image format has no field for it).
    await ok('build', '--format', 'docker', '--network', 'none', '-t', 'localhost/mlk-api:1', ctx);
  });

  after(async () => {
    if (!dir) return;
    for (const args of [['pod', 'rm', '--all', '--force'], ['rm', '--all', '--force'], ['volume', 'rm', '--all', '--force'], ['secret', 'rm', '--all'], ['rmi', '--all', '--force']]) await podman(...args);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('plays the generated Deployment, answers on 127.0.0.1, and kube down leaves nothing', async () => {
    const port = apiPort;
    const image = JSON.parse(await ok('image', 'inspect', 'localhost/mlk-api:1'))[0];

    const data = path.join(dir, 'data');
    fs.mkdirSync(data);
    fs.writeFileSync(path.join(data, 'index.html'), 'served from the exported Deployment\n');
    const src = sourceFromProfile('localhost/mlk-api:1', {
      name: 'api',
      ports: [{ container: port }],
      env: { GREETING: 'hello', API_TOKEN: '${secret:API_TOKEN}' },
      mounts: [{ source: data, target: '/data', readOnly: true }],
      shmSize: '64m',
      command: ['httpd', '-f', '-p', `127.0.0.1:${port}`, '-h', '/data'],
    }, image);
    const plan = planExport(src, { kind: 'deployment', name: 'api', volumes: 'hostPath' });
    const text = planToYaml(plan, { file: 'k8s/api.yaml', origin: src.origin });
    const docs = YAML.parseAllDocuments(text).map((d) => d.toJS() as Record<string, any>); // eslint-disable-line @typescript-eslint/no-explicit-any -- parsed manifest
    assert.deepStrictEqual(docs.map((d) => d.kind), ['Deployment', 'Service']);
    const deployment = docs[0];
    const container = deployment.spec.template.spec.containers[0];
    assert.match(container.image, /^localhost\/mlk-api@sha256:[0-9a-f]{64}$/, 'the image by digest');
    assert.deepStrictEqual(container.readinessProbe.exec.command, ['/bin/wget', '-q', '-O-', `http://127.0.0.1:${port}/`], 'probes from the HEALTHCHECK');

    delete container.ports;
    const played = path.join(dir, 'api-played.yaml');
    fs.writeFileSync(played, YAML.stringify(deployment));
    const secretFile = path.join(dir, 'secret.json');
    fs.writeFileSync(secretFile, JSON.stringify({ API_TOKEN: Buffer.from('token-from-secret').toString('base64') }));
    await ok('secret', 'create', `${plan.name}-secrets`, secretFile);

    const play = await podman('kube', 'play', '--network', 'host', played);
    assert.strictEqual(play.code, 0, `kube play failed: ${play.stderr}`);
    try {
      // httpd needs a moment after the container starts: poll the port until it answers (30 s at most).
      const deadline = Date.now() + 30_000;
      let answer: { status: number; body: string } | undefined;
      while (!answer) {
        answer = await get(`http://127.0.0.1:${port}/`).catch(() => undefined);
        if (!answer && Date.now() > deadline) assert.fail(`nothing answered on 127.0.0.1:${port}`);
        if (!answer) await new Promise((r) => setTimeout(r, 200));
      }
      assert.strictEqual(answer.status, 200);
      assert.strictEqual(answer.body, 'served from the exported Deployment\n');

      const name = 'api-pod-0-api';
      const envOut = await ok('exec', name, 'env');
      assert.match(envOut, /^GREETING=hello$/m);
      assert.match(envOut, /^API_TOKEN=token-from-secret$/m, 'the secretKeyRef resolved');
      const mounts = JSON.parse(await ok('inspect', name, '--format', '{{json .Mounts}}')) as { Destination: string; Source: string }[];
      assert.ok(mounts.some((m) => m.Destination === '/dev/shm'), 'the shared-memory volume is mounted');
      assert.ok(mounts.some((m) => m.Destination === '/data' && m.Source === data), 'hostPath is the data folder');
      const health = await podman('healthcheck', 'run', name);
      assert.strictEqual(health.code, 0, `the probe command failed: ${health.stdout}${health.stderr}`);
    } finally {
      await ok('kube', 'down', played);
    }
    assert.strictEqual((await ok('ps', '--all', '--quiet')).trim(), '', 'no container left');
    assert.strictEqual((await ok('pod', 'ps', '--quiet')).trim(), '', 'no pod left');
    assert.strictEqual((await ok('volume', 'ls', '--quiet')).trim(), '', 'no volume left');
  });

  it('plays data and model folders as PersistentVolumeClaims (the default) mounted where the profile had them', async () => {
    const port = await freePort();
    const src = sourceFromProfile('localhost/mlk-api:1', {
      name: 'claims',
      ports: [{ container: port }],
      mounts: [{ source: '/srv/datasets', target: '/data', readOnly: true }, { source: '/srv/out', target: '/outputs' }],
      command: ['httpd', '-f', '-p', `127.0.0.1:${port}`, '-h', '/outputs'],
    });
    const plan = planExport(src, { kind: 'deployment', name: 'claims' });
    const docs = YAML.parseAllDocuments(planToYaml(plan, { file: 'k8s/claims.yaml', origin: src.origin })).map((d) => d.toJS() as Record<string, any>); // eslint-disable-line @typescript-eslint/no-explicit-any -- parsed manifest
    assert.deepStrictEqual(docs.map((d) => d.kind), ['Deployment', 'Service', 'PersistentVolumeClaim', 'PersistentVolumeClaim']);
    delete docs[0].spec.template.spec.containers[0].ports;
    const played = path.join(dir, 'claims-played.yaml');
    fs.writeFileSync(played, [docs[2], docs[3], docs[0]].map((d) => YAML.stringify(d)).join('---\n'));
    const play = await podman('kube', 'play', '--network', 'host', played);
    assert.strictEqual(play.code, 0, `kube play failed: ${play.stderr}`);
    try {
      assert.deepStrictEqual((await ok('volume', 'ls', '--format', '{{.Name}}')).trim().split('\n').sort(), ['claims-data', 'claims-outputs']);
      const name = 'claims-pod-0-claims';
      await ok('exec', name, 'sh', '-c', 'echo written-to-the-claim > /outputs/index.html');
      const deadline = Date.now() + 30_000;
      let answer: { status: number; body: string } | undefined;
      while (!answer) {
        answer = await get(`http://127.0.0.1:${port}/`).catch(() => undefined);
        if (!answer && Date.now() > deadline) assert.fail(`nothing answered on 127.0.0.1:${port}`);
        if (!answer) await new Promise((r) => setTimeout(r, 200));
      }
      assert.strictEqual(answer.body, 'written-to-the-claim\n');
      const mounts = JSON.parse(await ok('inspect', name, '--format', '{{json .Mounts}}')) as { Destination: string; Name?: string; RW: boolean }[];
      assert.ok(mounts.some((m) => m.Destination === '/data' && m.Name === 'claims-data' && !m.RW), 'the data claim is mounted read-only');
    } finally {
      await ok('kube', 'down', played);
    }
    assert.strictEqual((await ok('ps', '--all', '--quiet')).trim(), '', 'no container left');
    // Like a PersistentVolumeClaim after `kubectl delete deployment`, the claims' volumes stay until deleted.
    await ok('volume', 'rm', 'claims-data', 'claims-outputs');
    assert.strictEqual((await ok('volume', 'ls', '--quiet')).trim(), '', 'no volume left');
  });
});
