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
  for (const part of spec.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) m.set(part.trim().toLowerCase(), 'true');
    else m.set(part.slice(0, eq).trim().toLowerCase(), part.slice(eq + 1).trim());
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
  let text: string;
  let segs: Segment[];
  let exec = false;
  if (instr.json) {
    exec = true;
    const j = instr.json;
    // ["sh", "-c", "script"] is a shell script after all
    const shellIdx = j.length >= 3 && /(^|\/)(ba|da|z|k)?sh$/.test(j[0]) && j[1] === '-c' ? 2 : -1;
    text = shellIdx >= 0 ? j[shellIdx] : j.map(shellQuote).join(' ');
    const p = positionAt(instr, instr.restOffset);
    segs = [{ offset: 0, line: p.line, column: p.column, length: 0 }];
  } else {
    text = instr.rest;
    let shifted: Segment[] | null = null;
    const ro = instr.restOffset;
    for (const s of instr.segments) {
      if (s.offset + s.length <= ro) continue;
      const cut = Math.max(0, ro - s.offset);
      shifted = append(shifted, { offset: s.offset + cut - ro, line: s.line, column: s.column + cut, length: s.length - cut });
    }
    segs = shifted ?? [];
    // A heredoc whose command is a shell (or no command at all) is part of the script.
    const before = instr.heredocs.length ? instr.rest.replace(/<<-?[ \t]*["']?[A-Za-z_][A-Za-z0-9_.-]*["']?/g, '').trim() : '';
    const shellHeredoc = before === '' || /^(\/bin\/|\/usr\/bin\/)?(ba|da|z|k)?sh( -[a-z]+)*$/.test(before);
    if (shellHeredoc) {
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
  const script = parseShell(text);
  const holder = { segments: segs, range: instr.range };
  return {
    instr,
    onbuild,
    stage,
    script,
    mounts: mounts ?? NO_MOUNTS,
    exec,
    range(start: number, end: number): Range {
      if (exec) return firstLineRangeOf(instr);
      const a = positionAt(holder, start);
      const b = positionAt(holder, Math.max(start, end));
      // never an end before the start, whatever the input
      if (b.line < a.line || (b.line === a.line && b.column < a.column)) return { line: a.line, column: a.column, endLine: a.line, endColumn: a.column };
      return { line: a.line, column: a.column, endLine: b.line, endColumn: b.column };
    },
  };
}

function firstLineRangeOf(instr: Instruction): Range {
  return { line: instr.keywordRange.line, column: instr.keywordRange.column, endLine: instr.range.endLine, endColumn: instr.range.endColumn };
}

