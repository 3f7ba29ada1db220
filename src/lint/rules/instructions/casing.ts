// ML018: instruction keywords (and FROM's `AS`) in upper case. Not an ML rule as such, but ours:
// hadolint has none; BuildKit's ConsistentInstructionCasing / FromAsCasing and dockerfile-utils'
// instruction-casing check cover it.
import { KNOWN_INSTRUCTIONS, type Instruction } from '../../parser';
import { defineRule, type RuleContext } from '../../rule';
import type { Fix, Range } from '../../types';

export const ML018 = defineRule({
  code: 'ML018',
  level: 'style',
  title: 'Write instructions (and FROM … AS) in upper case.',
  description:
    'The builder accepts `run` as well as `RUN`, but upper-case instructions are the convention every Dockerfile reader expects, ' +
    'and BuildKit warns when a file mixes the two. The `AS` of a named stage should match its `FROM`. ' +
    'The quick fix upper-cases the keyword.',
  example: {
    bad: 'from python:3.12-slim as app\nrun pip install --no-cache-dir flask==3.0.3',
    good: 'FROM python:3.12-slim AS app\nRUN pip install --no-cache-dir flask==3.0.3',
  },
  check(ctx) {
    for (const instr of ctx.doc.instructions) {
      checkKeyword(ctx, instr);
      if (instr.trigger) checkKeyword(ctx, instr.trigger);
    }
    for (const st of ctx.doc.stages) {
      if (st.asKeyword && st.asKeyword !== 'AS' && st.nameRange) {
        const r = { line: st.nameRange.line, column: st.nameRange.column - 1 - st.asKeyword.length, endLine: st.nameRange.line, endColumn: st.nameRange.column - 1 };
        // only when AS sits on the same line right before the name (the common case)
        const text = ctx.doc.lines[r.line - 1] ?? '';
        if (r.column >= 1 && text.slice(r.column - 1, r.endColumn - 1) === st.asKeyword) {
          ctx.report(r, `Write "${st.asKeyword}" as AS, matching FROM.`, upper(r, st.asKeyword));
        }
      }
    }
  },
});

function upper(r: Range, text: string): Fix[] {
  return [{ title: `Write ${text.toUpperCase()} in upper case`, edits: [{ ...r, newText: text.toUpperCase() }] }];
}

function checkKeyword(ctx: RuleContext, t: Instruction): void {
  if (t.rawKeyword !== t.keyword && KNOWN_INSTRUCTIONS.has(t.keyword)) {
    ctx.report(t.keywordRange, `Write "${t.rawKeyword}" as ${t.keyword}: instructions are upper case by convention.`, upper(t.keywordRange, t.rawKeyword));
  }
}
