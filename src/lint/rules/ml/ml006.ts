import { defineRule, type RuleContext } from '../../rule';
import type { Instruction, Stage } from '../../parser';
import { isArm64Only, stageCuda, stageIsCpuBase } from './images';
import { externalBase, pipInstalls, stageLineage } from '../../facts';
import { scopeOf, mlRuns } from './scope';
import { TORCH_FAMILY, pipFacts } from './wheels';
import type { PipTarget } from '../../pip';

const CPU_INDEX = 'https://download.pytorch.org/whl/cpu';
const CUDA_PACKAGES = /\b(cuda-toolkit|cuda-runtime|cuda-libraries|cuda-compat|nvidia-cuda-toolkit|libcudnn\d)/;

/** Lengths of the TORCH_FAMILY names: a name of another length is none of them, without hashing it. */
const TORCH_LENGTHS = new Set([...TORCH_FAMILY].map((n) => n.length));
const isTorchName = (name: string | null | undefined) => !!name && TORCH_LENGTHS.has(name.length) && TORCH_FAMILY.has(name);
const isTorchRequirement = (t: PipTarget) => t.kind === 'requirement' && isTorchName(t.name);

function namesTorch(targets: readonly PipTarget[]): boolean {
  for (let k = 0; k < targets.length; k++) if (isTorchRequirement(targets[k])) return true;
  return false;
}

/** The RUNs (by instruction) with a pip install that names torch, torchvision or torchaudio (the only installs reported); null when none. */
function torchRuns(ctx: RuleContext): Set<Instruction> | null {
  let out: Set<Instruction> | null = null;
  const installs = pipInstalls(ctx);
  for (let k = 0; k < installs.length; k++) if (namesTorch(installs[k].pip.targets)) (out ??= new Set()).add(installs[k].run.instr);
  return out;
}

/** Stages with a RUN that installs a CUDA toolkit from the distribution: they mean to run on GPUs. */
function cudaStages(ctx: RuleContext): Set<number> {
  const out = new Set<number>();
  for (const r of mlRuns(ctx)) if (r.stage && r.script.text.includes('cud') && CUDA_PACKAGES.test(r.script.text)) out.add(r.stage.index);
  return out;
}

/** Whether a stage of `chain` is in `stages`. */
function anyStageIn(chain: readonly Stage[], stages: Set<number>): boolean {
  if (stages.size === 0) return false;
  for (let k = 0; k < chain.length; k++) if (stages.has(chain[k].index)) return true;
  return false;
}

const CUDA_VARS = ['CUDA_HOME', 'CUDA_PATH', 'CUDA_VERSION', 'NVIDIA_VISIBLE_DEVICES', 'NVIDIA_DRIVER_CAPABILITIES'];

export const ML006 = defineRule({
  code: 'ML006',
  level: 'info',
  title: 'PyTorch from PyPI pulls CUDA wheels into a CPU image.',
  description:
    'On Linux x86_64, `pip install torch` from PyPI brings the CUDA build: about a dozen `nvidia-*` wheels plus triton, several GB that never run in an image without a GPU stack. ' +
    `Install from the CPU index (\`--index-url ${CPU_INDEX}\`), pin a \`+cpu\` build, or use uv's \`--torch-backend=cpu\`. ` +
    'The rule fires only on general-purpose bases (python, debian, ubuntu, conda, Jupyter CPU images…) when nothing else in the stage points to CUDA, and not for arm64-only stages (no CUDA wheels there). ' +
    'The quick fix adds the CPU index (`--extra-index-url` when the command installs other packages too).',
  example: {
    bad: 'FROM python:3.12-slim\nRUN pip install --no-cache-dir torch==2.5.1',
    good: `FROM python:3.12-slim\nRUN pip install --no-cache-dir torch==2.5.1 --index-url ${CPU_INDEX}`,
  },
  check(ctx) {
    const withTorch = torchRuns(ctx);
    if (!withTorch) return;
    let gpuStages: Set<number> | undefined;
    for (const run of mlRuns(ctx)) {
      if (run.onbuild || !run.stage || !withTorch.has(run.instr)) continue;
      const base = externalBase(ctx.doc, run.stage);
      const chain = stageLineage(ctx.doc, run.stage);
      // the stages that install a CUDA toolkit are worked out once, for the first RUN that gets this far
      if (!base || stageCuda(ctx.doc, run.stage) || !stageIsCpuBase(ctx.doc, run.stage) || chain.some(isArm64Only) || anyStageIn(chain, (gpuStages ??= cudaStages(ctx)))) continue;
      const scope = scopeOf(ctx.doc, run.stage);
      if (CUDA_VARS.some((v) => scope.value(v, run.instr))) continue;
      const facts = pipFacts(run, scope);
      const named = (f: (typeof facts)[number]) => f.cuda.some((c) => !c.pypiTableDate);
      if (facts.some(named)) continue;
      for (const f of facts) {
        if (f.cpu || f.unresolved || named(f)) continue;
        if (f.targets.some((t) => t.spec.includes('$'))) continue;
        const torch = f.targets.find(isTorchRequirement)?.word;
        if (!torch) continue;
        const onlyTorch = f.targets.every((t) => isTorchName(t.name));
        const hasIndex = f.install.indexUrl !== null;
        const opt = onlyTorch && !hasIndex ? '--index-url' : '--extra-index-url';
        const at = run.range(f.install.installWord.end, f.install.installWord.end);
        const fixes = run.exec ? undefined : [{ title: `Install the CPU build of PyTorch (${opt})`, edits: [{ ...at, newText: ` ${opt} ${CPU_INDEX}` }] }];
        ctx.report(run.range(torch.start, torch.end), `"${torch.text}" from PyPI is the CUDA build (several GB of nvidia-* wheels) but "${base}" has no GPU stack; install from ${CPU_INDEX}.`, fixes);
      }
    }
  },
});
