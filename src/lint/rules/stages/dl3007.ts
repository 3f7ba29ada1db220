import { defineRule } from '../../rule';
import { stageBaseImages } from './image';

export const DL3007 = defineRule({
  code: 'DL3007',
  level: 'warning',
  title: 'Do not use the latest tag for the base image.',
  description:
    '`:latest` is just the most recently pushed image, not a version: rebuilding the same Dockerfile later ' +
    'can pull a different major release and break the build or the application. Pin a release tag ' +
    '(for example `ubuntu:24.04`). An image that also pins a digest (`image:latest@sha256:…`) is accepted, ' +
    'and a `latest` that comes from a global `ARG` default is reported too.',
  example: {
    bad: 'FROM ubuntu:latest\nCMD ["bash"]',
    good: 'FROM ubuntu:24.04\nCMD ["bash"]',
  },
  check(ctx) {
    const bases = stageBaseImages(ctx.doc);
    for (const st of ctx.doc.stages) {
      const base = bases[st.index];
      if (!base || base.parsed.digest || base.parsed.tag !== 'latest') continue;
      const via = base.viaArg ? ` (through the ARG default "${base.ref}")` : '';
      ctx.report(st.imageRange,
        `The base image "${st.image}" uses the moving tag latest${via}; pin a release tag of ${base.parsed.repository} instead.`);
    }
  },
});
