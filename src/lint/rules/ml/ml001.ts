import { defineRule } from '../../rule';
import { isCudaRepo, parseCudaTag, stageImageInfo } from './images';
import { parentStage } from '../../facts';

const EXAMPLE_TAG = '12.6.3-cudnn-runtime-ubuntu24.04';
/** The repository of a CUDA image (`nvidia/cuda`, `nvcr.io/nvidia/cuda`, any case) is in the reference: most stages end at this test. */
export const MAY_BE_CUDA = /cuda/i;


export const ML001 = defineRule({
  code: 'ML001',
  level: 'error',
  title: 'nvidia/cuda base image needs a valid version tag.',
  description:
    'NVIDIA removed the `latest` tag from `nvidia/cuda`, so `FROM nvidia/cuda` or `:latest` fails to pull ("manifest unknown"). ' +
    'Tags follow `<major>.<minor>[.<patch>]-[cudnn[N]-](base|runtime|devel)-<os><version>`, e.g. `' + EXAMPLE_TAG + '`; ' +
    'a tag outside that grammar is usually a typo that only shows up at build time. ' +
    'Applies to `nvidia/cuda` on Docker Hub and `nvcr.io/nvidia/cuda`, with global `ARG` defaults substituted. ' +
    'Deviation from the proposal: when the tag depends on an `ARG` without a default the rule stays silent instead of reporting info; digest-pinned images pass.',
  example: {
    bad: 'FROM nvidia/cuda:latest\nRUN nvidia-smi',
    good: `FROM nvidia/cuda:${EXAMPLE_TAG}\nRUN nvidia-smi`,
  },
  check(ctx) {
    for (const st of ctx.doc.stages) {
      const ref = st.resolvedImage;
      if (!ref || !MAY_BE_CUDA.test(ref) || parentStage(ctx.doc, st) || ref.includes('$')) continue;
      const info = stageImageInfo(st)!;
      if (!isCudaRepo(info.repo) || info.digest) continue;
      const via = ref !== st.image ? ` (after ARG substitution: "${ref}")` : '';
      if (!info.tag) {
        ctx.report(st.imageRange, `${info.repo} has no "latest" tag, so this pull fails${via}; name a version such as "${info.repo}:${EXAMPLE_TAG}".`);
      } else if (info.tag === 'latest') {
        ctx.report(st.imageRange, `NVIDIA no longer publishes ${info.repo}:latest, so this pull fails${via}; pin a version such as "${EXAMPLE_TAG}".`);
      } else if (!parseCudaTag(info.tag)) {
        ctx.report(st.imageRange, `"${info.tag}" is not a valid ${info.repo} tag${via}: expected <major>.<minor>[.<patch>]-[cudnn[N]-](base|runtime|devel)-<os><version>, e.g. "${EXAMPLE_TAG}".`);
      }
    }
  },
});
