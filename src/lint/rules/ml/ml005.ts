import { defineRule, type RuleContext, type RunInfo, type Stage } from '../../rule';
import { commandsOf, positionals } from '../../shell';
import { stageCuda, type ImageCuda } from './images';
import { scopeOf, mlRuns } from './scope';
import { pipFacts, type WheelCuda } from './wheels';

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
    'A stage whose base image has CUDA X.Y installs framework wheels built for another CUDA (PyTorch `…/whl/cuXYZ` index or `+cuXYZ`, uv `--torch-backend`, `jax[cudaNN]`, `cupy-cudaNNx`, `nvidia-*-cuNN`, conda `pytorch-cuda=X.Y`/`cudatoolkit=X.Y`). ' +
    'A different major version fails at run time; a different minor breaks building CUDA extensions ("the detected CUDA version mismatches the version used to compile PyTorch"). ' +
    'The rule warns on a major mismatch anywhere, and on a minor mismatch in `devel` stages, where extensions get compiled. ' +
    'CUDA versions are read from `nvidia/cuda` tags, `pytorch/pytorch:*-cudaX.Y-*` tags and NGC `YY.MM` releases; an index built from an `ARG` is resolved, and skipped if it cannot be.',
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
      // the pip wheels' CUDA builds, then conda's, in that order
      for (const f of pipFacts(run, scopeOf(ctx.doc, run.stage))) for (const w of f.cuda) reportMismatch(ctx, run, cuda, w);
      const conda = condaCuda(run);
      if (conda) for (const w of conda) reportMismatch(ctx, run, cuda, w);
    }
  },
});

/** Reports a wheel built for another CUDA major (anywhere) or minor (in devel stages) than the base image's. */
function reportMismatch(ctx: RuleContext, run: RunInfo, cuda: ImageCuda, w: WheelCuda): void {
  const { major, minor } = cuda.version!;
  const majorDiff = w.major !== major;
  const minorDiff = w.minor !== null && w.minor !== minor;
  if (!majorDiff && !(minorDiff && cuda.devel)) return;
  const wheel = w.minor === null ? `CUDA ${w.major}` : `CUDA ${w.major}.${w.minor}`;
  const advice = w.minor === null ? `use the CUDA ${major} variant` : `pick the build for CUDA ${major}.${minor} (e.g. cu${major}${minor}) or a base image with ${wheel}`;
  ctx.report(run.range(w.start, w.end), `The base image has CUDA ${major}.${minor} but ${w.what} is built for ${wheel}; ${advice}.`);
}
