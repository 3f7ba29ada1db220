import { defineRule, type RuleContext } from '../../rule';
import type { Stage } from '../../parser';
import { stageCuda } from './images';
import { externalBase, finalStage, pipInstalls, stageLineage } from '../../facts';
import { runAssigned, scopeOf } from './scope';

/** Packages that compile CUDA kernels when the program runs (JIT, with nvcc from the image). */
const JIT_PACKAGES: Record<string, string> = {
  deepspeed: 'DeepSpeed builds its ops with nvcc at run time unless they were prebuilt (DS_BUILD_OPS=1)',
  flashinfer: 'FlashInfer compiles its kernels with nvcc at run time',
  'flashinfer-python': 'FlashInfer compiles its kernels with nvcc at run time',
  sglang: 'SGLang JIT-compiles FlashInfer kernels with nvcc at run time',
};

/** Why the shipped image may need nvcc at run time, or null. */
function jitReason(ctx: RuleContext, st: Stage): string | null {
  const chain = stageLineage(ctx.doc, st);
  for (const { run, pip } of pipInstalls(ctx)) {
    if (run.onbuild || !run.stage || !chain.includes(run.stage)) continue;
    for (const t of pip.targets) {
      const why = t.name ? JIT_PACKAGES[t.name] : undefined;
      if (!why || !Object.prototype.hasOwnProperty.call(JIT_PACKAGES, t.name!)) continue;
      if (t.name === 'deepspeed') {
        const ops = runAssigned(run).get('DS_BUILD_OPS') ?? scopeOf(ctx.doc, run.stage).value('DS_BUILD_OPS', run.instr);
        if (ops && ops !== '0') continue;
      }
      return why;
    }
  }
  return null;
}

const DEV_WORD = /^(dev|devel|development|ci|test|tests|testing|debug|build|builder)$/i;

/** `Dockerfile.dev`, `ci.Dockerfile`, `Dockerfile.gpu-test`: the variant next to "Dockerfile" ends in a development word. */
function devFileName(file: string): boolean {
  const variants = file.split(/dockerfile/i).map((s) => s.replace(/^[-_.]+|[-_.]+$/g, '')).filter(Boolean);
  return variants.some((v) => DEV_WORD.test(v.split(/[-_.]/).pop() ?? ''));
}

export const ML004 = defineRule({
  code: 'ML004',
  level: 'info',
  title: 'The shipped image is a CUDA devel image.',
  description:
    '`devel` CUDA images add the compiler, headers and static libraries (several GB) on top of `runtime`; they are needed to build extensions, not to run them. ' +
    'Build in a `devel` stage and copy the results into a final stage on the matching `runtime` (or `base`) image. ' +
    'The rule looks at the stage that is shipped — the last one, following `FROM <stage>` chains — whatever it is called, and stays quiet for Dockerfiles named for development ' +
    '(`Dockerfile.dev`, `ci.Dockerfile`, `Dockerfile.gpu-test`). ' +
    'When the shipped image installs a framework that compiles kernels at run time (DeepSpeed without prebuilt ops, FlashInfer, SGLang), the message says so: nvcc may be needed there.',
  example: {
    bad: 'FROM nvidia/cuda:12.4.1-devel-ubuntu22.04\nCOPY app /app\nCMD ["python3", "/app/serve.py"]',
    good: 'FROM nvidia/cuda:12.4.1-devel-ubuntu22.04 AS build\nRUN make -C /src\nFROM nvidia/cuda:12.4.1-runtime-ubuntu22.04\nCOPY --from=build /src/out /app\nCMD ["/app/serve"]',
  },
  check(ctx) {
    const st = finalStage(ctx.doc);
    if (!st) return;
    // the (memoised) CUDA facts of the final image first: the name tests below are only needed for a devel image
    if (!stageCuda(ctx.doc, st)?.devel) return;
    const file = (ctx.options.fileName ?? '').split(/[\\/]/).pop() ?? '';
    if (devFileName(file)) return;
    const base = externalBase(ctx.doc, st)!; // non-null: stageCuda is null without an external base
    const jit = jitReason(ctx, st);
    if (jit) {
      ctx.report(st.imageRange, `The final image is built on the devel image "${base}"; ${jit}, so this may be deliberate. If the kernels can be prebuilt, build them in an earlier stage and ship on the matching runtime image.`);
      return;
    }
    ctx.report(st.imageRange, `The final image is built on the devel image "${base}", which ships the CUDA compiler and headers; compile in an earlier stage and ship on the matching runtime image.`);
  },
});
