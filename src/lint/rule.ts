// The rule contract and the helpers rules share.
import { argsRange, trimEndLength, type Dockerfile, type Instruction, type Stage } from './parser';
import { instructionsOf, type InstructionAt } from './facts';
import { makeRunInfo, type RunInfo } from './runs';
import type { Command, Script } from './shell';
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
  /**
   * Keep only the first finding per instruction (set by `defineRule` for most DL rules: hadolint judges an
   * instruction once, however many of its commands or words are at fault). The linter applies it to what
   * the rule reported, so `check` is called directly.
   */
  oncePerInstruction?: boolean;
  check(ctx: RuleContext): void;
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

/** DL rules that judge several things of one instruction apart: each label of the schema is its own check. */
const MANY_PER_INSTRUCTION = new Set(['DL3049', 'DL3051', 'DL3052', 'DL3053', 'DL3054', 'DL3055', 'DL3056', 'DL3058']);

/**
 * A rule; DL rules report at most once per instruction, as hadolint does. Every rule is made by this one
 * object literal, so all share one object shape: the linter reads `code`, `level` and `check` of 94 rules
 * per file, and a copy of each rule's own literal (a shape per rule) made those reads megamorphic.
 */
export function defineRule(rule: Rule): Rule {
  return {
    code: rule.code,
    level: rule.level,
    title: rule.title,
    description: rule.description,
    example: rule.example,
    oncePerInstruction: rule.code.startsWith('DL') && !MANY_PER_INSTRUCTION.has(rule.code),
    check: rule.check,
  };
}

export type { Command, Script, Instruction, Stage, Dockerfile, LintConfig, RunInfo };
export { parseMountSpec } from './runs';
