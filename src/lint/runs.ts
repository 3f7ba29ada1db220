// A RUN instruction as the rules read it: its shell script (heredoc bodies included) parsed once,
// its mounts, and the mapping from script offsets back to source ranges.
import { positionAt, type Instruction, type Segment, type Stage } from './parser';
import { append } from './arrays';
import { shellQuote } from '../docker/shellQuote';
import { parseShell, type Script } from './shell';
import type { Range } from './types';

export interface RunInfo {
  instr: Instruction;
  /** True when this RUN is an ONBUILD trigger. */
  onbuild: boolean;
  stage: Stage | null;
  script: Script;
  /** Source range of `script.text.slice(start, end)`. */
  range(start: number, end: number): Range;
  /** Parsed `--mount` flags: key/value maps (`type`, `target`, `id`, `from`, …). */
  mounts: readonly Map<string, string>[];
  /** Exec form RUN (no shell involved). */
  exec: boolean;
}

/** Parses `type=cache,target=/root/.cache,sharing=locked`. */
export function parseMountSpec(spec: string): Map<string, string> {
  const m = new Map<string, string>();
  // one scan for the commas and each part's first `=` (no array of parts, no copy of each part)
  let from = 0;
  let eq = -1;
  for (let i = 0; i <= spec.length; i++) {
    const c = i < spec.length ? spec.charCodeAt(i) : 44;
    if (c === 61 /* = */) {
      if (eq < 0) eq = i;
    } else if (c === 44 /* , */) {
      if (eq < 0) m.set(spec.slice(from, i).trim().toLowerCase(), 'true');
      else m.set(spec.slice(from, eq).trim().toLowerCase(), spec.slice(eq + 1, i).trim());
      from = i + 1;
      eq = -1;
    }
  }
  if (m.has('dst') && !m.has('target')) m.set('target', m.get('dst')!);
  if (m.has('destination') && !m.has('target')) m.set('target', m.get('destination')!);
  if (!m.has('type')) m.set('type', 'bind');
  return m;
}

/** The mounts of every RUN without `--mount` (shared, never written to). */
const NO_MOUNTS: Map<string, string>[] = [];

export function makeRunInfo(instr: Instruction, onbuild: boolean, stage: Stage | null): RunInfo {
  let mounts: Map<string, string>[] | null = null;
  for (const f of instr.flags) if (f.name === 'mount' && f.value) mounts = append(mounts, parseMountSpec(f.value));
  if (instr.json) {
    const j = instr.json;
    // ["sh", "-c", "script"] is a shell script after all
    const shellIdx = j.length >= 3 && /(^|\/)(ba|da|z|k)?sh$/.test(j[0]) && j[1] === '-c' ? 2 : -1;
    const text = shellIdx >= 0 ? j[shellIdx] : j.map(shellQuote).join(' ');
    return new Run(instr, onbuild, stage, parseShell(text), mounts ?? NO_MOUNTS, true, null);
  }
  let text = instr.rest;
  let segs: Segment[] | null = null; // for a script of `rest` alone, made when a range is first asked
  // A heredoc whose command is a shell (or no command at all) is part of the script.
  if (instr.heredocs.length) {
    const before = instr.rest.replace(/<<-?[ \t]*["']?[A-Za-z_][A-Za-z0-9_.-]*["']?/g, '').trim();
    if (before === '' || /^(\/bin\/|\/usr\/bin\/)?(ba|da|z|k)?sh( -[a-z]+)*$/.test(before)) {
      segs = restSegments(instr);
      for (const hd of instr.heredocs) {
        // an unterminated heredoc at the end of the file has no lines of its own
        if (hd.range.line === hd.range.endLine && hd.range.column === hd.range.endColumn && hd.body === '') continue;
        const bodyLines = hd.body.split('\n');
        for (let k = 0; k < bodyLines.length; k++) {
          text += '\n';
          segs.push({ offset: text.length, line: hd.range.line + k, column: 1, length: bodyLines[k].length });
          text += bodyLines[k];
        }
      }
    }
  }
  return new Run(instr, onbuild, stage, parseShell(text), mounts ?? NO_MOUNTS, false, segs);
}

/** The segments of `instr.args` from `instr.restOffset` on, with offsets in `instr.rest`. */
function restSegments(instr: Instruction): Segment[] {
  const out: Segment[] = [];
  const ro = instr.restOffset;
  for (const s of instr.segments) {
    if (s.offset + s.length <= ro) continue;
    const cut = Math.max(0, ro - s.offset);
    out.push({ offset: s.offset + cut - ro, line: s.line, column: s.column + cut, length: s.length - cut });
  }
  return out;
}

/**
 * A RunInfo. `range` is a method rather than a closure made for every RUN, and the script's segments
 * are worked out on its first call: most RUNs are never reported on.
 */
class Run implements RunInfo {
  /** Where script offsets are in the source (`positionAt` reads it); null until `range` is first called. */
  private at: Pick<Instruction, 'segments' | 'range'> | null;

  constructor(
    public instr: Instruction,
    public onbuild: boolean,
    public stage: Stage | null,
    public script: Script,
    public mounts: readonly Map<string, string>[],
    public exec: boolean,
    segments: Segment[] | null,
  ) {
    this.at = segments ? { segments, range: instr.range } : null;
  }

  range(start: number, end: number): Range {
    if (this.exec) return firstLineRangeOf(this.instr);
    const at = (this.at ??= { segments: restSegments(this.instr), range: this.instr.range });
    const a = positionAt(at, start);
    const b = positionAt(at, Math.max(start, end));
    // never an end before the start, whatever the input
    if (b.line < a.line || (b.line === a.line && b.column < a.column)) return { line: a.line, column: a.column, endLine: a.line, endColumn: a.column };
    return { line: a.line, column: a.column, endLine: b.line, endColumn: b.column };
  }
}

function firstLineRangeOf(instr: Instruction): Range {
  return { line: instr.keywordRange.line, column: instr.keywordRange.column, endLine: instr.range.endLine, endColumn: instr.range.endColumn };
}

