// Shared building blocks of the package-manager rules (DL3008 … DL3062, DL4001).
//
// Most of these rules share one of three shapes, each made by a factory here:
//  - pinRule:     "every package given to `<tool> <install>` must carry a version";
//  - switchRule:  "`<tool> <install>` must be given some switch" (-y, --no-cache, …), with a quick fix;
//  - cleanupRule: "a RUN that installs with `<tool>` must also clean its cache".
import type { Fix } from '../../types';
import { defineRule, type Rule, type RuleContext, type RunInfo } from '../../rule';
import { commandsNamed, runsWith } from '../../facts';
import { append } from '../../arrays';
import { commandsOf, eachPositional, positionalAt, type Command, type Word } from '../../shell';

/**
 * When `cmd` is `<one of tools> … <one of subs> …` returns the subcommand word (the first positional
 * argument, skipping the values of `optsWithValue`), else null.
 */
export function toolSubcommand(cmd: Command, tools: readonly string[], subs: readonly string[], optsWithValue: readonly string[] = NO_OPTS): Word | null {
  if (!tools.includes(cmd.base)) return null;
  const first = positionalAt(cmd, optsWithValue);
  return first && subs.includes(first.text) ? first : null;
}

/**
 * The positional arguments after the subcommand word `sub` (the packages of an install command) for
 * which `keep` is true, in order; null when there are none (nothing is allocated then).
 */
export function operandsWhere(cmd: Command, sub: Word, optsWithValue: readonly string[], keep: (w: Word) => boolean): Word[] | null {
  let out: Word[] | null = null;
  eachPositional(cmd, optsWithValue, (w) => {
    if (w.start > sub.start && keep(w)) out = append(out, w);
  });
  return out;
}

const NO_OPTS: readonly string[] = [];
const NO_COMMANDS: Command[] = [];
/** True when a RUN mounts a cache or tmpfs on one of `dirs` (or on a parent of it). */
export function mountsOver(run: RunInfo, dirs: readonly string[]): boolean {
  const mounts = run.mounts;
  for (let k = 0; k < mounts.length; k++) {
    const m = mounts[k];
    const type = m.get('type');
    if (type !== 'cache' && type !== 'tmpfs') continue;
    const target = m.get('target') ?? '';
    // the target without trailing slashes is target[0, end); nothing left (`/`, or no target) covers no dir
    const end = withoutTrailingSlashes(target);
    if (end === 0) continue;
    for (const d of dirs) {
      const dEnd = withoutTrailingSlashes(d);
      // the same path, or a parent of it (`/var/lib/apt` of `/var/lib/apt/lists`)
      if (dEnd >= end && samePrefix(target, d, end) && (dEnd === end || d.charCodeAt(end) === 47)) return true;
    }
  }
  return false;
}

/** The length of `p` without its trailing slashes. */
function withoutTrailingSlashes(p: string): number {
  let end = p.length;
  while (end > 0 && p.charCodeAt(end - 1) === 47) end--;
  return end;
}

/** True when some `rm -r…` in the script removes one of `dirs` (absolute paths) or its contents (`dir`, `dir/`, `dir/*`, `dir*`). */
export function removesDir(cmds: readonly Command[], dirs: readonly string[]): boolean {
  for (const c of cmds) if (c.base === 'rm' && rmRemovesDir(c, dirs)) return true;
  return false;
}

/** True when the `rm` command `c` is recursive and removes one of `dirs` (absolute paths) or its contents. */
export function rmRemovesDir(c: Command, dirs: readonly string[]): boolean {
  if (!c.args.some(isRecursiveFlag)) return false;
  for (const a of c.args) {
    const text = a.text;
    // every dir is absolute, so only an absolute path can name it or a parent of it
    if (text.charCodeAt(0) !== 47 /* / */) continue;
    // the path without one trailing `/` or `/*`, then without trailing slashes: text[0, end)
    let end = text.length;
    if (text.endsWith('/*')) end -= 2;
    else if (text.endsWith('/')) end -= 1;
    else if (text.endsWith('*')) end -= 1; // `/var/lib/apt/lists*`: the dir and its siblings by that prefix
    while (end > 0 && text.charCodeAt(end - 1) === 47) end--;
    for (const d of dirs) {
      if (end === d.length && samePrefix(text, d, end)) return true;
      // a parent at least three levels deep: `/var/lib/apt` for `/var/lib/apt/lists`
      if (d.length > end && d.charCodeAt(end) === 47 && samePrefix(text, d, end) && slashes(text, end) >= 3) return true;
    }
  }
  return false;
}

/** `-r`, `-rf`, `-fR`, … (`/^-[a-zA-Z]*[rR]/`) or `--recursive`. */
function isRecursiveFlag(a: Word): boolean {
  const t = a.text;
  if (t.charCodeAt(0) !== 45 /* - */) return false;
  for (let i = 1; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c === 114 || c === 82) return true; // r, R
    if (!((c >= 97 && c <= 122) || (c >= 65 && c <= 90))) break;
  }
  return t === '--recursive';
}

/** True when the first `n` characters of `a` and `b` are the same. */
function samePrefix(a: string, b: string, n: number): boolean {
  for (let i = 0; i < n; i++) if (a.charCodeAt(i) !== b.charCodeAt(i)) return false;
  return true;
}

/** The number of `/` in `s[0, end)`. */
function slashes(s: string, end: number): number {
  let n = 0;
  for (let i = 0; i < end; i++) if (s.charCodeAt(i) === 47) n++;
  return n;
}

/** A fix that inserts `text` right after `word` (e.g. ` -y` after `install`); none for exec-form RUN. */
export function insertAfterFix(run: RunInfo, word: Word, text: string, title: string): Fix[] | undefined {
  if (run.exec) return undefined;
  const at = run.range(word.end, word.end);
  return [{ title, edits: [{ line: at.line, column: at.column, endLine: at.line, endColumn: at.column, newText: text }] }];
}

/** A fix that replaces `word` with `text`. */
export function replaceWordFix(run: RunInfo, word: Word, text: string, title: string): Fix[] | undefined {
  if (run.exec) return undefined;
  const r = run.range(word.start, word.end);
  if (r.line !== r.endLine) return undefined;
  return [{ title, edits: [{ ...r, newText: text }] }];
}

/**
 * A fix that appends ` && <command>` at the end of a shell-form RUN script (after the last command,
 * continuation lines and redirections included). Returns undefined where that is not clearly safe:
 * exec form, heredocs, a trailing comment or a trailing `&`.
 */
export function appendCommandFix(run: RunInfo, command: string, title: string): Fix[] | undefined {
  if (run.exec || run.instr.heredocs.length > 0) return undefined;
  const cmds = run.script.commands;
  if (cmds.length === 0) return undefined;
  const text = run.script.text;
  const last = cmds[cmds.length - 1];
  let end = text.length;
  while (end > last.end && /\s/.test(text[end - 1])) end--;
  const tail = text.slice(last.end, end);
  if (tail.includes('#') || tail.includes('`') || /(^|[^&])&\s*$/.test(tail) || /(\|\||&&|\|)\s*$/.test(tail)) return undefined;
  let at = end;
  const semi = /;[\s;]*$/.exec(tail);
  if (semi) {
    at = last.end + semi.index;
    while (at > last.end && /\s/.test(text[at - 1])) at--;
  }
  const p = run.range(at, at);
  return [{ title, edits: [{ line: p.line, column: p.column, endLine: p.line, endColumn: p.column, newText: ` && ${command}` }] }];
}

/** Lists the first few items for a message: `a, b, c and 2 more`. */
export function listNames(names: readonly string[], max = 3): string {
  const shown = Math.min(names.length, max);
  let out = '';
  for (let i = 0; i < shown; i++) out += i === 0 ? `"${names[i]}"` : `, "${names[i]}"`;
  const more = names.length - shown;
  return more > 0 ? `${out} and ${more} more` : out;
}

interface CommonSpec {
  code: string;
  level: Rule['level'];
  title: string;
  description: string;
  example: { bad: string; good: string };
}

export interface PinSpec extends CommonSpec {
  /** Command names (`apk`, `yum`, …). */
  tools: readonly string[];
  /** Subcommands that install (`add`, `install`, …). */
  subs: readonly string[];
  /** Options that take a separate value, which is then not a package. */
  optsWithValue?: readonly string[];
  /** Words after `--` go to something else (gem's build options), not packages. */
  stopAtDashDash?: boolean;
  /** True when only the first package word counts (`go run pkg args…`: the rest are the program's arguments). */
  firstOnly?: (sub: Word) => boolean;
  /** When true for the command, every package counts as pinned (e.g. `gem install -v 1.2 x`). */
  allPinned?: (cmd: Command) => boolean;
  isPinned(pkg: string): boolean;
  message(unpinned: string[], cmd: Command): string;
}

/** A word that is a variable expansion as a whole (`$PKGS`, `"${PKGS[@]}"`, `$(cat list)`): what it holds cannot be judged. */
function isVariableWord(w: Word): boolean {
  const r = w.raw;
  const c = r.charCodeAt(0) === 34 /* " */ ? r.charCodeAt(1) : r.charCodeAt(0);
  if (c !== 36 /* $ */ && c !== 96 /* ` */) return false;
  return VARIABLE_WORD_RE.test(r);
}

const VARIABLE_WORD_RE = /^"?(\$[A-Za-z_][A-Za-z0-9_]*|\$\{[^}]*\}|\$\([^]*\)|`[^`]*`)"?$/;

/** "Pin the version of every package installed by this tool." One finding per install command. */
export function pinRule(spec: PinSpec): Rule {
  const opts = spec.optsWithValue ?? NO_OPTS;
  const unpinned = (w: Word) => w.text !== '' && !isVariableWord(w) && !spec.isPinned(w.text);
  return defineRule({
    code: spec.code,
    level: spec.level,
    title: spec.title,
    description: spec.description,
    example: spec.example,
    check(ctx) {
      for (const { run, cmd } of commandsNamed(ctx, spec.tools)) {
        const sub = toolSubcommand(cmd, spec.tools, spec.subs, opts);
        if (!sub || spec.allPinned?.(cmd)) continue;
        const dashDash = spec.stopAtDashDash ? cmd.args.findIndex((a) => a.text === '--') : -1;
        const until = dashDash >= 0 ? cmd.args[dashDash].start : Infinity;
        const firstPkg = spec.firstOnly?.(sub) ? operandsWhere(cmd, sub, opts, () => true)?.[0] ?? null : undefined;
        const bad = operandsWhere(cmd, sub, opts, (w) => w.start < until && (firstPkg === undefined || w === firstPkg) && unpinned(w));
        if (!bad) continue;
        ctx.report(run.range(bad[0].start, bad[0].end), spec.message(bad.map((w) => w.text), cmd));
      }
    },
  });
}

export interface SwitchSpec extends CommonSpec {
  tools: readonly string[];
  subs: readonly string[];
  optsWithValue?: readonly string[];
  /** True when the command already has what the rule asks for. */
  satisfied(cmd: Command, run: RunInfo, ctx: RuleContext): boolean;
  message(cmd: Command, sub: Word): string;
  /** The quick fix, if any. */
  fix?(run: RunInfo, cmd: Command, sub: Word): Fix[] | undefined;
}

/** "`<tool> <sub>` needs a switch." One finding per command, on the subcommand word. */
export function switchRule(spec: SwitchSpec): Rule {
  const opts = spec.optsWithValue ?? NO_OPTS;
  return defineRule({
    code: spec.code,
    level: spec.level,
    title: spec.title,
    description: spec.description,
    example: spec.example,
    check(ctx) {
      for (const { run, cmd } of commandsNamed(ctx, spec.tools)) {
        const sub = toolSubcommand(cmd, spec.tools, spec.subs, opts);
        if (!sub || spec.satisfied(cmd, run, ctx)) continue;
        ctx.report(run.range(cmd.nameWord!.start, sub.end), spec.message(cmd, sub), spec.fix?.(run, cmd, sub));
      }
    },
  });
}

export interface CleanupSpec extends CommonSpec {
  /** Command names that can install (only RUNs using one of them are looked at). */
  tools: readonly string[];
  /** True for a command that fills the cache. */
  installs(cmd: Command): boolean;
  /** True when the RUN cleans up (given all its unwrapped commands, or those after the last install with `ordered`). */
  cleans(cmds: Command[], run: RunInfo): boolean;
  /** Only a cleanup after the last install counts (one that runs before it leaves that install's cache behind). */
  ordered?: boolean;
  message(cmd: Command): string;
  /** Command appended by the quick fix (e.g. `yum clean all`), if any. */
  fixCommand?(cmd: Command): string;
}

/** "A RUN that installs must clean up in the same layer." One finding per RUN, on its first installing command. */
export function cleanupRule(spec: CleanupSpec): Rule {
  return defineRule({
    code: spec.code,
    level: spec.level,
    title: spec.title,
    description: spec.description,
    example: spec.example,
    check(ctx) {
      for (const run of runsWith(ctx, spec.tools)) {
        const cmds = commandsOf(run.script);
        const first = cmds.find((c) => c.nameWord && spec.installs(c));
        if (!first) continue;
        if (spec.ordered) {
          let last = cmds.length - 1;
          while (!(cmds[last].nameWord && spec.installs(cmds[last]))) last--;
          if (spec.cleans(last === cmds.length - 1 ? NO_COMMANDS : cmds.slice(last + 1), run)) continue;
        } else if (spec.cleans(cmds, run)) continue;
        const extra = spec.fixCommand?.(first);
        ctx.report(run.range(first.start, first.end), spec.message(first), extra ? appendCommandFix(run, extra, `Append "${extra}"`) : undefined);
      }
    },
  });
}
