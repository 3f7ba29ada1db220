import { defineRule } from '../../rule';
import { stageBaseImages } from './image';

export const DL3006 = defineRule({
  code: 'DL3006',
  level: 'warning',
  title: 'Tag the base image with an explicit version.',
  description:
    'An image without a tag means `:latest`, which moves whenever a new release is pushed: the same ' +
    'Dockerfile builds something different next month. Name a version tag (or pin a digest with `@sha256:…`). ' +
    '`scratch`, earlier stages (`FROM builder`) and images given by a build argument without a default are not checked; ' +
    'when the image comes from a global `ARG` with a default, the default is checked.',
  example: {
    bad: 'FROM python\nRUN pip install --no-cache-dir numpy==2.1.3',
    good: 'FROM python:3.12-slim\nRUN pip install --no-cache-dir numpy==2.1.3',
  },
  check(ctx) {
    const bases = stageBaseImages(ctx.doc);
    for (const st of ctx.doc.stages) {
      const base = bases[st.index];
      if (!base || base.parsed.tag || base.parsed.digest) continue;
      const via = base.viaArg ? ` (the ARG default gives "${base.ref}")` : '';
      ctx.report(st.imageRange,
        `The base image "${st.image}" has no tag${via}, so it floats with :latest; pin a version tag such as "${base.parsed.repository}:<version>" or a digest.`);
    }
  },
});
