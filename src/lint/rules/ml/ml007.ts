import { commandRange, defineRule, type Stage } from '../../rule';
import { stageCuda } from './images';
import { runExtensionBuild } from './builds';
import { runAssigned, scopeOf, mlRuns } from './scope';

const ARCH_VARS = ['TORCH_CUDA_ARCH_LIST', 'FORCE_CUDA', 'CMAKE_CUDA_ARCHITECTURES', 'CUDAARCHS', 'TCNN_CUDA_ARCHITECTURES'];

export const ML007 = defineRule({
  code: 'ML007',
  level: 'warning',
  title: 'CUDA extensions are built without a target architecture list.',
  description:
    'There is no GPU during `docker build`, so PyTorch cannot detect which architectures to compile for: CUDA extensions ' +
    'either build CPU-only (detectron2, mmcv, pytorch3d and others check `FORCE_CUDA`), or target default archs and die at run time with "no kernel image is available". ' +
    'Set `TORCH_CUDA_ARCH_LIST` (e.g. `"8.0;8.6;8.9;9.0+PTX"`) and `FORCE_CUDA=1` — or `CMAKE_CUDA_ARCHITECTURES` for CMake builds — in an `ENV`/`ARG` or on the RUN line. ' +
    'Only builds that really compile CUDA code in a stage on a CUDA `devel` image are checked: pip installs of packages that ship CUDA extensions (flash-attn, apex, detectron2, mamba-ssm, torch-scatter…), ' +
    'VCS installs of their repositories, and `pip install .`/`setup.py` builds inside a clone of one. A pure-Python `pip install -e .`, `--no-build-isolation` build or `setup.py develop` is not reported.',
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
      const b = runExtensionBuild(run);
      if (!b) continue;
      ctx.report(commandRange(run, b.cmd), `This compiles CUDA code (${b.what}) with no GPU visible to the build and neither TORCH_CUDA_ARCH_LIST nor FORCE_CUDA set: it may build without CUDA or for the wrong GPUs; set ENV TORCH_CUDA_ARCH_LIST="8.0;8.6;8.9;9.0+PTX" (and FORCE_CUDA=1 for packages that check it).`);
    }
  },
});
