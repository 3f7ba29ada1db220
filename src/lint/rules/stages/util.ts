// Helpers shared by the stage, FROM, COPY/ADD and CMD/ENTRYPOINT rules.
import { lintRunCache } from '../../cache';
import { argsRange, restWords, unquote, type Dockerfile, type Instruction, type Stage } from '../../parser';
import type { Range } from '../../types';

/** True when the text uses a build variable (`$X`, `${X}`). */
export function hasVariable(s: string): boolean {
  return s.includes('$');
}

/**
 * The stage a reference (`--from=…`, `FROM …`) names, when it is a stage defined before `before`
 * (a name, case-insensitive, or a numeric index). Null otherwise.
 */
export function earlierStage(doc: Dockerfile, names: Map<string, number>, ref: string, before: number): Stage | null {
  const r = unquote(ref.trim());
  if (/^\d+$/.test(r)) {
    const n = Number(r);
    return n < before ? doc.stages[n] ?? null : null;
  }
  const idx = names.get(r.toLowerCase());
  return idx !== undefined && idx < before ? doc.stages[idx] ?? null : null;
}

/** The value of a leading flag (`--from=x` → `x`), or null when absent or bare. */
export function flagValue(instr: Instruction, name: string): string | null {
  const f = instr.flags.find((fl) => fl.name === name);
  return f ? f.value : null;
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
  return instr.flags.find((f) => f.name === name)?.range ?? null;
}

/** Absolute for Linux (`/x`) or Windows (`C:\x`, `C:/x`), or starting with a variable the builder expands. */
export function isAbsoluteOrVariable(path: string): boolean {
  const p = unquote(path.trim());
  return p.startsWith('/') || p.startsWith('$') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\');
}

/** `http(s)://…` or a git remote, which ADD fetches rather than copies. */
export function isRemote(src: string): boolean {
  return /^(https?|git|ssh):\/\//i.test(src) || /^[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:/.test(src);
}

/** File names ADD recognises as compressed or plain archives (hadolint's list). */
const ARCHIVE_EXT = ['.tar', '.tar.gz', '.tgz', '.tar.bz2', '.tbz', '.tbz2', '.tb2', '.tar.xz', '.txz', '.tar.zst', '.tzst',
  '.tar.lz', '.tlz', '.tar.lzma', '.tar.z', '.taz', '.gz', '.bz2', '.xz', '.zst', '.lz', '.lzma', '.z', '.tz', '.tpz'];

export function isArchive(src: string): boolean {
  const s = src.toLowerCase().replace(/\/+$/, '');
  return ARCHIVE_EXT.some((e) => s.endsWith(e) && s.length > e.length);
}

/** Tar archives only: what ADD would unpack on its own. */
const TAR_EXT = ['.tar', '.tar.gz', '.tgz', '.tar.bz2', '.tbz', '.tbz2', '.tb2', '.tar.xz', '.txz', '.tar.zst', '.tzst', '.tar.lz', '.tlz', '.tar.lzma', '.tar.z', '.taz'];

export function isTarArchive(src: string): boolean {
  const s = src.toLowerCase();
  return TAR_EXT.some((e) => s.endsWith(e) && s.length > e.length);
}

/** True when `instr` has a comment line inside its continuation lines (a fix replacing it would drop the comment). */
export function hasInnerComments(doc: Dockerfile, instr: Instruction): boolean {
  return doc.comments.some((c) => c.inContinuation && c.line > instr.range.line && c.line <= instr.range.endLine);
}
