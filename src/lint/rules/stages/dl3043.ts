import { defineRule } from '../../rule';

const FORBIDDEN = new Set(['ONBUILD', 'FROM', 'MAINTAINER']);

export const DL3043 = defineRule({
  code: 'DL3043',
  level: 'error',
  title: 'ONBUILD cannot trigger ONBUILD, FROM or MAINTAINER.',
  description:
    '`ONBUILD` stores an instruction to run when another image is built from this one. The builder refuses ' +
    'to store `ONBUILD` itself (no chaining), `FROM` and `MAINTAINER`. Move the instruction out of the ' +
    '`ONBUILD`, or drop it.',
  example: {
    bad: 'FROM python:3.12-slim\nONBUILD FROM python:3.12',
    good: 'FROM python:3.12-slim\nONBUILD COPY requirements.txt /app/',
  },
  check(ctx) {
    for (const { instr } of ctx.instructions('ONBUILD')) {
      const t = instr.trigger;
      if (!t || !FORBIDDEN.has(t.keyword)) continue;
      ctx.report(t.keywordRange, `ONBUILD ${t.keyword} is not allowed: the builder does not accept ${t.keyword} as an ONBUILD trigger.`);
    }
  },
});
