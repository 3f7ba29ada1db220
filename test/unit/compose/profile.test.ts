import * as assert from 'node:assert/strict';
import { parse } from 'yaml';
import { addServiceToCompose, ComposeEditError, profileToService, serviceNameFor } from '../../../src/compose/profile';
import { lintCompose } from '../../../src/compose/hints';

const base = { composeDir: '/w/proj', home: '/home/ada' };

describe('run profile → compose service', () => {
  it('maps ports, mounts, env, GPUs, shared memory, IPC and command', () => {
    const { service: s, fromEnvironment } = profileToService('my-model:latest', {
      name: 'Train GPU', containerName: 'trainer', command: 'python train.py --epochs 3',
      mounts: [{ source: '/w/proj/data', target: '/data', readOnly: true }, { source: '/home/ada/.cache/huggingface', target: '/root/.cache/huggingface' }, { source: '/mnt/big', target: '/big' }],
      ports: [{ container: 8888, host: 8888 }, { container: 6006, host: 6006, hostIp: '127.0.0.1' }, { container: 9000 }, { container: 53, host: 53, protocol: 'udp' }],
      env: { WANDB_MODE: 'offline' }, envFile: '/w/proj/.env', gpus: { kind: 'all' }, shmSize: '8g', ipcHost: true, workdir: '/app', user: '1000', interactive: true, network: 'host',
    }, base);
    assert.deepEqual(s, {
      image: 'my-model:latest', container_name: 'trainer', command: 'python train.py --epochs 3', working_dir: '/app', user: '1000',
      ports: ['8888:8888', '127.0.0.1:6006:6006', '9000', '53:53/udp'],
      volumes: ['./data:/data:ro', '~/.cache/huggingface:/root/.cache/huggingface', '/mnt/big:/big'],
      env_file: ['./.env'], environment: { WANDB_MODE: 'offline' }, network_mode: 'host', shm_size: '8g', ipc: 'host', stdin_open: true, tty: true,
      deploy: { resources: { reservations: { devices: [{ driver: 'nvidia', count: 'all', capabilities: ['gpu'] }] } } },
    });
    assert.deepEqual(fromEnvironment, []);
    assert.deepEqual(profileToService('x', { name: 'a', gpus: { kind: 'devices', deviceIds: ['0', '1'] }, command: ['a', 'b'] }, base).service,
      { image: 'x', command: ['a', 'b'], deploy: { resources: { reservations: { devices: [{ driver: 'nvidia', device_ids: ['0', '1'], capabilities: ['gpu'] }] } } } });
    assert.equal((profileToService('x', { name: 'a', gpus: { kind: 'count', count: 2 } }, base).service.deploy as { resources: { reservations: { devices: { count: number }[] } } }).resources.reservations.devices[0].count, 2);
  });

  it('the written service passes the compose hints (GPU with shm, read-only data)', () => {
    const { service: s } = profileToService('m:1', { name: 't', gpus: { kind: 'all' }, shmSize: '8g', mounts: [{ source: '/w/proj/data', target: '/data', readOnly: true }] }, base);
    const { text } = addServiceToCompose('', 'train', s);
    assert.deepEqual(lintCompose(text), []);
  });

  it('secrets never land in the file: stored references and literal secret values are read from the environment; $ is escaped', () => {
    const { service, fromEnvironment } = profileToService('m:1', { name: 't', env: { HF_TOKEN: '${secret:HF_TOKEN}', DB_PASSWORD: 'hunter2', WANDB_MODE: 'offline', PROMPT: 'cost $5', OPENAI_API_KEY: '' } }, base);
    assert.deepEqual(service.environment, { HF_TOKEN: '${HF_TOKEN}', DB_PASSWORD: '${DB_PASSWORD}', WANDB_MODE: 'offline', PROMPT: 'cost $$5', OPENAI_API_KEY: '' });
    assert.deepEqual(fromEnvironment, ['HF_TOKEN', 'DB_PASSWORD']);
    const { text } = addServiceToCompose('', 't', service);
    assert.doesNotMatch(text, /hunter2/);
    assert.deepEqual(lintCompose(text).filter((p) => p.code === 'MLC008'), []);
  });

  it('adds to an existing file keeping comments and other services, or replaces a same-named service', () => {
    const before = '# team stack\nservices:\n  db:\n    image: postgres:16 # pinned\n';
    const added = addServiceToCompose(before, 'train', { image: 'm:1' });
    assert.equal(added.replaced, false);
    assert.match(added.text, /^# team stack\n/);
    assert.match(added.text, /postgres:16 # pinned/);
    assert.deepEqual(parse(added.text), { services: { db: { image: 'postgres:16' }, train: { image: 'm:1' } } });
    const again = addServiceToCompose(added.text, 'train', { image: 'm:2' });
    assert.equal(again.replaced, true);
    assert.deepEqual(parse(again.text).services.train, { image: 'm:2' });
    assert.deepEqual(parse(addServiceToCompose('name: x\n', 'a', { image: 'i' }).text), { name: 'x', services: { a: { image: 'i' } } });
    assert.deepEqual(parse(addServiceToCompose('services:\n', 'a', { image: 'i' }).text), { services: { a: { image: 'i' } } });
  });

  it('refuses files it cannot edit safely', () => {
    assert.throws(() => addServiceToCompose('services: [\n', 'a', {}), ComposeEditError);
    assert.throws(() => addServiceToCompose('- a\n', 'a', {}), ComposeEditError);
    assert.throws(() => addServiceToCompose('services: [a]\n', 'a', {}), ComposeEditError);
  });

  it('service names from profile names', () => {
    assert.equal(serviceNameFor('Train GPU (A100)'), 'train-gpu-a100');
    assert.equal(serviceNameFor('***'), 'app');
  });
});
