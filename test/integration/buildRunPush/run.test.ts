import * as assert from 'assert';
import * as fs from 'fs';
import * as http from 'http';
import * as net from 'net';
import * as path from 'path';
import Dockerode from 'dockerode';
import { runBuild } from '../../../src/docker/build/build';
import { DockerodeEngine } from '../../../src/docker/dockerodeEngine';
import { resolveEndpoint } from '../../../src/docker/endpoint';
import { NVIDIA_HINT, PODMAN_GPU_HINT, RunError, runContainer } from '../../../src/docker/run/run';
import { RunOptions } from '../../../src/docker/run/options';
import { BUSYBOX_PREAMBLE, busyboxContext, docker, ON_PODMAN, tmpDir, waitFor } from './helpers';

const IMAGE = 'mlc-it/run-busybox:1';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
}

async function expectRunError(d: Dockerode, o: RunOptions): Promise<RunError> {
  const err = await runContainer(d, o).then(() => undefined, (e: unknown) => e);
  assert.ok(err instanceof RunError, `expected RunError, got ${String(err)}`);
  return err;
}

describe('run (real engine)', function () {
  this.timeout(60000);
  const d = docker();
  const cleanup: string[] = [];

  before(async () => {
    const ctx = busyboxContext('run-img');
    fs.writeFileSync(path.join(ctx, 'Dockerfile'), `${BUSYBOX_PREAMBLE}EXPOSE 8080\n`);
    await runBuild(d, { dockerfile: path.join(ctx, 'Dockerfile'), context: ctx, tags: [IMAGE], network: 'none' });
  });
  after(async () => {
    for (const id of cleanup) await d.getContainer(id).remove({ force: true }).catch(() => undefined);
  });

  it('a file written inside a bind mount appears on the host; env and env file reach the process', async () => {
    const host = tmpDir('bind');
    const envFile = path.join(host, 'run.env');
    fs.writeFileSync(envFile, '# comment\nFROM_FILE=file-value\n');
    const started = await runContainer(d, {
      image: IMAGE, network: 'none', mounts: [{ source: host, target: '/out' }], env: { FROM_FLAG: 'flag-value' }, envFile,
      command: ['sh', '-c', 'echo "$FROM_FLAG $FROM_FILE" > /out/result.txt'],
    });
    cleanup.push(started.id);
    assert.strictEqual(await started.wait(), 0);
    assert.strictEqual(fs.readFileSync(path.join(host, 'result.txt'), 'utf8'), 'flag-value file-value\n');
  });

  it('a read-only mount cannot be written', async () => {
    const host = tmpDir('ro');
    const started = await runContainer(d, { image: IMAGE, network: 'none', mounts: [{ source: host, target: '/ro', readOnly: true }], command: 'sh -c "echo x > /ro/f"' });
    cleanup.push(started.id);
    assert.notStrictEqual(await started.wait(), 0);
    assert.deepStrictEqual(fs.readdirSync(host), []);
  });

  it('published ports, shm size, ipc host and auto-remove land in the container config', async () => {
    const hostPort = await freePort();
    const started = await runContainer(d, {
      image: IMAGE, network: 'none', name: `mlc-it-ports-${process.pid}`, shmSize: '256m', ipcHost: true,
      ports: [{ container: 8080, host: hostPort, hostIp: '127.0.0.1' }, { container: 6006 }],
      command: ['sleep', '30'],
    });
    cleanup.push(started.id);
    const info = await d.getContainer(started.id).inspect();
    if (ON_PODMAN) {
      // Podman drops port bindings of a container without a network, and refuses a shm size with the
      // host's IPC namespace (the client leaves it out: the container uses the host's /dev/shm).
      assert.notStrictEqual(info.HostConfig.ShmSize, 256 * 1024 * 1024);
    } else {
      assert.deepStrictEqual(info.HostConfig.PortBindings, {
        '8080/tcp': [{ HostIp: '127.0.0.1', HostPort: String(hostPort) }], '6006/tcp': [{ HostIp: '', HostPort: '' }],
      });
      assert.strictEqual(info.HostConfig.ShmSize, 256 * 1024 * 1024);
    }
    // Podman's inspect says "shareable" even with the host's IPC namespace (checked: the container sees the host's ipc namespace).
    if (!ON_PODMAN) assert.strictEqual(info.HostConfig.IpcMode, 'host');
    assert.strictEqual(info.Name, `/mlc-it-ports-${process.pid}`);
  });

  it('a server in a host-network container is reachable on 127.0.0.1', async () => {
    const port = await freePort();
    const started = await runContainer(d, {
      image: IMAGE, network: 'host', autoRemove: true,
      command: ['sh', '-c', `mkdir -p /www && echo served-from-container > /www/index.html && exec httpd -f -p 127.0.0.1:${port} -h /www`],
    });
    cleanup.push(started.id);
    const body = await waitFor('the httpd in the container to answer', () => new Promise<string | undefined>((resolve) => {
      http.get({ host: '127.0.0.1', port, path: '/index.html', timeout: 2000 }, (res) => {
        let t = '';
        res.on('data', (c: Buffer) => (t += c.toString()));
        res.on('end', () => resolve(res.statusCode === 200 ? t : undefined));
      }).on('error', () => resolve(undefined));
    }), 20000);
    assert.strictEqual(body, 'served-from-container\n');
  });

  it('a GPU request on an engine without the NVIDIA runtime gives the clear message and leaves nothing behind', async () => {
    const name = `mlc-it-gpu-${process.pid}`;
    const err = await expectRunError(d, { image: IMAGE, network: 'none', name, gpus: { kind: 'all' }, command: ['true'] });
    assert.strictEqual(err.code, 'gpuUnavailable');
    // Podman's compatible API would drop the request silently, so the client refuses it with the CDI way instead.
    assert.strictEqual(err.message, ON_PODMAN ? PODMAN_GPU_HINT : NVIDIA_HINT);
    assert.match(err.message, ON_PODMAN ? /nvidia\.com\/gpu=all/ : /NVIDIA Container Toolkit/);
    const left = await d.listContainers({ all: true, filters: { name: [name] } });
    assert.deepStrictEqual(left, []);
  });

  it('the GPU check asked before a run says this engine has no GPU runtime, and why', async () => {
    const engine = new DockerodeEngine(resolveEndpoint({ settingHost: process.env.ML_TEST_DOCKER_HOST ?? '', env: {} }));
    try {
      const support = await engine.gpuSupport();
      assert.strictEqual(support.available, false);
      assert.ok(support.runtimes.includes('runc'), `runtimes: ${support.runtimes.join(', ')}`);
      assert.match(support.reason, /no NVIDIA runtime/);
    } finally {
      engine.dispose();
    }
  });

  it('clear errors for a missing mount path, a taken port and a missing image', async () => {
    const missing = await expectRunError(d, { image: IMAGE, mounts: [{ source: '/no/such/folder/mlc', target: '/data' }] });
    assert.strictEqual(missing.code, 'mountMissing');
    assert.match(missing.message, /\/no\/such\/folder\/mlc" does not exist/);

    const srv = net.createServer();
    await new Promise<void>((r) => srv.listen(0, '0.0.0.0', () => r()));
    try {
      const port = (srv.address() as net.AddressInfo).port;
      const taken = await expectRunError(d, { image: IMAGE, network: 'none', ports: [{ container: 80, host: port }] });
      assert.strictEqual(taken.code, 'portTaken');
      assert.match(taken.message, new RegExp(`Port ${port} is already in use`));
    } finally {
      srv.close();
    }
    const noImage = await expectRunError(d, { image: 'mlc-it/not-there:nope', network: 'none' });
    assert.strictEqual(noImage.code, 'imageMissing');
    assert.match(noImage.message, /mlc-it\/not-there:nope" is not on this engine/);
  });

  it('interactive runs attach a TTY: input reaches the process and its output comes back', async () => {
    const started = await runContainer(d, { image: IMAGE, network: 'none', interactive: true, autoRemove: true, command: ['sh'] });
    cleanup.push(started.id);
    assert.ok(started.stream);
    let out = '';
    started.stream.on('data', (c: Buffer) => (out += c.toString()));
    started.stream.write('echo tty-$((40+2))\nexit\n');
    await waitFor('the echoed line', () => (out.includes('tty-42') ? true : undefined), 15000);
  });
});
