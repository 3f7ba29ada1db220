import { defineRule } from '../../rule';
import { argsRange, splitWords, type Instruction } from '../../parser';
import { hasInnerComments } from './util';

/** Shell words that cannot be passed through as exec-form arguments. */
const SHELL_ONLY = new Set(['cd', 'export', 'source', '.', 'set', 'unset', 'if', 'then', 'for', 'while', 'until', 'case',
  'do', 'done', 'fi', 'esac', 'eval', 'trap', 'ulimit', 'umask', 'alias', 'function', '{', '}', '!', '[[', 'exit', 'return', 'shift', 'wait', 'read']);

/**
 * Turns one shell word into the literal string the shell would pass, or null when the word needs the
 * shell (variables, globs, operators, escapes, tilde, command substitution…).
 */
function literalWord(raw: string): string | null {
  let out = '';
  let i = 0;
  while (i < raw.length) {
    const c = raw[i];
    if (c === "'") {
      const close = raw.indexOf("'", i + 1);
      if (close < 0) return null;
      out += raw.slice(i + 1, close);
      i = close + 1;
    } else if (c === '"') {
      const close = raw.indexOf('"', i + 1);
      if (close < 0) return null;
      const inner = raw.slice(i + 1, close);
      if (/[$`\\!]/.test(inner)) return null;
      out += inner;
      i = close + 1;
    } else if (/[A-Za-z0-9_./:=,@%+^-]/.test(c)) {
      out += c;
      i++;
    } else return null;
  }
  return out;
}

/** The exec-form array for a shell-form command, or null when converting it is not safe. */
export function toExecForm(text: string, escape: string): string[] | null {
  const words = splitWords(text, escape);
  const out: string[] = [];
  for (const w of words) {
    const lit = literalWord(w.text);
    if (lit === null) return null;
    out.push(lit);
  }
  if (out[0] === 'exec') out.shift(); // `exec x` is what the exec form does anyway
  if (!out.length || out[0] === '' || out[0].startsWith('-') || SHELL_ONLY.has(out[0]) || /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0].text)) return null;
  return out;
}

export const DL3025 = defineRule({
  code: 'DL3025',
  level: 'warning',
  title: 'Write CMD and ENTRYPOINT in JSON (exec) form.',
  description:
    'In shell form (`CMD python app.py`) the command runs under `/bin/sh -c`, so the shell becomes process 1: ' +
    '`docker stop` sends SIGTERM to the shell instead of your program, which then gets killed after the timeout ' +
    'without a chance to shut down cleanly. The JSON form (`CMD ["python", "app.py"]`) runs the program directly. ' +
    'The quick fix converts simple commands; commands that use variables, globs, pipes or other shell syntax are ' +
    'left for you to rewrite (for example as a script, or with an explicit `["sh", "-c", "…"]`).',
  example: {
    bad: 'FROM python:3.12-slim\nCMD uvicorn app:app --host 0.0.0.0',
    good: 'FROM python:3.12-slim\nCMD ["uvicorn", "app:app", "--host", "0.0.0.0"]',
  },
  check(ctx) {
    for (const st of ctx.doc.stages) {
      const hasCmd = st.instructions.some((i) => i.keyword === 'CMD');
      for (const instr of st.instructions) {
        if (instr.keyword !== 'CMD' && instr.keyword !== 'ENTRYPOINT') continue;
        if (instr.json || !instr.args.trim()) continue;
        // an exec-form ENTRYPOINT gets the stage's CMD appended, which the shell form ignored
        const fix = instr.keyword === 'ENTRYPOINT' && hasCmd ? null : fixFor(ctx.doc.escape, instr, hasInnerComments(ctx.doc, instr));
        ctx.report(ctx.headRange(instr),
          `${instr.keyword} in shell form runs under /bin/sh, which then receives the stop signal instead of your program; use the JSON form ${instr.keyword} ["executable", "arg", …].`,
          fix ? [fix] : undefined);
      }
    }
  },
});

function fixFor(escape: string, instr: Instruction, innerComments: boolean) {
  if (innerComments || instr.jsonInvalid || instr.flags.length) return null;
  const exec = toExecForm(instr.rest, escape);
  if (!exec) return null;
  const edit = { ...rangeOfRest(instr), newText: '[' + exec.map((a) => JSON.stringify(a)).join(', ') + ']' };
  return { title: `Convert ${instr.keyword} to JSON form`, edits: [edit] };
}

function rangeOfRest(instr: Instruction) {
  const start = argsRange(instr, instr.restOffset, instr.restOffset);
  // up to the end of the last line, so continuation escapes and trailing blanks go too
  return { line: start.line, column: start.column, endLine: instr.range.endLine, endColumn: instr.range.endColumn };
}
