import { defineRule } from '../../rule';
import { cudaImageRelease, cudaLine, maintainedCudaTag, TABLE_DATES } from '../../../ml';
import { isCudaRepo, parseCudaTag, stageImageInfo } from './images';
import { parentStage } from '../../facts';
import { MAY_BE_CUDA } from './ml001';

const DATE = TABLE_DATES.cudaImages;

export const ML002 = defineRule({
  code: 'ML002',
  level: 'warning',
  title: 'CUDA base image version is end-of-life.',
  description:
    'NVIDIA maintains only the newest patch of each live CUDA release in `nvidia/cuda`; releases it moves to end-of-life get no security updates and are scheduled for deletion from Docker Hub and NGC. ' +
    `The rule reports \`nvidia/cuda\` tags (ARG defaults substituted) whose release NVIDIA itself lists as end-of-life, by the tag table in src/ml (as of ${DATE}): ` +
    'whole lines (CUDA 10.2 and older, 11.0–11.3) and single patches with a maintained successor (e.g. 12.1.0 → 12.1.1). ' +
    'It stays silent on releases that are retired only by NVIDIA\'s stated policy (CUDA 11.4–11.8 after CUDA 13 shipped) while NVIDIA still builds them, on versions newer than the table and on digest-pinned images.',
  example: {
    bad: 'FROM nvidia/cuda:11.3.1-cudnn8-runtime-ubuntu20.04',
    good: 'FROM nvidia/cuda:12.6.3-cudnn-runtime-ubuntu24.04',
  },
  check(ctx) {
    // stages that take the same reference from an ARG have one place to fix it: reported once
    const viaArg = new Set<string>();
    for (const st of ctx.doc.stages) {
      const ref = st.resolvedImage;
      if (!ref || !MAY_BE_CUDA.test(ref) || parentStage(ctx.doc, st) || ref.includes('$')) continue;
      const info = stageImageInfo(st)!;
      if (!isCudaRepo(info.repo) || info.digest || !info.tag) continue;
      if (st.image !== ref) {
        if (viaArg.has(st.image)) continue;
        viaArg.add(st.image);
      }
      const t = parseCudaTag(info.tag);
      if (!t) continue;
      const line = cudaLine({ major: t.major, minor: t.minor });
      if (!line) continue;
      if (line.status === 'eol' && line.basis === 'nvidia') {
        const since = line.eolSince ? ` since ${line.eolSince}` : '';
        ctx.report(st.imageRange, `NVIDIA lists CUDA ${line.version} images as end-of-life${since} (nvidia/cuda tag table of ${DATE}): no security updates, tags scheduled for deletion; move to a supported 12.x/13.x tag or pin a digest.`);
        continue;
      }
      const patch = t.patch === null ? null : cudaImageRelease(`${t.major}.${t.minor}.${t.patch}`);
      if (!patch || patch.status !== 'eol' || patch.basis !== 'nvidia') continue;
      const newTag = maintainedCudaTag(info.tag);
      if (!newTag) continue;
      const since = patch.eolSince ? ` on ${patch.eolSince}` : '';
      const fixes = st.image === ref && ref.endsWith(':' + info.tag)
        ? [{ title: `Use ${newTag}`, edits: [{ ...st.imageRange, newText: ref.slice(0, ref.length - info.tag.length) + newTag }] }]
        : undefined;
      ctx.report(st.imageRange, `NVIDIA moved CUDA ${patch.version} images to end-of-life${since} (nvidia/cuda tag table of ${DATE}); the ${line.version} line is still maintained: use "${newTag}".`, fixes);
    }
  },
});
