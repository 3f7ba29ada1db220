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
  /** `scope === 'global'`, kept for callers that only tell the two classic kinds apart. */
  global: boolean;
  /** The codes the pragma ignores; empty when the list has an invalid entry. */
  codes: string[];
  /** Entries that are not rule codes; any of them makes hadolint ignore the whole line. */
  invalid: string[];
  /** Offsets (0-based, within the comment text) where the code list starts and where its last code ends. */
  listStart: number;
  listEnd: number;
}

export interface Pragma extends ParsedPragma {
  range: Range;
}

export interface Suppressions {
  global: Set<string>;
  /** Instruction index → codes ignored for it. */
  byInstruction: Map<number, Set<string>>;
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
  const global = scope === 'global';
  return { scope, global, codes: invalid.length ? [] : codes, invalid, listStart: m[0].length, listEnd };
}

export function collectSuppressions(doc: Dockerfile): Suppressions {
  const global = new Set<string>();
  const byInstruction = new Map<number, Set<string>>();
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
    // stage: that instruction and every later one up to the next FROM (above a FROM: the stage it opens)
    for (let i = target.index; i < doc.instructions.length; i++) {
      const instr = doc.instructions[i];
      if (i > target.index && instr.keyword === 'FROM') break;
      ignoreFor(instr, p.codes);
    }
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
