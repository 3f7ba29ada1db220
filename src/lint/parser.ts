// A Dockerfile parser that keeps positions and never throws.
//
// It follows the BuildKit front end's reading of a file: parser directives at the top, line
// continuations with the escape character, comment lines inside continued instructions, heredocs
// on RUN/COPY/ADD, exec (JSON) and shell forms, leading `--flags`, ONBUILD triggers, stages and the
// global ARGs that FROM may use. What the builder would reject is collected in `syntaxErrors`.
import { append } from './arrays';
import { splitReference } from '../docker/reference';
import type { Range } from './types';

/** Maps a run of the joined argument text back to the source. */
export interface Segment {
  /** Offset in `Instruction.args`. */
  offset: number;
  line: number;
  /** 1-based column of `args[offset]`. */
  column: number;
  length: number;
}

export interface Flag {
  name: string;
  /** null for a bare `--flag`. */
  value: string | null;
  range: Range;
}

export interface Heredoc {
  marker: string;
  /** `<<-` strips leading tabs. */
  stripTabs: boolean;
  /** `<<"EOF"` / `<<'EOF'`: no expansion in the body. */
  quoted: boolean;
  body: string;
  /** The body lines plus the terminator. */
  range: Range;
  terminated: boolean;
}

export interface Instruction {
  /** Upper-cased keyword, e.g. `RUN`. */
  keyword: string;
  rawKeyword: string;
  /** The whole instruction: keyword, continuation lines and heredoc bodies. */
  range: Range;
  keywordRange: Range;
  /** Argument text with continuations joined and inner comment lines removed. */
  args: string;
  segments: Segment[];
  flags: readonly Flag[];
  /** `args` after the leading flags. */
  rest: string;
  /** Offset of `rest` in `args`. */
  restOffset: number;
  /** Exec form, when `rest` is a JSON array of strings. */
  json: string[] | null;
  /** `rest` starts with `[` but is not a JSON array of strings. */
  jsonInvalid: boolean;
  heredocs: readonly Heredoc[];
  /** The trigger of an `ONBUILD`. */
  trigger?: Instruction;
  /** True for the trigger instruction inside an ONBUILD. */
  inOnbuild: boolean;
  /** Index of the stage this instruction belongs to; -1 for the ARGs (and unknown words) before the first FROM or fragment stage. */
  stage: number;
  /** Index in `Dockerfile.instructions` (the trigger shares its ONBUILD's index). */
  index: number;
  /** Memo slots for `restWords` and `keyValuesOf` (internal: they die with the instruction, no map to clear). */
  memo?: InstructionMemo;
}

export interface InstructionMemo {
  words: readonly Word[] | undefined;
  wordsEscape: string;
  kvs: { escape: string; rest: string; base: number; kvs: KeyValue[] } | undefined;
}

function memoOf(instr: Instruction): InstructionMemo {
  return (instr.memo ??= { words: undefined, wordsEscape: '', kvs: undefined });
}

export interface Comment {
  line: number;
  /** Text after `#`, trimmed. */
  text: string;
  range: Range;
  /** True when the comment sits inside a continued instruction. */
  inContinuation: boolean;
}

export interface Directive {
  name: string;
  value: string;
  range: Range;
}

export interface Stage {
  index: number;
  from: Instruction;
  /** Base image as written, e.g. `nvidia/cuda:${CUDA}-runtime-ubuntu22.04`. */
  image: string;
  imageRange: Range;
  /**
   * Base image as the builder reads it: quotes removed, global ARG defaults expanded (defaults that use
   * other ARGs, `${V:-x}`, `${V:+x}`; an undeclared ARG is empty). Null when the build decides it: an
   * ARG without a default or with a placeholder default (see `unresolvedArgs`), or an incomplete result.
   */
  resolvedImage: string | null;
  /** The global ARGs whose value the build must pass, used by the image; empty when none. */
  unresolvedArgs: string[];
  name: string | null;
  nameRange: Range | null;
  /** Raw `AS` keyword, for casing checks. */
  asKeyword: string | null;
  platform: string | null;
  /** Instructions after FROM up to the next FROM. */
  instructions: Instruction[];
  /**
   * True for the stage of a fragment: instructions before any FROM (the builder rejects them; hadolint,
   * and so this linter, still reads them as one stage). Its `from` is a stand-in outside `instructions`
   * with an empty range, and it has no image. Numeric `--from=<n>` references count only real stages.
   */
  implicit: boolean;
  /** Memo slots for per-stage facts of the ML rules (internal: variable scope, base image, its CUDA). */
  memo: StageMemo;
}

export interface StageMemo {
  scope: unknown;
  image: unknown;
  cuda: unknown;
}

export interface SyntaxError extends Range {
  message: string;
}

export interface Dockerfile {
  lines: string[];
  escape: string;
  directives: Directive[];
  comments: Comment[];
  /** Top-level instructions in order (ONBUILD triggers are reached through `trigger`). */
  instructions: Instruction[];
  stages: Stage[];
  /**
   * ARGs before the first FROM, with their defaults expanded (null when the build must pass the value:
   * no default, a placeholder, or a default built from such an ARG).
   */
  globalArgs: Map<string, string | null>;
  syntaxErrors: SyntaxError[];
  /** Lines that are empty inside a continued instruction. */
  emptyContinuationLines: number[];
  /** Slot for the per-document facts of facts.ts (internal; a field costs less than a map keyed by the document). */
  facts?: unknown;
}

export const KNOWN_INSTRUCTIONS = new Set([
  'ADD', 'ARG', 'CMD', 'COPY', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'FROM', 'HEALTHCHECK', 'LABEL',
  'MAINTAINER', 'ONBUILD', 'RUN', 'SHELL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR',
]);

/** What the parser needs to know of a known keyword, found with one table look-up. */
interface KeywordInfo {
  /** Upper case, e.g. `RUN`. */
  name: string;
  /** The usual spellings, compared as they are: [UPPER, lower, Capitalised]. */
  spellings: [string, string, string];
  /** The `--flags` it accepts (BuildKit's Dockerfile frontend, labs flags included); undefined when none. */
  flags: Set<string> | undefined;
  /** May be written in exec (JSON) form. */
  execForm: boolean;
  /** May take heredocs. */
  heredoc: boolean;
}

const KEYWORD_FLAGS: Record<string, string[]> = {
  FROM: ['platform'],
  RUN: ['mount', 'network', 'security', 'device'],
  COPY: ['from', 'chown', 'chmod', 'link', 'parents', 'exclude'],
  ADD: ['chown', 'chmod', 'link', 'checksum', 'keep-git-dir', 'exclude', 'unpack'],
  HEALTHCHECK: ['interval', 'timeout', 'start-period', 'start-interval', 'retries'],
};
const EXEC_FORM = new Set(['RUN', 'CMD', 'ENTRYPOINT', 'SHELL', 'COPY', 'ADD', 'VOLUME']);
const HEREDOC_INSTRUCTIONS = new Set(['RUN', 'COPY', 'ADD']);

const KEYWORD_INFO = new Map<string, KeywordInfo>();
/** Keywords by length and first letter (see keywordSlot): one or two candidates per slot. */
const KEYWORD_SLOTS: KeywordInfo[][] = [];
for (const k of KNOWN_INSTRUCTIONS) {
  const flags = KEYWORD_FLAGS[k];
  const info: KeywordInfo = {
    name: k, spellings: [k, k.toLowerCase(), k[0] + k.slice(1).toLowerCase()], flags: flags ? new Set(flags) : undefined,
    execForm: EXEC_FORM.has(k), heredoc: HEREDOC_INSTRUCTIONS.has(k),
  };
  KEYWORD_INFO.set(k, info);
  (KEYWORD_SLOTS[keywordSlot(k.length, k.charCodeAt(0))] ??= []).push(info);
}

/** RUN, COPY, ADD: the instructions that may take heredocs. */
function isHeredocKeyword(keyword: string): boolean {
  return keyword === 'RUN' || keyword === 'COPY' || keyword === 'ADD';
}

function keywordSlot(length: number, firstChar: number): number {
  return length * 32 + (firstChar & 31);
}

/** Set by keywordAt: the raw keyword, its upper case and what is known of it (undefined for an unknown word). */
let foundRaw = '';
let foundKeyword = '';
let foundInfo: KeywordInfo | undefined;

/**
 * Reads the keyword `text.slice(start, end)`. A usual spelling (upper, lower, capitalised) of a known
 * keyword is matched in place and its raw text is the table's own string, so no string is cut for it;
 * anything else is cut and upper-cased.
 */
function keywordAt(text: string, start: number, end: number): void {
  const slot = end - start <= 11 ? KEYWORD_SLOTS[keywordSlot(end - start, text.charCodeAt(start))] : undefined;
  if (slot) {
    for (let k = 0; k < slot.length; k++) {
      const sp = slot[k].spellings;
      for (let j = 0; j < 3; j++) {
        if (text.startsWith(sp[j], start)) {
          foundRaw = sp[j];
          foundKeyword = sp[0];
          foundInfo = slot[k];
          return;
        }
      }
    }
  }
  foundRaw = text.slice(start, end);
  foundKeyword = foundRaw.toUpperCase();
  foundInfo = KEYWORD_INFO.get(foundKeyword);
}

/** `# name=value`; the blanks after `=` are trimmed in code (`=[ \t]*(.*)$` backtracks quadratically on a line of blanks that ends in U+2028). */
const DIRECTIVE_RE = /^#[ \t]*([A-Za-z][A-Za-z0-9_-]*)[ \t]*=(.*)$/;
const HEREDOC_WORD_RE = /^<<(-?)(["']?)([A-Za-z_][A-Za-z0-9_.-]*)\2/;

/** Length of `s` without trailing characters from `chars` (a loop: `/[ \t]+$/` is quadratic on long blank runs). */
export function trimEndLength(s: string, chars = ' \t'): number {
  let e = s.length;
  if (chars === ' \t') {
    // the common case, without a string search per character
    for (let c = s.charCodeAt(e - 1); e > 0 && (c === 32 || c === 9); c = s.charCodeAt(--e - 1));
    return e;
  }
  while (e > 0 && chars.includes(s[e - 1])) e--;
  return e;
}

export function range(line: number, column: number, endLine: number, endColumn: number): Range {
  return { line, column, endLine, endColumn };
}

// `\s` is exactly the set `trim()` removes, and `test` allocates nothing.
const NON_BLANK_RE = /\S/;
const COMMENT_LINE_RE = /^\s*#/;

/**
 * Index of the first character that is not a space or tab (`s.length` when none), as
 * `blankRunEnd(s, 0)`. Kept as its own copy on purpose: using blankRunEnd here (and isWordBlank for
 * JSON white space) measured 5–8% slower parsing.
 */
function skipSpaces(s: string): number {
  let i = 0;
  while (i < s.length && (s.charCodeAt(i) === 32 || s.charCodeAt(i) === 9)) i++;
  return i;
}

/** True when the character at `i` is printable ASCII (so neither `\s` nor a line end). */
function isPrintableAscii(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return c > 32 && c < 127;
}

const CONTENT_LINE = 0;
const BLANK_LINE = 1;
const COMMENT_LINE = 2;

/** Blank, comment or content: what `trim() === ''` and `/^\s*#/` say, with one scan of the leading blanks. */
function lineKind(s: string): number {
  const i = skipSpaces(s);
  if (i === s.length) return BLANK_LINE;
  if (isPrintableAscii(s, i)) return s.charCodeAt(i) === 35 /* # */ ? COMMENT_LINE : CONTENT_LINE;
  if (!NON_BLANK_RE.test(s)) return BLANK_LINE;
  return COMMENT_LINE_RE.test(s) ? COMMENT_LINE : CONTENT_LINE;
}

/** The comment of a comment line whose `#` is at `hash`: `s.slice(hash + 1).trim()`, cut once. */
function commentText(s: string, hash: number): string {
  let a = hash + 1;
  let e = s.length;
  for (let c = s.charCodeAt(a); a < e && (c === 32 || c === 9); c = s.charCodeAt(++a));
  for (let c = s.charCodeAt(e - 1); e > a && (c === 32 || c === 9); c = s.charCodeAt(--e - 1));
  // other white space at either end: trim() knows all of it
  if (a < e && !(isPrintableAscii(s, a) && isPrintableAscii(s, e - 1))) return s.slice(hash + 1).trim();
  return s.slice(a, e);
}

/** Set by locate: a position in the source (argsRange reads two without making an object for each). */
let locLine = 0;
let locColumn = 0;

/** Finds the source position of offset `off` in the text that `segs` map (`range` stands in when there are none). */
function locate(segs: readonly Segment[], rng: Range, off: number): void {
  if (segs.length === 0) {
    locLine = rng.line;
    locColumn = rng.endColumn;
    return;
  }
  let lo = 0;
  let hi = segs.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (segs[mid].offset <= off) lo = mid;
    else hi = mid - 1;
  }
  const s = segs[lo];
  locLine = s.line;
  locColumn = s.column + Math.max(0, Math.min(off - s.offset, s.length));
}

/** Position in the source of offset `off` in an instruction's `args`. */
export function positionAt(instr: Pick<Instruction, 'segments' | 'range'>, off: number): { line: number; column: number } {
  locate(instr.segments, instr.range, off);
  return { line: locLine, column: locColumn };
}

/** Source range of `args.slice(start, end)`. */
export function argsRange(instr: Pick<Instruction, 'segments' | 'range'>, start: number, end: number): Range {
  return segmentsRange(instr.segments, instr.range, start, end);
}

function segmentsRange(segs: readonly Segment[], rng: Range, start: number, end: number): Range {
  locate(segs, rng, start);
  const line = locLine;
  const column = locColumn;
  locate(segs, rng, Math.max(start, end));
  return range(line, column, locLine, locColumn);
}

/** Splits a string on unquoted white space, keeping offsets. Quotes are kept in the text. */
export function splitWords(s: string, escape = '\\'): Word[] {
  let out: Word[] | null = null; // made with its first word (see readLogicalLine)
  const esc = escape.charCodeAt(0);
  let i = 0;
  const n = s.length;
  while (i < n) {
    while (i < n && isWordBlank(s.charCodeAt(i))) i++;
    if (i >= n) break;
    const start = i;
    let quote = 0; // char code of the open quote, 0 when none
    while (i < n) {
      const c = s.charCodeAt(i);
      if (quote) {
        if (c === esc && quote === 34 && i + 1 < n) i += 2;
        else {
          if (c === quote) quote = 0;
          i++;
        }
      } else if (isWordBlank(c)) break;
      else if (c === 34 || c === 39) {
        quote = c;
        i++;
      } else if (c === esc && i + 1 < n) i += 2;
      else i++;
    }
    const w: Word = { text: s.slice(start, i), start, end: i };
    if (out) out.push(w);
    else out = [w];
  }
  return out ?? [];
}

/** Space, tab, newline, carriage return: what separates words. */
function isWordBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

export interface Word {
  text: string;
  start: number;
  end: number;
}

/**
 * `splitWords(instr.rest, escape)`, memoised on the instruction (offsets are in `instr.rest`). Shared
 * by the parser and every rule that reads the words of an instruction: treat the result as read-only.
 */
export function restWords(instr: Instruction, escape: string): readonly Word[] {
  const m = memoOf(instr);
  if (!m.words || m.wordsEscape !== escape) {
    m.words = splitWords(instr.rest, escape);
    m.wordsEscape = escape;
  }
  return m.words;
}

/** Removes one level of quotes: `"a b"` → `a b`, `'x'` → `x`. */
export function unquote(s: string): string {
  if (s.length >= 2 && (s[0] === '"' || s[0] === "'") && s[s.length - 1] === s[0]) return s.slice(1, -1);
  return s;
}

export interface KeyValue {
  key: string;
  value: string;
  /** True for the legacy `ENV key value` form. */
  legacy: boolean;
  keyStart: number;
  keyEnd: number;
  valueStart: number;
  valueEnd: number;
}

/** Parses ENV / LABEL / ARG style `k=v k2="v 2"` or legacy `k v w`. Offsets are in `text`. */
export function parseKeyValues(text: string, base = 0, escape = '\\'): KeyValue[] {
  const words = splitWords(text, escape);
  if (words.length === 0) return [];
  const first = words[0];
  const eq = firstUnquotedEquals(first.text);
  if (eq < 0) {
    // legacy: first word is the key, the rest of the line is the value
    const key = unquote(first.text);
    const valueStart = words.length > 1 ? words[1].start : first.end;
    const valueEnd = words.length > 1 ? words[words.length - 1].end : first.end;
    return [{
      key, value: unquote(text.slice(valueStart, valueEnd)), legacy: true,
      keyStart: base + first.start, keyEnd: base + first.end, valueStart: base + valueStart, valueEnd: base + valueEnd,
    }];
  }
  let out: KeyValue[] | null = null;
  for (const w of words) {
    const e = firstUnquotedEquals(w.text);
    if (e < 0) {
      out = append(out, { key: w.text, value: '', legacy: false, keyStart: base + w.start, keyEnd: base + w.end, valueStart: base + w.end, valueEnd: base + w.end });
      continue;
    }
    out = append(out, {
      key: unquote(w.text.slice(0, e)),
      value: unquoteValue(w.text.slice(e + 1), escape),
      legacy: false,
      keyStart: base + w.start,
      keyEnd: base + w.start + e,
      valueStart: base + w.start + e + 1,
      valueEnd: base + w.end,
    });
  }
  return out ?? [];
}


/**
 * `parseKeyValues(instr.rest, instr.restOffset, escape)`, memoised for the lint run so the rules that
 * read ENV / ARG / LABEL pairs share one parse. Shared: treat the result as read-only.
 */
export function keyValuesOf(instr: Instruction, escape: string): readonly KeyValue[] {
  const memo = memoOf(instr);
  const m = memo.kvs;
  if (m && m.escape === escape && m.rest === instr.rest && m.base === instr.restOffset) return m.kvs;
  const kvs = parseKeyValues(instr.rest, instr.restOffset, escape);
  memo.kvs = { escape, rest: instr.rest, base: instr.restOffset, kvs };
  return kvs;
}

function firstUnquotedEquals(s: string): number {
  const eq = s.indexOf('=');
  if (eq < 0) return -1;
  // no quote before the first `=`: it is unquoted
  const dq = s.indexOf('"');
  const sq = s.indexOf("'");
  if ((dq < 0 || dq > eq) && (sq < 0 || sq > eq)) return eq;
  let quote: string | null = null;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '=') return i;
  }
  return -1;
}

/** Removes quotes anywhere in a value word (`a"b c"d` → `ab cd`) and escape characters. */
function unquoteValue(s: string, escape: string): string {
  // nothing to remove: the common case, without rebuilding the string a character at a time
  if (!s.includes('"') && !s.includes("'") && !s.includes(escape)) return s;
  let out = '';
  let quote: string | null = null;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quote) {
      if (c === quote) quote = null;
      else if (c === escape && quote === '"' && i + 1 < s.length) out += s[++i];
      else out += c;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === escape && i + 1 < s.length) out += s[++i];
    else out += c;
  }
  return out;
}

export interface Substitution {
  value: string;
  /** Names referenced that had no value. */
  unresolved: string[];
}

/** What `substitute` needs of its variables: a Map, or an object that looks names up. A null value counts as unset. */
export interface VarLookup {
  has(name: string): boolean;
  get(name: string): string | null | undefined;
}

/**
 * Expands `$VAR`, `${VAR}`, `${VAR:-def}`, `${VAR-def}`, `${VAR:+alt}`, `${VAR+alt}` with `vars`
 * (defaults and alternatives may themselves hold references: `${A:-${B}}`). Quotes are kept as text.
 */
export function substitute(s: string, vars: VarLookup): Substitution {
  const unresolved: string[] = [];
  if (!s.includes('$')) return { value: s, unresolved };
  let out = '';
  let i = 0;
  const n = s.length;
  while (i < n) {
    const c = s[i];
    if (c === '\\' && i + 1 < n && s[i + 1] === '$') {
      out += '$';
      i += 2;
      continue;
    }
    if (c !== '$') {
      // copy up to the next `$` or backslash in one piece
      let j = i + 1;
      while (j < n && s[j] !== '$' && s[j] !== '\\') j++;
      out += s.slice(i, j);
      i = j;
      continue;
    }
    const e = expandAt(s, i, vars, unresolved);
    out += e.text;
    i = e.end;
  }
  return { value: out, unresolved };
}

const NAME_START_RE = /^[A-Za-z_][A-Za-z0-9_]*/;
const BRACED_RE = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])([^]*))?$/;

/** The index after the `}` that closes the `${` at `i` (nested `${…}` skipped), or -1. */
function closingBrace(s: string, i: number): number {
  let depth = 0;
  for (let k = i + 2; k < s.length; k++) {
    const c = s[k];
    if (c === '\\') k++;
    else if (c === '$' && s[k + 1] === '{') {
      depth++;
      k++;
    } else if (c === '}') {
      if (depth === 0) return k + 1;
      depth--;
    }
  }
  return -1;
}

/** Expands the `$` reference at `s[i]`; names without a value are added to `unresolved`. */
function expandAt(s: string, i: number, vars: VarLookup, unresolved: string[]): { text: string; end: number } {
  if (s[i + 1] === '{') {
    const end = closingBrace(s, i);
    if (end < 0) return { text: s.slice(i), end: s.length };
    const m = BRACED_RE.exec(s.slice(i + 2, end - 1));
    if (!m) return { text: s.slice(i, end), end };
    const name = m[1];
    const op = m[2];
    const value = vars.has(name) ? vars.get(name) : undefined;
    const has = value !== undefined && value !== null;
    const val = has ? value : '';
    // the word of `:-` / `:+` is expanded only when it is used
    const word = () => {
      const w = m[3] ?? '';
      if (!w.includes('$')) return w;
      const sub = substitute(w, vars);
      for (const u of sub.unresolved) unresolved.push(u);
      return sub.value;
    };
    let text: string;
    if (op === ':-') text = has && val !== '' ? val : word();
    else if (op === '-') text = has ? val : word();
    else if (op === ':+' || op === '+') {
      // a declared variable whose value is not known (a build arg without a default) decides the outcome
      if (value === null) unresolved.push(name);
      text = (op === ':+' ? has && val !== '' : has) ? word() : '';
    } else {
      if (!has) unresolved.push(name);
      text = val;
    }
    return { text, end };
  }
  const m = NAME_START_RE.exec(s.slice(i + 1, i + 1 + 256));
  if (!m) return { text: '$', end: i + 1 };
  const name = m[0];
  const value = vars.has(name) ? vars.get(name) : undefined;
  if (value === undefined || value === null) unresolved.push(name);
  return { text: value ?? '', end: i + 1 + name.length };
}

/**
 * A word as the builder reads it (FROM, ARG defaults): quotes removed, escapes resolved, variables
 * expanded outside single quotes. Expanded values are inserted as they are.
 */
export function expandWord(s: string, vars: VarLookup, escape = '\\'): Substitution {
  const unresolved: string[] = [];
  if (!s.includes('$') && !s.includes('"') && !s.includes("'") && !s.includes(escape)) return { value: s, unresolved };
  let out = '';
  let dq = false;
  for (let i = 0; i < s.length;) {
    const c = s[i];
    if (c === escape && i + 1 < s.length) {
      out += s[i + 1];
      i += 2;
    } else if (c === "'" && !dq) {
      const close = s.indexOf("'", i + 1);
      const end = close < 0 ? s.length : close;
      out += s.slice(i + 1, end);
      i = end + 1;
    } else if (c === '"') {
      dq = !dq;
      i++;
    } else if (c === '$') {
      const e = expandAt(s, i, vars, unresolved);
      out += e.text;
      i = e.end;
    } else {
      out += c;
      i++;
    }
  }
  return { value: out, unresolved };
}

/**
 * True for a default that only stands in for a value the build must pass (`notset`, `CHANGEME`,
 * `<version>`, `__TAG__`, …): what it expands to is not what will be built.
 */
export function isPlaceholder(value: string): boolean {
  return PLACEHOLDER_RE.test(value);
}

const PLACEHOLDER_RE = /^(?:not[-_]?set|unset|undefined|placeholder|change[-_]?me|replace[-_]?me|set[-_]?me|fill[-_]?me|to[-_]?be[-_]?set|must[-_]?be[-_]?set|required|todo|tbd|x{3,}|<[^<>]*>|__[A-Za-z0-9_]*__|@[A-Za-z0-9_]+@)$/i;

/** True when a resolved image reference is complete enough to judge (`name`, `name:tag`, `name@digest`). */
function completeReference(ref: string): boolean {
  if (ref === '' || /\s/.test(ref)) return false;
  const last = ref[ref.length - 1];
  return last !== ':' && last !== '@' && last !== '/' && ref[0] !== ':' && ref[0] !== '@' && ref[0] !== '/';
}

/**
 * The logical line readLogicalLine has just read (kept in these slots rather than in an object per
 * instruction; buildInstruction reads them at once).
 */
let llText = '';
let llSegments: Segment[] = [];
/** 1-based line of the keyword. */
let llKeywordLine = 0;
/** 0-based index of the first line after this instruction. */
let llNext = 0;
let llEndLine = 0;
let llEndColumn = 0;

/**
 * `text.split('\n')`. In a lint pass this loop measured ~30% faster than the builtin (its strings are
 * made in JavaScript; the builtin makes them in the runtime), though not when parsing alone.
 */
function splitLines(text: string): string[] {
  const out: string[] = [];
  let from = 0;
  for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', from)) {
    out.push(text.slice(from, nl));
    from = nl + 1;
  }
  out.push(text.slice(from));
  return out;
}

/** Parses Dockerfile text. Never throws. */
export function parseDockerfile(text: string): Dockerfile {
  const lines = text.includes('\r') ? text.split(/\r\n|\r|\n/) : splitLines(text);
  const df: Dockerfile = {
    lines,
    escape: '\\',
    directives: [],
    comments: [],
    instructions: [],
    stages: [],
    globalArgs: new Map(),
    syntaxErrors: [],
    emptyContinuationLines: [],
    facts: undefined,
  };

  // Parser directives: only at the very top, before any blank line, comment or instruction.
  let i = 0;
  const seen = new Set<string>();
  for (; i < lines.length; i++) {
    const m = DIRECTIVE_RE.exec(lines[i]);
    if (!m) break;
    const name = m[1].toLowerCase();
    m[2] = m[2].slice(blankRunEnd(m[2], 0), trimEndLength(m[2]));
    if (!['syntax', 'escape', 'check'].includes(name)) break;
    if (seen.has(name)) {
      const r = range(i + 1, 1, i + 1, lines[i].length + 1);
      df.syntaxErrors.push({ ...r, message: `The ${name} directive is given twice; the builder accepts it only once.` });
      df.comments.push({ line: i + 1, text: lines[i].slice(lines[i].indexOf('#') + 1).trim(), range: r, inContinuation: false });
      continue;
    }
    seen.add(name);
    const r = range(i + 1, 1, i + 1, lines[i].length + 1);
    df.directives.push({ name, value: m[2], range: r });
    df.comments.push({ line: i + 1, text: lines[i].slice(lines[i].indexOf('#') + 1).trim(), range: r, inContinuation: false });
    if (name === 'escape') {
      if (m[2] === '`' || m[2] === '\\') df.escape = m[2];
      else df.syntaxErrors.push({ ...r, message: `The escape directive accepts only \\ or \` (found "${m[2]}").` });
    }
  }

  const esc = df.escape;
  let stage = -1;
  while (i < lines.length) {
    const raw = lines[i];
    const kind = lineKind(raw);
    if (kind === BLANK_LINE) {
      i++;
      continue;
    }
    if (kind === COMMENT_LINE) {
      const col = raw.indexOf('#');
      df.comments.push({ line: i + 1, text: commentText(raw, col), range: range(i + 1, col + 1, i + 1, raw.length + 1), inContinuation: false });
      i++;
      continue;
    }
    readLogicalLine(lines, i, esc, df);
    i = llNext;
    const instr = buildInstruction(df, stage);
    if (!instr) continue;
    // Heredocs: their bodies follow the instruction line.
    const targets = instr.trigger && isHeredocKeyword(instr.trigger.keyword) ? instr.trigger : instr;
    if (isHeredocKeyword(targets.keyword)) {
      const markers = targets.json ? [] : findHeredocMarkers(targets.rest, esc);
      let heredocs: Heredoc[] | null = null;
      for (const mk of markers) {
        const bodyStart = i;
        const body: string[] = [];
        let terminated = false;
        while (i < lines.length) {
          const l = lines[i];
          const cmp = mk.stripTabs ? l.replace(/^\t+/, '') : l;
          i++;
          if (cmp === mk.marker) {
            terminated = true;
            break;
          }
          body.push(mk.stripTabs ? cmp : l);
        }
        // an unterminated heredoc at the end of the file ends where the file ends
        const hdRange = i > bodyStart
          ? range(bodyStart + 1, 1, i, (lines[i - 1] ?? '').length + 1)
          : range(instr.range.endLine, instr.range.endColumn, instr.range.endLine, instr.range.endColumn);
        const hd: Heredoc = {
          marker: mk.marker,
          stripTabs: mk.stripTabs,
          quoted: mk.quoted,
          body: body.join('\n'),
          range: hdRange,
          terminated,
        };
        heredocs = append(heredocs, hd);
        instr.range = range(instr.range.line, instr.range.column, hd.range.endLine, hd.range.endColumn);
        if (targets !== instr) targets.range = instr.range;
        if (!terminated) {
          df.syntaxErrors.push({ ...instr.keywordRange, message: `The heredoc <<${mk.marker} is never closed: add a line that reads exactly "${mk.marker}".` });
        }
      }
      if (heredocs) targets.heredocs = heredocs;
    }
    if (instr.keyword === 'FROM') {
      stage++;
      instr.stage = stage;
      df.stages.push(makeStage(instr, stage, df));
    } else if (stage < 0 && instr.keyword !== 'ARG' && KNOWN_INSTRUCTIONS.has(instr.keyword)) {
      // a fragment (or the part before the first FROM): read as one stage without a base image, as hadolint does
      stage = 0;
      df.stages.push(implicitStage(instr, df.instructions.length));
      instr.stage = 0;
      if (instr.trigger) instr.trigger.stage = 0;
      df.stages[0].instructions.push(instr);
    } else if (stage >= 0) {
      df.stages[stage].instructions.push(instr);
    } else if (instr.keyword === 'ARG') {
      addGlobalArgs(df, instr.rest, esc);
    }
    instr.index = df.instructions.length;
    if (instr.trigger) instr.trigger.index = instr.index;
    df.instructions.push(instr);
  }
  // Resolve base images now that every global ARG is known (ARG after FROM is not global).
  if (df.stages.length) {
    const lookup = globalLookup(df.globalArgs);
    for (const st of df.stages) resolveImage(st, lookup, esc);
  }
  return df;
}

/**
 * The global ARGs of `ARG a=1 b c="x y"`: each default expanded with the ARGs declared before it (an
 * undeclared name is empty, as the builder has it). A value the build must pass (no default, a
 * placeholder, or built from either) is null.
 */
function addGlobalArgs(df: Dockerfile, rest: string, esc: string): void {
  const args = df.globalArgs;
  const lookup = globalLookup(args);
  for (const w of splitWords(rest, esc)) {
    const eq = firstUnquotedEquals(w.text);
    const name = unquote(eq < 0 ? w.text : w.text.slice(0, eq));
    if (name === '') continue;
    if (eq < 0) {
      // `ARG NAME` again keeps the default it already has
      if (!args.has(name)) args.set(name, null);
      continue;
    }
    const sub = expandWord(w.text.slice(eq + 1), lookup, esc);
    // a value past MAX_ARG_VALUE (ARGs that double each other) is not one to judge; capping keeps the next expansion bounded
    args.set(name, sub.unresolved.length || sub.value.length > MAX_ARG_VALUE || isPlaceholder(sub.value) ? null : sub.value);
  }
}

/** The longest global ARG value kept (longer ones are read as unknown). */
const MAX_ARG_VALUE = 8192;

/** The ARGs the builder defines itself for every build (in FROM too): their values depend on the build. */
const PLATFORM_ARGS = new Set(['TARGETPLATFORM', 'TARGETOS', 'TARGETARCH', 'TARGETVARIANT', 'BUILDPLATFORM', 'BUILDOS', 'BUILDARCH', 'BUILDVARIANT']);

/**
 * Global ARGs as FROM and ARG defaults see them: a declared one has its value (null when unknown), the
 * builder's platform ARGs are unknown unless given a default, and any other name is empty.
 */
function globalLookup(args: Map<string, string | null>): VarLookup {
  return { has: () => true, get: (name) => (args.has(name) ? args.get(name) : PLATFORM_ARGS.has(name) ? null : '') };
}

/** Sets `resolvedImage` and `unresolvedArgs` of a stage from its image and the global ARGs. */
function resolveImage(st: Stage, lookup: VarLookup, esc: string): void {
  const sub = expandWord(st.image, lookup, esc);
  st.unresolvedArgs = sub.unresolved;
  st.resolvedImage = sub.unresolved.length || !completeReference(sub.value) ? null : sub.value;
}

function readLogicalLine(lines: string[], start: number, esc: string, df: Dockerfile): void {
  // created with its first segment: an empty array grows to 16 slots on its first push, and most
  // instructions have one line
  let segments: Segment[] | null = null;
  let text = '';
  let i = start;
  let endLine = start + 1;
  let endColumn = lines[start].length + 1;
  let first = true;
  while (i < lines.length) {
    const l = lines[i];
    if (!first) {
      const kind = lineKind(l);
      if (kind === BLANK_LINE) {
        df.emptyContinuationLines.push(i + 1);
        i++;
        continue;
      }
      if (kind === COMMENT_LINE) {
        const col = l.indexOf('#');
        df.comments.push({ line: i + 1, text: commentText(l, col), range: range(i + 1, col + 1, i + 1, l.length + 1), inContinuation: true });
        i++;
        continue;
      }
    }
    first = false;
    const te = trimEndLength(l);
    // like BuildKit: any escape character at the end of the line (after optional blanks) continues it
    const continues = te > 0 && l[te - 1] === esc;
    const content = continues ? l.slice(0, te - 1) : l;
    const seg: Segment = { offset: text.length, line: i + 1, column: 1, length: content.length };
    if (segments) segments.push(seg);
    else segments = [seg];
    text += content;
    endLine = i + 1;
    endColumn = l.length + 1;
    i++;
    if (!continues) break;
    // a continuation joins lines without a newline (BuildKit keeps none)
  }
  llKeywordLine = start + 1;
  llNext = i;
  llText = text;
  llSegments = segments ?? [];
  llEndLine = endLine;
  llEndColumn = endColumn;
}

/** Like BuildKit: a heredoc is a shell word that starts with `<<` (not `<<<`), outside quotes. */
function findHeredocMarkers(rest: string, esc: string): { marker: string; stripTabs: boolean; quoted: boolean }[] {
  const out: { marker: string; stripTabs: boolean; quoted: boolean }[] = [];
  if (!rest.includes('<<')) return out;
  for (const w of splitWords(rest, esc)) {
    if (!w.text.startsWith('<<') || w.text.startsWith('<<<')) continue;
    const m = HEREDOC_WORD_RE.exec(w.text);
    if (m) out.push({ marker: m[3], stripTabs: m[1] === '-', quoted: m[2] !== '' });
  }
  return out;
}

export interface ArgName {
  name: string;
  /** The default, or null when none is given (`ARG NAME`). */
  value: string | null;
  start: number;
  end: number;
}

/** `ARG A B=2 C="x y"`: every name with its default. Offsets are in `text`. */
export function parseArgNames(text: string, escape = '\\'): ArgName[] {
  const out: ArgName[] = [];
  for (const w of splitWords(text, escape)) {
    const eq = firstUnquotedEquals(w.text);
    if (eq < 0) out.push({ name: unquote(w.text), value: null, start: w.start, end: w.end });
    else out.push({ name: unquote(w.text.slice(0, eq)), value: unquoteValue(w.text.slice(eq + 1), escape), start: w.start, end: w.end });
  }
  return out.filter((a) => a.name !== '');
}

function buildInstruction(df: Dockerfile, stage: number): Instruction | null {
  const text = llText;
  const segments = llSegments;
  const lead = blankRunEnd(text, 0);
  let kwEnd0 = lead;
  for (let c = text.charCodeAt(kwEnd0); kwEnd0 < text.length && c !== 32 && c !== 9; c = text.charCodeAt(++kwEnd0));
  if (kwEnd0 === lead) return null;
  const seg0 = segments[0];
  let keywordRange: Range;
  if (seg0 && seg0.offset === 0 && kwEnd0 < seg0.length) {
    // the keyword ends inside the first line (what positionAt finds too; at its very end a continued
    // line maps the end to the next line, so that case goes the long way)
    keywordRange = range(seg0.line, seg0.column + lead, seg0.line, seg0.column + kwEnd0);
  } else {
    keywordRange = segmentsRange(segments, range(llKeywordLine, 1, llKeywordLine, 1), lead, kwEnd0);
  }
  const fullRange = range(keywordRange.line, keywordRange.column, llEndLine, llEndColumn);
  keywordAt(text, lead, kwEnd0);
  return makeInstruction(text, kwEnd0, segments, fullRange, keywordRange, stage, false, df);
}

/** The end of the run of spaces and tabs starting at `from`. */
function blankRunEnd(s: string, from: number): number {
  let i = from;
  for (let c = s.charCodeAt(i); i < s.length && (c === 32 || c === 9); c = s.charCodeAt(++i));
  return i;
}

/**
 * `segs` re-based to start `by` characters later (segments wholly before it dropped, the first one cut).
 * With `inPlace` the array and its segments are reused (the caller owns them and no longer needs the old offsets).
 */
function shiftSegments(segs: Segment[], by: number, inPlace: boolean): Segment[] {
  const out: Segment[] = inPlace ? segs : [];
  let n = 0;
  for (let k = 0; k < segs.length; k++) {
    const s = segs[k];
    const end = s.offset + s.length;
    // a single-line instruction keeps its one segment unless it ends before `by`
    if (segs.length === 1 ? end < by : end <= by && !(end === by && k === segs.length - 1)) continue;
    const cut = Math.max(0, by - s.offset);
    if (inPlace) {
      s.offset = s.offset + cut - by;
      s.column += cut;
      s.length -= cut;
      out[n++] = s;
    } else out[n++] = { offset: s.offset + cut - by, line: s.line, column: s.column + cut, length: s.length - cut };
  }
  if (out.length !== n) out.length = n; // (setting length is a slow builtin call)
  return out;
}

/** Shared by every instruction without flags / heredocs (most of them); the types are readonly, so nobody writes to them. */
const NO_FLAGS: Flag[] = [];
const NO_HEREDOCS: Heredoc[] = [];

/**
 * The instruction whose keyword keywordAt has just read and whose arguments are `src` from `from` on;
 * `segsBase` maps `src`.
 */
function makeInstruction(src: string, from: number, segsBase: Segment[], fullRange: Range, keywordRange: Range,
  stage: number, inOnbuild: boolean, df: Dockerfile): Instruction {
  const rawKeyword = foundRaw;
  const keyword = foundKeyword;
  const info = foundInfo;
  // the arguments trimmed, cut from `src` in one slice
  const lead = blankRunEnd(src, from);
  const args = src.slice(lead, Math.max(lead, trimEndLength(src)));
  const segments = shiftSegments(segsBase, lead, !inOnbuild);
  const instr: Instruction = {
    keyword, rawKeyword, range: fullRange, keywordRange, args, segments, flags: NO_FLAGS, rest: args, restOffset: 0,
    json: null, jsonInvalid: false, heredocs: NO_HEREDOCS, inOnbuild, stage, index: -1, memo: undefined,
  };

  if (!info) {
    df.syntaxErrors.push({ ...keywordRange, message: `Unknown instruction "${rawKeyword}". Dockerfile instructions are ${[...KNOWN_INSTRUCTIONS].join(', ')}.` });
    return instr;
  }

  // leading --flags
  const known = info.flags;
  let flags: Flag[] | null = null;
  let off = 0;
  while (off < args.length && args.startsWith('--', off)) {
    let end = off;
    let eq = -1; // the first `=` of the word, quoted or not
    let quote: string | null = null;
    while (end < args.length) {
      const c = args[end];
      if (c === '=' && eq < 0) eq = end;
      if (quote) {
        if (c === quote) quote = null;
      } else if (c === '"' || c === "'") quote = c;
      else if (c === ' ' || c === '\t') break;
      end++;
    }
    // name and value cut from `args` directly, without a copy of the whole word first
    const name = args.slice(off + 2, eq < 0 ? end : eq);
    const value = eq < 0 ? null : unquote(args.slice(eq + 1, end));
    const r = argsRange(instr, off, end);
    flags = append(flags, { name, value, range: r });
    if (!known || !known.has(name)) {
      df.syntaxErrors.push({ ...r, message: known ? `${keyword} does not accept the flag --${name} (it accepts ${[...known].map((f) => '--' + f).join(', ')}).` : `${keyword} takes no flags; "--${name}" is not valid here.` });
    } else if (value === null && !['link', 'parents', 'keep-git-dir', 'unpack'].includes(name)) {
      df.syntaxErrors.push({ ...r, message: `The flag --${name} needs a value: --${name}=<value>.` });
    }
    off = blankRunEnd(args, end);
  }
  if (flags) instr.flags = flags;
  instr.restOffset = off;
  instr.rest = args.slice(off);

  if (info.execForm || keyword === 'HEALTHCHECK') {
    const body = keyword === 'HEALTHCHECK' ? instr.rest.replace(/^CMD[ \t]+/i, '') : instr.rest;
    if (body.startsWith('[')) {
      const parsed = parseJsonArray(body);
      if (parsed) instr.json = parsed;
      else if (body.trimEnd().endsWith(']')) {
        instr.jsonInvalid = true;
        df.syntaxErrors.push({ ...argsRange(instr, instr.restOffset, args.length),
          message: `This looks like the exec (JSON) form but is not a valid JSON array of strings, so the builder will run it through a shell as plain text. Use double quotes: ["executable", "arg"].` });
      }
    }
  }

  if (instr.rest.length === 0 && instr.flags.length === 0) {
    df.syntaxErrors.push({ ...keywordRange, message: `${keyword} needs arguments.` });
    return instr;
  }
  if (instr.rest.length === 0 && keyword !== 'HEALTHCHECK') {
    df.syntaxErrors.push({ ...keywordRange, message: `${keyword} has flags but nothing to act on.` });
  }

  switch (keyword) {
    case 'FROM': {
      const words = restWords(instr, df.escape);
      if (words.length === 2 || words.length > 3 || (words.length === 3 && words[1].text.toUpperCase() !== 'AS')) {
        df.syntaxErrors.push({ ...argsRange(instr, instr.restOffset, args.length), message: 'FROM takes an image and an optional stage name: FROM [--platform=<platform>] <image> [AS <name>].' });
      }
      break;
    }
    case 'ONBUILD': {
      let trigArgsStart = instr.restOffset;
      for (let c = args.charCodeAt(trigArgsStart); trigArgsStart < args.length && c !== 32 && c !== 9; c = args.charCodeAt(++trigArgsStart));
      if (trigArgsStart > instr.restOffset) {
        const kwR = argsRange(instr, instr.restOffset, trigArgsStart);
        keywordAt(args, instr.restOffset, trigArgsStart);
        instr.trigger = makeInstruction(args, trigArgsStart, segments, fullRange, kwR, stage, true, df);
      }
      break;
    }
    case 'ENV':
    case 'LABEL': {
      // what parseKeyValues reads as one legacy key with an empty value: a single word without `=`
      const words = restWords(instr, df.escape);
      if (words.length === 1 && firstUnquotedEquals(words[0].text) < 0) {
        df.syntaxErrors.push({ ...keywordRange, message: `${keyword} needs a value: ${keyword} <key>=<value>.` });
      }
      break;
    }
    case 'HEALTHCHECK': {
      const first = /^[^ \t]+/.exec(instr.rest)?.[0]?.toUpperCase();
      const after = instr.rest.slice(first?.length ?? 0).trim();
      if (first !== 'NONE' && first !== 'CMD') {
        df.syntaxErrors.push({ ...argsRange(instr, instr.restOffset, args.length), message: 'HEALTHCHECK takes NONE or [options] CMD <command>.' });
      } else if (first === 'CMD' && (after === '' || (instr.json && instr.json.length === 0))) {
        // the builder stops with "missing command after HEALTHCHECK CMD"
        df.syntaxErrors.push({ ...argsRange(instr, instr.restOffset, args.length), message: 'HEALTHCHECK CMD needs the command to run, e.g. HEALTHCHECK CMD curl -f http://localhost:8000/ || exit 1.' });
      } else if (first === 'NONE' && after !== '') {
        df.syntaxErrors.push({ ...argsRange(instr, instr.restOffset, args.length), message: 'HEALTHCHECK NONE takes nothing after it.' });
      }
      break;
    }
    case 'COPY':
    case 'ADD': {
      const n = instr.json ? instr.json.length : restWords(instr, df.escape).length;
      if (n < 2 && !/<<-?\s*["']?[A-Za-z_]/.test(instr.rest)) {
        df.syntaxErrors.push({ ...argsRange(instr, instr.restOffset, args.length), message: `${keyword} needs at least a source and a destination.` });
      }
      break;
    }
    default:
      break;
  }
  return instr;
}

/**
 * JSON.parse of an exec-form array of strings, or null. Read directly, except strings with a
 * backslash escape, which go to JSON.parse for the decoding. Anything that cannot be an array of
 * strings (`[ -f x ]` of a shell test, a number, a missing quote) is null at once, without the
 * exception JSON.parse would throw.
 */
/** JSON white space: the same four characters as isWordBlank, kept apart (see skipSpaces). */
function isJsonSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

function parseJsonArray(s: string): string[] | null {
  const fast = parseSimpleJsonArray(s);
  return fast !== undefined ? fast : parseJsonArrayStrict(s);
}

/** The array (or null) when `s` is settled without JSON.parse; undefined when a string holds an escape. */
function parseSimpleJsonArray(s: string): string[] | null | undefined {
  const n = s.length;
  let i = 1; // s[0] is '['
  const out: string[] = [];
  while (i < n && isJsonSpace(s.charCodeAt(i))) i++;
  if (s.charCodeAt(i) === 93 /* ] */) i++;
  else {
    for (;;) {
      // an element that is not a string, or no element at all: not an array of strings
      if (s.charCodeAt(i) !== 34 /* " */) return null;
      const start = ++i;
      for (;;) {
        if (i >= n) return null; // unterminated string
        const c = s.charCodeAt(i);
        if (c === 34) break;
        if (c === 92 /* \ */) return undefined;
        if (c < 32) return null; // JSON forbids raw control characters in strings
        i++;
      }
      out.push(s.slice(start, i++));
      while (i < n && isJsonSpace(s.charCodeAt(i))) i++;
      const c = s.charCodeAt(i++);
      if (c === 93) break;
      if (c !== 44 /* , */) return null;
      while (i < n && isJsonSpace(s.charCodeAt(i))) i++;
    }
  }
  while (i < n && isJsonSpace(s.charCodeAt(i))) i++;
  return i === n ? out : null;
}

function parseJsonArrayStrict(s: string): string[] | null {
  try {
    const v: unknown = JSON.parse(s);
    if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v as string[];
  } catch {
    // not JSON: the builder treats it as shell form
  }
  return null;
}

/**
 * The stage of instructions that come before any FROM: no base image, and a stand-in FROM (not in
 * `instructions`) with an empty range where the first of them starts.
 */
function implicitStage(first: Instruction, index: number): Stage {
  const at = first.keywordRange;
  const r = range(at.line, at.column, at.line, at.column);
  const from: Instruction = {
    keyword: 'FROM', rawKeyword: '', range: r, keywordRange: r, args: '', segments: [], flags: NO_FLAGS, rest: '', restOffset: 0,
    json: null, jsonInvalid: false, heredocs: NO_HEREDOCS, inOnbuild: false, stage: 0, index, memo: undefined,
  };
  return {
    index: 0, from, image: '', imageRange: r, resolvedImage: null, unresolvedArgs: [], name: null, nameRange: null, asKeyword: null,
    platform: null, instructions: [], implicit: true, memo: { scope: undefined, image: undefined, cuda: undefined },
  };
}

function makeStage(from: Instruction, index: number, df: Dockerfile): Stage {
  const words = restWords(from, df.escape);
  const img = words[0];
  let platform: string | null = null;
  for (const f of from.flags) {
    if (f.name === 'platform') {
      platform = f.value;
      break;
    }
  }
  const hasAs = words.length >= 3 && words[1].text.toUpperCase() === 'AS';
  return {
    index,
    from,
    image: img ? img.text : '',
    imageRange: img ? argsRange(from, from.restOffset + img.start, from.restOffset + img.end) : from.keywordRange,
    resolvedImage: null,
    unresolvedArgs: [],
    name: hasAs ? words[2].text : null,
    nameRange: hasAs ? argsRange(from, from.restOffset + words[2].start, from.restOffset + words[2].end) : null,
    asKeyword: hasAs ? words[1].text : null,
    platform,
    instructions: [],
    implicit: false,
    memo: { scope: undefined, image: undefined, cuda: undefined },
  };
}

export interface ImageRef {
  /** Registry host when given (`nvcr.io`), else null (Docker Hub). */
  registry: string | null;
  /** Repository path without registry, e.g. `nvidia/cuda`, `python`. */
  repository: string;
  tag: string | null;
  digest: string | null;
}

/** Splits an image reference without validating; Docker Hub's `library/` prefix is dropped. */
export function parseImageRef(ref: string): ImageRef {
  const r = splitReference(ref);
  return { ...r, repository: r.repository.toLowerCase().startsWith('library/') ? r.repository.slice(8) : r.repository };
}
