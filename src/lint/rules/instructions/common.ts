// Helpers shared by the instruction-level rules (DL1001, DL3001–DL3004, DL3044–DL3066, DL4005, DL4006).
import { splitWords, unquote, type Instruction, type Stage } from '../../parser';
import type { Command, Script, Word } from '../../shell';

/** Wrappers that run the command given as their first operand. */
const WRAPPERS = new Set(['env', 'command', 'exec', 'time', 'nohup', 'nice', 'xargs', 'eatmydata', 'stdbuf', 'timeout']);

/** Wrapper options that take a separate value. */
const VALUE_OPTIONS: Record<string, string[]> = {
  sudo: ['-u', '-g', '-p', '-C', '-D', '-h', '-r', '-t', '-U', '--user', '--group', '--prompt', '--chdir'],
  env: ['-u', '--unset', '-C', '--chdir', '-S', '--split-string'],
  nice: ['-n', '--adjustment'],
  xargs: ['-I', '-n', '-P', '-L', '-s', '-d', '-E', '-a', '--max-args', '--max-procs', '--delimiter', '--arg-file'],
  timeout: ['-s', '--signal', '-k', '--kill-after'],
  stdbuf: ['-i', '-o', '-e'],
};

/**
 * The command words of a simple command, through wrappers: `env A=1 sudo apt-get x` → the words
 * `env`, `sudo`, `apt-get`. Each entry is the command word and the words after it. Wrapper options
 * and `VAR=value` operands are skipped; `sudo -u user` skips the option value. Never more than 5 levels.
 */
export function commandChain(cmd: Command): { word: Word; base: string; args: Word[] }[] {
  const out: { word: Word; base: string; args: Word[] }[] = [];
  if (!cmd.nameWord) return out;
  let word = cmd.nameWord;
  let args = cmd.args;
  for (let guard = 0; guard < 5; guard++) {
    const base = baseName(word.text);
    out.push({ word, base, args });
    if (!WRAPPERS.has(base) && base !== 'sudo' && base !== 'doas') break;
    // `command -v x` only looks x up
    if (base === 'command' && args.some((a) => a.text === '-v' || a.text === '-V')) break;
    const withValue = VALUE_OPTIONS[base === 'doas' ? 'sudo' : base];
    let k = 0;
    while (k < args.length && (args[k].text.startsWith('-') || /^[A-Za-z_][A-Za-z0-9_]*=/.test(args[k].text))) {
      if (withValue?.includes(args[k].text)) k++;
      k++;
    }
    if (base === 'timeout' && k < args.length) k++; // the duration
    if (k >= args.length) break;
    word = args[k];
    args = args.slice(k + 1);
  }
  return out;
}

export function baseName(s: string): string {
  const slash = s.lastIndexOf('/');
  return slash >= 0 ? s.slice(slash + 1) : s;
}

/**
 * For each command of a script, how many `( … )` subshells enclose it. The shell reader splits on
 * parentheses but drops them, so this re-reads the text between commands (comments skipped).
 */
export function subshellDepths(script: Script): number[] {
  const depths: number[] = [];
  let depth = 0;
  let pos = 0;
  const t = script.text;
  for (const cmd of script.commands) {
    for (let i = pos; i < cmd.start && i < t.length; i++) {
      const c = t[i];
      if (c === '#' && (i === 0 || /\s/.test(t[i - 1]))) {
        while (i < cmd.start && t[i] !== '\n') i++;
      } else if (c === '(') depth++;
      else if (c === ')') depth = Math.max(0, depth - 1);
    }
    depths.push(depth);
    pos = Math.max(pos, cmd.end);
  }
  return depths;
}

/** The names an `ARG` declares (`ARG A`, `ARG A=1 B`) with their defaults, offsets in `instr.args`. */
export function argNames(instr: Instruction, escape = '\\'): { name: string; start: number; end: number; value: string | null }[] {
  const out: { name: string; start: number; end: number; value: string | null }[] = [];
  for (const w of splitWords(instr.rest, escape)) {
    const eq = w.text.indexOf('=');
    const name = unquote(eq < 0 ? w.text : w.text.slice(0, eq));
    if (!name) continue;
    const value = eq < 0 ? null : unquote(w.text.slice(eq + 1));
    out.push({ name, start: instr.restOffset + w.start, end: instr.restOffset + w.start + (eq < 0 ? w.text.length : eq), value });
  }
  return out;
}

const parentCache = new WeakMap<Stage[], (number | null)[]>();

/** For each stage, the index of the earlier stage it is built FROM (by name), or null. Linear, cached per document. */
function parentIndexes(stages: Stage[]): (number | null)[] {
  let parents = parentCache.get(stages);
  if (!parents) {
    const byName = new Map<string, number>();
    parents = stages.map((st) => {
      const p = byName.get(st.image.toLowerCase()) ?? null;
      if (st.name) byName.set(st.name.toLowerCase(), st.index);
      return p;
    });
    parentCache.set(stages, parents);
  }
  return parents;
}

/** The stage a stage is built FROM, when its base image names an earlier stage. */
export function parentStage(stages: Stage[], stage: Stage): Stage | null {
  const p = parentIndexes(stages)[stage.index];
  return p === null || p === undefined ? null : stages[p] ?? null;
}

/** The stage itself followed by its ancestors (stages it is built FROM), nearest first. */
export function stageLineage(stages: Stage[], stage: Stage): Stage[] {
  const out: Stage[] = [];
  let cur: Stage | null = stage;
  while (cur && out.length <= stages.length) {
    out.push(cur);
    cur = parentStage(stages, cur);
  }
  return out;
}

/** The first stage of a lineage: the one built from an external image. Linear over all stages when memoised by the caller. */
export function rootStage(stages: Stage[], stage: Stage, memo: Map<number, Stage>): Stage {
  const path: Stage[] = [];
  let cur: Stage = stage;
  let root: Stage | undefined;
  for (;;) {
    root = memo.get(cur.index);
    if (root) break;
    path.push(cur);
    const parent = parentStage(stages, cur);
    if (!parent) {
      root = cur;
      break;
    }
    cur = parent;
  }
  for (const st of path) memo.set(st.index, root);
  return root;
}

/** Variables a raw (as written) ENV/LABEL value refers to: `$X`, `${X}`, `${X:-d}`; not inside single quotes or escaped. */
export function referencedVars(raw: string, escape = '\\'): string[] {
  const out: string[] = [];
  let quote: string | null = null;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c === escape) {
      if (quote !== "'") i++;
      continue;
    }
    if (quote === "'") {
      if (c === "'") quote = null;
      continue;
    }
    if (c === "'" && quote === null) {
      quote = "'";
      continue;
    }
    if (c === '"') {
      quote = quote === '"' ? null : '"';
      continue;
    }
    if (c !== '$') continue;
    const m = raw[i + 1] === '{' ? /^\{([A-Za-z_][A-Za-z0-9_]*)/.exec(raw.slice(i + 1, i + 260)) : /^([A-Za-z_][A-Za-z0-9_]*)/.exec(raw.slice(i + 1, i + 260));
    if (m) {
      out.push(m[1]);
      i += m[0].length;
    }
  }
  return out;
}
