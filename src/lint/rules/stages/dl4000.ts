import { defineRule } from '../../rule';
import { unquote } from '../../parser';
import { hasInnerComments } from './util';

const BLANK_RUNS_RE = /[ \t]+/g;

/** A double-quoted LABEL value, escaping what the builder would interpret. */
function quoted(value: string, escape: string): string {
  if (!value.includes('"') && !value.includes('$') && !value.includes(escape)) return `"${value}"`;
  let out = '';
  for (const c of value) out += c === '"' || c === '$' || c === escape ? escape + c : c;
  return `"${out}"`;
}

export const DL4000 = defineRule({
  code: 'DL4000',
  level: 'error',
  title: 'MAINTAINER is deprecated.',
  description:
    '`MAINTAINER` has been deprecated for years and its value is not shown by most tools. Record the author ' +
    'as a label instead, the standard key being `org.opencontainers.image.authors`. The quick fix rewrites the ' +
    'instruction into that `LABEL`.',
  example: {
    bad: 'FROM python:3.12-slim\nMAINTAINER Ada Lovelace <ada@example.com>',
    good: 'FROM python:3.12-slim\nLABEL org.opencontainers.image.authors="Ada Lovelace <ada@example.com>"',
  },
  check(ctx) {
    for (const { instr } of ctx.instructions('MAINTAINER')) {
      const value = unquote(instr.rest.trim().replace(BLANK_RUNS_RE, ' '));
      const label = instr.rawKeyword === instr.rawKeyword.toLowerCase() ? 'label' : 'LABEL';
      const fix = value && !hasInnerComments(ctx.doc, instr) && instr.heredocs.length === 0
        ? [{
            title: 'Replace MAINTAINER with LABEL org.opencontainers.image.authors',
            edits: [{
              line: instr.range.line, column: instr.range.column, endLine: instr.range.endLine, endColumn: instr.range.endColumn,
              newText: `${label} org.opencontainers.image.authors=${quoted(value, ctx.doc.escape)}`,
            }],
          }]
        : undefined;
      ctx.report(ctx.headRange(instr), 'MAINTAINER is deprecated; record the author with LABEL org.opencontainers.image.authors="…" instead.', fix);
    }
  },
});
