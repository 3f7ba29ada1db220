import { defineRule } from '../../rule';
import { positionAt, splitWords, type Instruction } from '../../parser';
import { hasInnerComments } from './util';

/** Shell words that cannot be passed through as exec-form arguments. */
const SHELL_ONLY = new Set(['cd', 'export', 'source', '.', 'set', 'unset', 'if', 'then', 'for', 'while', 'until', 'case',
  'do', 'done', 'fi', 'esac', 'eval', 'trap', 'ulimit', 'umask', 'alias', 'function', '{', '}', '!', '[[', 'exit', 'return', 'shift', 'wait', 'read']);

const SHELL_IN_QUOTES_RE = /[$`\\!]/;
const ASSIGNMENT_RE = /^[A-Za-z_][A-Za-z0-9_]*=/;

/** Characters that stand for themselves outside quotes: `[A-Za-z0-9_./:=,@%+^-]` (a table, not a regex per character). */
const LITERAL_CHAR = new Uint8Array(128);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_./:=,@%+^-') LITERAL_CHAR[c.charCodeAt(0)] = 1;

/**
 * Turns one shell word into the literal string the shell would pass, or null when the word needs the
 * shell (variables, globs, operators, escapes, tilde, command substitution…).
 */
function literalWord(raw: string): string | null {
  let out = '';
  let i = 0;
  while (i < raw.length) {
    const c = raw.charCodeAt(i);
    if (c === 39) { // '
      const close = raw.indexOf("'", i + 1);
      if (close < 0) return null;
      out += raw.slice(i + 1, close);
      i = close + 1;
    } else if (c === 34) { // "
      const close = raw.indexOf('"', i + 1);
      if (close < 0) return null;
      const inner = raw.slice(i + 1, close);
      if (SHELL_IN_QUOTES_RE.test(inner)) return null;
      out += inner;
      i = close + 1;
    } else if (c < 128 && LITERAL_CHAR[c] === 1) {
      // the whole run of literal characters at once
      const start = i;
      do i++;
      while (i < raw.length && raw.charCodeAt(i) < 128 && LITERAL_CHAR[raw.charCodeAt(i)] === 1);
      out += raw.slice(start, i);
    } else return null;
  }
  return out;
}

// alternating classes: no backtracking
const PLAIN_COMMAND_RE = /^[A-Za-z0-9_./:=,@%+^-]+(?:[ \t\n\r]+[A-Za-z0-9_./:=,@%+^-]+)*$/;
const BLANKS_RE = /[ \t\n\r]+/;

/** The exec-form array for a shell-form command, or null when converting it is not safe. */
export function toExecForm(text: string, escape: string): string[] | null {
  if (PLAIN_COMMAND_RE.test(text)) {
    // literal characters only (no quotes, no escape character): the words are the blank-separated runs
    const out = text.split(BLANKS_RE);
    const first = out[0];
    if (first === 'exec') out.shift();
    if (!out.length || out[0] === '' || out[0].startsWith('-') || SHELL_ONLY.has(out[0]) || ASSIGNMENT_RE.test(first)) return null;
    return out;
  }
  const words = splitWords(text, escape);
  const out: string[] = [];
  for (const w of words) {
    const lit = literalWord(w.text);
    if (lit === null) return null;
    out.push(lit);
  }
  if (out[0] === 'exec') out.shift(); // `exec x` is what the exec form does anyway
  if (!out.length || out[0] === '' || out[0].startsWith('-') || SHELL_ONLY.has(out[0]) || ASSIGNMENT_RE.test(words[0].text)) return null;
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
    // CMD and ENTRYPOINT of the stages (not before the first FROM, not ONBUILD triggers), merged back
    // into file order from the keyword index
    const cmds = ctx.instructions('CMD');
    const entrypoints = ctx.instructions('ENTRYPOINT');
    let c = 0;
    let e = 0;
    // cmdAt: the first CMD not in a stage before the current one (to tell whether an ENTRYPOINT's stage has a CMD)
    let cmdAt = 0;
    while (c < cmds.length || e < entrypoints.length) {
      const takeCmd = e >= entrypoints.length || (c < cmds.length && cmds[c].instr.index < entrypoints[e].instr.index);
      const instr = takeCmd ? cmds[c++].instr : entrypoints[e++].instr;
      if (instr.stage < 0 || instr.json || isBlankText(instr.args)) continue;
      // an exec-form ENTRYPOINT gets the stage's CMD appended, which the shell form ignored
      let hasCmd = false;
      if (!takeCmd) {
        while (cmdAt < cmds.length && cmds[cmdAt].instr.stage < instr.stage) cmdAt++;
        hasCmd = cmdAt < cmds.length && cmds[cmdAt].instr.stage === instr.stage;
      }
      const fix = hasCmd ? null : fixFor(ctx.doc.escape, instr, hasInnerComments(ctx.doc, instr));
      ctx.report(ctx.headRange(instr),
        `${instr.keyword} in shell form runs under /bin/sh, which then receives the stop signal instead of your program; use the JSON form ${instr.keyword} ["executable", "arg", …].`,
        fix ? [fix] : undefined);
    }
  },
});

const NON_BLANK_RE = /\S/;

/** `!s.trim()` without the copy. */
function isBlankText(s: string): boolean {
  return !NON_BLANK_RE.test(s);
}

function fixFor(escape: string, instr: Instruction, innerComments: boolean) {
  if (innerComments || instr.jsonInvalid || instr.flags.length) return null;
  const exec = toExecForm(instr.rest, escape);
  if (!exec) return null;
  // from the start of the command to the end of the last line, so continuation escapes and trailing blanks go too
  const start = positionAt(instr, instr.restOffset);
  const edit = { line: start.line, column: start.column, endLine: instr.range.endLine, endColumn: instr.range.endColumn, newText: jsonArray(exec) };
  return { title: `Convert ${instr.keyword} to JSON form`, edits: [edit] };
}

/** What JSON.stringify escapes in a string: quotes, backslashes, control characters, surrogates (when unpaired). */
const JSON_ESCAPED_RE = /["\\\u0000-\u001f\ud800-\udfff]/;

/** `["a", "b"]`, each item as JSON.stringify writes it. */
function jsonArray(items: string[]): string {
  for (const a of items) if (JSON_ESCAPED_RE.test(a)) return '[' + items.map((x) => JSON.stringify(x)).join(', ') + ']';
  return '["' + items.join('", "') + '"]';
}
