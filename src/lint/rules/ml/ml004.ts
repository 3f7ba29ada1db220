import { defineRule } from '../../rule';
import { stageCuda } from './images';
import { externalBase, finalStage } from '../../facts';

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
    'The rule looks at the last stage (following `FROM <stage>` chains) and stays quiet when the Dockerfile or the final stage is named for development ' +
    '(`dev`, `devel`, `ci`, `test`, `debug`, `build`, e.g. `Dockerfile.dev` or `AS dev`).',
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
    if (devFileName(file) || (st.name && st.name.split(/[-_.]/).some((w) => DEV_WORD.test(w)))) return;
    const base = externalBase(ctx.doc, st)!; // non-null: stageCuda is null without an external base
    ctx.report(st.imageRange, `The final image is built on the devel image "${base}", which ships the CUDA compiler and headers; compile in an earlier stage and ship on the matching runtime image.`);
  },
});
