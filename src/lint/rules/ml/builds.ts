// Which commands compile CUDA code during the build (for ML005 and ML007): pip installs of packages
// known to ship CUDA extensions, VCS installs of their repositories, and `setup.py` builds run in a
// clone of one. A pure-Python project built with `--no-build-isolation` or `setup.py develop` is not.
import type { Dockerfile, Stage } from '../../parser';
import type { RuleContext, RunInfo } from '../../rule';
import { commandsOf, type Command } from '../../shell';
import { stageLineage } from '../../facts';
import { parsePipInstall } from '../../pip';
import { runAssigned, mlRuns } from './scope';
import { lintRunCache } from '../../cache';

/** Packages that compile CUDA code when pip builds them from source. */
export const EXT_PACKAGES = new Set([
  'flash-attn', 'apex', 'detectron2', 'pytorch3d', 'mmcv', 'mmcv-full', 'causal-conv1d', 'mamba-ssm', 'torch-scatter',
  'torch-sparse', 'torch-cluster', 'torch-spline-conv', 'nvdiffrast', 'tinycudann', 'gsplat', 'diff-gaussian-rasterization',
  'simple-knn', 'natten', 'grouped-gemm', 'spconv', 'mmdet3d', 'pointnet2-ops', 'kaolin', 'xformers', 'transformer-engine',
]);
/** Repositories of such packages (for VCS installs, clones and `cd` into a clone). */
export const EXT_REPOS = /(flash-attention|\/apex|xformers|detectron2|pytorch3d|tiny-cuda-nn|nvdiffrast|mmcv|causal-conv1d|\/mamba|diff-gaussian-rasterization|simple-knn|gsplat|natten|pytorch_scatter|pytorch_sparse|kaolin|transformerengine|spconv|grouped_gemm)/i;
const EXT_DIRS = /(flash-attention|apex|xformers|detectron2|pytorch3d|tiny-cuda-nn|nvdiffrast|mmcv|causal-conv1d|mamba|diff-gaussian-rasterization|simple-knn|gsplat|natten|pytorch_scatter|pytorch_sparse|kaolin|transformerengine|spconv|grouped_gemm)/i;

const PYTHON = /^python(\d+(\.\d+)?)?$/;
const SETUP_PY = /(^|\/)setup\.py$/;
const SETUP_BUILDS = /^(install|develop|bdist_wheel|build_ext|build)$/;

/** The name of what `cmd` compiles with CUDA, or null. `before`: the RUN's earlier commands (clones and `cd`s); `script`: the RUN's text. */
export function extensionBuild(cmd: Command, assigned: ReadonlyMap<string, string>, before: readonly Command[] = [], script = ''): string | null {
  // `pip wheel` builds like `pip install`: read it with the same parser
  const wheelAt = cmd.args.findIndex((w) => w.text === 'wheel');
  const asInstall = wheelAt >= 0 && cmd.nameWord && !parsePipInstall(cmd) ? { ...cmd, args: cmd.args.map((w, k) => (k === wheelAt ? { ...w, text: 'install' } : w)) } : cmd;
  const p = cmd.nameWord ? parsePipInstall(asInstall) : null;
  if (p) {
    for (const t of p.targets) {
      if (t.name && EXT_PACKAGES.has(t.name) && t.kind === 'requirement') {
        // a plain pip install of a package with wheels on PyPI (xformers, mmcv…) compiles only when told to
        if (t.name === 'xformers' || t.name === 'transformer-engine') continue;
        return t.name;
      }
      if ((t.kind === 'vcs' || t.kind === 'url') && EXT_REPOS.test(t.spec)) return t.spec;
      if (t.kind === 'path' && inExtensionClone(t.spec, before)) return `${t.spec} (a clone of a CUDA extension)`;
      // `./${e}` over a list of extension folders written in the same RUN
      if (t.kind === 'path' && t.spec.includes('$') && EXT_DIRS.test(script)) return `${t.spec} (CUDA extensions named in this RUN)`;
      if (t.name === 'deepspeed' && [...assigned.entries()].some(([k, v]) => k.startsWith('DS_BUILD_') && v !== '0')) return 'deepspeed with DS_BUILD_* ops';
    }
    return null;
  }
  if (PYTHON.test(cmd.base)) {
    const i = cmd.args.findIndex((w) => SETUP_PY.test(w.text));
    const sub = i >= 0 ? cmd.args[i + 1]?.text : undefined;
    if (sub && SETUP_BUILDS.test(sub) && (EXT_DIRS.test(cmd.args[i].text) || inExtensionClone('.', before))) return `setup.py ${sub}`;
  }
  return null;
}

/** True when a local path target (`.`, `./apex`) is in a clone of a CUDA extension made or entered earlier in the RUN. */
function inExtensionClone(path: string, before: readonly Command[]): boolean {
  if (EXT_DIRS.test(path)) return true;
  if (path !== '.' && path !== './') return false;
  const clones = before.filter((c) => c.base === 'git' && c.args.some((w) => w.text === 'clone') && c.args.some((w) => EXT_REPOS.test(w.text)));
  for (let k = before.length - 1; k >= 0; k--) {
    const c = before[k];
    if (c.base !== 'cd') continue;
    const dir = c.args[0]?.text ?? '';
    // into a folder named for an extension, or the folder a clone of one was written to
    return EXT_DIRS.test(dir) || clones.some((g) => g.args.some((w) => w.text === dir || w.text.replace(/\/$/, '') === dir.replace(/\/$/, '')));
  }
  return clones.length > 0;
}

/** The first command of a RUN that compiles CUDA code, with what it builds. */
export function runExtensionBuild(run: RunInfo): { cmd: Command; what: string } | null {
  const cmds = commandsOf(run.script);
  const assigned = runAssigned(run);
  for (let k = 0; k < cmds.length; k++) {
    // most commands are not pip or python: settled without the list of earlier commands
    const b = cmds[k].base;
    if (b[0] !== 'p' && b !== 'uv') continue;
    const what = extensionBuild(cmds[k], assigned, cmds.slice(0, k), run.script.text);
    if (what) return { cmd: cmds[k], what };
  }
  return null;
}

/** True when a RUN of `stage` or of a stage it is built on compiles CUDA code (memoised per stage). */
export function stageCompilesCuda(ctx: RuleContext, doc: Dockerfile, stage: Stage): boolean {
  let known = COMPILES.get(stage);
  if (known === undefined) {
    const chain = stageLineage(doc, stage);
    known = mlRuns(ctx).some((run) => !run.onbuild && run.stage !== null && chain.includes(run.stage) && runExtensionBuild(run) !== null);
    COMPILES.set(stage, known);
  }
  return known;
}

const COMPILES = lintRunCache<Stage, boolean>();
