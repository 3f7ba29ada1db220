import { defineRule } from '../../rule';
import { isAbsoluteOrVariable } from './util';

export const DL3000 = defineRule({
  code: 'DL3000',
  level: 'error',
  title: 'WORKDIR should be an absolute path.',
  description:
    'A relative `WORKDIR` is resolved against whatever directory was current before it, which may have ' +
    'been set by the base image and can change when the base image does. Give an absolute path such as ' +
    '`/app`. Paths that start with a build variable (`$HOME/app`) and Windows drive paths (`C:\\app`) are accepted.',
  example: {
    bad: 'FROM python:3.12-slim\nWORKDIR app\nCOPY . .',
    good: 'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .',
  },
  check(ctx) {
    for (const { instr } of ctx.instructions('WORKDIR')) {
      const path = instr.rest.trim();
      if (!path || isAbsoluteOrVariable(path)) continue;
      ctx.report(ctx.argsRange(instr, instr.restOffset, instr.args.length),
        `WORKDIR ${/^(["']).*\1$/.test(path) ? path : `"${path}"`} is relative, so where it lands depends on the directory set before it; write the full path, starting with "/".`);
    }
  },
});
