import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  evaluateRequirement,
  formatSmoke,
  imageCudaNeeds,
  isLocalEngine,
  parseNvidiaSmiCsv,
  parseNvidiaSmiList,
  parseNvidiaSmiTable,
  parseRequirement,
  parseTorchCheck,
} from '../../../src/docker/gpuPreflight';

// Recorded outputs written by hand from NVIDIA's documented formats (this machine has no GPU).
const fixture = (name: string): string => fs.readFileSync(path.join(__dirname, '../../fixtures/gpu', name), 'utf8');

describe('GPU preflight: nvidia-smi output', () => {
  it('CSV query with compute capability, two GPUs', () => {
    const r = parseNvidiaSmiCsv(fixture('query-a100-535.csv'));
    assert.ok(typeof r !== 'string');
    assert.equal(r.driver, '535.104.05');
    assert.deepEqual(r.gpus[0], { name: 'NVIDIA A100-SXM4-80GB', memoryMiB: 81920, computeCap: '8.0' });
    assert.equal(r.gpus.length, 2);
  });
  it('CSV query of an older driver without compute_cap', () => {
    const r = parseNvidiaSmiCsv(fixture('query-v100-450-nocap.csv'));
    assert.ok(typeof r !== 'string');
    assert.equal(r.driver, '450.80.02');
    assert.deepEqual(r.gpus, [{ name: 'Tesla V100-SXM2-16GB', memoryMiB: 16160 }]);
  });
  it('a GPU name with a comma keeps its fixed fields from the right; [N/A] capability is dropped', () => {
    const r = parseNvidiaSmiCsv('Some, Odd GPU, 550.54.15, 8192 MiB, [N/A]\r\n');
    assert.ok(typeof r !== 'string');
    assert.deepEqual(r.gpus, [{ name: 'Some, Odd GPU', memoryMiB: 8192 }]);
  });
  it('CSV query: an error text is one message, never a throw', () => {
    assert.equal(typeof parseNvidiaSmiCsv(fixture('nvidia-smi-failed.txt')), 'string');
    assert.equal(parseNvidiaSmiCsv(''), 'nvidia-smi printed nothing');
  });
  it('table header: driver and CUDA version, GPU rows but not process rows', () => {
    const r = parseNvidiaSmiTable(fixture('nvidia-smi-a100-535.txt'));
    assert.ok(typeof r !== 'string');
    assert.equal(r.driver, '535.104.05');
    assert.equal(r.cuda, '12.2');
    assert.deepEqual(r.gpus.map((g) => g.name), ['NVIDIA A100-SXM4-80GB', 'NVIDIA A100-SXM4-80GB']);
  });
  it('table header of the 470 and 550 layouts', () => {
    const t4 = parseNvidiaSmiTable(fixture('nvidia-smi-t4-470.txt'));
    assert.ok(typeof t4 !== 'string');
    assert.deepEqual([t4.driver, t4.cuda, t4.gpus[0]?.name], ['470.182.03', '11.4', 'Tesla T4']);
    const rtx = parseNvidiaSmiTable(fixture('nvidia-smi-rtx4090-550.txt'));
    assert.ok(typeof rtx !== 'string');
    assert.deepEqual([rtx.driver, rtx.cuda, rtx.gpus[0]?.name], ['550.54.15', '12.4', 'NVIDIA GeForce RTX 4090']);
  });
  it('table: "CUDA Version: N/A" leaves the CUDA version unknown', () => {
    const r = parseNvidiaSmiTable('| NVIDIA-SMI 535.104.05   Driver Version: 535.104.05   CUDA Version: N/A |');
    assert.ok(typeof r !== 'string');
    assert.equal(r.cuda, undefined);
  });
  it('table: the driver failure text becomes one message', () => {
    const r = parseNvidiaSmiTable(fixture('nvidia-smi-failed.txt'));
    assert.equal(typeof r, 'string');
    assert.match(r as string, /couldn't communicate with the NVIDIA driver/);
  });
  it('nvidia-smi -L lists GPUs and skips MIG devices', () => {
    const r = parseNvidiaSmiList(fixture('list-a100.txt'));
    assert.deepEqual(r.map((g) => [g.index, g.name]), [[0, 'NVIDIA A100-SXM4-80GB'], [1, 'NVIDIA A100-SXM4-80GB']]);
    assert.match(r[0].uuid ?? '', /^GPU-5a2b/);
    assert.deepEqual(parseNvidiaSmiList('No devices found.\n'), []);
  });
});

describe('GPU preflight: image requirements', () => {
  const config = (name: string): { Env: string[] } => JSON.parse(fixture(name)) as { Env: string[] };
  it('reads NVIDIA_REQUIRE_CUDA and CUDA_VERSION from an nvidia/cuda image config', () => {
    const n = imageCudaNeeds(config('config-cuda-12.4.1-runtime.json'));
    assert.equal(n.cudaVersion, '12.4.1');
    assert.equal(n.requireDisabled, false);
    assert.deepEqual(n.requirements.map((r) => r.name), ['NVIDIA_REQUIRE_CUDA']);
    assert.match(n.requirements[0].value, /^cuda>=12\.4 brand=tesla,driver>=470,driver<471 /);
  });
  it('run-time env wins over the image: NVIDIA_DISABLE_REQUIRE=1 switches the check off', () => {
    assert.equal(imageCudaNeeds(config('config-cuda-12.4.1-runtime.json'), { NVIDIA_DISABLE_REQUIRE: '1' }).requireDisabled, true);
    assert.equal(imageCudaNeeds({ Env: ['NVIDIA_DISABLE_REQUIRE=false'] }).requireDisabled, false);
  });
  it('an image without CUDA facts, a null config, and malformed env lines', () => {
    assert.deepEqual(imageCudaNeeds({ Env: ['PATH=/bin', 'NOEQUALS', '=x', 'CUDA_VERSION=twelve'] }), { requirements: [], requireDisabled: false });
    assert.deepEqual(imageCudaNeeds(null), { requirements: [], requireDisabled: false });
  });
  it('parses alternatives (space: OR) of constraints (comma: AND)', () => {
    const alts = parseRequirement('cuda>=12.4 brand=tesla,driver>=470,driver<471');
    assert.equal(alts.length, 2);
    assert.deepEqual(alts[1].map((c) => [c.key, c.op, c.value]), [['brand', '=', 'tesla'], ['driver', '>=', '470'], ['driver', '<', '471']]);
    assert.equal(parseRequirement('cuda~12 ')[0][0].key, '');
  });

  // Decision table of the evaluator: requirement × host facts → holds / fails / unknown.
  const req124 = 'cuda>=12.4 brand=tesla,driver>=470,driver<471 brand=geforce,driver>=535,driver<536';
  const cases: [string, string, Parameters<typeof evaluateRequirement>[1], boolean | undefined][] = [
    ['driver CUDA high enough', req124, { driver: '550.54.15', cuda: '12.4' }, true],
    ['driver CUDA too low, no branch matches', req124, { driver: '545.23.08', cuda: '12.3' }, false],
    ['driver CUDA too low, branch matches but the brand is unknown', req124, { driver: '535.104.05', cuda: '12.2' }, undefined],
    ['branch and brand match', req124, { driver: '535.104.05', cuda: '12.2', brands: ['geforce'] }, true],
    ['branch matches, another brand', req124, { driver: '470.182.03', cuda: '11.4', brands: ['geforce'] }, false],
    ['only a lower bound of the CUDA version proves >=', 'cuda>=12.2', { driver: '535.104.05', cudaAtLeast: '12.2' }, true],
    ['a lower bound never refutes', 'cuda>=12.4', { driver: '535.104.05', cudaAtLeast: '12.2' }, undefined],
    ['arch on every GPU', 'cuda>=11.0,arch>=8.0', { driver: '535.104.05', cuda: '12.2', archs: ['8.0', '8.6'] }, true],
    ['arch fails on a T4', 'cuda>=11.0,arch>=8.0', { driver: '535.104.05', cuda: '12.2', archs: ['7.5'] }, false],
    ['nothing known about the host', 'cuda>=12.4', {}, undefined],
    ['unknown keys are unknown', 'flavour=blue', { driver: '535.104.05', cuda: '12.2' }, undefined],
  ];
  for (const [what, req, host, want] of cases) {
    it(`evaluates: ${what}`, () => assert.equal(evaluateRequirement(req, host).result, want));
  }
  it('names the failing constraints and the branch that holds if the brand matches', () => {
    assert.deepEqual(evaluateRequirement(req124, { driver: '545.23.08', cuda: '12.3' }).failed, ['cuda>=12.4', 'driver<471', 'driver<536']);
    assert.equal(evaluateRequirement(req124, { driver: '535.104.05', cuda: '12.2' }).holdsIfBrand, 'brand=geforce,driver>=535,driver<536');
  });
});

describe('GPU smoke test output', () => {
  it('reads the torch check line (TTY line ends)', () => {
    assert.deepEqual(parseTorchCheck('torch-cuda True 2\r\n'), { cudaAvailable: true, deviceCount: 2 });
    assert.deepEqual(parseTorchCheck('some warning\ntorch-cuda False 0\n'), { cudaAvailable: false, deviceCount: 0 });
    assert.equal(parseTorchCheck("ModuleNotFoundError: No module named 'torch'"), undefined);
  });
  it('formats one line for the tree', () => {
    assert.deepEqual(formatSmoke({ gpus: [{ index: 0, name: 'NVIDIA A100' }, { index: 1, name: 'NVIDIA A100' }], torch: { cudaAvailable: true, deviceCount: 2 } }),
      { text: 'GPU ok: 2 GPUs (NVIDIA A100) · torch sees 2', ok: true });
    assert.deepEqual(formatSmoke({ gpus: [{ index: 0, name: 'Tesla T4' }], torch: { cudaAvailable: false, deviceCount: 0 } }),
      { text: 'GPU problem: 1 GPU (Tesla T4) · torch.cuda.is_available() is False', ok: false });
    assert.equal(formatSmoke({ nvidiaSmiProblem: 'executable file not found' }).text, 'GPU problem: nvidia-smi: executable file not found');
  });
});

describe('GPU preflight: where the driver is read', () => {
  it('this machine\'s nvidia-smi only for an engine on this machine', () => {
    assert.equal(isLocalEngine({ protocol: 'unix', socketPath: '/var/run/docker.sock' }), true);
    assert.equal(isLocalEngine({ protocol: 'unix', socketPath: '/run/user/1000/podman/podman.sock' }), true);
    assert.equal(isLocalEngine({ protocol: 'unix', socketPath: '/home/me/.docker/desktop/docker.sock' }), false); // a VM
    assert.equal(isLocalEngine({ protocol: 'ssh' }), false);
    assert.equal(isLocalEngine({ protocol: 'tcp' }), false);
  });
});
