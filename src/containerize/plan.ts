// From what was detected and what the user chose to a consistent stack: GPU or CPU, the CUDA
// version, the Python version and the base images. Every ML fact (torch/TF wheel CUDA, image tags,
// drivers, Python end of life) comes from the knowledge base in src/ml. When the project's pins
// cannot all hold, the plan says so in a warning and takes the nearest combination that can.
import {
  TABLE_DATES, cudaBaseTag, cudaLine, cudaOfTensorflow, cudaOfTorchWheel, latestTorch, minDriverFor, pythonBranch, pythonIsEol,
  oldestSupportedPython, tensorflowRelease, torchReleases, TENSORFLOW_RELEASES, CUDA_IMAGE_RELEASES, compareVersions, jaxPluginOfExtra,
} from '../ml';
import { onnxruntimeCuda, vllmCuda } from '../ml/containerizeHelpers';
import { cudaString, parseCuda } from './gpu';
import type { Choices, CudaVersion, Detected, Plan, PyDep } from './types';

import { DEFAULT_PYTHON, DEFAULT_R, MICROMAMBA_IMAGE } from './defaults';
/** Distros tried for nvidia/cuda images, in order. */
const CUDA_DISTROS = ['ubuntu22.04', 'ubuntu24.04', 'ubuntu20.04'];

const same = (a: CudaVersion, b: CudaVersion): boolean => a.major === b.major && a.minor === b.minor;
const num = (c: CudaVersion): number => c.major * 100 + c.minor;
const minorOf = (v: string): string => /^(\d+\.\d+)/.exec(v)?.[1] ?? v;

function dep(d: Detected, name: string): PyDep | undefined {
  return d.deps.find((x) => x.name === name);
}

/** The torch version the project pins exactly (with its local label), if any. */
function torchPin(d: Detected): { version: string; local?: string } | undefined {
  const t = dep(d, 'torch');
  return t?.exact ? { version: t.exact, ...(t.local ? { local: t.local } : {}) } : undefined;
}

/** CUDA builds the PyTorch index has for a torch version (official and observed), ascending. */
function torchBuilds(version: string): CudaVersion[] {
  const rels = torchReleases(version);
  if (!rels.length) return [];
  const set = new Set<string>();
  for (const r of rels) for (const c of [...r.indexCuda, ...r.extraIndexCuda]) set.add(c);
  return [...set].map((s) => parseCuda(s)!).sort((a, b) => num(a) - num(b));
}

/** The build closest to `want`: the highest at or below it (a driver for `want` runs it), else the lowest above. */
function nearestBuild(builds: CudaVersion[], want: CudaVersion): CudaVersion | undefined {
  const below = builds.filter((b) => num(b) <= num(want));
  return below.length ? below[below.length - 1] : builds[0];
}

/** The newest supported CUDA minor of a major that has images. */
function newestOfMajor(major: number): CudaVersion | undefined {
  const rels = CUDA_IMAGE_RELEASES.filter((r) => r.version.startsWith(`${major}.`) && r.status === 'supported');
  const last = rels[rels.length - 1];
  return last ? parseCuda(last.version) ?? undefined : undefined;
}

interface CudaPick { cuda: CudaVersion; why: string }

/** The CUDA the framework pins imply when no index or local version names one. */
function impliedCuda(d: Detected, warnings: string[]): CudaPick | undefined {
  const torch = dep(d, 'torch');
  if (torch) {
    const w = torch.exact ? cudaOfTorchWheel(torch.exact) : null;
    if (w) {
      if (!w.exact) warnings.push(`Sources disagree on the CUDA of torch ${torch.exact}'s PyPI wheel (${w.candidates.map(cudaString).join(' or ')}); ${cudaString(w.candidates[0])} was chosen.`);
      return { cuda: w.candidates[0], why: `torch ${torch.exact} (PyPI wheel, torch table of ${w.asOf})` };
    }
    if (!torch.exact) {
      const latest = latestTorch();
      return { cuda: parseCuda(latest.pypiCuda[0])!, why: `unpinned torch (newest known release ${latest.version}, torch table of ${TABLE_DATES.torch})` };
    }
  }
  const tf = dep(d, 'tensorflow') ?? dep(d, 'tensorflow-gpu');
  if (tf) {
    const newest = [...TENSORFLOW_RELEASES].sort((a, b) => compareVersions(b.version, a.version))[0];
    const c = tf.exact ? cudaOfTensorflow(tf.exact) : parseCuda(newest.cuda);
    if (c) return { cuda: c, why: `tensorflow ${tf.exact ?? '(unpinned)'} (tested configuration, TF table of ${TABLE_DATES.tensorflow})` };
  }
  const vllm = dep(d, 'vllm');
  if (vllm) {
    const c = vllmCuda(vllm.exact);
    if (c) return { cuda: c, why: `vllm ${vllm.exact ?? '(unpinned)'}` };
  }
  const ort = dep(d, 'onnxruntime-gpu');
  if (ort) {
    const c = onnxruntimeCuda(ort.exact);
    if (c) return { cuda: c, why: `onnxruntime-gpu ${ort.exact ?? '(unpinned)'}` };
  }
  const jax = dep(d, 'jax') ?? dep(d, 'jaxlib');
  const plugin = jax?.extras.map(jaxPluginOfExtra).find(Boolean);
  if (plugin) {
    const c = newestOfMajor(plugin.major);
    if (c) return { cuda: c, why: `jax[cuda${plugin.major}] (needs CUDA ≥ ${plugin.minCuda}; newest ${plugin.major}.x image)` };
  }
  return undefined;
}

function pickCuda(d: Detected, c: Choices, warnings: string[]): CudaPick {
  const pin = torchPin(d);
  const builds = pin ? torchBuilds(pin.version) : [];
  const checkTorch = (p: CudaPick): CudaPick => checkMajor(d, checkTorchBuild(p), warnings);
  const checkTorchBuild = (p: CudaPick): CudaPick => {
    if (!pin || !builds.length || builds.some((b) => same(b, p.cuda))) return p;
    const near = nearestBuild(builds, p.cuda)!;
    const driver = minDriverFor(cudaString(near), { minorCompat: true });
    const above = num(near) > num(p.cuda);
    warnings.push(
      `torch ${pin.version} has no CUDA ${cudaString(p.cuda)} build (builds: ${builds.map(cudaString).join(', ')}); ` +
        `nearest valid: CUDA ${cudaString(near)}` + (above && driver ? `, which needs an NVIDIA driver ≥ ${driver}` : '') + '.',
    );
    return { cuda: near, why: `${p.why}, moved to torch ${pin.version}'s nearest build` };
  };
  if (c.cuda) {
    const v = parseCuda(c.cuda);
    if (v) return checkTorch({ cuda: v, why: 'chosen' });
    warnings.push(`"${c.cuda}" is not a CUDA version (major.minor); it was ignored.`);
  }
  const pinned: { version: CudaVersion; what: string }[] = [];
  for (const x of d.gpu.cuda) if (!pinned.some((p) => same(p.version, x.version))) pinned.push(x);
  if (pinned.length > 1) {
    // conflicting pins: keep the one the torch pin can satisfy, else the newest
    const ok = pinned.filter((p) => !builds.length || builds.some((b) => same(b, p.version)));
    // an exact local version (`+cu121`) decides what pip installs, so it wins over an index URL
    const pool = ok.length ? ok : pinned;
    const local = pool.filter((p) => p.what.includes('+cu'));
    const keep = (local.length ? local : pool).reduce((a, b) => (num(b.version) > num(a.version) ? b : a));
    warnings.push(`The project names conflicting CUDA versions: ${pinned.map((p) => `${cudaString(p.version)} (${p.what})`).join(' vs ')}. CUDA ${cudaString(keep.version)} was chosen; make the pins agree.`);
    return checkTorch({ cuda: keep.version, why: keep.what });
  }
  if (pinned.length === 1) return checkTorch({ cuda: pinned[0].version, why: pinned[0].what });
  const implied = impliedCuda(d, warnings);
  if (implied) return checkTorch(implied);
  const latest = latestTorch();
  return { cuda: parseCuda(latest.pypiCuda[0])!, why: `default (newest torch's PyPI CUDA, torch table of ${TABLE_DATES.torch})` };
}

/**
 * TensorFlow and JAX builds run on any minor of their CUDA major, not on another major: a CUDA of
 * another major moves to theirs (TF: its tested version; JAX: the newest image of the plugin's major).
 */
function checkMajor(d: Detected, p: CudaPick, warnings: string[]): CudaPick {
  const tf = dep(d, 'tensorflow');
  const tfCuda = tf?.exact ? cudaOfTensorflow(tf.exact) : null;
  if (tfCuda && tfCuda.major !== p.cuda.major) {
    warnings.push(`tensorflow ${tf!.exact} is built for CUDA ${cudaString(tfCuda)} and does not run on CUDA ${cudaString(p.cuda)}; nearest valid: CUDA ${cudaString(tfCuda)}.`);
    return { cuda: tfCuda, why: `tensorflow ${tf!.exact} (tested configuration, TF table of ${TABLE_DATES.tensorflow})` };
  }
  const jax = dep(d, 'jax') ?? dep(d, 'jaxlib');
  const plugin = jax?.extras.map(jaxPluginOfExtra).find(Boolean);
  if (plugin && plugin.major !== p.cuda.major) {
    const c = newestOfMajor(plugin.major);
    if (c) {
      warnings.push(`jax[cuda${plugin.major}] needs CUDA ${plugin.major}.x, not ${cudaString(p.cuda)}; nearest valid: CUDA ${cudaString(c)}.`);
      return { cuda: c, why: `jax[cuda${plugin.major}]` };
    }
  }
  return p;
}

/** When the chosen CUDA line is end of life, the nearest supported one the torch pin also offers. */
function avoidEol(pick: CudaPick, d: Detected, warnings: string[], explicit: boolean): CudaPick {
  const line = cudaLine(pick.cuda);
  if (!line || line.status !== 'eol') return pick;
  if (explicit) {
    warnings.push(`CUDA ${cudaString(pick.cuda)} images are end of life (NVIDIA image table of ${TABLE_DATES.cudaImages}); the project pins it, so it was kept. Move the pins to a supported CUDA.`);
    return pick;
  }
  const pin = torchPin(d);
  const builds = pin ? torchBuilds(pin.version) : [];
  const alive = builds.filter((b) => cudaLine(b)?.status === 'supported');
  if (pin && alive.length) {
    const next = alive[0];
    warnings.push(`CUDA ${cudaString(pick.cuda)} images are end of life (NVIDIA image table of ${TABLE_DATES.cudaImages}); torch ${pin.version} also has a CUDA ${cudaString(next)} build, which was chosen instead.`);
    return { cuda: next, why: `${pick.why}, moved off an end-of-life CUDA` };
  }
  warnings.push(`CUDA ${cudaString(pick.cuda)} images are end of life (NVIDIA image table of ${TABLE_DATES.cudaImages}) and nothing in the project's pins allows a supported CUDA; upgrade the framework pins.`);
  return pick;
}

/** Python range a framework pin supports, `[min, max]` minors. */
function frameworkPython(d: Detected): { range: [string, string]; what: string } | undefined {
  const t = dep(d, 'torch');
  const tr = t?.exact ? torchReleases(t.exact)[0] : undefined;
  if (tr) return { range: tr.python, what: `torch ${t!.exact}` };
  const tf = dep(d, 'tensorflow');
  const tfr = tf?.exact ? tensorflowRelease(tf.exact) : null;
  if (tfr) return { range: tfr.python, what: `tensorflow ${tf!.exact}` };
  return undefined;
}

function pickPython(d: Detected, c: Choices, warnings: string[]): string {
  let py = minorOf(c.python ?? d.python?.version ?? DEFAULT_PYTHON);
  const chosenBy = c.python ? 'chosen' : d.python ? `from ${d.python.from}` : 'default';
  if (!/^\d+\.\d+$/.test(py)) {
    warnings.push(`"${py}" is not a Python version; ${DEFAULT_PYTHON} was used.`);
    py = DEFAULT_PYTHON;
  }
  const fw = frameworkPython(d);
  if (fw) {
    const [lo, hi] = fw.range;
    if (compareVersions(py, lo) < 0 || compareVersions(py, hi) > 0) {
      const near = compareVersions(py, lo) < 0 ? lo : hi;
      if (chosenBy !== 'default') warnings.push(`${fw.what} supports Python ${lo}–${hi}, not ${py} (${chosenBy}); nearest valid: Python ${near}.`);
      py = near;
    }
  }
  if (pythonIsEol(py)) {
    const b = pythonBranch(py);
    const next = oldestSupportedPython().version;
    const fits = !fw || compareVersions(next, fw.range[1]) <= 0;
    if (d.source.kind === 'conda') {
      // the environment file installs its own Python; the image follows it
      warnings.push(`Python ${py} (${chosenBy}) is past its end of life (${b?.eol}, Python table of ${TABLE_DATES.python}); set a supported python in ${d.source.file}.`);
    } else if (fits) {
      warnings.push(`Python ${py} (${chosenBy}) is past its end of life (${b?.eol}, Python table of ${TABLE_DATES.python}); nearest supported: Python ${next}, which was chosen.`);
      py = next;
    } else {
      warnings.push(`Python ${py} is past its end of life (${b?.eol}, Python table of ${TABLE_DATES.python}), but ${fw!.what} supports nothing newer than ${fw!.range[1]}; upgrade the framework pin.`);
    }
  }
  return py;
}

export function makePlan(d: Detected, c: Choices): Plan {
  const warnings: string[] = [...d.notes];
  if (d.language === 'r') {
    if (c.gpu === 'yes') warnings.push('GPU images for R projects are not generated; a CPU rocker image was chosen.');
    const r = d.r?.version ?? DEFAULT_R;
    return { gpu: false, base: `rocker/r-ver:${r}`, ...(c.port ?? d.app.port ? { port: c.port ?? d.app.port } : {}), warnings };
  }
  const python = pickPython(d, c, warnings);
  const gpu = c.gpu === 'yes' || (c.gpu === 'auto' && d.gpu.needed);
  const port = c.port ?? d.app.port;
  if (!gpu) {
    if (d.gpu.needed && c.gpu === 'no') {
      const gpuOnly = d.gpu.reasons.filter((r) => !/^torch\b|^tensorflow$/.test(r));
      warnings.push(`A CPU image was chosen although the project asks for a GPU (${d.gpu.reasons.join(', ')}).` + (gpuOnly.length ? ` ${gpuOnly.join(', ')} will not work without one.` : ''));
    }
    const base = d.source.kind === 'conda' ? MICROMAMBA_IMAGE : `python:${python}-slim-bookworm`;
    return { gpu: false, python, base, ...(port ? { port } : {}), warnings, tableDate: TABLE_DATES.python };
  }
  const explicit = !!c.cuda || d.gpu.cuda.length > 0;
  const pick = avoidEol(pickCuda(d, c, warnings), d, warnings, explicit);
  const needsCudnn = !!(dep(d, 'onnxruntime-gpu') || (dep(d, 'tensorflow') && !dep(d, 'tensorflow')!.extras.includes('and-cuda')));
  const flavour = needsCudnn ? 'cudnn-runtime' : 'runtime';
  const find = (cuda: CudaVersion, fl: 'runtime' | 'cudnn-runtime' | 'devel' | 'cudnn-devel'): string | undefined => {
    for (const distro of CUDA_DISTROS) {
      const t = cudaBaseTag(cudaString(cuda), fl, distro);
      if (t) return `nvidia/cuda:${t}`;
    }
    return undefined;
  };
  let base = find(pick.cuda, flavour);
  if (!base) {
    warnings.push(`No nvidia/cuda ${flavour} image is known for CUDA ${cudaString(pick.cuda)} (image table of ${TABLE_DATES.cudaImages}).`);
    base = `nvidia/cuda:${cudaString(pick.cuda)}.0-${flavour === 'runtime' ? 'runtime' : 'cudnn-runtime'}-ubuntu22.04`;
  }
  const buildBase = d.gpu.compiles.length ? find(pick.cuda, needsCudnn ? 'cudnn-devel' : 'devel') : undefined;
  if (c.gpu === 'yes' && !d.gpu.needed) warnings.push('A GPU image was chosen although nothing in the project asks for CUDA.');
  const driver = minDriverFor(cudaString(pick.cuda), { minorCompat: true });
  return {
    gpu: true,
    cuda: pick.cuda,
    python,
    base,
    ...(buildBase ? { buildBase } : {}),
    ...(port ? { port } : {}),
    warnings,
    tableDate: TABLE_DATES.cudaImages,
    cudaWhy: pick.why,
    ...(driver ? { minDriver: driver } : {}),
  };
}
