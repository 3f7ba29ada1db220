import { commandRange, defineRule, type Stage } from '../../rule';
import { commandsOf, type Command } from '../../shell';
import { stageCuda } from './images';
import { parsePipInstall } from '../../pip';
import { runAssigned, scopeOf, mlRuns } from './scope';

const ARCH_VARS = ['TORCH_CUDA_ARCH_LIST', 'FORCE_CUDA', 'CMAKE_CUDA_ARCHITECTURES', 'CUDAARCHS', 'TCNN_CUDA_ARCHITECTURES'];
/** Packages that compile CUDA code when pip installs them. */
const EXT_PACKAGES = new Set([
  'flash-attn', 'apex', 'detectron2', 'pytorch3d', 'mmcv', 'mmcv-full', 'causal-conv1d', 'mamba-ssm', 'torch-scatter',
  'torch-sparse', 'torch-cluster', 'torch-spline-conv', 'nvdiffrast', 'tinycudann', 'gsplat', 'diff-gaussian-rasterization',
  'simple-knn', 'natten', 'grouped-gemm', 'spconv', 'mmdet3d', 'pointnet2-ops', 'kaolin',
]);
const EXT_REPOS = /(flash-attention|\/apex|xformers|detectron2|pytorch3d|tiny-cuda-nn|nvdiffrast|mmcv|causal-conv1d|\/mamba|diff-gaussian-rasterization|simple-knn|gsplat|natten|deepspeed|pytorch_scatter|pytorch_sparse|kaolin)/i;

const PYTHON = /^python(\d+(\.\d+)?)?$/;
const SETUP_PY = /(^|\/)setup\.py$/;
const SETUP_BUILDS = /^(install|develop|bdist_wheel|build_ext|build)$/;

/** The command of a RUN that compiles CUDA extensions, if any. */
function extensionBuild(cmd: Command, assigned: Map<string, string>): string | null {
  // `pip wheel` builds like `pip install`: read it with the same parser
  const wheelAt = cmd.args.findIndex((w) => w.text === 'wheel');
  const asInstall = wheelAt >= 0 && cmd.nameWord && !parsePipInstall(cmd) ? { ...cmd, args: cmd.args.map((w, k) => (k === wheelAt ? { ...w, text: 'install' } : w)) } : cmd;
  const p = cmd.nameWord ? parsePipInstall(asInstall) : null;
  if (p) {
    const verb = asInstall === cmd ? 'install' : 'wheel';
    if (p.options.has('--no-build-isolation')) return `pip ${verb} --no-build-isolation`;
    for (const t of p.targets) {
      if (t.name && EXT_PACKAGES.has(t.name)) return t.name;
      if ((t.kind === 'vcs' || t.kind === 'url') && EXT_REPOS.test(t.spec)) return t.spec;
      if (t.name === 'deepspeed' && [...assigned.keys()].some((k) => k.startsWith('DS_BUILD_'))) return 'deepspeed with DS_BUILD_* ops';
    }
    return null;
  }
  if (PYTHON.test(cmd.base)) {
    const i = cmd.args.findIndex((w) => SETUP_PY.test(w.text));
    const sub = i >= 0 ? cmd.args[i + 1]?.text : undefined;
    if (sub && SETUP_BUILDS.test(sub)) return `setup.py ${sub}`;
  }
  return null;
}

export const ML007 = defineRule({
  code: 'ML007',
  level: 'warning',
  title: 'CUDA extensions are built without a target architecture list.',
  description:
    'There is no GPU during `docker build`, so PyTorch cannot detect which architectures to compile for: extensions (flash-attn, apex, detectron2, `setup.py install`, `--no-build-isolation` builds…) ' +
    'either fail, build CPU-only, or target default archs and die at run time with "no kernel image is available". ' +
    'Set `TORCH_CUDA_ARCH_LIST` (e.g. `"8.0;8.6;8.9;9.0+PTX"`) — or `CMAKE_CUDA_ARCHITECTURES`/`FORCE_CUDA` for packages that use them — in an `ENV`/`ARG` or on the RUN line. ' +
    'Only stages on a CUDA `devel` image are checked. Deviation from the proposal: a plain `pip install -e .` is not reported (it is usually a pure-Python project).',
  example: {
    bad: 'FROM nvidia/cuda:12.4.1-devel-ubuntu22.04\nRUN pip install --no-cache-dir flash-attn==2.6.3 --no-build-isolation',
    good: 'FROM nvidia/cuda:12.4.1-devel-ubuntu22.04\nENV TORCH_CUDA_ARCH_LIST="8.0;8.6;8.9;9.0+PTX"\nRUN pip install --no-cache-dir flash-attn==2.6.3 --no-build-isolation',
  },
  check(ctx) {
    // RUNs of a stage come one after another: the stage's CUDA facts are looked up when the stage changes
    let stage: Stage | null = null;
    let devel = false;
    for (const run of mlRuns(ctx)) {
      if (run.onbuild || !run.stage) continue;
      if (run.stage !== stage) devel = !!stageCuda(ctx.doc, (stage = run.stage))?.devel;
      if (!devel) continue;
      const assigned = runAssigned(run);
      if (ARCH_VARS.some((v) => assigned.has(v))) continue;
      const scope = scopeOf(ctx.doc, run.stage);
      if (ARCH_VARS.some((v) => scope.get(v, run.instr))) continue;
      for (const cmd of commandsOf(run.script)) {
        const what = extensionBuild(cmd, assigned);
        if (!what) continue;
        ctx.report(commandRange(run, cmd), `This builds CUDA code (${what}) with no GPU present and no TORCH_CUDA_ARCH_LIST set; list the target architectures, e.g. ENV TORCH_CUDA_ARCH_LIST="8.0;8.6;8.9;9.0+PTX".`);
        break;
      }
    }
  },
});
