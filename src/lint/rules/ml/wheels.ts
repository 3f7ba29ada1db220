// Which CUDA (or CPU) build the Python packages of a RUN ask for: PyTorch indexes (`…/whl/cu121`),
// local versions (`+cu118`, `+cpu`), `jax[cuda12]`, `cupy-cuda11x`, `nvidia-*-cu12`, uv's `--torch-backend`.
// pip command lines are read by the package rules' parser (`../packages/pip`).
import type { RunInfo } from '../../rule';
import { commandsOf, type Command } from '../../shell';
import { parsePipInstall, type PipInstall, type PipTarget } from '../../pip';
import { runAssigned, type VarScope } from './scope';
import { cudaOfTensorflow, cudaOfTorchWheel, parseCuTag, TABLE_DATES, torchIndexCuda } from '../../../ml';

export interface WheelCuda {
  major: number;
  /** null when only the major is known (`jax[cuda12]`, `cupy-cuda12x`). */
  minor: number | null;
  /** What said so, for the message. */
  what: string;
  /**
   * Set when no index or local version names the build and the CUDA comes from the knowledge base's
   * table of PyPI wheels (`torch==1.13.1` → 11.7): the table date, for the message.
   */
  pypiTableDate?: string;
  /** The build loads the image's CUDA libraries (TensorFlow without [and-cuda], CuPy) instead of bringing its own. */
  usesImageCuda?: boolean;
  /** The torch version pinned in the same install, when there is one (for advice on which builds exist). */
  torchVersion?: string;
  /** Offsets in the RUN script for the range. */
  start: number;
  end: number;
}

export interface PipFacts {
  cmd: Command;
  install: PipInstall;
  targets: PipTarget[];
  cuda: WheelCuda[];
  /** A CPU build was asked for (CPU index, `+cpu`, `--torch-backend=cpu`). */
  cpu: boolean;
  /** Some index or backend could not be resolved (contains `$`). */
  unresolved: boolean;
}

export const TORCH_FAMILY = new Set(['torch', 'torchvision', 'torchaudio']);

const INDEX_OPTS = ['-i', '--index-url', '--extra-index-url', '-f', '--find-links', '--index', '--default-index'];
const INDEX_ENVS = ['PIP_INDEX_URL', 'PIP_EXTRA_INDEX_URL', 'PIP_FIND_LINKS', 'UV_INDEX_URL', 'UV_EXTRA_INDEX_URL', 'UV_INDEX', 'UV_DEFAULT_INDEX'];

/** `cu121` → 12.1, `cu118` → 11.8, `cu92` → 9.2, `cu130` → 13.0. */
export function cuTag(digits: string): { major: number; minor: number } | null {
  return parseCuTag(digits);
}

function fromIndex(url: string): { cuda?: { major: number; minor: number }; cpu: boolean } {
  const ix = torchIndexCuda(url);
  if (ix === 'cpu') return { cpu: true };
  if (!ix || ix === 'rocm') return { cpu: false };
  return { cuda: ix, cpu: false };
}

/** The source span of the word of `cmd` that holds `text` (an option value), else the `install` word. */
function spanOf(cmd: Command, install: PipInstall, text: string): { start: number; end: number } {
  const k = cmd.args.findIndex((w) => w.text === text || w.text.endsWith('=' + text));
  if (k < 0) return install.installWord;
  const prev = cmd.args[k - 1];
  return prev && prev.text.startsWith('-') && cmd.args[k].text === text ? { start: prev.start, end: cmd.args[k].end } : cmd.args[k];
}

/** uv's `--torch-backend` values (`=value` or a separate word); null when there is none (almost always). */
function torchBackends(cmd: Command): string[] | null {
  let out: string[] | null = null;
  const a = cmd.args;
  for (let k = 0; k < a.length; k++) {
    const t = a[k].text;
    // both spellings have a `t` third: most words are ruled out by one character
    if (t.charCodeAt(2) !== 116 /* t */) continue;
    if (t.startsWith('--torch-backend=')) (out ??= []).push(t.slice(16));
    else if (t === '--torch-backend' && a[k + 1]) (out ??= []).push(a[k + 1].text);
  }
  return out;
}

const LOCAL_RE = /\+(cu\d{2,3}|cpu)\b/;
const JAXLIB_RE = /\+cuda(\d{2})/;
const CUPY_RE = /^cupy-cuda(\d{2})(x|\d)$/;
const NVIDIA_WHEEL_RE = /^nvidia-[a-z0-9-]+-cu(\d{2})$/;

/** Facts of every pip / uv pip install of a RUN; `scope` is the ENV/ARG scope of the RUN's stage. Computed once per RUN (read-only). */
export function pipFacts(run: RunInfo, scope: VarScope): PipFacts[] {
  // the script's memo slot: only this function writes it, always with PipFacts[]
  return (run.script.pipFacts ??= pipFactsOf(run, scope)) as PipFacts[];
}

/** A WheelCuda with every field in the same order (objects of one shape keep the rules' property reads fast). */
function wheel(
  major: number, minor: number | null, what: string, start: number, end: number,
  torchVersion?: string, pypiTableDate?: string, usesImageCuda?: boolean,
): WheelCuda {
  return { major, minor, what, pypiTableDate, usesImageCuda, torchVersion, start, end };
}

function pipFactsOf(run: RunInfo, scope: VarScope): PipFacts[] {
  const out: PipFacts[] = [];
  const cmds = commandsOf(run.script);
  let any = false;
  for (let k = 0; k < cmds.length && !any; k++) any = !!cmds[k].nameWord && parsePipInstall(cmds[k]) !== null;
  if (!any) return out;
  const assigned = runAssigned(run);
  const value = (name: string) => assigned.get(name) ?? scope.value(name, run.instr);
  // the index variables are looked up for every install: most stages set none of them
  const indexEnvs = INDEX_ENVS.some((e) => assigned.has(e) || scope.get(e, run.instr) !== undefined);
  for (const cmd of cmds) {
    const install = cmd.nameWord ? parsePipInstall(cmd) : null;
    if (!install) continue;
    const f: PipFacts = { cmd, install, targets: install.targets.filter((t) => t.spec !== ''), cuda: [], cpu: false, unresolved: false };
    // made for the first index: most installs name none
    let indexes: { url: string; start: number; end: number }[] | null = null;
    if (install.options.size) {
      for (const o of INDEX_OPTS) {
        const urls = install.options.get(o);
        if (!urls) continue;
        for (const url of urls) {
          if (!url) continue;
          const span = spanOf(cmd, install, url);
          (indexes ??= []).push({ url, start: span.start, end: span.end });
        }
      }
    }
    if (indexEnvs) {
      for (const e of INDEX_ENVS) {
        const v = value(e);
        if (v) for (const url of v.split(/\s+/)) if (url) (indexes ??= []).push({ url, start: install.installWord.start, end: install.installWord.end });
      }
    }
    if (indexes) for (const ix of indexes) {
      const r = scope.resolve(ix.url, run.instr, assigned);
      if (r.unresolved.length || r.value.includes('$')) {
        f.unresolved = true;
        continue;
      }
      const got = fromIndex(r.value);
      if (got.cpu) f.cpu = true;
      if (got.cuda) f.cuda.push(wheel(got.cuda.major, got.cuda.minor, `the PyTorch index ${r.value}`, ix.start, ix.end, pinnedTorch(f.targets)));
    }
    let backends = torchBackends(cmd);
    const envBackend = install.tool === 'uv' ? value('UV_TORCH_BACKEND') : null;
    if (envBackend) (backends ??= []).push(envBackend);
    if (backends) for (const b of backends) {
      const r = scope.resolve(b, run.instr, assigned).value;
      if (r === 'cpu' || r === 'auto') f.cpu = true; // `auto` finds no GPU during the build
      else if (/^cu\d{2,3}$/.test(r)) {
        const c = cuTag(r.slice(2));
        if (c) f.cuda.push(wheel(c.major, c.minor, `--torch-backend=${r}`, install.installWord.start, install.installWord.end));
      } else if (r.includes('$')) f.unresolved = true;
    }
    for (const t of f.targets) {
      const w = t.word;
      // local versions (`+cu121`, `+cpu`, jaxlib's `+cuda12`) all need a `+`
      const plus = t.specifier.includes('+');
      const local = plus ? LOCAL_RE.exec(t.specifier) : null;
      if (local) {
        if (local[1] === 'cpu') f.cpu = true;
        else {
          const c = cuTag(local[1].slice(2));
          if (c) f.cuda.push(wheel(c.major, c.minor, `"${t.spec}"`, w.start, w.end, t.name === 'torch' ? t.specifier.replace(/^===?\s*/, '') : undefined));
        }
      }
      const jaxlib = plus ? JAXLIB_RE.exec(t.specifier) : null;
      if (jaxlib) f.cuda.push(wheel(Number(jaxlib[1]), null, `"${t.spec}"`, w.start, w.end));
      if (t.name === 'jax' || t.name === 'jaxlib') {
        for (const x of t.extras) {
          const m = /^cuda(\d{2})(?:[_-]|$)/i.exec(x);
          if (m) f.cuda.push(wheel(Number(m[1]), null, `"${t.spec}"`, w.start, w.end));
        }
      }
      const name = t.name ?? '';
      const cupy = name.startsWith('cupy-cuda') ? CUPY_RE.exec(name) : null;
      if (cupy) f.cuda.push(wheel(Number(cupy[1]), cupy[2] === 'x' ? null : Number(cupy[2]), `"${t.spec}"`, w.start, w.end, undefined, undefined, true));
      const nv = name.startsWith('nvidia-') ? NVIDIA_WHEEL_RE.exec(name) : null;
      if (nv) f.cuda.push(wheel(Number(nv[1]), null, `"${t.spec}"`, w.start, w.end));
    }
    if (!f.cuda.length && !f.cpu && !f.unresolved) pypiImplied(f);
    out.push(f);
  }
  return out;
}

/** The version of a `torch==X` target of the install, if any. */
function pinnedTorch(targets: readonly PipTarget[]): string | undefined {
  for (const t of targets) if (t.name === 'torch' && t.kind === 'requirement') return exactVersion(t.specifier) ?? undefined;
  return undefined;
}

/** A single `==X` version (`==2.1.2`, `==2.1.*`), else null. */
function exactVersion(specifier: string): string | null {
  const m = /^===?\s*(\d+(?:\.\d+){0,2}(?:\.\*)?)$/.exec(specifier.trim());
  return m ? m[1] : null;
}

/** The CUDA of plain PyPI torch / tensorflow wheels pinned to a version the tables know. */
function pypiImplied(f: PipFacts): void {
  for (const t of f.targets) {
    if (t.kind !== 'requirement' || (t.name !== 'torch' && t.name !== 'tensorflow')) continue;
    const v = exactVersion(t.specifier);
    if (!v) continue;
    if (t.name === 'torch') {
      const w = cudaOfTorchWheel(v);
      if (!w || w.major === null) continue;
      const ex = w.exact;
      f.cuda.push(wheel(w.major, ex ? ex.minor : null, `torch ${v} from PyPI`, t.word.start, t.word.end, v, w.asOf));
    } else if (!t.extras.includes('and-cuda')) {
      // without the [and-cuda] extra TensorFlow loads the CUDA libraries of the image
      const c = cudaOfTensorflow(v);
      if (c) f.cuda.push(wheel(c.major, null, `tensorflow ${v} (tested with CUDA ${c.major}.${c.minor})`, t.word.start, t.word.end, undefined, TABLE_DATES.tensorflow, true));
    }
  }
}
