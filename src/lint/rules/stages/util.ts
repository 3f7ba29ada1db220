// Helpers shared by the stage, FROM, COPY/ADD and CMD/ENTRYPOINT rules.
import { lintRunCache } from '../../cache';
import { argsRange, restWords, unquote, type Dockerfile, type Flag, type Instruction, type Stage } from '../../parser';
import type { Range } from '../../types';

/** True when the text uses a build variable (`$X`, `${X}`). */
export function hasVariable(s: string): boolean {
  return s.includes('$');
}

const DIGITS_RE = /^\d+$/;

/**
 * The stage a reference (`--from=…`, `FROM …`) names, when it is a stage defined before `before`
 * (a name, case-insensitive, or a numeric index). Null otherwise.
 */
export function earlierStage(doc: Dockerfile, names: Map<string, number>, ref: string, before: number): Stage | null {
  // fast path: no stage names, and a first character that is no digit (nor a blank or quote that
  // trimming or unquoting would remove): neither a name nor an index
  if (names.size === 0) {
    const c = ref.charCodeAt(0);
    if (!(c >= 48 && c <= 57) && c !== 34 && c !== 39 && c > 32 && c < 128) return null;
  }
  const r = unquote(ref.trim());
  if (DIGITS_RE.test(r)) {
    // numbers count the stages that have a FROM
    const n = Number(r) + (doc.stages[0]?.implicit ? 1 : 0);
    return n < before ? doc.stages[n] ?? null : null;
  }
  const idx = names.get(r.toLowerCase());
  return idx !== undefined && idx < before ? doc.stages[idx] ?? null : null;
}

/** The first leading flag called `name`, or null (a loop: most instructions have no flags at all). */
export function flagNamed(instr: Instruction, name: string): Flag | null {
  const flags = instr.flags;
  for (let k = 0; k < flags.length; k++) if (flags[k].name === name) return flags[k];
  return null;
}

/** The value of a leading flag (`--from=x` → `x`), or null when absent or bare. */
export function flagValue(instr: Instruction, name: string): string | null {
  return flagNamed(instr, name)?.value ?? null;
}

/**
 * True when the shell-form arguments hold no quote and no escape character: then the words
 * `restWords` / `copyArgs` would give are exactly the runs of non-blank characters, unquoted as
 * written, so a rule can look at them without building the word list.
 */
export function isPlainRest(instr: Instruction, escape: string): boolean {
  const s = instr.rest;
  return instr.json === null && !s.includes('"') && !s.includes("'") && !s.includes(escape);
}

/** A plain text (see {@link isPlainRest}) of one or two words, for each escape character. */
const AT_MOST_TWO_PLAIN_WORDS: Record<string, RegExp> = {
  '\\': /^[^ \t\n\r"'\\]+(?:[ \t\n\r]+[^ \t\n\r"'\\]+)?$/,
  '`': /^[^ \t\n\r"'`]+(?:[ \t\n\r]+[^ \t\n\r"'`]+)?$/,
};

/**
 * True when the shell-form arguments are plain (see {@link isPlainRest}) and one or two words long: one
 * regex test instead of scanning the text several times. False does not mean more words.
 */
export function isPlainOneOrTwoWords(instr: Instruction, escape: string): boolean {
  const re = AT_MOST_TWO_PLAIN_WORDS[escape];
  return instr.json === null && re !== undefined && re.test(instr.rest);
}

export interface PathArg {
  /** The argument with one level of quotes removed. */
  text: string;
  /** Offsets in `instr.args`; null for the exec (JSON) form, which keeps no positions. */
  start: number | null;
  end: number | null;
}

export interface CopyArgs {
  sources: PathArg[];
  dest: PathArg | null;
}

const COPY_ARGS = lintRunCache<Instruction, CopyArgs>();

/** Sources and destination of COPY / ADD, in shell or JSON form (memoised for the lint run: read-only). */
export function copyArgs(instr: Instruction, escape: string): CopyArgs {
  let c = COPY_ARGS.get(instr);
  if (!c) COPY_ARGS.set(instr, (c = readCopyArgs(instr, escape)));
  return c;
}

function readCopyArgs(instr: Instruction, escape: string): CopyArgs {
  let all: PathArg[];
  if (instr.json) all = instr.json.map((text) => ({ text, start: null, end: null }));
  else {
    all = restWords(instr, escape).map((w) => ({
      text: unquote(w.text),
      start: instr.restOffset + w.start,
      end: instr.restOffset + w.end,
    }));
  }
  if (all.length === 0) return { sources: [], dest: null };
  return { sources: all.slice(0, -1), dest: all[all.length - 1] };
}

/** Range of a path argument, falling back to the instruction's arguments (JSON form). */
export function pathRange(instr: Instruction, arg: PathArg): Range {
  if (arg.start === null || arg.end === null) return argsRange(instr, instr.restOffset, instr.args.length);
  return argsRange(instr, arg.start, arg.end);
}

/** Range of a leading `--flag`, or the first line when the flag is absent. */
export function flagRange(instr: Instruction, name: string): Range | null {
  return flagNamed(instr, name)?.range ?? null;
}

/** Absolute for Linux (`/x`) or Windows (`C:\x`, `C:/x`), or starting with a variable the builder expands. */
export function isAbsoluteOrVariable(path: string): boolean {
  // fast path: a first character that trimming and unquoting leave in place
  const c = path[0];
  if (c === '/' || c === '$' || c === '\\') return true;
  const p = unquote(path.trim());
  return p.startsWith('/') || p.startsWith('$') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\');
}

/** `http(s)://…` or a git remote, which ADD fetches rather than copies. */
export function isRemote(src: string): boolean {
  if (!src.includes(':')) return false; // both forms need one
  return /^(https?|git|ssh):\/\//i.test(src) || /^[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:/.test(src);
}

/*
 * File names ADD recognises as compressed or plain archives (hadolint's list): .tar .tar.gz .tgz .tar.bz2
 * .tbz .tbz2 .tb2 .tar.xz .txz .tar.zst .tzst .tar.lz .tlz .tar.lzma .tar.z .taz .gz .bz2 .xz .zst .lz
 * .lzma .z .tz .tpz, matched case-insensitively on a longer name. Every two-dot extension of that list
 * ends with a one-dot extension of it, so "ends with one of them" is "the text from the last dot is one
 * of the one-dot extensions" (and something comes before that dot).
 */
const ARCHIVE_SUFFIX = new Set(['.tar', '.tgz', '.tbz', '.tbz2', '.tb2', '.txz', '.tzst', '.tlz', '.taz',
  '.gz', '.bz2', '.xz', '.zst', '.lz', '.lzma', '.z', '.tz', '.tpz']);

export function isArchive(src: string): boolean {
  let end = src.length;
  while (end > 0 && src[end - 1] === '/') end--; // trailing slashes do not count
  const dot = end > 0 ? src.lastIndexOf('.', end - 1) : -1;
  return dot > 0 && ARCHIVE_SUFFIX.has(src.slice(dot, end).toLowerCase());
}

/*
 * Tar archives only: what ADD would unpack on its own (.tar .tgz .tbz .tbz2 .tb2 .txz .tzst .tlz .taz,
 * and .tar followed by .gz .bz2 .xz .zst .lz .lzma or .z), case-insensitive, on a longer name.
 */
const TAR_SUFFIX = new Set(['.tar', '.tgz', '.tbz', '.tbz2', '.tb2', '.txz', '.tzst', '.tlz', '.taz']);
const TAR_COMPRESSION = new Set(['.gz', '.bz2', '.xz', '.zst', '.lz', '.lzma', '.z']);

export function isTarArchive(src: string): boolean {
  const dot = src.lastIndexOf('.');
  if (dot <= 0) return false;
  const ext = src.slice(dot).toLowerCase();
  if (TAR_SUFFIX.has(ext)) return true;
  return dot > 4 && TAR_COMPRESSION.has(ext) && src.slice(dot - 4, dot).toLowerCase() === '.tar';
}

/** True when `instr` has a comment line inside its continuation lines (a fix replacing it would drop the comment). */
export function hasInnerComments(doc: Dockerfile, instr: Instruction): boolean {
  const { line, endLine } = instr.range;
  if (endLine <= line) return false; // one line: nothing inside
  // comments are in line order: find the first after `line` (binary search keeps many calls linear)
  const cs = doc.comments;
  let lo = 0;
  let hi = cs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cs[mid].line <= line) lo = mid + 1;
    else hi = mid;
  }
  for (let k = lo; k < cs.length && cs[k].line <= endLine; k++) if (cs[k].inContinuation) return true;
  return false;
}
