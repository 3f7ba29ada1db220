import { defineRule } from '../../rule';
import { copyArgs, pathRange } from './util';

/** Where the slash goes: before a closing quote when the destination is quoted. */
function slashAt(args: string, start: number, end: number): number {
  const raw = args.slice(start, end);
  return raw.length >= 2 && (raw[0] === '"' || raw[0] === "'") && raw.endsWith(raw[0]) ? end - 1 : end;
}

export const DL3021 = defineRule({
  code: 'DL3021',
  level: 'error',
  title: 'COPY of several sources needs a destination ending in /.',
  description:
    'When `COPY` is given more than one source, the destination must be a directory, and the builder ' +
    'insists that it be written with a trailing slash (`/app/`). Without it the build fails. Add the `/`.',
  example: {
    bad: 'FROM python:3.12-slim\nCOPY requirements.txt setup.py /app',
    good: 'FROM python:3.12-slim\nCOPY requirements.txt setup.py /app/',
  },
  check(ctx) {
    for (const { instr } of ctx.instructions('COPY')) {
      const { sources, dest } = copyArgs(instr, ctx.doc.escape);
      if (!dest || sources.length < 2 || dest.text.endsWith('/')) continue;
      ctx.report(pathRange(instr, dest),
        `COPY has ${sources.length} sources, so the destination "${dest.text}" must be a directory written with a trailing slash: "${dest.text}/".`,
        dest.start !== null && dest.end !== null
          ? [{ title: 'Add a trailing slash', edits: [{ ...ctx.argsRange(instr, slashAt(instr.args, dest.start, dest.end), slashAt(instr.args, dest.start, dest.end)), newText: '/' }] }]
          : undefined);
    }
  },
});
