// Helpers shared by the instruction-level rules (DL1001, DL3001–DL3004, DL3044–DL3066, DL4005, DL4006).
import { restWords, unquote, type Instruction } from '../../parser';
import type { Script } from '../../shell';

/**
 * For each command of a script, how many `( … )` subshells enclose it (a command substitution counts as
 * one). The shell reader splits on parentheses but drops them, so this re-reads the text between the
 * commands that are not inside a substitution (comments skipped).
 */
export function subshellDepths(script: Script): number[] {
  const depths: number[] = [];
  let depth = 0;
  let pos = 0;
  const t = script.text;
  for (const cmd of script.commands) {
    // a command inside `$(…)` or backticks runs in a subshell of its own (and comes before the command it feeds)
    if (cmd.inner) {
      depths.push(depth + 1);
      continue;
    }
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
  for (const w of restWords(instr, escape)) {
    const eq = w.text.indexOf('=');
    const name = unquote(eq < 0 ? w.text : w.text.slice(0, eq));
    if (!name) continue;
    const value = eq < 0 ? null : unquote(w.text.slice(eq + 1));
    out.push({ name, start: instr.restOffset + w.start, end: instr.restOffset + w.start + (eq < 0 ? w.text.length : eq), value });
  }
  return out;
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
