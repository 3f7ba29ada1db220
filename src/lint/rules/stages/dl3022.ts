import { defineRule } from '../../rule';
import { copyFroms } from './copyfrom';
import { flagRange } from './util';

export const DL3022 = defineRule({
  code: 'DL3022',
  level: 'warning',
  title: 'COPY --from should name an earlier stage.',
  description:
    '`COPY --from=<name>` copies from a stage defined above it. A name that matches no earlier stage is ' +
    'treated by the builder as an image to pull, so a typo in a stage name turns into a confusing pull error, ' +
    'or silently copies from a public image of that name. Use the `AS` name (or the index) of an earlier stage; ' +
    'to copy from an image on purpose, write it with its tag (`--from=nginx:1.27`).',
  example: {
    bad: 'FROM python:3.12 AS build\nRUN pip wheel --no-cache-dir -w /wheels numpy==2.1.3\nFROM python:3.12-slim\nCOPY --from=builder /wheels /wheels',
    good: 'FROM python:3.12 AS build\nRUN pip wheel --no-cache-dir -w /wheels numpy==2.1.3\nFROM python:3.12-slim\nCOPY --from=build /wheels /wheels',
  },
  check(ctx) {
    for (const { instr, ref, target } of copyFroms(ctx)) {
      if (target.kind !== 'unknown') continue;
      const why = target.later ? `"${ref}" is defined after this stage` : `no stage before this one is called "${ref}"`;
      ctx.report(flagRange(instr, 'from') ?? ctx.headRange(instr),
        `COPY --from=${ref}: ${why}; name an earlier stage, or give an image with its tag if you meant to copy from an image.`);
    }
  },
});
