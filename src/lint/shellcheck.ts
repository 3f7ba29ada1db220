// ShellCheck findings as lint problems, the way hadolint forwards them: the pure part. Which RUN
// scripts are checked and with which shell, what text ShellCheck reads, and how its json1 output
// becomes `SCxxxx` problems at Dockerfile positions under the same ignore pragmas and config as every
// other code. Running the binary is src/lint/shellcheckRun.ts.
import { keyValuesOf, parseArgNames, positionAt, type Dockerfile, type Instruction } from './parser';
import { collectSuppressions, instructionAtLine } from './suppress';
import { effectiveSeverity } from './severity';
import type { Level, LintOptions, Problem } from './types';

/** The shells ShellCheck understands (its `-s` values). */
export type ShellDialect = 'sh' | 'bash' | 'dash' | 'ksh';

/** Codes hadolint always leaves out: ash is not supported (SC2187), `source` of files it cannot see (SC1090, SC1091). */
export const DEFAULT_EXCLUDED = new Set(['SC2187', 'SC1090', 'SC1091']);

/** Executable name (no folder, no `.exe`) → dialect; names not listed are not checked (powershell, cmd, zsh, fish …). */
const DIALECTS: Record<string, ShellDialect> = {
  sh: 'sh', bash: 'bash', dash: 'dash', ksh: 'ksh', ksh88: 'ksh', ksh93: 'ksh', mksh: 'ksh', ash: 'dash', busybox: 'dash',
};

const NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;
const SHELL_PRAGMA_RE = /^hadolint[ \t]+shell[ \t]*=[ \t]*(\S+)/i;

/** One RUN script to check. */
export interface ShellcheckJob {
  /** The RUN (or the ONBUILD trigger) whose script this is. */
  instr: Instruction;
  shell: ShellDialect;
  /** The text ShellCheck reads: a shebang line, one `export` line when variables are known, then the script. */
  input: string;
  /** Lines before the script in `input`. */
  prefixLines: number;
  /** Offset of the script in the instruction's `args`. */
  scriptOffset: number;
  script: string;
}

/** A comment of ShellCheck's `--format=json1` output (the fields we use). */
export interface ShellcheckComment {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  level: string;
  code: number;
  message: string;
}

/** The dialect for a shell command such as `/bin/bash`, `C:\\bin\\ksh.exe` or `powershell`; null when ShellCheck cannot check it. */
export function dialectOf(executable: string): ShellDialect | null {
  const base = executable.replace(/^.*[\\/]/, '').replace(/\.exe$/i, '').toLowerCase();
  return DIALECTS[base] ?? null;
}

interface StageShell {
  /** Null: a shell ShellCheck cannot check. */
  shell: ShellDialect | null;
  vars: Set<string>;
}

/**
 * The shell-form RUN scripts of a document, each with the shell in force (the stage's SHELL, else a
 * `# hadolint shell=` pragma above it, else sh) and the ARG/ENV names declared so far in its stage
 * (a stage built FROM an earlier stage starts with that stage's shell and names). Exec-form RUNs and
 * RUNs with heredocs are not checked; with the backquote escape (Windows images) and no SHELL nor
 * pragma, the shell is unknown and nothing is checked.
 */
export function shellcheckJobs(doc: Dockerfile): ShellcheckJob[] {
  const jobs: ShellcheckJob[] = [];
  const pragmas = doc.comments
    .map((c) => ({ line: c.line, m: SHELL_PRAGMA_RE.exec(c.text) }))
    .filter((p): p is { line: number; m: RegExpExecArray } => p.m !== null);
  let nextPragma = 0;
  let pragmaShell: string | null = null;
  const defaultShell = (): ShellDialect | null => (pragmaShell !== null ? dialectOf(pragmaShell) : doc.escape === '`' ? null : 'sh');
  const stageEnd: StageShell[] = [];
  const byName = new Map<string, number>();
  let state: StageShell = { shell: defaultShell(), vars: new Set() };
  let stage = -1;

  const visit = (instr: Instruction): void => {
    switch (instr.keyword) {
      case 'SHELL':
        if (instr.json && instr.json.length > 0) state.shell = dialectOf(instr.json[0]);
        break;
      case 'ARG':
        for (const a of parseArgNames(instr.rest, doc.escape)) if (NAME_RE.test(a.name)) state.vars.add(a.name);
        break;
      case 'ENV':
        for (const kv of keyValuesOf(instr, doc.escape)) if (NAME_RE.test(kv.key)) state.vars.add(kv.key);
        break;
      case 'RUN': {
        if (instr.json || instr.jsonInvalid || instr.heredocs.length > 0 || state.shell === null) break;
        const script = instr.rest;
        if (!script.trim()) break;
        const vars = [...state.vars];
        const prefix = `#!/bin/${state.shell}\n` + (vars.length ? `export ${vars.map((v) => `${v}=1`).join(' ')}\n` : '');
        jobs.push({ instr, shell: state.shell, input: prefix + script + '\n', prefixLines: vars.length ? 2 : 1, scriptOffset: instr.restOffset, script });
        break;
      }
      default:
        break;
    }
  };

  for (const instr of doc.instructions) {
    while (nextPragma < pragmas.length && pragmas[nextPragma].line < instr.range.line) {
      pragmaShell = pragmas[nextPragma].m[1];
      nextPragma++;
      state.shell = defaultShell(); // a pragma holds from here until a SHELL or the next pragma
    }
    if (instr.keyword === 'FROM') {
      if (stage >= 0) stageEnd[stage] = state;
      stage = instr.stage;
      const base = doc.stages[stage]?.image.toLowerCase();
      const parent = base !== undefined ? byName.get(base) : undefined;
      const inherited = parent !== undefined ? stageEnd[parent] : undefined;
      state = inherited ? { shell: inherited.shell, vars: new Set(inherited.vars) } : { shell: defaultShell(), vars: new Set() };
      const name = doc.stages[stage]?.name;
      if (name) byName.set(name.toLowerCase(), stage);
      continue;
    }
    visit(instr);
    if (instr.keyword === 'ONBUILD' && instr.trigger?.keyword === 'RUN') visit(instr.trigger);
  }
  return jobs;
}

const LEVELS: Record<string, Level> = { error: 'error', warning: 'warning', info: 'info', style: 'style' };

/** Offset in the instruction's `args` of a 1-based ShellCheck position (line, column counting a tab as one). */
function argsOffset(job: ShellcheckJob, lineStarts: number[], line: number, column: number): number | null {
  const l = line - 1 - job.prefixLines;
  if (l < 0 || l >= lineStarts.length) return null;
  const lineEnd = l + 1 < lineStarts.length ? lineStarts[l + 1] - 1 : job.script.length;
  return job.scriptOffset + Math.min(lineStarts[l] + Math.max(0, column - 1), lineEnd);
}

/**
 * ShellCheck comments of one job → problems at their place in the Dockerfile, with ShellCheck's own
 * level as the default severity. Comments about the lines we added, and malformed entries, are dropped.
 */
export function problemsFromComments(job: ShellcheckJob, comments: readonly ShellcheckComment[]): Problem[] {
  const lineStarts = [0];
  for (let i = job.script.indexOf('\n'); i >= 0; i = job.script.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const out: Problem[] = [];
  for (const c of comments) {
    const level = LEVELS[c.level];
    if (!level || !Number.isInteger(c.code) || typeof c.message !== 'string') continue;
    const start = argsOffset(job, lineStarts, c.line, c.column);
    if (start === null) continue;
    const end = argsOffset(job, lineStarts, c.endLine, c.endColumn) ?? start;
    const a = positionAt(job.instr, start);
    const b = positionAt(job.instr, Math.max(start, end));
    out.push({ code: `SC${c.code}`, level, message: c.message, line: a.line, column: a.column, endLine: b.line, endColumn: b.column });
  }
  return out;
}

/** The comments of a json1 document, or null when it is not one. */
export function parseJson1(stdout: string): ShellcheckComment[] | null {
  let data: unknown;
  try {
    data = JSON.parse(stdout);
  } catch {
    return null;
  }
  const comments = (data as { comments?: unknown } | null)?.comments;
  if (!Array.isArray(comments)) return null;
  return comments.filter((c): c is ShellcheckComment => {
    const x = c as Partial<ShellcheckComment> | null;
    return !!x && typeof x.line === 'number' && typeof x.column === 'number' && typeof x.endLine === 'number' &&
      typeof x.endColumn === 'number' && typeof x.code === 'number' && typeof x.level === 'string' && typeof x.message === 'string';
  });
}

/**
 * Applies what applies to every code: hadolint's default exclusions, `.hadolint.yaml` `ignored` and
 * `override`, the editor's severities and ignore list, and `# hadolint ignore=` / `stage ignore=` / `global ignore=`
 * pragmas. Returns the problems kept, with their final level, sorted by position.
 */
export function finishShellcheckProblems(doc: Dockerfile, problems: readonly Problem[], options: LintOptions = {}): Problem[] {
  const sup = collectSuppressions(doc);
  const out: Problem[] = [];
  for (const p of problems) {
    if (DEFAULT_EXCLUDED.has(p.code)) continue;
    const level = effectiveSeverity(p.code, p.level, options);
    if (level === 'ignore') continue;
    if (sup.ignores(instructionAtLine(doc, p.line), p.code)) continue;
    out.push(level === p.level ? p : { ...p, level });
  }
  return out.sort((a, b) => a.line - b.line || a.column - b.column || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}
