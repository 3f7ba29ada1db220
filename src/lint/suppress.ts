// `# hadolint ignore=…` pragmas (for the next instruction) and `# hadolint global ignore=…`.
import type { Dockerfile, Instruction } from './parser';
import type { Range } from './types';

const PRAGMA_RE = /^hadolint[ \t]+(global[ \t]+)?ignore[ \t]*=[ \t]*([A-Za-z0-9, \t]+)/i;

export interface Pragma {
  global: boolean;
  codes: string[];
  range: Range;
}

export interface Suppressions {
  global: Set<string>;
  /** Instruction index → codes ignored for it. */
  byInstruction: Map<number, Set<string>>;
  pragmas: Pragma[];
}

export function parsePragma(commentText: string): { global: boolean; codes: string[] } | null {
  const m = PRAGMA_RE.exec(commentText);
  if (!m) return null;
  const codes = m[2].split(/[,\s]+/).map((c) => c.trim().toUpperCase()).filter(Boolean);
  return { global: Boolean(m[1]), codes };
}

export function collectSuppressions(doc: Dockerfile): Suppressions {
  const global = new Set<string>();
  const byInstruction = new Map<number, Set<string>>();
  const pragmas: Pragma[] = [];
  // line → instruction that starts on it, and the comment lines: built at the first pragma
  let startAt: Map<number, Instruction> | null = null;
  let commentLines: Set<number> | null = null;
  for (const c of doc.comments) {
    const p = parsePragma(c.text);
    if (!p) continue;
    if (!startAt || !commentLines) {
      startAt = new Map();
      for (const instr of doc.instructions) startAt.set(instr.range.line, instr);
      commentLines = new Set(doc.comments.map((x) => x.line));
    }
    pragmas.push({ ...p, range: c.range });
    if (p.global) {
      p.codes.forEach((code) => global.add(code));
      continue;
    }
    // The pragma applies to the next instruction, across further comment lines (not blank lines).
    let line = c.line + 1;
    while (commentLines.has(line) && !startAt.has(line)) line++;
    const target = startAt.get(line);
    if (!target) continue;
    let set = byInstruction.get(target.index);
    if (!set) byInstruction.set(target.index, (set = new Set()));
    p.codes.forEach((code) => set!.add(code));
  }
  return { global, byInstruction, pragmas };
}

/** The instruction whose source range contains `line`, by binary search. */
export function instructionAtLine(doc: Dockerfile, line: number): Instruction | null {
  const list = doc.instructions;
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = list[mid].range;
    if (line < r.line) hi = mid - 1;
    else if (line > r.endLine) lo = mid + 1;
    else return list[mid];
  }
  return null;
}
