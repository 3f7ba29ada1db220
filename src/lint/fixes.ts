// Edits for the "ignore this rule" quick fixes: hadolint's own comment syntax, so the
// suppressions keep working under hadolint too.
import { parsePragma } from './suppress';
import type { Dockerfile } from './parser';
import type { TextEdit } from './types';

function instructionAt(doc: Dockerfile, line: number) {
  return doc.instructions.find((i) => line >= i.range.line && line <= i.range.endLine) ?? null;
}

/** Adds `# hadolint ignore=CODE` above the instruction covering `line` (or extends the one already there). */
export function ignoreForInstruction(doc: Dockerfile, line: number, code: string): TextEdit | null {
  const instr = instructionAt(doc, line);
  if (!instr) return null;
  const start = instr.range.line;
  // an existing pragma in the comment block right above
  for (let l = start - 1; l >= 1; l--) {
    const c = doc.comments.find((x) => x.line === l);
    if (!c) break;
    const p = parsePragma(c.text);
    if (p && !p.global) {
      if (p.codes.includes(code)) return null;
      const text = doc.lines[l - 1];
      const m = /ignore[ \t]*=[ \t]*[A-Za-z0-9, \t]*[A-Za-z0-9]/i.exec(text);
      if (!m) break;
      const end = m.index + m[0].length;
      return { line: l, column: end + 1, endLine: l, endColumn: end + 1, newText: `,${code}` };
    }
  }
  const indent = /^[ \t]*/.exec(doc.lines[start - 1] ?? '')![0];
  return { line: start, column: 1, endLine: start, endColumn: 1, newText: `${indent}# hadolint ignore=${code}\n` };
}

/** Adds `# hadolint global ignore=CODE` after the parser directives (or extends an existing one). */
export function ignoreForFile(doc: Dockerfile, code: string): TextEdit | null {
  for (const c of doc.comments) {
    const p = parsePragma(c.text);
    if (p && p.global) {
      if (p.codes.includes(code)) return null;
      const text = doc.lines[c.line - 1];
      const m = /ignore[ \t]*=[ \t]*[A-Za-z0-9, \t]*[A-Za-z0-9]/i.exec(text);
      if (!m) continue;
      const end = m.index + m[0].length;
      return { line: c.line, column: end + 1, endLine: c.line, endColumn: end + 1, newText: `,${code}` };
    }
  }
  const after = doc.directives.length ? doc.directives[doc.directives.length - 1].range.line + 1 : 1;
  return { line: after, column: 1, endLine: after, endColumn: 1, newText: `# hadolint global ignore=${code}\n` };
}
