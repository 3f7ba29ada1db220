// Edits for the "ignore this rule" quick fixes: hadolint's own comment syntax, so the
// suppressions keep working under hadolint too. hadolint reads only the comment directly above an
// instruction, and it cannot read a list with codes it does not know (ours, ML…): DL and SC codes go
// on that line, ML codes on a line of their own higher up in the same comment block (read by us only).
import { parsePragma, type ParsedPragma } from './suppress';
import type { Comment, Dockerfile } from './parser';
import type { TextEdit } from './types';

function instructionAt(doc: Dockerfile, line: number) {
  return doc.instructions.find((i) => line >= i.range.line && line <= i.range.endLine) ?? null;
}

const isOurs = (code: string): boolean => code.startsWith('ML');

/** A pragma list that may take `code`: valid, and holding only our codes or only hadolint's. */
function canExtend(p: ParsedPragma | null, code: string): p is ParsedPragma {
  return !!p && p.invalid.length === 0 && p.codes.every((c) => isOurs(c) === isOurs(code));
}

/** The edit that appends `,code` after the last code of the pragma in comment `c`. */
function extend(doc: Dockerfile, c: Comment, p: ParsedPragma, code: string): TextEdit {
  const text = doc.lines[c.line - 1];
  const hash = c.range.column - 1;
  const col = text.indexOf(c.text, hash + 1) + p.listEnd;
  return { line: c.line, column: col + 1, endLine: c.line, endColumn: col + 1, newText: `,${code}` };
}

/** Adds `# hadolint ignore=CODE` above the instruction covering `line` (or extends the one already there). */
export function ignoreForInstruction(doc: Dockerfile, line: number, code: string): TextEdit | null {
  const instr = instructionAt(doc, line);
  if (!instr) return null;
  const start = instr.range.line;
  const commentOn = (l: number): Comment | undefined => doc.comments.find((x) => x.line === l && !x.inContinuation);
  let top = start;
  for (let l = start - 1; l >= 1; l--) {
    const c = commentOn(l);
    if (!c) break;
    top = l;
    const p = parsePragma(c.text);
    if (p && p.scope === 'next' && p.codes.includes(code)) return null;
    // hadolint's codes: only the line right above counts; ours: any pragma of the block
    if (p && p.scope === 'next' && canExtend(p, code) && (isOurs(code) || l === start - 1)) return extend(doc, c, p, code);
  }
  const at = isOurs(code) ? top : start;
  const indent = /^[ \t]*/.exec(doc.lines[start - 1] ?? '')![0];
  return { line: at, column: 1, endLine: at, endColumn: 1, newText: `${indent}# hadolint ignore=${code}\n` };
}

/** Adds `# hadolint global ignore=CODE` after the parser directives (or extends an existing one). */
export function ignoreForFile(doc: Dockerfile, code: string): TextEdit | null {
  for (const c of doc.comments) {
    const p = parsePragma(c.text);
    if (p && p.scope === 'global') {
      if (p.codes.includes(code)) return null;
      if (canExtend(p, code)) return extend(doc, c, p, code);
    }
  }
  const after = doc.directives.length ? doc.directives[doc.directives.length - 1].range.line + 1 : 1;
  return { line: after, column: 1, endLine: after, endColumn: 1, newText: `# hadolint global ignore=${code}\n` };
}
