// The rule contract and the helpers rules share.
import { argsRange, positionAt, trimEndLength, type Dockerfile, type Instruction, type Segment, type Stage } from './parser';
import { append } from './arrays';
import { instructionsOf, type InstructionAt } from './facts';
import { parseShell, type Command, type Script } from './shell';
import type { Pragma } from './suppress';
import type { BuildContextFacts, Fix, LintConfig, LintOptions, Range, Severity } from './types';

export interface Rule {
  code: string;
  /** Default severity (hadolint's for DL codes). */
  level: Severity;
  /** One line, shown in the rule table. */
  title: string;
  /** Markdown for the docs page: why it matters and what to do. */
  description: string;
  /** A short failing and passing Dockerfile for the docs page. */
  /** `config` / `context`: what the example needs to fire (trustedRegistries for DL3026, build-context facts for ML009). */
  example?: { bad: string; good: string; config?: LintConfig; context?: BuildContextFacts };
  check(ctx: RuleContext): void;
}

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

export interface Reporter {
  (range: Range, message: string, fixes?: Fix[]): void;
}

/** Work shared by all rules of one lint run. */
export interface SharedState {
  runs?: RunInfo[];
  pragmas: Pragma[];
}

export class RuleContext {
  constructor(
    readonly doc: Dockerfile,
    readonly config: LintConfig,
    readonly options: LintOptions,
    readonly report: Reporter,
    private readonly shared: SharedState = { pragmas: [] },
  ) {}

  /** `# hadolint ignore=` pragmas found in the file. */
  get pragmas(): Pragma[] {
    return this.shared.pragmas;
  }

  /** Every RUN (ONBUILD triggers included), with its shell script parsed. */
  runs(): RunInfo[] {
    if (!this.shared.runs) {
      const list: RunInfo[] = [];
      this.shared.runs = list;
      for (const instr of this.doc.instructions) {
        const target = instr.keyword === 'RUN' ? instr : instr.trigger?.keyword === 'RUN' ? instr.trigger : null;
        if (!target) continue;
        const stage = instr.stage >= 0 ? this.doc.stages[instr.stage] ?? null : null;
        list.push(makeRunInfo(target, target.inOnbuild, stage));
      }
    }
    return this.shared.runs;
  }

  /** Instructions with the given keyword, ONBUILD triggers included when `onbuild` is true (shared: read-only). */
  instructions(keyword: string, onbuild = false): readonly InstructionAt[] {
    return instructionsOf(this.doc, keyword, onbuild);
  }

  /** Stage of an instruction, or null before the first FROM. */
  stageOf(instr: Instruction): Stage | null {
    return instr.stage >= 0 ? this.doc.stages[instr.stage] ?? null : null;
  }

  /** The range of an instruction's first line (what most diagnostics underline). */
  headRange(instr: Instruction): Range {
    return firstLineRange(instr, this.doc.lines);
  }

  /** Range of a part of an instruction's arguments. */
  argsRange(instr: Instruction, start: number, end: number): Range {
    return argsRange(instr, start, end);
  }
}

/**
 * The first source line of an instruction, from its keyword to the end of that line. A keyword split by
 * a continuation (`C\` then `MD`) ends on a later line, so only a keyword ending on this line widens the range.
 */
export function firstLineRange(instr: Instruction, lines: string[]): Range {
  const l = instr.keywordRange.line;
  const text = lines[l - 1] ?? '';
  const end = instr.range.endLine === l ? instr.range.endColumn : trimEndLength(text, ' \t\\`') + 1;
  const keywordEnd = instr.keywordRange.endLine === l ? instr.keywordRange.endColumn : 0;
  return { line: l, column: instr.keywordRange.column, endLine: l, endColumn: Math.max(end, keywordEnd) };
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

function makeRunInfo(instr: Instruction, onbuild: boolean, stage: Stage | null): RunInfo {
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
    text = shellIdx >= 0 ? j[shellIdx] : j.map((a) => (/[\s'"]/.test(a) ? `'${a.replace(/'/g, "'\\''")}'` : a)).join(' ');
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

/** Range of a command (from its first word to its last). */
export function commandRange(run: RunInfo, cmd: Command): Range {
  return run.range(cmd.start, cmd.end);
}

/** `s` without trailing slashes (a loop: `/\/+$/` is quadratic on a long run of slashes that is not at the end). */
function withoutTrailingSlashes(s: string): string {
  return s.slice(0, trimEndLength(s, '/'));
}

/** True when the RUN has a cache mount whose target is (or contains) one of `paths`. */
export function hasCacheMount(run: RunInfo, ...paths: string[]): boolean {
  return run.mounts.some((m) => m.get('type') === 'cache' && paths.some((p) => withoutTrailingSlashes(m.get('target') ?? '').startsWith(withoutTrailingSlashes(p))));
}

export function defineRule(rule: Rule): Rule {
  return rule;
}

export type { Command, Script, Instruction, Stage, Dockerfile, LintConfig };
