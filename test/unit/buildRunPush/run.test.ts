import * as assert from 'assert';
import * as net from 'net';
import * as os from 'os';
import fc from 'fast-check';
import { gpuDeviceRequests, parseEnvFile, parseSize, RunOptions, splitCommand, toCreateBody, toDockerRunCommand } from '../../../src/docker/run/options';
import { shellQuote } from '../../../src/docker/shellQuote';
import { isGpuRefusal, isPortTaken, validateLocal } from '../../../src/docker/run/run';

describe('run options', () => {
  const o: RunOptions = {
    image: 'ml:dev', name: 'train-1', command: ['python', 'train.py', '--lr', '0.1'],
    mounts: [{ source: '/home/u/data', target: '/data', readOnly: true }, { source: '/home/u/models', target: '/models' }],
    ports: [{ container: 8888, host: 8888 }, { container: 6006, hostIp: '127.0.0.1' }, { container: 5000, protocol: 'udp', host: 5000 }],
    env: { WANDB_MODE: 'offline' }, gpus: { kind: 'all' }, shmSize: '8g', ipcHost: true, interactive: true, autoRemove: true,
  };
  it('builds the create body with binds, port bindings, DeviceRequests, shm and ipc', () => {
    const b = toCreateBody(o, ['FROM_FILE=1']);
    assert.deepStrictEqual(b.HostConfig?.Binds, ['/home/u/data:/data:ro', '/home/u/models:/models']);
    assert.deepStrictEqual(b.HostConfig?.PortBindings, {
      '8888/tcp': [{ HostIp: '', HostPort: '8888' }], '6006/tcp': [{ HostIp: '127.0.0.1', HostPort: '' }], '5000/udp': [{ HostIp: '', HostPort: '5000' }],
    });
    assert.deepStrictEqual(Object.keys(b.ExposedPorts ?? {}), ['8888/tcp', '6006/tcp', '5000/udp']);
    assert.deepStrictEqual(b.HostConfig?.DeviceRequests, [{ Driver: '', Count: -1, Capabilities: [['gpu']], Options: {} }]);
    assert.strictEqual(b.HostConfig?.ShmSize, 8 * 1024 ** 3);
    assert.strictEqual(b.HostConfig?.IpcMode, 'host');
    assert.strictEqual(b.HostConfig?.AutoRemove, true);
    assert.deepStrictEqual(b.Env, ['FROM_FILE=1', 'WANDB_MODE=offline']);
    assert.strictEqual(b.Tty, true);
    assert.strictEqual(b.OpenStdin, true);
    assert.deepStrictEqual(b.Cmd, ['python', 'train.py', '--lr', '0.1']);
    assert.strictEqual(b.name, 'train-1');
  });
  it('shapes GPU count and device ids', () => {
    assert.deepStrictEqual(gpuDeviceRequests({ kind: 'count', count: 2 })?.[0].Count, 2);
    const d = gpuDeviceRequests({ kind: 'devices', deviceIds: ['0', 'GPU-abc'] })?.[0];
    assert.deepStrictEqual([d?.Count, d?.DeviceIDs], [0, ['0', 'GPU-abc']]);
  });
  it('prints the equivalent docker run line', () => {
    assert.strictEqual(toDockerRunCommand({ ...o, gpus: { kind: 'devices', deviceIds: ['0', '1'] }, env: { MSG: "it's a test" } }),
      `docker run -it --rm --name train-1 --gpus '"device=0,1"' --shm-size 8g --ipc host -v /home/u/data:/data:ro -v /home/u/models:/models ` +
      `-p 8888:8888 -p 127.0.0.1::6006 -p 5000:5000/udp -e 'MSG=it'\\''s a test' ml:dev python train.py --lr 0.1`);
    assert.strictEqual(toDockerRunCommand({ image: 'x' }), 'docker run -d x');
  });
  it('shell-quotes so that a POSIX shell splits back to the same argv', () => {
    fc.assert(fc.property(fc.array(fc.string({ minLength: 0, maxLength: 12 }), { maxLength: 6 }), (argv) => {
      const clean = argv.map((s) => s.replace(/\0/g, ''));
      assert.deepStrictEqual(splitCommand(clean.map(shellQuote).join(' ')), clean);
    }));
  });
  it('splits command strings with quotes', () => {
    assert.deepStrictEqual(splitCommand(`python -c "print('hi there')" --x 'a b' c\\ d`), ['python', '-c', "print('hi there')", '--x', 'a b', 'c d']);
    assert.throws(() => splitCommand('python train.py --name "run 1'), /opens a double quote it never closes/);
    assert.throws(() => splitCommand("sh -c 'echo hi"), /opens a single quote it never closes/);
    assert.throws(() => splitCommand('echo "x'), /never closes/);
  });
  it('parses sizes and rejects nonsense', () => {
    assert.strictEqual(parseSize('512m'), 512 * 1024 ** 2);
    assert.strictEqual(parseSize('2GB'), 2 * 1024 ** 3);
    assert.strictEqual(parseSize('100'), 100);
    assert.throws(() => parseSize('lots'), /Invalid size/);
  });
  it('parses env files like docker', () => {
    assert.deepStrictEqual(parseEnvFile('# c\nA=1\n  B=x y\nHOME_ONLY\nMISSING\nC=a=b\n', { HOME_ONLY: 'h' }), ['A=1', 'B=x y', 'HOME_ONLY=h', 'C=a=b']);
    assert.throws(() => parseEnvFile('=x\n'), /line 1/);
    assert.throws(() => parseEnvFile('A=1\nB =x\n'), /line 2: variable name "B "/);
  });
  it('recognises the engine refusing a GPU', () => {
    assert.ok(isGpuRefusal('could not select device driver "" with capabilities: [[gpu]]'));
    assert.ok(!isGpuRefusal('no such image'));
  });
});

describe('validateLocal', () => {
  it('reports a missing mount source and an occupied host port', async () => {
    const srv = net.createServer();
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
    const port = (srv.address() as net.AddressInfo).port;
    try {
      assert.strictEqual(await isPortTaken(port, '127.0.0.1'), true);
      const problems = await validateLocal({
        image: 'x', mounts: [{ source: '/definitely/not/here', target: '/data' }, { source: os.tmpdir(), target: 'rel' }],
        ports: [{ container: 80, host: port, hostIp: '127.0.0.1' }],
      });
      assert.deepStrictEqual(problems.map((p) => p.code), ['mountMissing', 'invalidOption', 'portTaken']);
      assert.match(problems[0].message, /\/definitely\/not\/here" does not exist/);
      assert.match(problems[2].message, new RegExp(`Port ${port} is already in use`));
    } finally {
      srv.close();
    }
    assert.strictEqual(await isPortTaken(port, '127.0.0.1'), false);
  });
});
