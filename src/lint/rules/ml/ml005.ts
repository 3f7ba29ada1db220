import { defineRule, type RuleContext, type RunInfo, type Stage } from '../../rule';
import { commandsOf, positionals } from '../../shell';
import { stageCuda, type ImageCuda } from './images';
import { scopeOf, mlRuns } from './scope';
import { pipFacts, type WheelCuda } from './wheels';
import { stageCompilesCuda } from './builds';
import { torchReleases } from '../../../ml';

const CONDA_TOOLS = new Set(['conda', 'mamba', 'micromamba']);
const CONDA_OPTS = ['-n', '--name', '-p', '--prefix', '-c', '--channel', '-f', '--file', '-r', '--root-prefix'];
const CONDA_CUDA = /^(?:[\w.-]+::)?(pytorch-cuda|cudatoolkit|cuda-version)==?(\d{1,2})\.(\d{1,2})(?:[.*]|$)/;

/** `conda install pytorch-cuda=12.1` / `cudatoolkit=11.3` / `cuda-version=12.4`. */
function condaCuda(run: RunInfo): WheelCuda[] | null {
  let out: WheelCuda[] | null = null;
  for (const cmd of commandsOf(run.script)) {
    if (!CONDA_TOOLS.has(cmd.base)) continue;
    const pos = positionals(cmd, CONDA_OPTS);
    if (pos[0]?.text !== 'install' && pos[0]?.text !== 'create') continue;
    for (let k = 1; k < pos.length; k++) {
      const w = pos[k];
      if (!w.text.includes('cud')) continue; // every name above has it
      const m = CONDA_CUDA.exec(w.text);
      if (m) (out ??= []).push({ major: Number(m[2]), minor: Number(m[3]), what: w.text, start: w.start, end: w.end });
    }
  }
  return out;
}

export const ML005 = defineRule({
  code: 'ML005',
  level: 'warning',
  title: 'CUDA version of the base image and of the framework wheels differ.',
  description:
    'A stage whose base image has CUDA X.Y installs framework builds for another CUDA: a PyTorch `…/whl/cuXYZ` index or `+cuXYZ` version, uv `--torch-backend`, `jax[cudaNN]`, `cupy-cudaNNx`, `nvidia-*-cuNN`, conda `pytorch-cuda=X.Y`/`cudatoolkit=X.Y`, ' +
    'or a plain PyPI `torch==X` / `tensorflow==X` whose build CUDA the knowledge base in src/ml knows (e.g. torch 1.13 wheels on PyPI are CUDA 11.7 builds). ' +
    'A different CUDA major fails at run time (TensorFlow finds no GPU; `torch.utils.cpp_extension` refuses to build). ' +
    'In a stage on a `devel` image that compiles CUDA extensions (flash-attn, apex, a clone of one…), a wheel built for a newer CUDA minor than the toolkit is reported too: nvcc is older than the CUDA torch was built with. ' +
    'Forward-compatible cases stay silent: a newer minor on a runtime image, an older minor anywhere (minor-version compatibility; the pip wheels bring their own CUDA libraries). ' +
    'CUDA versions of base images are read from `nvidia/cuda` tags, `pytorch/pytorch:*-cudaX.Y-*` tags and NGC `YY.MM` releases; an index built from an `ARG` is resolved, and skipped if it cannot be.',
  example: {
    bad: 'FROM nvidia/cuda:12.4.1-devel-ubuntu22.04\nRUN pip install --no-cache-dir torch==2.3.1 --index-url https://download.pytorch.org/whl/cu118',
    good: 'FROM nvidia/cuda:12.4.1-devel-ubuntu22.04\nRUN pip install --no-cache-dir torch==2.5.1 --index-url https://download.pytorch.org/whl/cu124',
  },
  check(ctx) {
    // RUNs of a stage come one after another: the stage's CUDA facts are looked up when the stage changes
    let stage: Stage | null = null;
    let cuda: ImageCuda | null = null;
    for (const run of mlRuns(ctx)) {
      if (run.onbuild || !run.stage) continue;
      if (run.stage !== stage) cuda = stageCuda(ctx.doc, (stage = run.stage));
      if (!cuda?.version) continue;
      // the pip wheels' CUDA builds, then conda's, in that order; one finding per RUN (the first mismatch)
      let all: WheelCuda[] | null = null;
      for (const f of pipFacts(run, scopeOf(ctx.doc, run.stage))) if (f.cuda.length) (all ??= []).push(...f.cuda);
      const conda = condaCuda(run);
      if (conda) (all ??= []).push(...conda);
      if (!all) continue;
      all.sort((a, b) => a.start - b.start);
      for (const w of all) if (reportMismatch(ctx, run, cuda, w)) break;
    }
  },
});

/**
 * Reports a build for another CUDA major (anywhere), or for a newer minor than the toolkit of a devel
 * stage that compiles CUDA extensions.
 */
function reportMismatch(ctx: RuleContext, run: RunInfo, cuda: ImageCuda, w: WheelCuda): boolean {
  const { major, minor } = cuda.version!;
  const table = w.pypiTableDate ? ` (src/ml table of ${w.pypiTableDate})` : '';
  const wheel = w.minor === null ? `CUDA ${w.major}` : `CUDA ${w.major}.${w.minor}`;
  const built = `${w.what} is built for ${wheel}`;
  if (w.major !== major) {
    const effect = w.usesImageCuda
      ? `it needs the CUDA ${w.major} libraries, which this image does not have, so it will not find the GPU`
      : `it runs on its own ${wheel} libraries, so the image carries two CUDA stacks and CUDA code compiled with this image's toolkit does not match it`;
    ctx.report(run.range(w.start, w.end), `${built}, but this base image has CUDA ${major}.${minor}${table}: ${effect}; ${advice(w, major, minor)}.`);
    return true;
  }
  if (w.minor === null || w.minor <= minor || !cuda.devel || !run.stage || !stageCompilesCuda(ctx, ctx.doc, run.stage)) return false;
  ctx.report(run.range(w.start, w.end), `${built}, newer than the CUDA ${major}.${minor} toolkit of this devel image that compiles CUDA extensions here${table}; use the cu${major}${minor} build or a ${wheel} devel image.`);
  return true;
}

/** What to do instead: a build of the same torch for the image's CUDA major when the table knows one. */
function advice(w: WheelCuda, major: number, minor: number): string {
  if (w.torchVersion) {
    const rels = torchReleases(w.torchVersion);
    if (rels.length) {
      const builds = [...new Set(rels.flatMap((r) => r.indexCuda))].filter((c) => Number(c.split('.')[0]) === major);
      const v = rels.length === 1 ? rels[0].version : w.torchVersion;
      if (builds.length) return `install torch ${v} from the ${builds.map((c) => 'cu' + c.replace('.', '')).join(' or ')} index, or use a base image with CUDA ${w.major}`;
      return `torch ${v} has no CUDA ${major} build: use a newer torch or a base image with CUDA ${w.major}`;
    }
  }
  return w.minor === null ? `use the CUDA ${major} build or a base image with CUDA ${w.major}` : `use the build for CUDA ${major}.${minor} or a base image with CUDA ${w.major}.${w.minor}`;
}

