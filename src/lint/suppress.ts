// `# hadolint ignore=…` pragmas (for the next instruction), `# hadolint stage ignore=…` (for the rest of
// the stage) and `# hadolint global ignore=…` (for the whole file).
//
// hadolint reads the list after `ignore=` as rule codes separated by commas; a list with anything else
// in it (a misspelt or lower-case code, a word between two commas) fails to parse, and hadolint then
// ignores nothing on that line. The same happens here, so the editor shows what hadolint in CI shows,
// and ML022 points at the entry that spoils the line. Words after the last code that are not codes
// (a short reason written after the list) are left alone.
import type { Dockerfile, Instruction } from './parser';
import type { Range } from './types';

const PRAGMA_RE = /^hadolint[ \t]+(?:(global|stage)[ \t]+)?ignore[ \t]*=[ \t]*/i;
const CODE_RE = /^(?:DL|SC|ML)[0-9]+$/;

export type PragmaScope = 'next' | 'stage' | 'global';

export interface ParsedPragma {
  scope: PragmaScope;
  /** The codes the pragma ignores; empty when the list has an invalid entry. */
  codes: string[];
  /** Entries that are not rule codes; any of them makes hadolint ignore the whole line. */
  invalid: string[];
  /** Offset (0-based, within the comment text) where the last code of the list ends. */
  listEnd: number;
}

export interface Pragma extends ParsedPragma {
  range: Range;
}

export interface Suppressions {
  /** True when some pragma ignores something (else `ignores` is always false). */
  any: boolean;
  /** Whether `code` is ignored for `instr` (null: a line outside every instruction, where only global pragmas reach). */
  ignores(instr: Instruction | null, code: string): boolean;
  pragmas: Pragma[];
}

export function parsePragma(commentText: string): ParsedPragma | null {
  const m = PRAGMA_RE.exec(commentText);
  if (!m) return null;
  const scope: PragmaScope = m[1] ? (m[1].toLowerCase() as PragmaScope) : 'next';
  const parts = commentText.slice(m[0].length).split(',');
  const codes: string[] = [];
  const invalid: string[] = [];
  let listEnd = m[0].length;
  let off = m[0].length;
  parts.forEach((entry, k) => {
    const last = k === parts.length - 1;
    const word = /[^ \t]+/g;
    let n = 0;
    for (let w = word.exec(entry); w; w = word.exec(entry), n++) {
      if (CODE_RE.test(w[0])) {
        codes.push(w[0]);
        listEnd = off + w.index + w[0].length;
      } else if (last && n > 0) break; // a remark after the list
      else invalid.push(w[0]);
    }
    if (n === 0) invalid.push('(empty)'); // `ignore=` with nothing after it, or two commas in a row
    off += entry.length + 1;
  });
  return { scope, codes: invalid.length ? [] : codes, invalid, listEnd };
}

export function collectSuppressions(doc: Dockerfile): Suppressions {
  const global = new Set<string>();
  /** Instruction index → codes ignored for it. */
  const byInstruction = new Map<number, Set<string>>();
  /** Stage index → code → the first instruction index a stage pragma ignores it from. */
  const byStage = new Map<number, Map<string, number>>();
  const pragmas: Pragma[] = [];
  // line → instruction that starts on it, and the comment lines: built at the first pragma
  let startAt: Map<number, Instruction> | null = null;
  let commentLines: Set<number> | null = null;
  const ignoreFor = (instr: Instruction, codes: string[]): void => {
    let set = byInstruction.get(instr.index);
    if (!set) byInstruction.set(instr.index, (set = new Set()));
    for (const code of codes) set.add(code);
  };
  for (const c of doc.comments) {
    const p = parsePragma(c.text);
    if (!p) continue;
    if (!startAt || !commentLines) {
      startAt = new Map();
      for (const instr of doc.instructions) startAt.set(instr.range.line, instr);
      commentLines = new Set(doc.comments.map((x) => x.line));
    }
    pragmas.push({ ...p, range: c.range });
    if (p.codes.length === 0) continue;
    if (p.scope === 'global') {
      p.codes.forEach((code) => global.add(code));
      continue;
    }
    // The pragma applies from the next instruction, across further comment lines (not blank lines).
    let line = c.line + 1;
    while (commentLines.has(line) && !startAt.has(line)) line++;
    const target = startAt.get(line);
    if (!target) continue;
    if (p.scope === 'next') {
      ignoreFor(target, p.codes);
      continue;
    }
    // stage: that instruction and every later one of its stage (above a FROM: the stage it opens)
    let from = byStage.get(target.stage);
    if (!from) byStage.set(target.stage, (from = new Map()));
    for (const code of p.codes) if (!from.has(code)) from.set(code, target.index); // comments come in line order: the first pragma reaches furthest
  }
  const ignores = (instr: Instruction | null, code: string): boolean => {
    if (global.has(code)) return true;
    if (!instr) return false;
    if (byInstruction.get(instr.index)?.has(code)) return true;
    const from = byStage.get(instr.stage)?.get(code);
    return from !== undefined && instr.index >= from;
  };
  return { any: global.size > 0 || byInstruction.size > 0 || byStage.size > 0, ignores, pragmas };
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
