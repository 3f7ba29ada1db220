// Whether the project asks for a GPU, and which CUDA its own files name. Only what the project
// states is read here (`+cu121`, `…/whl/cu121`, `jax[cuda12]`, `pytorch-cuda=12.1`…); the CUDA a
// plain framework pin implies (torch==2.3.1 → its PyPI wheel's CUDA) comes from the ML knowledge
// module when the plan is made.
import type { CudaVersion, GpuInfo, PyDep, PyIndex } from './types';

/** `121` → 12.1, `118` → 11.8, `92` → 9.2, `130` → 13.0. */
export function cudaFromDigits(d: string): CudaVersion | undefined {
  if (!/^\d{2,3}$/.test(d)) return undefined;
  return { major: Number(d.slice(0, -1)), minor: Number(d.slice(-1)) };
}

export function cudaString(c: CudaVersion): string {
  return `${c.major}.${c.minor}`;
}

export function parseCuda(s: string): CudaVersion | undefined {
  const m = /^(\d{1,2})\.(\d{1,2})/.exec(s.trim());
  return m ? { major: Number(m[1]), minor: Number(m[2]) } : undefined;
}

/** What a PyTorch-style wheel index URL selects: a CUDA, the CPU build, ROCm, or nothing known. */
export function indexBuild(url: string): { cuda?: CudaVersion; cpu?: boolean; rocm?: boolean } {
  const m = /\/whl\/(?:nightly\/|test\/)?(cu\d{2,3}|cpu|rocm[\d.]*)(?:[/?#]|$)/.exec(url) ?? /torch[-_][\d.]+\+(cu\d{2,3}|cpu)\.html/.exec(url);
  if (!m) return {};
  if (m[1] === 'cpu') return { cpu: true };
  if (m[1].startsWith('rocm')) return { rocm: true };
  return { cuda: cudaFromDigits(m[1].slice(2)) };
}

/** Packages that only make sense with a GPU. */
const GPU_ONLY = new Set([
  'onnxruntime-gpu', 'vllm', 'xformers', 'flash-attn', 'bitsandbytes', 'tensorflow-gpu', 'cupy', 'deepspeed',
  'apex', 'nvidia-dali-cuda110', 'nvidia-dali-cuda120', 'tensorrt', 'triton', 'auto-gptq', 'exllamav2', 'mamba-ssm', 'causal-conv1d',
]);

/** Packages that compile CUDA code when pip installs them (no wheel for most combinations). */
export const CUDA_COMPILING = new Set(['flash-attn', 'apex', 'detectron2', 'mamba-ssm', 'causal-conv1d', 'deepspeed', 'auto-gptq', 'pytorch3d', 'torch-scatter', 'torch-sparse']);

const TORCH_FAMILY = new Set(['torch', 'torchvision', 'torchaudio']);

export function detectGpu(deps: PyDep[], indexes: PyIndex[], conda: { name: string; version?: string }[] = []): GpuInfo {
  const info: GpuInfo = { needed: false, cuda: [], compiles: [], reasons: [], cpuPinned: false };
  const addCuda = (v: CudaVersion | undefined, what: string): void => {
    if (!v) return;
    info.cuda.push({ version: v, what });
    info.needed = true;
  };
  for (const ix of indexes) {
    const b = indexBuild(ix.url);
    if (b.cpu) info.cpuPinned = true;
    if (b.cuda) {
      addCuda(b.cuda, `${ix.url} (${ix.from})`);
      info.reasons.push(`CUDA wheel index ${ix.url}`);
    }
  }
  for (const d of deps) {
    if (d.local) {
      if (d.local === 'cpu') info.cpuPinned = true;
      const m = /^cu(\d{2,3})$/.exec(d.local);
      if (m) {
        addCuda(cudaFromDigits(m[1]), `${d.name}==${d.exact}+${d.local} (${d.from})`);
        info.reasons.push(`${d.name}+${d.local}`);
      }
    }
    if (GPU_ONLY.has(d.name)) {
      info.needed = true;
      info.reasons.push(d.name);
    }
    const cupy = /^cupy-cuda(\d+)x?$/.exec(d.name);
    if (cupy) {
      info.needed = true;
      info.reasons.push(d.name);
      if (cupy[1].length <= 2) addCuda({ major: Number(cupy[1]), minor: 0 }, `${d.name} (${d.from}, major only)`);
    }
    if (d.name === 'jax' || d.name === 'jaxlib') {
      const cx = d.extras.map((e) => /^cuda(\d{2})(?:-|$)/.exec(e)).find(Boolean);
      if (cx) {
        info.needed = true;
        info.reasons.push(`jax[${cx[0]}]`);
      }
    }
    if (/^jax-cuda(\d{2})-(plugin|pjrt)$/.test(d.name)) {
      info.needed = true;
      info.reasons.push(d.name);
    }
    if (d.name === 'tensorflow' && d.extras.includes('and-cuda')) {
      info.needed = true;
      info.reasons.push('tensorflow[and-cuda]');
    }
    if (CUDA_COMPILING.has(d.name) && !info.compiles.includes(d.name)) info.compiles.push(d.name);
  }
  for (const c of conda) {
    if ((c.name === 'pytorch-cuda' || c.name === 'cudatoolkit' || c.name === 'cuda-version' || c.name === 'cuda-toolkit') && c.version) {
      addCuda(parseCuda(c.version), `conda ${c.name}=${c.version}`);
      info.reasons.push(`conda ${c.name}`);
    }
  }
  if (info.compiles.length) info.needed = true;
  // PyPI's Linux wheels of torch are CUDA builds and `tensorflow` loads CUDA when it finds it, so a
  // plain pin of either means "GPU" unless the project asked for the CPU build
  if (!info.cpuPinned) {
    const fw = deps.find((d) => d.name === 'torch' || d.name === 'tensorflow' || d.name === 'tensorflow-gpu');
    if (fw) {
      info.needed = true;
      info.reasons.push(fw.name === 'torch' ? 'torch (PyPI\'s Linux wheels are CUDA builds)' : fw.name);
    }
  }
  info.reasons = [...new Set(info.reasons)];
  return info;
}

/** The framework pins that decide the CUDA: the torch family, tensorflow, jax, vllm, onnxruntime-gpu. */
export function frameworkPins(deps: PyDep[]): PyDep[] {
  return deps.filter((d) => TORCH_FAMILY.has(d.name) || d.name === 'tensorflow' || d.name === 'jax' || d.name === 'vllm' || d.name === 'onnxruntime-gpu');
}
