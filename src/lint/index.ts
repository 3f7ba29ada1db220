// The lint core's public API: `lintDockerfile(text, options?)` and `rules`.
// Pure TypeScript (no editor, no file system), bundled to dist/lint.js as CommonJS.
import { clearLintRunCaches } from './cache';
import { encodingProblem, looksUtf16Text, stripBom } from './encoding';
import { parseDockerfile, type Dockerfile } from './parser';
import { RuleContext, type Rule, type SharedState } from './rule';
import { ALL_RULES, byCode } from './rules';
import { ML_ECHOES } from './rules/ml';
import { collectSuppressions, instructionAtLine } from './suppress';
import { effectiveSeverity } from './severity';
import { SEVERITIES, type Level, type LintConfig, type LintOptions, type Problem, type RuleInfo, type Severity } from './types';

export type { Level, LintConfig, LintOptions, Problem, RuleInfo, Severity, Range, Fix, TextEdit, BuildContextFacts } from './types';
export { parseDockerfile } from './parser';
export { decodeDockerfile } from './encoding';
export { effectiveSeverity } from './severity';
export type { Dockerfile, Instruction, Stage } from './parser';

/** Code used for what the builder itself would reject (hadolint uses the same code for parse errors). */
export const SYNTAX_CODE = 'DL1000';

export const rules: RuleInfo[] = [
  { code: SYNTAX_CODE, level: 'error' as Severity, title: 'The builder cannot parse this instruction.' },
  ...ALL_RULES.map((r) => ({ code: r.code, level: r.level, title: r.title })),
].sort(byCode);

const RULE_BY_CODE = new Map<string, Rule>(ALL_RULES.map((r) => [r.code, r]));

export function ruleByCode(code: string): Rule | undefined {
  return RULE_BY_CODE.get(code);
}



function upperSet(list: unknown): Set<string> | null {
  if (list === undefined || list === null) return new Set();
  if (!Array.isArray(list) || !list.every((c) => typeof c === 'string')) return null;
  return new Set((list as string[]).map((c) => c.toUpperCase()));
}

/**
 * `effectiveSeverity` for many codes of one lint run: the code lists are upper-cased once instead of
 * once per rule. Falls back to `effectiveSeverity` itself for lists that are not arrays of strings.
 */
function severityResolver(options: LintOptions): (code: string, defaultLevel: Severity) => Severity {
  const cfg = options.config ?? {};
  const ignored = upperSet(cfg.ignored);
  const ignore = upperSet(options.ignore);
  const ov = cfg.override;
  const overrides: [Severity, Set<string>][] = [];
  let ok = ignored !== null && ignore !== null;
  if (ok && ov) {
    for (const sev of SEVERITIES) {
      const set = upperSet(ov[sev]);
      if (!set) ok = false;
      else if (set.size) overrides.push([sev, set]);
    }
  }
  if (!ok) return (code, defaultLevel) => effectiveSeverity(code, defaultLevel, options);
  return (code, defaultLevel) => {
    if (ignored!.has(code) || ignore!.has(code)) return 'ignore';
    const setting = options.severityOverrides?.[code];
    if (setting) return setting;
    let level = defaultLevel;
    for (const [sev, set] of overrides) if (set.has(code)) level = sev;
    return level;
  };
}

export interface LintResult {
  problems: Problem[];
  doc: Dockerfile;
}

/** Lints Dockerfile text. Never throws: a rule that fails is skipped (and reported to `options.onRuleError`). */
export function lintDockerfile(text: string, options: LintOptions = {}): Problem[] {
  return lintWithDocument(text, options).problems;
}

/** Default severities in `ALL_RULES` order, for the common case of no config, overrides or ignore list. */
const DEFAULT_LEVELS: Severity[] = ALL_RULES.map((r) => r.level);

/** Sort key order of problems: line, column, then code (codes are `[A-Z]+[0-9]+`, so `<` matches localeCompare). */
/** Stable sort by position: insertion sort for the few problems a file usually has (the builtin costs more to set up). */
function sortByPosition(list: Problem[]): void {
  if (list.length > 24) {
    list.sort(byPosition);
    return;
  }
  for (let i = 1; i < list.length; i++) {
    const p = list[i];
    let j = i - 1;
    while (j >= 0 && byPosition(list[j], p) > 0) {
      list[j + 1] = list[j];
      j--;
    }
    list[j + 1] = p;
  }
}

function byPosition(a: Problem, b: Problem): number {
  return a.line - b.line || a.column - b.column || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
}

export function lintWithDocument(text: string, options: LintOptions = {}): LintResult {
  clearLintRunCaches();
  try {
    return lintRun(text, options);
  } finally {
    clearLintRunCaches();
  }
}

function lintRun(input: string, options: LintOptions): LintResult {
  const text = stripBom(typeof input === 'string' ? input : String(input ?? ''));
  if (looksUtf16Text(text)) return { problems: [encodingProblem()], doc: parseDockerfile('') };
  const doc = parseDockerfile(text);
  const config: LintConfig = options.config ?? {};
  const problems: Problem[] = [];
  const sup = collectSuppressions(doc);
  const shared: SharedState = { pragmas: sup.pragmas };

  const keep = (code: string, line: number): boolean => {
    if (!sup.any) return true;
    const instr = instructionAtLine(doc, line);
    return !(sup.ignores(instr, code) || ML_ECHOES[code]?.some((c) => sup.ignores(instr, c)));
  };

  const defaults = !options.config && !options.ignore && !options.severityOverrides;
  const severityOf = defaults ? null : severityResolver(options);
  const syntaxLevel = severityOf ? severityOf(SYNTAX_CODE, 'error') : effectiveSeverity(SYNTAX_CODE, 'error', options);
  if (syntaxLevel !== 'ignore') {
    for (const e of doc.syntaxErrors) {
      if (keep(SYNTAX_CODE, e.line)) {
        problems.push({ code: SYNTAX_CODE, level: syntaxLevel, message: e.message, line: e.line, column: e.column, endLine: e.endLine, endColumn: e.endColumn });
      }
    }
  }

  // One context for all rules; the reporter stamps the code and level of the rule being run.
  let code = '';
  let level: Level = 'error';
  const ctx = new RuleContext(doc, config, options, (range, message, fixes) => {
    if (!keep(code, range.line)) return;
    const p: Problem = { code, level, message, line: range.line, column: range.column, endLine: range.endLine, endColumn: range.endColumn };
    if (fixes && fixes.length) p.fixes = fixes;
    problems.push(p);
  }, shared);
  for (let k = 0; k < ALL_RULES.length; k++) {
    const rule = ALL_RULES[k];
    const sev = severityOf ? severityOf(rule.code, rule.level) : DEFAULT_LEVELS[k];
    if (sev === 'ignore') continue;
    code = rule.code;
    level = sev;
    const first = problems.length;
    try {
      rule.check(ctx);
    } catch (err) {
      options.onRuleError?.(rule.code, err);
    }
    if (rule.oncePerInstruction && problems.length - first > 1) keepFirstPerInstruction(doc, problems, first);
  }
  dropEchoes(problems);
  sortByPosition(problems);
  doc.facts = undefined; // the document outlives the run (code actions keep it); its facts need not
  return { problems, doc };
}

/**
 * Of the findings from `first` on (one rule's), keeps the first per instruction. Suppression does not
 * change which one that is: a pragma covers every line of an instruction alike.
 */
function keepFirstPerInstruction(doc: Dockerfile, problems: Problem[], first: number): void {
  const seen = new Set<number>();
  let w = first;
  for (let r = first; r < problems.length; r++) {
    const instr = instructionAtLine(doc, problems[r].line);
    if (instr) {
      if (seen.has(instr.index)) continue;
      seen.add(instr.index);
    }
    problems[w++] = problems[r];
  }
  problems.length = w;
}

/** Removes ML findings that repeat a DL finding on an overlapping range (ML_ECHOES). */
function dropEchoes(problems: Problem[]): void {
  let echoed: Problem[] | null = null;
  for (const p of problems) if (p.code.charCodeAt(0) === 68 /* D */ && ECHOED_DL.has(p.code)) (echoed ??= []).push(p);
  if (!echoed) return;
  const dl = echoed;
  let w = 0;
  for (let r = 0; r < problems.length; r++) {
    const p = problems[r];
    const echoes = p.code.charCodeAt(0) === 77 /* M */ ? ML_ECHOES[p.code] : undefined;
    if (!(echoes && dl.some((d) => echoes.includes(d.code) && overlaps(d, p)))) problems[w++] = p;
  }
  problems.length = w;
}

const ECHOED_DL = new Set(Object.values(ML_ECHOES).flat());

function overlaps(a: Problem, b: Problem): boolean {
  const before = (l1: number, c1: number, l2: number, c2: number) => l1 < l2 || (l1 === l2 && c1 <= c2);
  return !before(a.endLine, a.endColumn, b.line, b.column) && !before(b.endLine, b.endColumn, a.line, a.column);
}

export { collectSuppressions, parsePragma } from './suppress';
