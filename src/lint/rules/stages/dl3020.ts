import { defineRule } from '../../rule';
import type { Flag } from '../../parser';
import type { Range } from '../../types';
import { copyArgs, hasVariable, isArchive, isRemote, type PathArg } from './util';

/** ADD flags that COPY also accepts; with any other flag the keyword cannot simply be swapped. */
const COPY_COMPATIBLE = new Set(['chown', 'chmod', 'link', 'exclude']);

function isCopyCompatible(f: Flag): boolean {
  return COPY_COMPATIBLE.has(f.name);
}

/** `{ ...range, newText }` without the spread (the same keys in the same order). */
function editOf(r: Range, newText: string): Range & { newText: string } {
  return { line: r.line, column: r.column, endLine: r.endLine, endColumn: r.endColumn, newText };
}

/** A plain file of the build context: not fetched, not unpacked, no variable. */
function isLocalFile(s: PathArg): boolean {
  return !hasVariable(s.text) && !isRemote(s.text) && !isArchive(s.text);
}

export const DL3020 = defineRule({
  code: 'DL3020',
  level: 'error',
  title: 'Use COPY, not ADD, for local files and folders.',
  description:
    '`ADD` also downloads URLs and unpacks archives, so a reader cannot tell from the instruction alone what ' +
    'ends up in the image. For plain files and directories from the build context `COPY` does the same job ' +
    'predictably. Keep `ADD` for remote sources and for local archives you want unpacked. The quick fix ' +
    'replaces the keyword.',
  example: {
    bad: 'FROM python:3.12-slim\nADD requirements.txt /app/',
    good: 'FROM python:3.12-slim\nCOPY requirements.txt /app/\nADD https://example.com/vocab.txt /app/',
  },
  check(ctx) {
    for (const { instr } of ctx.instructions('ADD')) {
      const { sources } = copyArgs(instr, ctx.doc.escape);
      if (!sources.length) continue;
      if (!sources.every(isLocalFile)) continue;
      const fixable = instr.flags.every(isCopyCompatible);
      const copy = instr.rawKeyword === instr.rawKeyword.toLowerCase() ? 'copy' : 'COPY';
      ctx.report(ctx.headRange(instr),
        `ADD only copies ${sources.length > 1 ? 'these local files' : `"${sources[0].text}"`} here; use COPY, which does exactly that and nothing more.`,
        fixable ? [{ title: 'Replace ADD with COPY', edits: [editOf(instr.keywordRange, copy)] }] : undefined);
    }
  },
});
