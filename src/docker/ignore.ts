// `.dockerignore` with the docker CLI's semantics, in one place for the build's context packing, ML009's
// context scan and the .dockerignore command's template. Pure Node (no vscode, no dockerode), so the
// lint core may use it too.
//
// What Docker does, and so what this module does:
// - Reading (moby/patternmatcher/ignorefile): lines split on `\n` (a trailing `\r` dropped, a UTF-8 BOM
//   dropped on the first line); a line starting with `#` is a comment; the rest is trimmed; a leading `!`
//   marks an exception; the pattern is cleaned like Go's `filepath.Clean` and a leading `/` removed.
// - Patterns (moby/patternmatcher): first checked with `filepath.Match`'s syntax rules (a bad pattern
//   fails the whole build), then turned into a Go regular expression: `*` → `[^/]*`, `?` → `[^/]`,
//   `**` → any number of folders, `\x` → the regexp escape `\x`, `. + ( ) $` escaped, everything else
//   passed through: `[...]` classes, `^`, and (measured with the docker CLI 28.2.2 on this project's
//   machines) `|`, `{` and `}`, so `a|b*` is an alternation and `x{2}?` a repeat count there too.
//   Patterns without wildcards are compared as plain text, `foo/**` as a prefix and `**/foo` as a
//   suffix, exactly as Docker short-cuts them. Case-sensitive.
// - Matching (the walk of docker's archive package): the last pattern that matches a path or one of its
//   parent folders decides, with each folder's results handed down to its contents; an excluded folder
//   is skipped unless the text of an exception starts with `<folder>/`, in which case it is walked
//   (without its own entry) and its contents are matched one by one.
// - The build re-includes the Dockerfile and `.dockerignore` (docker's TrimBuildFilesFromExcludes).
// Where Docker goes wrong silently, context.ts refuses or corrects instead (see scanContext).
//
// No user text ever becomes a JavaScript RegExp: the Go regexp is parsed here into a small automaton and
// run as a Thompson NFA (each state visited at most once per input character), so matching costs
// O(pattern × path) whatever the pattern.
import * as fs from 'node:fs';
import * as path from 'node:path';

// ---------------------------------------------------------------------------------------------------
// Reading the file

/** Larger ignore files are refused (a .dockerignore is a few kilobytes; this keeps /dev/zero-like traps out). */
export const MAX_IGNORE_FILE_BYTES = 4 * 1024 * 1024;
/** Go's bufio.Scanner refuses longer lines ("token too long"), and so the docker CLI refuses the file. */
const MAX_LINE_BYTES = 64 * 1024;

/** Raised for an ignore file or pattern Docker would refuse; the message names the file/line when known. */
export class IgnoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IgnoreError';
  }
}

// Go's unicode.IsSpace (what strings.TrimSpace trims).
function isGoSpace(c: number): boolean {
  return (c >= 0x09 && c <= 0x0d) || c === 0x20 || c === 0x85 || c === 0xa0 || c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000;
}

/** Go's strings.TrimSpace. */
export function goTrimSpace(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && isGoSpace(s.charCodeAt(a))) a++;
  while (b > a && isGoSpace(s.charCodeAt(b - 1))) b--;
  return s.slice(a, b);
}

/** Go's path.Clean (`/`-separated, lexical): no `.` or `x/..` elements, no doubled or trailing `/`. */
export function goClean(p: string): string {
  if (p === '') return '.';
  const rooted = p.startsWith('/');
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!rooted) out.push('..');
      continue;
    }
    out.push(part);
  }
  const body = out.join('/');
  if (rooted) return '/' + body;
  return body === '' ? '.' : body;
}

/**
 * The patterns of a .dockerignore text, as the docker CLI reads them: comments and blank lines
 * dropped, exceptions kept as `!pattern`, paths cleaned. Throws IgnoreError for a line longer than
 * Docker reads (64 KiB).
 */
export function parseIgnoreText(text: string): string[] {
  const out: string[] = [];
  const lines = text.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i];
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (i === 0 && line.startsWith('\ufeff')) line = line.slice(1);
    if (Buffer.byteLength(line) >= MAX_LINE_BYTES) throw new IgnoreError(`line ${i + 1} is longer than Docker reads (64 KiB)`);
    if (line.startsWith('#')) continue;
    let pattern = goTrimSpace(line);
    if (pattern === '') continue;
    const invert = pattern.startsWith('!');
    if (invert) pattern = goTrimSpace(pattern.slice(1));
    if (pattern.length > 0) {
      pattern = goClean(pattern);
      if (pattern.length > 1 && pattern.startsWith('/')) pattern = pattern.slice(1);
    }
    out.push(invert ? '!' + pattern : pattern);
  }
  return out;
}

/**
 * A .dockerignore line that excludes exactly the path `rel` (relative to the context), whatever
 * characters its names have: wildcard, escape and regexp characters get a `\`, as does a leading
 * `#` or `!`. Undefined for a path no line can name (leading or trailing blanks, a line break).
 */
export function literalPattern(rel: string): string | undefined {
  if (rel === '' || /^\s|\s$|[\r\n]/.test(rel)) return undefined;
  if (!/[*?[\]\\]/.test(rel) && !/^[#!]/.test(rel)) return goClean(rel) === rel ? rel : undefined;
  return rel.replace(/[*?[\]\\|{}^$.+()#!]/g, '\\$&');
}

// ---------------------------------------------------------------------------------------------------
// Which ignore file applies

export interface IgnoreFile {
  /** Absolute path of the ignore file used, if there is one. */
  file?: string;
  /** Its patterns as read (see parseIgnoreText); empty without a file. */
  patterns: string[];
  /** Why the file cannot be used (unreadable, too large, not a regular file, a line too long). */
  error?: string;
}

/**
 * Where Docker looks, in order: `<Dockerfile>.dockerignore` next to the Dockerfile (BuildKit's
 * Dockerfile-specific ignore file), then `.dockerignore` at the root of the context.
 */
export function ignoreFileCandidates(contextDir: string, dockerfilePath?: string): string[] {
  const root = path.join(contextDir, '.dockerignore');
  if (!dockerfilePath) return [root];
  const own = path.resolve(contextDir, dockerfilePath) + '.dockerignore';
  return own === path.resolve(root) ? [root] : [own, root];
}

function missing(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

function fromText(file: string, read: () => string): IgnoreFile {
  try {
    return { file, patterns: parseIgnoreText(read()) };
  } catch (err) {
    return { file, patterns: [], error: `${file}: ${err instanceof IgnoreError ? err.message : (err as Error).message}` };
  }
}

function checkStat(file: string, st: fs.Stats): string | undefined {
  if (!st.isFile()) return `${file} is not a regular file`;
  if (st.size > MAX_IGNORE_FILE_BYTES) return `${file} is larger than ${MAX_IGNORE_FILE_BYTES / 1024 / 1024} MiB`;
  return undefined;
}

/** Reads the ignore file that applies (see ignoreFileCandidates). Never throws: problems go to `error`. */
export async function readIgnoreFile(contextDir: string, dockerfilePath?: string): Promise<IgnoreFile> {
  for (const file of ignoreFileCandidates(contextDir, dockerfilePath)) {
    let st: fs.Stats;
    try {
      st = await fs.promises.stat(file);
    } catch (err) {
      if (missing(err)) continue;
      return { file, patterns: [], error: `${file}: ${(err as Error).message}` };
    }
    const bad = checkStat(file, st);
    if (bad) return { file, patterns: [], error: bad };
    let text: string;
    try {
      text = await fs.promises.readFile(file, 'utf8');
    } catch (err) {
      return { file, patterns: [], error: `${file}: ${(err as Error).message}` };
    }
    return fromText(file, () => text);
  }
  return { patterns: [] };
}

/** The synchronous twin of readIgnoreFile, for the lint path. Never throws. */
export function readIgnoreFileSync(contextDir: string, dockerfilePath?: string): IgnoreFile {
  for (const file of ignoreFileCandidates(contextDir, dockerfilePath)) {
    let st: fs.Stats;
    try {
      st = fs.statSync(file);
    } catch (err) {
      if (missing(err)) continue;
      return { file, patterns: [], error: `${file}: ${(err as Error).message}` };
    }
    const bad = checkStat(file, st);
    if (bad) return { file, patterns: [], error: bad };
    return fromText(file, () => fs.readFileSync(file, 'utf8'));
  }
  return { patterns: [] };
}

// ---------------------------------------------------------------------------------------------------
// filepath.Match's syntax check (Docker refuses the whole file when a pattern fails it)

/** Why `pattern` is not a valid filepath.Match pattern, or undefined when it is. */
export function globSyntaxError(pattern: string): string | undefined {
  const c = Array.from(pattern);
  const n = c.length;
  // One class element (Go's getEsc): returns the index after it, or -1.
  const esc = (i: number): number => {
    if (i >= n || c[i] === '-' || c[i] === ']') return -1;
    if (c[i] === '\\') {
      i++;
      if (i >= n) return -1;
    }
    i++;
    return i >= n ? -1 : i;
  };
  let i = 0;
  while (i < n) {
    const ch = c[i];
    if (ch === '\\') {
      if (i + 1 >= n) return 'it ends with an unescaped \\';
      i += 2;
    } else if (ch === '[') {
      i++;
      if (c[i] === '^') i++;
      let ranges = 0;
      for (;;) {
        if (i < n && c[i] === ']' && ranges > 0) {
          i++;
          break;
        }
        i = esc(i);
        if (i < 0) return 'a [...] character class is empty, unclosed or has a misplaced - or ]';
        if (c[i] === '-') {
          i = esc(i + 1);
          if (i < 0) return 'a [...] character class has an incomplete range';
        }
        ranges++;
      }
    } else i++;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------
// The Go regexp each pattern becomes, and a linear-time matcher for it

// The characters the docker CLI escapes. Measured with docker 28.2.2: `|`, `{` and `}` are NOT escaped,
// so `a|b*` is an alternation and `x{2}?` a repetition there, and this module does the same.
const ESCAPED = new Set(['.', '+', '(', ')', '$']);

type MatchType = 'exact' | 'prefix' | 'suffix' | 'regexp';

/** The translation moby/patternmatcher makes (Pattern.compile), for `/` as the separator. */
export function patternToGoRegexp(cleaned: string): { type: MatchType; regexp?: string } {
  const c = Array.from(cleaned);
  let re = '^';
  let type: MatchType = 'exact';
  let pos = 0;
  for (let i = 0; pos < c.length; i++) {
    const ch = c[pos++];
    if (ch === '*') {
      if (c[pos] === '*') {
        pos++;
        if (c[pos] === '/') pos++;
        if (pos >= c.length) {
          if (type === 'exact') type = 'prefix';
          else {
            re += '.*';
            type = 'regexp';
          }
        } else {
          re += '(.*/)?';
          type = 'regexp';
        }
        if (i === 0) type = 'suffix';
      } else {
        re += '[^/]*';
        type = 'regexp';
      }
    } else if (ch === '?') {
      re += '[^/]';
      type = 'regexp';
    } else if (ESCAPED.has(ch)) {
      re += '\\' + ch;
    } else if (ch === '\\') {
      if (pos < c.length) {
        re += '\\' + c[pos++];
        type = 'regexp';
      } else re += '\\';
    } else if (ch === '[' || ch === ']') {
      re += ch;
      type = 'regexp';
    } else re += ch;
  }
  if (type !== 'regexp') return { type };
  return { type, regexp: re + '$' };
}

// A set of code points: ranges, nested sets (for \D inside [...]), possibly negated.
interface CharSet {
  neg: boolean;
  ranges: number[]; // lo, hi, lo, hi, …
  subs: CharSet[];
}

function inSet(s: CharSet, ch: number): boolean {
  let hit = false;
  for (let i = 0; i < s.ranges.length && !hit; i += 2) hit = ch >= s.ranges[i] && ch <= s.ranges[i + 1];
  for (let i = 0; i < s.subs.length && !hit; i++) hit = inSet(s.subs[i], ch);
  return hit !== s.neg;
}

const cp = (s: string): number => s.codePointAt(0) as number;
const PERL: Record<string, number[]> = {
  d: [cp('0'), cp('9')],
  s: [9, 10, 12, 13, 32, 32],
  w: [cp('0'), cp('9'), cp('A'), cp('Z'), cp('_'), cp('_'), cp('a'), cp('z')],
};
const POSIX: Record<string, number[]> = {
  alnum: [48, 57, 65, 90, 97, 122],
  alpha: [65, 90, 97, 122],
  ascii: [0, 127],
  blank: [9, 9, 32, 32],
  cntrl: [0, 31, 127, 127],
  digit: [48, 57],
  graph: [33, 126],
  lower: [97, 122],
  print: [32, 126],
  punct: [33, 47, 58, 64, 91, 96, 123, 126],
  space: [9, 13, 32, 32],
  upper: [65, 90],
  word: [48, 57, 65, 90, 95, 95, 97, 122],
  xdigit: [48, 57, 65, 70, 97, 102],
};
const isWordChar = (ch: number): boolean => (ch >= 48 && ch <= 57) || (ch >= 65 && ch <= 90) || ch === 95 || (ch >= 97 && ch <= 122);

type Assertion = 'begin' | 'end' | 'wordb' | 'nwordb';
type Node =
  | { t: 'set'; set: CharSet }
  | { t: 'assert'; a: Assertion }
  | { t: 'cat'; items: Node[] }
  | { t: 'alt'; alts: Node[] }
  | { t: 'rep'; min: number; max: number; counted: boolean; sub: Node };

class ReSyntaxError extends Error {}

/** Parses the subset of Go's RE2 syntax that patternToGoRegexp can produce; unknown syntax throws. */
function parseGoRegexp(src: string): Node {
  const c = Array.from(src);
  const n = c.length;
  let i = 0;
  const fail = (msg: string): never => {
    throw new ReSyntaxError(msg);
  };
  const hex = (s: string): boolean => /^[0-9A-Fa-f]$/.test(s);

  // A single-character escape after `\` (Go's parseEscape): returns the code point.
  const escapeChar = (): number => {
    if (i >= n) fail('trailing \\');
    const ch = c[i++];
    const code = cp(ch);
    if (code < 128 && !/[0-9A-Za-z]/.test(ch)) return code;
    if (ch >= '1' && ch <= '7' && !(i < n && c[i] >= '0' && c[i] <= '7')) fail(`\\${ch} (a back-reference) is not supported by Go regexps`);
    if (ch >= '0' && ch <= '7') {
      let r = code - 48;
      for (let k = 1; k < 3 && i < n && c[i] >= '0' && c[i] <= '7'; k++) r = r * 8 + cp(c[i++]) - 48;
      return r;
    }
    if (ch === 'x') {
      if (c[i] === '{') {
        let j = i + 1;
        let v = 0;
        while (j < n && hex(c[j])) v = v * 16 + parseInt(c[j++], 16);
        if (j === i + 1 || c[j] !== '}' || v > 0x10ffff) fail('bad \\x{…} escape');
        i = j + 1;
        return v;
      }
      if (i + 1 >= n || !hex(c[i]) || !hex(c[i + 1])) fail('bad \\x escape');
      const v = parseInt(c[i] + c[i + 1], 16);
      i += 2;
      return v;
    }
    const simple: Record<string, number> = { a: 7, f: 12, n: 10, r: 13, t: 9, v: 11 };
    if (ch in simple) return simple[ch];
    return fail(`\\${ch} is not an escape Go regexps accept`);
  };

  const perlSet = (letter: string): CharSet | undefined => {
    const lower = letter.toLowerCase();
    if (!(lower in PERL)) return undefined;
    return { neg: letter !== lower, ranges: PERL[lower], subs: [] };
  };

  const parseClass = (): CharSet => {
    // at c[i] === '['
    i++;
    const set: CharSet = { neg: false, ranges: [], subs: [] };
    if (c[i] === '^') {
      set.neg = true;
      i++;
    }
    let first = true;
    while (i >= n || c[i] !== ']' || first) {
      if (i >= n) fail('missing closing ]');
      first = false;
      if (c[i] === '[' && c[i + 1] === ':') {
        let j = i + 2;
        while (j + 1 < n && !(c[j] === ':' && c[j + 1] === ']')) j++;
        if (j + 1 < n) {
          let name = c.slice(i + 2, j).join('');
          const neg = name.startsWith('^');
          if (neg) name = name.slice(1);
          if (!(name in POSIX)) fail(`unknown class [:${name}:]`);
          set.subs.push({ neg, ranges: POSIX[name], subs: [] });
          i = j + 2;
          continue;
        }
      }
      if (c[i] === '\\' && i + 1 < n) {
        const p = perlSet(c[i + 1]);
        if (p) {
          set.subs.push(p);
          i += 2;
          continue;
        }
        if (c[i + 1] === 'p' || c[i + 1] === 'P') fail('Unicode classes (\\p) are not supported here');
      }
      const classChar = (): number => {
        if (i >= n) fail('missing closing ]');
        if (c[i] === '\\') {
          i++;
          return escapeChar();
        }
        return cp(c[i++]);
      };
      const lo = classChar();
      let hi = lo;
      if (i + 1 < n && c[i] === '-' && c[i + 1] !== ']') {
        i++;
        hi = classChar();
        if (hi < lo) fail('invalid character class range');
      }
      set.ranges = set.ranges.concat([lo, hi]);
    }
    i++; // ]
    return set;
  };

  // `{n}`, `{n,}`, `{n,m}` at c[i]; undefined when it is not one (then `{` is a literal, as in Go).
  const countedRepeat = (): { min: number; max: number; end: number } | undefined => {
    let j = i + 1;
    const num = (): number | undefined => {
      const start = j;
      while (j < n && c[j] >= '0' && c[j] <= '9') j++;
      if (j === start || (j - start >= 2 && c[start] === '0')) return undefined;
      return j - start > 8 ? Infinity : Number(c.slice(start, j).join(''));
    };
    const min = num();
    if (min === undefined) return undefined;
    let max = min;
    if (c[j] === ',') {
      j++;
      if (c[j] === '}') max = -1;
      else {
        const m = num();
        if (m === undefined) return undefined;
        max = m;
      }
    }
    if (c[j] !== '}') return undefined;
    return { min, max, end: j + 1 };
  };

  const parseAlt = (depth: number): Node => {
    const alts: Node[] = [parseConcat(depth)];
    while (c[i] === '|') {
      i++;
      alts.push(parseConcat(depth));
    }
    return alts.length === 1 ? alts[0] : { t: 'alt', alts };
  };

  const parseConcat = (depth: number): Node => {
    const items: Node[] = [];
    let lastWasRep = false;
    while (i < n && c[i] !== '|') {
      const ch = c[i];
      if (ch === ')') {
        if (depth === 0) fail('unexpected )');
        break;
      }
      let rep: { min: number; max: number; counted: boolean } | undefined;
      if (ch === '*' || ch === '+' || ch === '?') {
        rep = { min: ch === '+' ? 1 : 0, max: ch === '?' ? 1 : -1, counted: false };
        i++;
      } else if (ch === '{') {
        const r = countedRepeat();
        if (r) {
          if (r.min > 1000 || r.max > 1000 || (r.max >= 0 && r.min > r.max)) fail('invalid repeat count');
          rep = { min: r.min, max: r.max, counted: true };
          i = r.end;
        }
      }
      if (rep) {
        if (items.length === 0) fail('missing argument to repetition operator');
        if (c[i] === '?') i++; // non-greedy: the same for deciding whether it matches
        if (lastWasRep) fail('invalid nested repetition operator');
        const node: Node = { t: 'rep', min: rep.min, max: rep.max, counted: rep.counted, sub: items.pop() as Node };
        if (rep.counted && (rep.min >= 2 || rep.max >= 2) && !repeatIsValid(node, 1000)) fail('invalid repeat count');
        items.push(node);
        lastWasRep = true;
        continue;
      }
      lastWasRep = false;
      if (ch === '(') {
        i++;
        if (c[i] === '?') fail('group flags are not supported here');
        const sub = parseAlt(depth + 1);
        if (c[i] !== ')') fail('missing closing )');
        i++;
        items.push(sub);
      } else if (ch === '[') {
        items.push({ t: 'set', set: parseClass() });
      } else if (ch === '.') {
        i++;
        items.push({ t: 'set', set: { neg: true, ranges: [10, 10], subs: [] } });
      } else if (ch === '^') {
        i++;
        items.push({ t: 'assert', a: 'begin' });
      } else if (ch === '$') {
        i++;
        items.push({ t: 'assert', a: 'end' });
      } else if (ch === '\\') {
        const next = c[i + 1];
        if (next === undefined) fail('trailing \\');
        const p = perlSet(next);
        if (p) {
          i += 2;
          items.push({ t: 'set', set: p });
        } else if (next === 'A' || next === 'z' || next === 'b' || next === 'B') {
          i += 2;
          items.push({ t: 'assert', a: next === 'A' ? 'begin' : next === 'z' ? 'end' : next === 'b' ? 'wordb' : 'nwordb' });
        } else if ('pPQC'.includes(next)) {
          fail(`\\${next} is not supported here`);
        } else {
          i++;
          const code = escapeChar();
          items.push({ t: 'set', set: { neg: false, ranges: [code, code], subs: [] } });
        }
      } else {
        i++;
        const code = cp(ch);
        items.push({ t: 'set', set: { neg: false, ranges: [code, code], subs: [] } });
      }
    }
    return { t: 'cat', items };
  };
  const node = parseAlt(0);
  if (i < n) fail('unexpected )');
  return node;
}

// Go refuses counted repeats nested beyond 1000 copies in total (regexp/syntax repeatIsValid).
function repeatIsValid(node: Node, limit: number): boolean {
  if (node.t === 'rep' && node.counted) {
    let m = node.max;
    if (m === 0) return true;
    if (m < 0) m = node.min;
    if (m > limit) return false;
    if (m > 0) limit = Math.floor(limit / m);
  }
  if (node.t === 'rep') return repeatIsValid(node.sub, limit);
  if (node.t === 'cat') return node.items.every((it) => repeatIsValid(it, limit));
  if (node.t === 'alt') return node.alts.every((it) => repeatIsValid(it, limit));
  return true;
}

// The automaton: instructions in parallel arrays.
const OP_SET = 0;
const OP_SPLIT = 1;
const OP_JMP = 2;
const OP_ASSERT = 3;
const OP_MATCH = 4;

interface Program {
  op: number[];
  x: number[];
  y: number[];
  sets: (CharSet | undefined)[];
  asserts: (Assertion | undefined)[];
  /** Text every match must start / end with (from `^lit…` / `…lit$`): a cheap first check. */
  head: string;
  tail: string;
  /** Per-state stamps of the current position, reused across runs. */
  mark: Int32Array;
  stamp: number;
}

// The literal text right after a leading `^` / right before a trailing `$` of a top-level sequence.
function literalEnds(node: Node): { head: string; tail: string } {
  if (node.t !== 'cat') return { head: '', tail: '' };
  const lit = (nd: Node | undefined): number | undefined =>
    nd?.t === 'set' && !nd.set.neg && nd.set.subs.length === 0 && nd.set.ranges.length === 2 && nd.set.ranges[0] === nd.set.ranges[1] ? nd.set.ranges[0] : undefined;
  const items = node.items;
  let head = '';
  if (items[0]?.t === 'assert' && items[0].a === 'begin') {
    for (let k = 1; k < items.length; k++) {
      const ch = lit(items[k]);
      if (ch === undefined) break;
      head += String.fromCodePoint(ch);
    }
  }
  let tail = '';
  const last = items[items.length - 1];
  if (last?.t === 'assert' && last.a === 'end') {
    for (let k = items.length - 2; k >= 0; k--) {
      const ch = lit(items[k]);
      if (ch === undefined) break;
      tail = String.fromCodePoint(ch) + tail;
    }
  }
  return { head, tail };
}

/** Go refuses expressions much larger than this ("expression too large"); this cap is lower, and bounds memory. */
export const MAX_PATTERN_STATES = 1_000_000;

function compileNode(node: Node, limit: number): Program {
  const p: Program = { op: [], x: [], y: [], sets: [], asserts: [], ...literalEnds(node), mark: new Int32Array(0), stamp: 0 };
  const emit = (op: number, x = 0, y = 0, set?: CharSet, a?: Assertion): number => {
    if (p.op.length >= limit) throw new ReSyntaxError('expression too large');
    p.op.push(op);
    p.x.push(x);
    p.y.push(y);
    p.sets.push(set);
    p.asserts.push(a);
    return p.op.length - 1;
  };
  const gen = (nd: Node): void => {
    switch (nd.t) {
      case 'set': emit(OP_SET, 0, 0, nd.set); break;
      case 'assert': emit(OP_ASSERT, 0, 0, undefined, nd.a); break;
      case 'cat': for (const it of nd.items) gen(it); break;
      case 'alt': {
        const jumps: number[] = [];
        for (let k = 0; k < nd.alts.length; k++) {
          if (k === nd.alts.length - 1) {
            gen(nd.alts[k]);
            break;
          }
          const split = emit(OP_SPLIT);
          p.x[split] = split + 1;
          gen(nd.alts[k]);
          jumps.push(emit(OP_JMP));
          p.y[split] = p.op.length;
        }
        for (const j of jumps) p.x[j] = p.op.length;
        break;
      }
      case 'rep': {
        // x{n,m} → n copies of x, then m-n optional copies (x{n,} → n copies, then x*)
        for (let k = 0; k < nd.min; k++) gen(nd.sub);
        if (nd.max < 0) {
          const split = emit(OP_SPLIT);
          gen(nd.sub);
          emit(OP_JMP, split);
          p.x[split] = split + 1;
          p.y[split] = p.op.length;
        } else {
          for (let k = nd.min; k < nd.max; k++) {
            const split = emit(OP_SPLIT);
            gen(nd.sub);
            p.x[split] = split + 1;
            p.y[split] = p.op.length;
          }
        }
        break;
      }
    }
  };
  gen(node);
  emit(OP_MATCH);
  p.mark = new Int32Array(p.op.length);
  return p;
}

/**
 * Whether the automaton matches somewhere in `input` (code points). Thompson's simulation: every state
 * is entered at most once per position, so the work is at most 2 × states × (length + 1) steps;
 * `steps` reports how many were taken.
 */
function runProgram(p: Program, file: string, input: number[]): { matched: boolean; steps: number } {
  if (!file.startsWith(p.head) || !file.endsWith(p.tail)) return { matched: false, steps: 0 };
  const mark = p.mark;
  let clist: number[] = [];
  let nlist: number[] = [];
  const stack: number[] = [];
  let steps = 0;
  let matched = false;
  let stamp = 0;
  const add = (list: number[], start: number, pos: number): void => {
    stack.push(start);
    while (stack.length > 0) {
      const pc = stack.pop() as number;
      if (mark[pc] === stamp) continue;
      mark[pc] = stamp;
      steps++;
      const op = p.op[pc];
      if (op === OP_JMP) stack.push(p.x[pc]);
      else if (op === OP_SPLIT) {
        stack.push(p.y[pc]);
        stack.push(p.x[pc]);
      } else if (op === OP_ASSERT) {
        const a = p.asserts[pc];
        let ok: boolean;
        if (a === 'begin') ok = pos === 0;
        else if (a === 'end') ok = pos === input.length;
        else {
          const before = pos > 0 && isWordChar(input[pos - 1]);
          const after = pos < input.length && isWordChar(input[pos]);
          ok = (before !== after) === (a === 'wordb');
        }
        if (ok) stack.push(pc + 1);
      } else if (op === OP_MATCH) {
        matched = true;
      } else list.push(pc);
    }
  };
  // Go's MatchString looks for a match anywhere: `^` and `$` in the expression do the anchoring
  // (they are absent from one side of an unescaped `|`).
  const nextStamp = (): number => {
    if (p.stamp >= 0x7ffffff0) {
      p.mark.fill(0);
      p.stamp = 0;
    }
    return ++p.stamp;
  };
  stamp = nextStamp();
  for (let pos = 0; ; pos++) {
    add(clist, 0, pos);
    if (matched || pos === input.length) break;
    const ch = input[pos];
    stamp = nextStamp();
    for (const pc of clist) {
      steps++;
      if (inSet(p.sets[pc] as CharSet, ch)) add(nlist, pc + 1, pos + 1);
    }
    [clist, nlist] = [nlist, clist];
    nlist.length = 0;
  }
  return { matched, steps };
}

const toCodePoints = (s: string): number[] => Array.from(s, (ch) => ch.codePointAt(0) as number);

// ---------------------------------------------------------------------------------------------------
// One pattern

export class IgnorePattern {
  /** The cleaned pattern without its `!` (Docker's Pattern.String()). */
  readonly text: string;
  readonly exclusion: boolean;
  private readonly type: MatchType;
  private readonly program?: Program;
  /** Set when Docker would fail on this pattern the first time it is used to match. */
  readonly error?: string;
  /** Size of its automaton (0 for the plain-text forms): matching costs at most about this × path length. */
  readonly states: number;

  /** `maxStates` caps the automaton (see MAX_PATTERN_STATES); a larger one makes the pattern fail when used. */
  constructor(text: string, exclusion: boolean, maxStates = MAX_PATTERN_STATES) {
    this.text = text;
    this.exclusion = exclusion;
    const tr = patternToGoRegexp(text);
    this.type = tr.type;
    let states = 0;
    if (tr.regexp !== undefined) {
      try {
        this.program = compileNode(parseGoRegexp(tr.regexp), Math.min(maxStates, MAX_PATTERN_STATES));
        states = this.program.op.length;
      } catch (err) {
        if (!(err instanceof ReSyntaxError)) throw err;
        this.error = `pattern "${text}": ${err.message}`;
      }
    }
    this.states = states;
  }

  /** Whether this pattern matches `file` (a cleaned, `/`-separated path relative to the context). */
  matches(file: string): boolean {
    return this.run(file).matched;
  }

  /** matches() plus the automaton steps it took (0 for the plain-text forms). `codes` gives the file's code points (shared by the patterns). */
  run(file: string, codes?: () => number[]): { matched: boolean; steps: number } {
    if (this.error) throw new IgnoreError(this.error);
    switch (this.type) {
      case 'exact': return { matched: file === this.text, steps: 0 };
      case 'prefix': return { matched: file.startsWith(this.text.slice(0, -2)), steps: 0 };
      case 'suffix': {
        const suffix = this.text.slice(2);
        return { matched: file.endsWith(suffix) || (suffix.startsWith('/') && file === suffix.slice(1)), steps: 0 };
      }
      default: return runProgram(this.program as Program, file, codes ? codes() : toCodePoints(file));
    }
  }
}

// ---------------------------------------------------------------------------------------------------
// A list of patterns (Docker's PatternMatcher)

/** Per-pattern results for a folder, handed to its children (Docker's MatchInfo). */
export type ParentMatches = readonly boolean[] | undefined;

export class IgnoreMatcher {
  readonly patterns: readonly IgnorePattern[];
  readonly hasExclusions: boolean;
  /** Automaton states of all patterns together: the cost of matching one path is about this × its length. */
  readonly states: number;

  private constructor(patterns: IgnorePattern[]) {
    this.patterns = patterns;
    this.hasExclusions = patterns.some((p) => p.exclusion);
    this.states = patterns.reduce((sum, p) => sum + p.states, 0);
  }

  /**
   * Docker's NewPatternMatcher: trims, cleans and syntax-checks each pattern. Throws IgnoreError for
   * what Docker refuses (a lone `!`, a pattern that filepath.Match rejects).
   */
  static compile(patterns: readonly string[], options: { maxStates?: number } = {}): IgnoreMatcher {
    const out: IgnorePattern[] = [];
    // `maxStates` bounds all automata together: beyond it, compile throws (used where a hostile file must not cost much).
    let budget = options.maxStates ?? Infinity;
    for (let raw of patterns) {
      raw = goTrimSpace(raw);
      if (raw === '') continue;
      raw = goClean(raw);
      let exclusion = false;
      if (raw.startsWith('!')) {
        if (raw.length === 1) throw new IgnoreError('a line with only "!" is not a valid exception');
        exclusion = true;
        raw = raw.slice(1);
      }
      const bad = globSyntaxError(raw);
      if (bad) throw new IgnoreError(`pattern "${raw}" is not valid: ${bad}`);
      const pattern = new IgnorePattern(raw, exclusion, budget === Infinity ? MAX_PATTERN_STATES : budget + 1);
      budget -= pattern.states;
      if (budget < 0 || (options.maxStates !== undefined && pattern.error?.endsWith('expression too large') === true)) {
        throw new IgnoreError(`the patterns need more than ${options.maxStates} automaton states`);
      }
      out.push(pattern);
    }
    return new IgnoreMatcher(out);
  }

  /**
   * Docker's MatchesUsingParentResults: is `file` excluded, given what the patterns said about its
   * folder (`parent`, undefined at the top or when unknown). Returns the results to hand to its children.
   */
  matchWithParent(file: string, parent?: ParentMatches): { excluded: boolean; matches: boolean[] } {
    let matched = false;
    const matches = new Array<boolean>(this.patterns.length).fill(false);
    let cps: number[] | undefined;
    const codes = (): number[] => (cps ??= toCodePoints(file));
    for (let i = 0; i < this.patterns.length; i++) {
      const pattern = this.patterns[i];
      let match = parent ? parent[i] : false;
      if (!match) {
        if (pattern.exclusion !== matched) continue;
        match = pattern.run(file, codes).matched;
        if (!match && !parent) match = matchesAParent(pattern, file, 'all');
      }
      matches[i] = match;
      if (match) matched = !pattern.exclusion;
    }
    return { excluded: matched, matches };
  }

  /**
   * Docker's older Matches (it looks at one parent folder only, as deep as the pattern): the CLI
   * still uses it to decide whether to re-include the Dockerfile and .dockerignore.
   */
  matchesShallow(file: string): boolean {
    let matched = false;
    for (const pattern of this.patterns) {
      if (pattern.exclusion !== matched) continue;
      const match = pattern.matches(file) || matchesAParent(pattern, file, 'shallow');
      if (match) matched = !pattern.exclusion;
    }
    return matched;
  }

  /**
   * An excluded folder is still walked when an exception could re-include something in it. Docker's
   * test is textual: some exception's text starts with `<folder>/`. So `!data/keep.txt` walks `data/`,
   * but `!**\/keep.txt` or `!*\/keep.txt` do not.
   */
  walksExcludedDir(dirRel: string): boolean {
    if (!this.hasExclusions) return false;
    const prefix = dirRel + '/';
    return this.patterns.some((p) => p.exclusion && (p.text + '/').startsWith(prefix));
  }

  /**
   * Whether Docker leaves `rel` out of the context: its own verdict, or a parent folder that is
   * excluded and not walked.
   */
  excludes(rel: string): boolean {
    const parts = rel.split('/');
    let parent: ParentMatches;
    for (let i = 0; i < parts.length; i++) {
      const sub = parts.slice(0, i + 1).join('/');
      const r = this.matchWithParent(sub, parent);
      if (i === parts.length - 1) return r.excluded;
      if (r.excluded && !this.walksExcludedDir(sub)) return true;
      parent = r.matches;
    }
    return false;
  }
}

function matchesAParent(pattern: IgnorePattern, file: string, how: 'all' | 'shallow'): boolean {
  const slash = file.lastIndexOf('/');
  if (slash < 0) return false;
  const dirs = file.slice(0, slash).split('/');
  if (how === 'shallow') {
    const depth = pattern.text.split('/').length;
    return depth <= dirs.length && pattern.matches(dirs.slice(0, depth).join('/'));
  }
  for (let i = 1; i <= dirs.length; i++) {
    if (pattern.matches(dirs.slice(0, i).join('/'))) return true;
  }
  return false;
}

/**
 * The patterns a build applies to its context: the ignore file's, plus the exceptions the docker CLI
 * appends so that the Dockerfile and .dockerignore themselves are always sent (TrimBuildFilesFromExcludes).
 * `dockerfileRel` is the Dockerfile's path inside the context, if it lies there.
 */
export function buildContextMatcher(patterns: readonly string[], dockerfileRel?: string): IgnoreMatcher {
  const base = IgnoreMatcher.compile(patterns);
  // Docker ignores a matching error here (the walk reports it when it reaches that pattern).
  const matched = (file: string): boolean => {
    try {
      return base.matchesShallow(file);
    } catch (err) {
      if (err instanceof IgnoreError) return false;
      throw err;
    }
  };
  const extra: string[] = [];
  if (matched('.dockerignore')) extra.push('!.dockerignore');
  if (dockerfileRel && matched(dockerfileRel)) extra.push('!' + dockerfileRel);
  return extra.length === 0 ? base : IgnoreMatcher.compile([...patterns, ...extra]);
}
