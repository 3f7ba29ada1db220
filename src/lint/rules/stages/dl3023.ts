import { defineRule } from '../../rule';
import { copyFroms } from './copyfrom';
import { flagRange } from './util';

export const DL3023 = defineRule({
  code: 'DL3023',
  level: 'error',
  title: 'COPY --from cannot copy from its own stage.',
  description:
    'A stage cannot read its own files through `COPY --from`: the stage does not exist yet while it is being ' +
    'built, so the builder rejects the reference. Use a plain `RUN cp` inside the stage, or copy from an earlier stage.',
  example: {
    bad: 'FROM python:3.12-slim AS app\nCOPY --from=app /etc/hosts /tmp/hosts',
    good: 'FROM python:3.12 AS build\nRUN pip wheel --no-cache-dir -w /wheels numpy==2.1.3\nFROM python:3.12-slim AS app\nCOPY --from=build /wheels /wheels',
  },
  check(ctx) {
    for (const { instr, ref, target } of copyFroms(ctx)) {
      if (target.kind !== 'self') continue;
      ctx.report(flagRange(instr, 'from') ?? ctx.headRange(instr),
        `COPY --from=${ref} refers to the stage it is in, which is not built yet; copy from an earlier stage or use RUN cp.`);
    }
  },
});
