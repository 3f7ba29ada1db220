import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { gpuSupportFromInfo } from '../../../src/docker/gpu';
import { imageCudaNeeds, parseNvidiaSmiCsv, parseNvidiaSmiTable, type GpuFacts, type HostGpuInfo } from '../../../src/docker/gpuPreflight';
import { cudaSupportedBy, decideGpuPreflight } from '../../../src/run/gpuPlan';

// Hand-written recordings of real hosts' outputs (documented formats): `docker info` runtimes,
// `nvidia-smi` (table and CSV query) and image configs of nvidia/cuda images.
const fixture = (name: string): string => fs.readFileSync(path.join(__dirname, '../../fixtures/gpu', name), 'utf8');
const withNvidia = gpuSupportFromInfo({ Runtimes: { nvidia: { path: 'nvidia-container-runtime' }, runc: {} }, DefaultRuntime: 'runc' });
const runcOnly = gpuSupportFromInfo({ Runtimes: { 'io.containerd.runc.v2': {}, runc: {} }, DefaultRuntime: 'runc' });

function tableHost(text: string): HostGpuInfo {
  const t = parseNvidiaSmiTable(text);
  if (typeof t === 'string') throw new Error(t);
  return { ...t, source: 'host' };
}
const a100 = tableHost(fixture('nvidia-smi-a100-535.txt'));
const t4 = tableHost(fixture('nvidia-smi-t4-470.txt'));
const rtx = tableHost(fixture('nvidia-smi-rtx4090-550.txt'));
// A 545 driver (CUDA 12.3): the 535 recording with the header of a 545 host.
const h545 = tableHost(fixture('nvidia-smi-a100-535.txt').replace(/535\.104\.05/g, '545.23.08').replace('CUDA Version: 12.2', 'CUDA Version: 12.3'));
const csvOnly = (name: string): HostGpuInfo => {
  const c = parseNvidiaSmiCsv(fixture(name));
  if (typeof c === 'string') throw new Error(c);
  return { ...c, source: 'host' };
};
const image = (name: string, extraEnv?: Record<string, string>) => imageCudaNeeds(JSON.parse(fixture(name)) as { Env: string[] }, extraEnv);
const cudaOnly = (v: string) => imageCudaNeeds({ Env: [`CUDA_VERSION=${v}`] });

describe('GPU preflight decision', () => {
  it('the driver CUDA version a driver certainly supports, from the knowledge base', () => {
    assert.equal(cudaSupportedBy('535.104.05'), '12.2');
    assert.equal(cudaSupportedBy('470.182.03'), '11.4');
    assert.equal(cudaSupportedBy('565.57.01'), '12.6'); // reports 12.7, which has no toolkit release: a lower bound
    assert.equal(cudaSupportedBy('418.87.01'), undefined);
  });

  // host × image → level, and what the message must say.
  const table: [string, GpuFacts, 'ok' | 'warn' | 'block', RegExp][] = [
    ['engine without an NVIDIA runtime', { support: runcOnly }, 'block', /^No GPU runtime: the engine has no NVIDIA runtime/],
    ['12.4 image on 550 (CUDA 12.4)', { support: withNvidia, host: rtx, image: image('config-cuda-12.4.1-runtime.json') }, 'ok', /Driver 550\.54\.15 supports the image's CUDA 12\.4\.1/],
    ['11.8 image on 535', { support: withNvidia, host: a100, image: image('config-cuda-11.8.0-runtime.json') }, 'ok', /supports the image's CUDA 11\.8\.0/],
    ['12.4 image on 545 (CUDA 12.3): no branch exception for 545', { support: withNvidia, host: h545, image: image('config-cuda-12.4.1-runtime.json') }, 'block',
      /refuse to start this image: it requires cuda>=12\.4, and the host driver 545\.23\.08 supports CUDA 12\.3/],
    ['12.4 image on 535: the 535 branch exception (forward compatibility)', { support: withNvidia, host: a100, image: image('config-cuda-12.4.1-runtime.json') }, 'warn',
      /forward compatibility, which NVIDIA supports on data-center GPUs only\. CUDA 12 minor-version compatibility covers most applications/],
    ['12.8 image on 535', { support: withNvidia, host: a100, image: image('config-cuda-12.8.1-runtime.json') }, 'warn', /CUDA 12\.8\.1 is newer than the driver's \(535\.104\.05, CUDA 12\.2\)/],
    ['12.4 image on 470: forward compatibility only', { support: withNvidia, host: t4, image: image('config-cuda-12.4.1-runtime.json') }, 'warn', /driver>=470,driver<471 for the GPU brands it names/],
    ['12.4 image on 545 with NVIDIA_DISABLE_REQUIRE=1: minor-version compatibility', { support: withNvidia, host: h545, image: image('config-cuda-12.4.1-runtime.json', { NVIDIA_DISABLE_REQUIRE: '1' }) }, 'warn',
      /minor-version compatibility most applications run; features of the newer toolkit/],
    ['CUDA_VERSION only: 12.1 on 535', { support: withNvidia, host: a100, image: cudaOnly('12.1.1') }, 'ok', /supports the image's CUDA 12\.1\.1/],
    ['CUDA_VERSION only: 12.4 on 470 (other major, below the 12.x floor)', { support: withNvidia, host: t4, image: cudaOnly('12.4.1') }, 'warn', /CUDA 12 applications need at least 525\.60\.13/],
    ['CUDA_VERSION the table does not know, on 580 (13.0)', { support: withNvidia, host: { driver: '580.65.06', cuda: '13.0', gpus: [], source: 'probe' }, image: cudaOnly('13.5') }, 'warn', /minor-version compatibility/],
    ['CSV query only (no CUDA version printed): 12.2 image on 535', { support: withNvidia, host: csvOnly('query-a100-535.csv'), image: imageCudaNeeds({ Env: ['NVIDIA_REQUIRE_CUDA=cuda>=12.2', 'CUDA_VERSION=12.2.2'] }) }, 'ok', /supports/],
    ['CSV query only: a 12.4 requirement cannot be refuted from a lower bound', { support: withNvidia, host: csvOnly('query-a100-535.csv'), image: imageCudaNeeds({ Env: ['NVIDIA_REQUIRE_CUDA=cuda>=12.4', 'CUDA_VERSION=12.4.1'] }) }, 'warn', /may be refused/],
    ['an arch requirement a T4 fails', { support: withNvidia, host: csvOnly('query-t4-470.csv'), image: imageCudaNeeds({ Env: ['NVIDIA_REQUIRE_ARCH=arch>=8.0'] }) }, 'block', /requires arch>=8\.0/],
    ['host driver unknown: nothing blocks', { support: withNvidia, hostProblem: 'nvidia-smi is not on PATH here', image: image('config-cuda-12.8.1-runtime.json') }, 'ok', /could not be read \(nvidia-smi is not on PATH here\)/],
    ['image without CUDA facts', { support: withNvidia, host: a100, image: imageCudaNeeds({ Env: ['PATH=/bin'] }) }, 'ok', /declares no CUDA version/],
    ['engine info unreadable, the rest known', { host: rtx, image: image('config-cuda-12.4.1-runtime.json') }, 'ok', /supports/],
  ];
  for (const [what, facts, level, message] of table) {
    it(`${level}: ${what}`, () => {
      const r = decideGpuPreflight(facts);
      assert.equal(r.level, level, r.message);
      assert.match(r.message, message);
    });
  }

  it('the block names the fix: an older base or a newer driver, and the compatibility switch', () => {
    const r = decideGpuPreflight({ support: withNvidia, host: h545, image: image('config-cuda-12.4.1-runtime.json') });
    assert.match(r.fix ?? '', /^This image needs driver ≥ 550\.54\.15; the host has 545\.23\.08: use a CUDA 12\.3 base or update the driver\./);
    assert.match(r.fix ?? '', /NVIDIA_DISABLE_REQUIRE=1/);
  });
  it('no runtime: the fix is the container toolkit', () => {
    assert.match(decideGpuPreflight({ support: runcOnly }).fix ?? '', /NVIDIA Container Toolkit/);
  });
  it('the facts say where the driver was read', () => {
    const r = decideGpuPreflight({ support: withNvidia, host: a100, image: image('config-cuda-12.4.1-runtime.json') });
    assert.ok(r.facts.some((f) => /host driver 535\.104\.05 \(CUDA 12\.2\), read with nvidia-smi on this machine/.test(f)), r.facts.join('\n'));
  });
});
