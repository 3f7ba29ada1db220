import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { runBuild } from '../../../src/docker/build/build';
import { DockerodeEngine } from '../../../src/docker/dockerodeEngine';
import { resolveEndpoint } from '../../../src/docker/endpoint';
import { gatherGpuFacts, gpuSmokeTest, probeHostGpu, readLocalNvidiaSmi } from '../../../src/docker/gpuPreflight';
import { decideGpuPreflight } from '../../../src/run/gpuPlan';
import { BUSYBOX_PREAMBLE, busyboxContext, docker, tmpDir, waitFor } from './helpers';

// This engine has no GPU: the preflight must say so without starting anything; the smoke test's
// exec-and-parse path runs against stand-in nvidia-smi / python3 scripts inside a busybox image.
const IMAGE = 'mlc-it/gpu-preflight:1';
const FIXTURES = path.join(__dirname, '../../fixtures/gpu');

// Stand-in for the nvidia-smi the NVIDIA runtime mounts: `-L` lists, no arguments prints the recorded table.
const FAKE_SMI = '#!/bin/sh\nif [ "$1" = -L ]; then echo "GPU 0: NVIDIA A100-SXM4-80GB (UUID: GPU-5a2b3c4d-1111-2222-3333-444455556666)"; else cat /opt/fake/table.txt; fi\n';
const FAKE_PY = '#!/bin/sh\necho "torch-cuda True 1"\n';

describe('GPU preflight (real engine without a GPU)', function () {
  this.timeout(60000);
  const d = docker();
  const engine = new DockerodeEngine(resolveEndpoint({ settingHost: process.env.ML_TEST_DOCKER_HOST ?? '', env: {} }));
  const cleanup: string[] = [];
  const allIds = async (): Promise<string[]> => (await d.listContainers({ all: true })).map((c) => c.Id).sort();

  before(async () => {
    const ctx = busyboxContext('gpu-img', { 'nvidia-smi': FAKE_SMI, python3: FAKE_PY, 'table.txt': fs.readFileSync(path.join(FIXTURES, 'nvidia-smi-a100-535.txt'), 'utf8') });
    fs.writeFileSync(path.join(ctx, 'Dockerfile'), `${BUSYBOX_PREAMBLE}COPY nvidia-smi python3 table.txt /opt/fake/\nRUN ["/bin/chmod", "755", "/opt/fake/nvidia-smi", "/opt/fake/python3"]\n` +
      'ENV CUDA_VERSION=12.4.1 NVIDIA_REQUIRE_CUDA="cuda>=12.4 brand=tesla,driver>=535,driver<536"\n');
    await runBuild(d, { dockerfile: path.join(ctx, 'Dockerfile'), context: ctx, tags: [IMAGE], network: 'none' });
  });
  after(async () => {
    for (const id of cleanup) await d.getContainer(id).remove({ force: true }).catch(() => undefined);
    engine.dispose();
  });

  it('says "no GPU runtime" as a block with the fix, and starts nothing', async () => {
    const before = await allIds();
    const facts = await gatherGpuFacts(engine, IMAGE);
    const verdict = decideGpuPreflight(facts);
    assert.strictEqual(verdict.level, 'block');
    assert.match(verdict.message, /^No GPU runtime: the engine has no NVIDIA runtime/);
    assert.match(verdict.fix ?? '', /NVIDIA Container Toolkit/);
    assert.strictEqual(facts.host, undefined, 'no driver is read when the engine cannot give a GPU anyway');
    assert.deepStrictEqual(await allIds(), before);
  });

  it('a probe container the engine refuses gives one message and leaves nothing behind', async () => {
    const before = await allIds();
    const r = await probeHostGpu(engine, IMAGE, { timeoutMs: 30000 });
    assert.strictEqual(typeof r, 'string');
    // Docker refuses the GPU request (no NVIDIA runtime); Podman would drop it, so it is refused with the CDI way
    assert.match(r as string, /probe container failed: .*(NVIDIA|CDI)/);
    assert.deepStrictEqual(await allIds(), before);
  });

  it('the probe container (here without a GPU request) reads the table and is removed when it exits', async () => {
    const probeImage = 'mlc-it/gpu-probe:1';
    const ctx = tmpDir('gpu-probe');
    fs.writeFileSync(path.join(ctx, 'Dockerfile'), `FROM ${IMAGE}\nENV PATH=/opt/fake:/bin\nCMD ["sleep", "300"]\n`);
    await runBuild(d, { dockerfile: path.join(ctx, 'Dockerfile'), context: ctx, tags: [probeImage], network: 'none' });
    const before = await allIds();
    const r = await probeHostGpu(engine, probeImage, { timeoutMs: 30000, gpus: null });
    assert.ok(typeof r !== 'string', String(r));
    assert.deepStrictEqual([r.driver, r.cuda, r.gpus.length, r.source], ['535.104.05', '12.2', 2, 'probe']);
    await waitFor('the probe container to be removed', async () => (JSON.stringify(await allIds()) === JSON.stringify(before) ? true : undefined));
  });

  it('a probe that hangs is bounded: it gives up after its time and the container is removed', async () => {
    const slowImage = 'mlc-it/gpu-probe-slow:1';
    const ctx = tmpDir('gpu-probe-slow');
    fs.writeFileSync(path.join(ctx, 'Dockerfile'), `FROM ${IMAGE}\nRUN mkdir -p /opt/slow && printf '#!/bin/sh\\nexec sleep 300\\n' > /opt/slow/nvidia-smi && chmod 755 /opt/slow/nvidia-smi\nENV PATH=/opt/slow:/bin\n`);
    await runBuild(d, { dockerfile: path.join(ctx, 'Dockerfile'), context: ctx, tags: [slowImage], network: 'none' });
    const before = await allIds();
    const r = await probeHostGpu(engine, slowImage, { timeoutMs: 1500, gpus: null });
    assert.match(String(r), /did not finish within 2 s/);
    await waitFor('the hung probe container to be removed', async () => (JSON.stringify(await allIds()) === JSON.stringify(before) ? true : undefined), 30000);
  });

  it('reads the host nvidia-smi with argument arrays: CSV query then table', async () => {
    const bin = tmpDir('fake-smi');
    // Answers like nvidia-smi: the CSV query for --query-gpu, the table with no arguments.
    fs.writeFileSync(path.join(bin, 'nvidia-smi'), `#!/bin/sh\ncase "$1" in\n  --query-gpu=*) cat '${FIXTURES}/query-a100-535.csv' ;;\n  "") cat '${FIXTURES}/nvidia-smi-a100-535.txt' ;;\n  *) exit 2 ;;\nesac\n`, { mode: 0o755 });
    const r = await readLocalNvidiaSmi({ pathVar: bin });
    assert.ok(r && typeof r !== 'string', String(r));
    assert.strictEqual(r.driver, '535.104.05');
    assert.strictEqual(r.cuda, '12.2');
    assert.deepStrictEqual(r.gpus.map((g) => g.computeCap), ['8.0', '8.0']);
    assert.strictEqual(await readLocalNvidiaSmi({ pathVar: tmpDir('empty-path') }), undefined);
    fs.writeFileSync(path.join(bin, 'nvidia-smi'), `#!/bin/sh\ncat '${FIXTURES}/nvidia-smi-failed.txt'\nexit 9\n`, { mode: 0o755 });
    assert.match(String(await readLocalNvidiaSmi({ pathVar: bin })), /^nvidia-smi failed: NVIDIA-SMI has failed/);
  });

  it('smoke test: nvidia-smi -L and the torch check inside a running container', async () => {
    const c = await d.createContainer({ Image: IMAGE, Cmd: ['sleep', '300'], Env: ['PATH=/opt/fake:/bin'], HostConfig: { NetworkMode: 'none' } });
    cleanup.push(c.id);
    await c.start();
    const r = await gpuSmokeTest(engine, c.id, { timeoutMs: 30000 });
    assert.strictEqual(r.nvidiaSmiProblem, undefined);
    assert.deepStrictEqual(r.gpus?.map((g) => g.name), ['NVIDIA A100-SXM4-80GB']);
    assert.deepStrictEqual(r.torch, { cudaAvailable: true, deviceCount: 1 });
  });

  it('smoke test without nvidia-smi or python in the image: a problem, no torch line', async () => {
    const c = await d.createContainer({ Image: IMAGE, Cmd: ['sleep', '300'], Env: ['PATH=/bin'], HostConfig: { NetworkMode: 'none' } });
    cleanup.push(c.id);
    await c.start();
    const r = await gpuSmokeTest(engine, c.id, { timeoutMs: 30000 });
    assert.strictEqual(r.gpus, undefined);
    assert.match(r.nvidiaSmiProblem ?? '', /nvidia-smi|not found|exit code/i);
    assert.strictEqual(r.torch, undefined);
  });

  it('smoke test of a container that already exited is skipped', async () => {
    const c = await d.createContainer({ Image: IMAGE, Cmd: ['true'], HostConfig: { NetworkMode: 'none' } });
    cleanup.push(c.id);
    await c.start();
    await waitFor('the container to exit', async () => ((await c.inspect()).State.Running ? undefined : true));
    const r = await gpuSmokeTest(engine, c.id, { timeoutMs: 30000 });
    assert.ok(r.skipped, JSON.stringify(r));
  });
});
