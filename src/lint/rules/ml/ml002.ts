import { defineRule } from '../../rule';
import { CUDA_TABLE_DATE, cudaRelease } from './data/cuda';
import { isCudaRepo, parseCudaTag } from './images';
import { parentStage } from '../../facts';
import { MAY_BE_CUDA, stageImageInfo } from './ml001';

export const ML002 = defineRule({
  code: 'ML002',
  level: 'warning',
  title: 'CUDA base image version is end-of-life.',
  description:
    'Under NVIDIA\'s container support policy, tags of an end-of-life CUDA release are deleted from Docker Hub and NGC some months after EOL, ' +
    'so a Dockerfile built on them stops building one day, and the images get no security updates meanwhile. ' +
    `The rule checks the CUDA version of \`nvidia/cuda\` tags (global \`ARG\` defaults substituted) against a bundled table dated ${CUDA_TABLE_DATE}. ` +
    'Move to a supported 12.x or 13.x tag (and the matching framework wheels), or pin by digest if you must keep the old image. ' +
    'CUDA 11.8 is treated as deprecated but not reported, since its tags are still published.',
  example: {
    bad: 'FROM nvidia/cuda:11.3.1-cudnn8-runtime-ubuntu20.04',
    good: 'FROM nvidia/cuda:12.6.3-cudnn-runtime-ubuntu24.04',
  },
  check(ctx) {
    for (const st of ctx.doc.stages) {
      const ref = st.resolvedImage;
      if (!ref || !MAY_BE_CUDA.test(ref) || parentStage(ctx.doc, st)) continue;
      const info = stageImageInfo(st)!;
      if (!isCudaRepo(info.repo) || info.digest || !info.tag) continue;
      const t = parseCudaTag(info.tag);
      if (!t) continue;
      const rel = cudaRelease(t.major, t.minor);
      if (rel?.status !== 'eol') continue;
      const when = rel.eol ? ` (end of life ${rel.eol})` : '';
      ctx.report(st.imageRange, `CUDA ${t.major}.${t.minor}${when} is past NVIDIA's support window: its tags are deleted or scheduled for deletion; move to a supported 12.x/13.x tag or pin a digest.`);
    }
  },
});
