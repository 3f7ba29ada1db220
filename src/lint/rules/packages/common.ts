// Shared building blocks of the package-manager rules (DL3008 … DL3062, DL4001).
//
// Most of these rules share one of three shapes, each made by a factory here:
//  - pinRule:     "every package given to `<tool> <install>` must carry a version";
//  - switchRule:  "`<tool> <install>` must be given some switch" (-y, --no-cache, …), with a quick fix;
//  - cleanupRule: "a RUN that installs with `<tool>` must also clean its cache".
import type { Fix } from '../../types';
import { defineRule, type Rule, type RuleContext, type RunInfo } from '../../rule';
import { commandsNamed, runsWith } from '../../facts';
import { commandsOf, positionals, type Command, type Word } from '../../shell';

/**
 * When `cmd` is `<one of tools> … <one of subs> …` returns the subcommand word (the first positional
 * argument, skipping the values of `optsWithValue`), else null.
 */
export function toolSubcommand(cmd: Command, tools: readonly string[], subs: readonly string[], optsWithValue: readonly string[] = []): Word | null {
  if (!tools.includes(cmd.base)) return null;
  const first = positionals(cmd, [...optsWithValue])[0];
  return first && subs.includes(first.text) ? first : null;
}

/** The positional arguments after the subcommand word (the packages of an install command). */
export function operandsAfter(cmd: Command, sub: Word, optsWithValue: readonly string[] = []): Word[] {
  return positionals(cmd, [...optsWithValue]).filter((w) => w.start > sub.start);
}

/** True when a RUN mounts a cache or tmpfs on one of `dirs` (or on a parent of it). */
export function mountsOver(run: RunInfo, ...dirs: string[]): boolean {
  const norm = (p: string) => p.replace(/\/+$/, '') || '/';
  return run.mounts.some((m) => {
    const type = m.get('type');
    if (type !== 'cache' && type !== 'tmpfs') return false;
    const target = norm(m.get('target') ?? '');
    return target !== '/' && dirs.some((d) => norm(d) === target || norm(d).startsWith(target + '/'));
  });
}

/** True when some `rm -r…` in the script removes one of `dirs` or its contents (`dir`, `dir/`, `dir/*`). */
export function removesDir(cmds: Command[], ...dirs: string[]): boolean {
  for (const c of cmds) {
    if (c.base !== 'rm') continue;
    const recursive = c.args.some((a) => /^-[a-zA-Z]*[rR]/.test(a.text) || a.text === '--recursive');
    if (!recursive) continue;
    for (const a of c.args) {
      const t = a.text.replace(/\/\*?$/, '').replace(/\/+$/, '');
      if (dirs.some((d) => t === d || (d.startsWith(t + '/') && t.split('/').length > 3))) return true;
    }
  }
  return false;
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
export function listNames(names: string[], max = 3): string {
  const shown = names.slice(0, max).map((n) => `"${n}"`);
  const more = names.length - shown.length;
  return more > 0 ? `${shown.join(', ')} and ${more} more` : shown.join(', ');
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
  /** When true for the command, every package counts as pinned (e.g. `gem install -v 1.2 x`). */
  allPinned?: (cmd: Command) => boolean;
  isPinned(pkg: string): boolean;
  message(unpinned: string[], cmd: Command): string;
}

/** "Pin the version of every package installed by this tool." One finding per install command. */
export function pinRule(spec: PinSpec): Rule {
  return defineRule({
    code: spec.code,
    level: spec.level,
    title: spec.title,
    description: spec.description,
    example: spec.example,
    check(ctx) {
      for (const { run, cmd } of commandsNamed(ctx, spec.tools)) {
        const sub = toolSubcommand(cmd, spec.tools, spec.subs, spec.optsWithValue);
        if (!sub || spec.allPinned?.(cmd)) continue;
        const unpinned = operandsAfter(cmd, sub, spec.optsWithValue).filter((w) => w.text !== '' && !spec.isPinned(w.text));
        if (unpinned.length === 0) continue;
        ctx.report(run.range(unpinned[0].start, unpinned[0].end), spec.message(unpinned.map((w) => w.text), cmd));
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
  return defineRule({
    code: spec.code,
    level: spec.level,
    title: spec.title,
    description: spec.description,
    example: spec.example,
    check(ctx) {
      for (const { run, cmd } of commandsNamed(ctx, spec.tools)) {
        const sub = toolSubcommand(cmd, spec.tools, spec.subs, spec.optsWithValue);
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
  /** True when the RUN cleans up (given all its unwrapped commands). */
  cleans(cmds: Command[], run: RunInfo): boolean;
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
        if (!first || spec.cleans(cmds, run)) continue;
        const extra = spec.fixCommand?.(first);
        ctx.report(run.range(first.start, first.end), spec.message(first), extra ? appendCommandFix(run, extra, `Append "${extra}"`) : undefined);
      }
    },
  });
}
