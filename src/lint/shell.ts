// A small POSIX-shell reader for RUN lines: enough to find the simple commands and their words.
// It splits on `&&`, `||`, `;`, `|`, `&`, newlines and parentheses, respects quotes, escapes,
// `$(…)` and backticks, and keeps each word's offsets. Linear in the input; never throws.
import { append } from './arrays';

export interface Word {
  /** The word with quotes removed and escapes resolved. */
  text: string;
  /** The word as written. */
  raw: string;
  start: number;
  end: number;
}

export interface Command {
  /** Leading `NAME=value` assignments. */
  assignments: readonly Word[];
  /** The command word, e.g. `apt-get` (as written, may be a path). */
  name: string;
  /** Base name of the command word (`/usr/bin/pip3` → `pip3`). */
  base: string;
  /** Words after the command word. */
  args: readonly Word[];
  /** The command word itself (undefined for a line of assignments only). */
  nameWord?: Word;
  /** Every word, assignments and command word included. */
  words: Word[];
  start: number;
  end: number;
  /** The operator that follows this command (`&&`, `||`, `;`, `|`, `&`, newline as `\n`, or '' at the end). */
  next: string;
  /** True for a command inside `$(…)` or backticks. */
  inner: boolean;
  /**
   * Memo slots for facts computed from this command during one lint (its wrapper chain, its pip
   * parse). Fields on the object cost less than a Map keyed by it: no hashing, no table to grow and
   * clear, and they die with the command. Internal: only the functions that fill them read them.
   */
  memo: CommandMemo;
}

export interface CommandMemo {
  /** The command the slots belong to (a copy made with `{ ...cmd }` gets fresh slots: see `memoOf`). */
  owner: Command | null;
  chain: readonly Command[] | undefined;
  /** `parsePipInstall` (src/lint/pip.ts): undefined until asked, null when not a pip install. */
  pip: unknown;
}

export interface Script {
  text: string;
  commands: Command[];
  /** `commandsOf(script)`, once asked. */
  unwrapped?: Command[];
  /** Memo slots for facts of the ML rules about this script (internal: variables it assigns, its pip facts). */
  assigned?: Map<string, string>;
  pipFacts?: unknown;
}

function withMemo(cmd: Command): Command {
  cmd.memo.owner = cmd;
  return cmd;
}

function newMemo(): CommandMemo {
  return { owner: null, chain: undefined, pip: undefined };
}

/** The memo slots of a command (fresh ones for a `{ ...cmd }` copy, which must not inherit its original's facts). */
export function memoOf(cmd: Command): CommandMemo {
  let m = cmd.memo;
  if (m.owner !== cmd) {
    m = cmd.memo = newMemo();
    m.owner = cmd;
  }
  return m;
}

const NO_WORDS: Word[] = [];

const REDIRECTION = /^(?:\d*(?:>>|>&|<&|<>|>\||>|<(?!<))|&>>?)/;

// The reader compares character codes (no one-character strings) and never reads past the end of
// the text: one out-of-bounds read makes V8 compile the loop around it at about half speed.
/** `text.charCodeAt(k)`, or -1 past the end of `text`. */
function codeAt(text: string, k: number): number {
  return k < text.length ? text.charCodeAt(k) : -1;
}

/**
 * Whether REDIRECTION can match at `i` (it reads at most 4 characters): `>` or `<`, `&>`, or digits
 * followed by `>` or `<` within those 4. Saves a slice and a regex on every `&&` and number.
 */
function mayRedirect(text: string, i: number, c: number): boolean {
  if (c === 62 /* > */ || c === 60 /* < */) return true;
  if (c === 38 /* & */) return codeAt(text, i + 1) === 62;
  if (c < 48 || c > 57) return false; // not a digit
  let j = i + 1;
  let d = codeAt(text, j);
  while (j < i + 4 && d >= 48 && d <= 57) d = codeAt(text, ++j);
  return j < i + 4 && (d === 62 || d === 60);
}

/** The control operator at `i` (`&&`, `||`, `;;`, `;`, `|&`, `|`, `&`, newline, `(`, `)`), or ''. */
function operatorAt(text: string, i: number, c: number): string {
  switch (c) {
    case 38: // &
      return codeAt(text, i + 1) === 38 ? '&&' : '&';
    case 124: {
      // |
      const d = codeAt(text, i + 1);
      return d === 124 ? '||' : d === 38 ? '|&' : '|';
    }
    case 59: // ;
      return codeAt(text, i + 1) === 59 ? ';;' : ';';
    case 10:
      return '\n';
    case 40:
      return '(';
    case 41:
      return ')';
    default:
      return '';
  }
}

/** Splits a shell script into simple commands, those inside `$(…)` and backticks included (before the command they feed). */
export function parseShell(text: string): Script {
  const out: CommandList = { list: null };
  if (pendingSubs.length) pendingSubs.length = 0; // (setting length is a call even when it is 0)
  parseInto(text, 0, text.length, out, 0);
  return { text, commands: out.list ?? [], unwrapped: undefined, assigned: undefined, pipFacts: undefined };
}

interface CommandList {
  list: Command[] | null;
}

/** Spans `[start, end)` of the command substitutions `readWord` has read and no caller has parsed yet. */
const pendingSubs: number[] = [];

/** Deeper command substitutions than this are read as plain words. */
const MAX_NESTING = 6;

/** Words that end a compound command and run nothing themselves: `fi`, `done`, `esac`, `}`. */
function isCloser(s: string): boolean {
  return s === 'fi' || s === 'done' || s === 'esac' || s === '}';
}

/** Ends the command made of `words` (if any) before operator `op`. */
function flush(out: CommandList, words: Word[], cmdStart: number, op: string, inner: boolean): void {
  if (words.length) {
    const cmd = makeCommand(words, cmdStart, words[words.length - 1].end, op, inner);
    if (cmd) out.list = append(out.list, cmd);
  } else if (out.list && op && out.list[out.list.length - 1].next === '') out.list[out.list.length - 1].next = op;
}

/** Parses the command substitutions `readWord` noted, one level deeper than `depth`. */
function parseSubs(text: string, out: CommandList, depth: number): void {
  const spans = pendingSubs.splice(0);
  for (let k = 0; k < spans.length; k += 2) if (depth < MAX_NESTING) parseInto(text, spans[k], spans[k + 1], out, depth + 1);
}

/** Parses `text[from, to)` into `out`; `depth` counts enclosing command substitutions. */
function parseInto(text: string, from: number, to: number, out: CommandList, depth: number): void {
  // (the state is plain locals, flush and parseSubs take it as arguments: a closure over it would
  // move every local of this loop into a heap context)
  let words: Word[] = NO_WORDS; // replaced (never pushed to) when the first word comes
  let i = from;
  const n = to;
  const inner = depth > 0;
  let cmdStart = -1;
  // `case WORD in` → patterns `a|b)` → commands up to `;;` → … `esac`
  let caseDepth = 0;
  let caseHeader = false;
  let expectPattern = false;

  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 13) {
      i++;
      continue;
    }
    if (c === 92 /* \ */ && codeAt(text, i + 1) === 10) {
      i += 2;
      continue;
    }
    if (c === 35 /* # */ && (i === 0 || /\s/.test(text[i - 1]))) {
      // comment to end of line
      while (i < n && text.charCodeAt(i) !== 10) i++;
      continue;
    }
    if (expectPattern) {
      // a case pattern list up to its `)`, or the `esac` that closes the case
      if (c === 10 || c === 59) {
        i++;
        continue;
      }
      if (text.startsWith('esac', i) && isWordEnd(text, i + 4, n)) {
        i += 4;
        caseDepth--;
        expectPattern = false;
        continue;
      }
      i = patternEnd(text, c === 40 ? i + 1 : i, n);
      expectPattern = false;
      continue;
    }
    // redirections (before operators: `&>` is not a background `&`): skip the operator and its target
    if (mayRedirect(text, i, c)) {
      const redir = REDIRECTION.exec(text.slice(i, i + 4));
      if (redir) {
        i += redir[0].length;
        i = skipBlanks(text, i, n);
        const w = readWord(text, i, n);
        i = w.end > i ? w.end : i + 1;
        if (pendingSubs.length) parseSubs(text, out, depth);
        continue;
      }
    }
    const op = operatorAt(text, i, c);
    if (op) {
      if (op === '(' && words.length === 1 && /^[ \t]*\)/.test(text.slice(i + 1, i + 16))) {
        // `name() {…}` defines a function: the name runs nothing
        words = NO_WORDS;
        cmdStart = -1;
        i = text.indexOf(')', i) + 1;
        continue;
      }
      flush(out, words, cmdStart, op === ';;' ? ';' : op, inner);
      words = NO_WORDS;
      cmdStart = -1;
      i += op.length;
      if (op === ';;' && caseDepth > 0) {
        if (codeAt(text, i) === 38) i++; // `;;&`
        expectPattern = true;
      } else if (op === ';' && codeAt(text, i) === 38 && caseDepth > 0) {
        i++; // `;&`
        expectPattern = true;
      }
      continue;
    }
    if (c === 60 && codeAt(text, i + 1) === 60) {
      // heredoc marker inside the script: skip marker word
      i += codeAt(text, i + 2) === 45 /* - */ ? 3 : 2;
      i = skipBlanks(text, i, n);
      const w = readWord(text, i, n);
      i = w.end > i ? w.end : i + 1;
      pendingSubs.length = 0;
      continue;
    }
    const w = readWord(text, i, n);
    if (w.end === i) {
      i++;
      continue;
    }
    i = w.end;
    if (pendingSubs.length) parseSubs(text, out, depth);
    if (caseHeader) {
      // `case WORD in`: the word is matched against, not run
      if (w.raw === 'in') {
        caseHeader = false;
        expectPattern = true;
        caseDepth++;
      }
      continue;
    }
    if (words.length === 0 || (words.length === 1 && isReservedPrefix(words[0].raw))) {
      if (w.raw === 'case') {
        words = NO_WORDS;
        cmdStart = -1;
        caseHeader = true;
        continue;
      }
      if (w.raw === 'esac' && caseDepth > 0) {
        flush(out, words, cmdStart, ';', inner);
        words = NO_WORDS;
        cmdStart = -1;
        caseDepth--;
        continue;
      }
    }
    if (cmdStart < 0) cmdStart = w.start;
    // a fresh list is made with its first word (an empty array grows to 16 slots on its first push)
    if (words.length) words.push(w);
    else words = [w];
  }
  flush(out, words, cmdStart, '', inner);
}

/** The first index from `i` (not past `n`) that is not a space or a tab. */
function skipBlanks(text: string, i: number, n: number): number {
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9) break;
    i++;
  }
  return i;
}

/** True when `text[i]` ends a word (or the text ends there). */
function isWordEnd(text: string, i: number, n: number): boolean {
  if (i >= n) return true;
  const c = text[i];
  return c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === ';' || c === '&' || c === '|' || c === ')';
}

/** The index after the `)` that ends a case pattern list starting at `i` (quotes respected). */
function patternEnd(text: string, i: number, n: number): number {
  let depth = 0;
  while (i < n) {
    const c = text[i];
    if (c === '\\') i += 2;
    else if (c === "'" || c === '"') {
      const e = text.indexOf(c, i + 1);
      i = e < 0 || e >= n ? n : e + 1;
    } else if (c === '(') {
      depth++;
      i++;
    } else if (c === ')') {
      i++;
      if (depth-- === 0) return i;
    } else if (c === '\n') return i; // not a pattern after all: go on reading commands
    else i++;
  }
  return n;
}

// (comparisons, not a Set: a Set lookup hashes every new word, and these are asked of most words)
/** Reserved words that can stand before a simple command: `if x; then y; fi` runs `x`, then `y`. */
function isReservedPrefix(s: string): boolean {
  switch (s.length) {
    case 1:
      return s === '!' || s === '{';
    case 2:
      return s === 'if' || s === 'do';
    case 4:
      return s === 'then' || s === 'else' || s === 'elif';
    case 5:
      return s === 'while' || s === 'until';
    default:
      return false;
  }
}

/** Words that open a compound command whose header runs nothing (`for x in a b; do`). */
function isLoopHeader(s: string): boolean {
  return s === 'for' || s === 'select' || s === 'function';
}

const ASSIGNMENT_RE = /^[A-Za-z_][A-Za-z0-9_]*(\[[^\]]*\])?\+?=/;

function makeCommand(words: Word[], start: number, end: number, next: string, inner: boolean): Command | null {
  let k = 0;
  while (k < words.length - 1 && isReservedPrefix(words[k].raw)) k++;
  if (k > 0) {
    words = words.slice(k);
    start = words[0].start;
    k = 0;
  }
  const first = words[0].raw;
  if (words.length === 1 && (isCloser(first) || isReservedPrefix(first))) return null;
  if (isLoopHeader(first)) return null;
  let assignments = NO_WORDS;
  while (k < words.length && words[k].raw.indexOf('=') > 0 && ASSIGNMENT_RE.test(words[k].raw)) k++;
  if (k > 0) assignments = words.slice(0, k);
  const nameWord = words[k];
  const name = nameWord ? nameWord.text : '';
  return withMemo({
    assignments,
    name,
    base: afterLastSlash(name),
    args: k + 1 < words.length ? wordsFrom(words, k + 1) : NO_WORDS,
    nameWord,
    words,
    start,
    end,
    next,
    inner,
    memo: newMemo(),
  });
}

/** `name` after its last `/` (all of it without one); a loop, as String.prototype.lastIndexOf is a call into the runtime. */
function afterLastSlash(name: string): string {
  let k = name.length - 1;
  while (k >= 0 && name.charCodeAt(k) !== 47) k--;
  return k >= 0 ? name.slice(k + 1) : name;
}

/** `words.slice(from)`; up to 4 words as an array literal, which V8 allocates inline (slice is a call). */
function wordsFrom(words: Word[], from: number): Word[] {
  switch (words.length - from) {
    case 1:
      return [words[from]];
    case 2:
      return [words[from], words[from + 1]];
    case 3:
      return [words[from], words[from + 1], words[from + 2]];
    case 4:
      return [words[from], words[from + 1], words[from + 2], words[from + 3]];
    default:
      return words.slice(from);
  }
}

/** Characters `readWord` treats specially (everything else is copied as is): 2 for those that end a word, 1 for the others. */
const SPECIAL = new Uint8Array(128);
for (const c of ' \t\n\r;&|()<>') SPECIAL[c.charCodeAt(0)] = 2;
for (const c of '\\\'"$`') SPECIAL[c.charCodeAt(0)] = 1;

/** `NAME=` / `NAME+=` / `NAME[k]=`: an assignment whose value may be an array literal `( … )`. */
const ARRAY_ASSIGNMENT_RE = /^[A-Za-z_][A-Za-z0-9_]*(\[[^\]]*\])?\+?=$/;

/** Notes the command substitution whose `(` is at `open` and whose end is `end` (after the `)`). */
function noteParenSub(text: string, open: number, end: number): void {
  // `$((…))` is arithmetic, not a command
  if (text[open + 1] === '(' || end - 1 <= open + 1 || text[end - 1] !== ')') return;
  pendingSubs.push(open + 1, end - 1);
}

/** Reads one shell word starting at `i` (not past `n`); notes the command substitutions in it. */
function readWord(text: string, i: number, n: number): Word {
  // Most words are ordinary characters up to a blank or an operator: this part is small enough for
  // V8 to inline where words are read, and the rest of the word is read by readRest.
  let j = i;
  while (j < n) {
    const code = text.charCodeAt(j);
    if (code < 128 && SPECIAL[code] !== 0) break;
    j++;
  }
  if (j < n) {
    const code = text.charCodeAt(j);
    if (SPECIAL[code] !== 2 || code === 40 /* ( (maybe an array literal) */) return readRest(text, i, j, n);
  }
  const s = text.slice(i, j);
  return { text: s, raw: s, start: i, end: j };
}

/** The word from `start` whose ordinary characters up to `i` are read, `text[i]` being special. */
function readRest(text: string, start: number, i: number, n: number): Word {
  let out = text.slice(start, i);
  // true while `out` is exactly `text.slice(start, i)` (only ordinary characters so far)
  let plain = true;
  while (i < n) {
    // a run of ordinary characters in one step
    let j = i;
    while (j < n) {
      const code = text.charCodeAt(j);
      if (code < 128 && SPECIAL[code] !== 0) break;
      j++;
    }
    if (j > i) {
      out += text.slice(i, j);
      i = j;
      continue;
    }
    const c = text.charCodeAt(i);
    if (c === 40 /* ( */ && i > start && text.charCodeAt(i - 1) === 61 /* = */ && ARRAY_ASSIGNMENT_RE.test(text.slice(start, i))) {
      // an array literal is the value of its assignment, not a subshell
      const e = Math.min(skipParens(text, i, n), n);
      out += text.slice(i, e);
      plain = false;
      i = e;
      continue;
    }
    if (SPECIAL[c] === 2) break; // a blank, an operator or a redirection
    plain = false;
    if (c === 92 /* \ */) {
      if (i + 1 < n) {
        if (text.charCodeAt(i + 1) !== 10) out += text[i + 1];
        i += 2;
      } else i++;
      continue;
    }
    if (c === 39 /* ' */) {
      const close = text.indexOf("'", i + 1);
      const end = close < 0 || close >= n ? n : close;
      out += text.slice(i + 1, end);
      i = end + 1;
      continue;
    }
    if (c === 34 /* " */) {
      i++;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d === 34) break;
        if (d === 92 && i + 1 < n && '"\\$`\n'.includes(text[i + 1])) {
          if (text.charCodeAt(i + 1) !== 10) out += text[i + 1];
          i += 2;
        } else if (d === 36 /* $ */ && codeAt(text, i + 1) === 40) {
          const e = skipParens(text, i + 1, n);
          noteParenSub(text, i + 1, e);
          out += text.slice(i, e);
          i = e;
        } else if (d === 96 /* ` */) {
          const end = backtickEnd(text, i, n);
          out += text.slice(i, end);
          i = end;
        } else {
          // this character and the ordinary ones after it, in one slice
          let e = i + 1;
          while (e < n) {
            const f = text.charCodeAt(e);
            if (f === 34 || f === 92 || f === 36 || f === 96) break;
            e++;
          }
          out += text.slice(i, e);
          i = e;
        }
      }
      i++;
      continue;
    }
    if (c === 36 /* $ */) {
      const d = codeAt(text, i + 1);
      if (d === 40) {
        const e = skipParens(text, i + 1, n);
        noteParenSub(text, i + 1, e);
        out += text.slice(i, e);
        i = e;
        continue;
      }
      if (d === 123 /* { */) {
        const e = text.indexOf('}', i + 2);
        const end = e < 0 || e >= n ? n : e + 1;
        out += text.slice(i, end);
        i = end;
        continue;
      }
    }
    if (c === 96 /* ` */) {
      const end = backtickEnd(text, i, n);
      out += text.slice(i, end);
      i = end;
      continue;
    }
    out += text[i];
    i++;
  }
  if (i > n) i = n;
  return { text: out, raw: plain ? out : text.slice(start, i), start, end: i };
}

/** The index after the backtick that closes the one at `i` (noting the command inside), or `n`. */
function backtickEnd(text: string, i: number, n: number): number {
  const e = text.indexOf('`', i + 1);
  if (e < 0 || e >= n) return n;
  if (e > i + 1) pendingSubs.push(i + 1, e);
  return e + 1;
}

/** From an opening `(` at `i`, returns the index after its matching `)` (quotes respected). */
function skipParens(text: string, i: number, n = text.length): number {
  let depth = 0;
  while (i < n) {
    const c = text[i];
    if (c === '\\') {
      i += 2;
      continue;
    }
    if (c === "'") {
      const e = text.indexOf("'", i + 1);
      i = e < 0 ? n : e + 1;
      continue;
    }
    if (c === '"') {
      i++;
      while (i < n && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
      i++;
      continue;
    }
    if (c === '(') depth++;
    else if (c === ')') {
      depth--;
      if (depth === 0) return i + 1;
    }
    i++;
  }
  return n;
}

// ---- helpers for rules ----------------------------------------------------------------------

/** Wrappers that run the command after their options, with the options that take a value. */
const WRAPPERS: Record<string, { withValue: string[]; operands?: number }> = {
  sudo: { withValue: ['-u', '-g', '-p', '-C', '-D', '-h', '-r', '-t', '-U', '-T', '--user', '--group', '--prompt', '--chdir', '--close-from', '--host', '--role', '--type', '--other-user', '--command-timeout'] },
  doas: { withValue: ['-u', '-C'] },
  env: { withValue: ['-u', '--unset', '-C', '--chdir', '-S', '--split-string'] },
  command: { withValue: [] },
  exec: { withValue: ['-a'] },
  time: { withValue: ['-f', '--format', '-o', '--output'] },
  nohup: { withValue: [] },
  nice: { withValue: ['-n', '--adjustment'] },
  ionice: { withValue: ['-c', '--class', '-n', '--classdata', '-p', '--pid'] },
  xargs: { withValue: ['-I', '-n', '-P', '-L', '-d', '-E', '-s', '-a', '--max-args', '--max-procs', '--max-lines', '--delimiter', '--eof', '--max-chars', '--arg-file', '--replace'] },
  timeout: { withValue: ['-s', '--signal', '-k', '--kill-after'], operands: 1 },
  gosu: { withValue: [], operands: 1 },
  'su-exec': { withValue: [], operands: 1 },
  chroot: { withValue: ['--userspec', '--groups'], operands: 1 },
  eatmydata: { withValue: [] },
  stdbuf: { withValue: ['-i', '-o', '-e'] },
};
const WRAPPER_NAMES = new Set(Object.keys(WRAPPERS));


/**
 * A command and, through wrappers, the commands it runs: `sudo -E -u app env A=1 pip install x` →
 * the `sudo`, `env` and `pip` commands (never more than 5). Wrapper options (and their values),
 * `VAR=value` for env and sudo, and the operands of gosu/timeout/chroot are skipped. `command -v X` only
 * looks X up, so it is not unwrapped. Computed once per command; treat as read-only.
 */
export function wrapperChain(cmd: Command): readonly Command[] {
  const m = memoOf(cmd);
  return (m.chain ??= chainOf(cmd));
}

/** The command a wrapper runs: `sudo -E -u app apt-get install x` → the `apt-get` command (see {@link wrapperChain}). */
export function unwrap(cmd: Command): Command {
  const chain = wrapperChain(cmd);
  return chain[chain.length - 1];
}

function chainOf(cmd: Command): readonly Command[] {
  // most commands wrap nothing: one shared answer shape, no loop
  if (!WRAPPER_NAMES.has(cmd.base) && !mayRunAnother(cmd.base)) return [cmd];
  let cur = cmd;
  const out = [cur];
  for (let guard = 0; guard < 5; guard++) {
    const k = wrappedAt(cur);
    if (k < 0) break;
    const a = cur.args;
    const nameWord = a[k];
    cur = withMemo({
      assignments: NO_WORDS,
      name: nameWord.text,
      base: afterLastSlash(nameWord.text),
      args: a.slice(k + 1),
      nameWord,
      words: a.slice(k),
      start: nameWord.start,
      end: cur.end,
      next: cur.next,
      inner: cur.inner,
      memo: newMemo(),
    });
    out.push(cur);
  }
  return out;
}

const PYTHON_RE = /^python(\d+(\.\d+)?)?$/;
/** Modules that `python -m` runs as the tool of the same name. */
const PYTHON_MODULES = new Set(['pip', 'pip3', 'uv', 'pipx', 'conda']);
/** Options of `conda|mamba|micromamba run` and `uv run` that take a value. */
const ENV_RUN_WITH_VALUE = ['-n', '--name', '-p', '--prefix', '-r', '--root-prefix', '-a', '--attach', '--cwd', '-e', '--env', '--label'];
const UV_RUN_WITH_VALUE = ['--with', '--with-requirements', '--with-editable', '-p', '--python', '--project', '--directory', '--package',
  '--extra', '--group', '--only-group', '--no-group', '--env-file', '--index', '--index-url', '--extra-index-url', '--default-index',
  '-f', '--find-links', '--cache-dir', '--config-file', '--index-strategy', '--keyring-provider', '--resolution', '--prerelease',
  '--exclude-newer', '--link-mode', '--python-platform', '--refresh-package', '--reinstall-package', '--upgrade-package', '-P',
  '--no-binary-package', '--no-build-package', '--config-setting', '-C'];

/** True for the names `wrappedAt` may unwrap besides the plain wrappers (python, conda, uv, …). */
function mayRunAnother(base: string): boolean {
  const c = base.charCodeAt(0);
  // p(ython), c(onda), m(amba, icromamba), u(v)
  if (c !== 112 && c !== 99 && c !== 109 && c !== 117) return false;
  return PYTHON_RE.test(base) || base === 'conda' || base === 'mamba' || base === 'micromamba' || base === 'uv';
}

/** Index in `cur.args` of the command word that `cur` runs, or -1 when it runs none. */
function wrappedAt(cur: Command): number {
  const a = cur.args;
  const spec = WRAPPER_NAMES.has(cur.base) ? WRAPPERS[cur.base] : undefined;
  if (spec) {
    if (cur.base === 'command' && a.some((w) => w.text === '-v' || w.text === '-V')) return -1;
    let k = 0;
    while (k < a.length) {
      const t = a[k].text;
      if (t === '--') {
        k++;
        break;
      }
      if (t.startsWith('-') && t.length > 1) {
        if (spec.withValue.includes(t)) k++;
        k++;
      } else if ((cur.base === 'env' || cur.base === 'sudo') && ASSIGNMENT_RE.test(t)) k++;
      else break;
    }
    k += spec.operands ?? 0;
    return k < a.length ? k : -1;
  }
  if (PYTHON_RE.test(cur.base)) {
    // `python [-u -X opt …] -m pip …`: the module is the command
    for (let k = 0; k < a.length; k++) {
      const t = a[k].text;
      if (t === '-m') return k + 1 < a.length && PYTHON_MODULES.has(a[k + 1].text) ? k + 1 : -1;
      if (!t.startsWith('-') || t === '-c' || t === '-') return -1; // a script or code: not a module
      if (t === '-W' || t === '-X') k++;
    }
    return -1;
  }
  const runner = cur.base === 'uv' ? UV_RUN_WITH_VALUE : cur.base === 'conda' || cur.base === 'mamba' || cur.base === 'micromamba' ? ENV_RUN_WITH_VALUE : null;
  if (!runner) return -1;
  // `conda run -n ENV cmd …`, `uv run --with x cmd …` (global options before `run` included)
  let k = 0;
  while (k < a.length && a[k].text.startsWith('-')) k += runner.includes(a[k].text) ? 2 : 1;
  if (a[k]?.text !== 'run') return -1;
  for (k++; k < a.length; k++) {
    const t = a[k].text;
    if (t === '--') return k + 1 < a.length ? k + 1 : -1;
    if (!t.startsWith('-')) return k;
    // `uv run -m module` / `--module`: a Python module, not a command
    if (t === '-m' || t === '--module' || t === '--script' || t === '-s') return -1;
    if (runner.includes(t)) k++;
  }
  return -1;
}

/** All commands of a script, with wrappers removed (computed once per script; treat as read-only). */
export function commandsOf(script: Script): Command[] {
  return (script.unwrapped ??= script.commands.map(unwrap));
}

/** The last path component: `/usr/bin/pip3` → `pip3`, `dir/sub/` → `sub`. */
export function baseName(path: string): string {
  let end = path.length;
  while (end > 0 && path[end - 1] === '/') end--;
  const s = path.slice(0, end);
  return s.slice(s.lastIndexOf('/') + 1);
}

/**
 * True when an argument equals one of `flags` (each starting with `-`) or is `flag=value`, or is a
 * short-option cluster (`-qy`) containing one of the letters of `shorts` (the letters of the
 * one-letter flags among `flags`). Allocates nothing: hot rules pass constant lists.
 */
export function hasAnyFlag(cmd: Command, flags: readonly string[], shorts = ''): boolean {
  for (const a of cmd.args) {
    const t = a.text;
    if (t.charCodeAt(0) !== 45 /* - */) continue; // every flag starts with `-`
    if (flags.includes(t)) return true;
    const eq = t.indexOf('=');
    if (eq > 0 && flags.includes(t.slice(0, eq))) return true;
    if (shorts !== '' && isShortCluster(t)) {
      for (let i = 0; i < shorts.length; i++) if (t.includes(shorts[i])) return true;
    }
  }
  return false;
}

/** `hasAnyFlag` with the short letters worked out from `flags` (each starting with `-`). */
export function hasFlag(cmd: Command, ...flags: string[]): boolean {
  let shorts = '';
  for (const f of flags) if (f.length === 2 && f[0] === '-' && isAlphanumeric(f.charCodeAt(1))) shorts += f[1];
  return hasAnyFlag(cmd, flags, shorts);
}

/** `/^-[A-Za-z0-9]{2,}$/` */
function isShortCluster(t: string): boolean {
  if (t.length < 3 || t.charCodeAt(0) !== 45) return false;
  for (let i = 1; i < t.length; i++) if (!isAlphanumeric(t.charCodeAt(i))) return false;
  return true;
}

/** `[A-Za-z0-9]` */
function isAlphanumeric(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/**
 * Calls `visit` with each positional argument in order (not starting with `-`, skipping the values of
 * `optionsWithValue`; after `--`, every word) until it returns true. The one scan behind
 * `positionals`, `positionalAt` and the package rules' operand lists.
 */
export function eachPositional(cmd: Command, optionsWithValue: readonly string[], visit: (w: Word) => boolean | void): void {
  const a = cmd.args;
  let rest = false; // after `--` every word is positional
  for (let k = 0; k < a.length; k++) {
    const t = a[k].text;
    if (!rest) {
      if (t === '--') {
        rest = true;
        continue;
      }
      if (t.startsWith('-')) {
        if (optionsWithValue.includes(t)) k++;
        continue;
      }
    }
    if (visit(a[k]) === true) return;
  }
}

/** The positional arguments (see {@link eachPositional}). */
export function positionals(cmd: Command, optionsWithValue: readonly string[] = []): Word[] {
  let out: Word[] | null = null;
  eachPositional(cmd, optionsWithValue, (w) => {
    out = append(out, w);
  });
  return out ?? [];
}

/** The `n`-th positional argument (0-based), or null: `positionals(cmd, optionsWithValue)[n]` without building the list. */
export function positionalAt(cmd: Command, optionsWithValue: readonly string[], n = 0): Word | null {
  let found: Word | null = null;
  eachPositional(cmd, optionsWithValue, (w) => {
    if (n-- > 0) return false;
    found = w;
    return true;
  });
  return found;
}

/** The value of an option written as `--opt value`, `--opt=value` or `-o value`. */
export function optionValue(cmd: Command, ...names: string[]): string | null {
  const a = cmd.args;
  for (let k = 0; k < a.length; k++) {
    const t = a[k].text;
    for (const nm of names) {
      if (t === nm && k + 1 < a.length) return a[k + 1].text;
      if (t.startsWith(nm + '=')) return t.slice(nm.length + 1);
    }
  }
  return null;
}
