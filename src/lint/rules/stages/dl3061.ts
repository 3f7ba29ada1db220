import { defineRule } from '../../rule';
import { KNOWN_INSTRUCTIONS } from '../../parser';

export const DL3061 = defineRule({
  code: 'DL3061',
  level: 'error',
  title: 'A Dockerfile must start with FROM (only ARG may come first).',
  description:
    'Every instruction except `ARG` belongs to a build stage, and a stage begins with `FROM`. An instruction ' +
    'placed before the first `FROM` has no stage to apply to and the builder rejects the file. Comments and ' +
    'parser directives (`# syntax=…`) may come first; `ARG` may too, to feed values into `FROM`.',
  example: {
    bad: 'LABEL org.opencontainers.image.title="trainer"\nFROM python:3.12-slim',
    good: 'ARG PY=3.12\nFROM python:${PY}-slim\nLABEL org.opencontainers.image.title="trainer"',
  },
  check(ctx) {
    // only a fragment's implicit stage (always the first) holds instructions before a FROM
    const first = ctx.doc.stages[0];
    if (!first?.implicit) return;
    for (const instr of first.instructions) {
      if (instr.keyword === 'ARG' || !KNOWN_INSTRUCTIONS.has(instr.keyword)) continue;
      ctx.report(ctx.headRange(instr), `${instr.rawKeyword} comes before the first FROM; only ARG may precede FROM, so move it into a stage.`);
    }
  },
});
