import { defineRule } from '../../rule';
import type { Instruction } from '../../parser';
import { copyArgs, isPlainOneOrTwoWords, pathRange } from './util';

/** Where the slash goes: before a closing quote when the destination is quoted. */
function slashAt(args: string, start: number, end: number): number {
  const raw = args.slice(start, end);
  return raw.length >= 2 && (raw[0] === '"' || raw[0] === "'") && raw.endsWith(raw[0]) ? end - 1 : end;
}

/**
 * True when the COPY surely has fewer than two sources or a destination ending in `/`, told from the
 * text without building the argument list (the last word of the text is the destination).
 */
function cannotFire(instr: Instruction, escape: string): boolean {
  if (instr.json) return instr.json.length < 3 || instr.json[instr.json.length - 1].endsWith('/');
  // a last word ending in `/` keeps it after unquoting (only a quote at both ends is removed)
  if (instr.rest.endsWith('/')) return true;
  return isPlainOneOrTwoWords(instr, escape);
}

/** A destination that names a directory: a trailing `/`, or `.` / `..` (alone or as the last component). */
function isDirectory(dest: string): boolean {
  return dest.endsWith('/') || dest === '.' || dest === '..' || dest.endsWith('/.') || dest.endsWith('/..');
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
    const escape = ctx.doc.escape;
    for (const { instr } of ctx.instructions('COPY')) {
      if (cannotFire(instr, escape)) continue;
      const { sources, dest } = copyArgs(instr, escape);
      if (!dest || sources.length < 2 || isDirectory(dest.text)) continue;
      ctx.report(pathRange(instr, dest),
        `COPY has ${sources.length} sources, so the destination "${dest.text}" must be a directory written with a trailing slash: "${dest.text}/".`,
        dest.start !== null && dest.end !== null
          ? [{ title: 'Add a trailing slash', edits: [{ ...ctx.argsRange(instr, slashAt(instr.args, dest.start, dest.end), slashAt(instr.args, dest.start, dest.end)), newText: '/' }] }]
          : undefined);
    }
  },
});
