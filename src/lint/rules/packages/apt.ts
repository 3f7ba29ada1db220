// apt-get rules: DL3008 (pin versions), DL3009 (delete the lists), DL3014 (-y), DL3015 (--no-install-recommends).
import { lintRunCache } from '../../cache';
import { defineRule, type RuleContext, type RunInfo } from '../../rule';
import type { Fix } from '../../types';
import { hasAnyFlag, positionalAt, type Command } from '../../shell';
import type { Stage } from '../../parser';
import { commandsNamed } from '../../facts';
import { appendCommandFix, insertAfterFix, listNames, mountsOver, pinRule, rmRemovesDir, switchRule, toolSubcommand } from './common';

const APT_GET = ['apt-get'];
/** apt-get and aptitude: both install `pkg=version` and ask before installing. */
const APT_INSTALLERS = ['apt-get', 'aptitude'];
/** apt-get options that take a separate value. */
export const APT_OPTS_WITH_VALUE = ['-o', '-c', '-t', '--option', '--config-file', '--target-release', '--default-release'];
const APT_LISTS = ['/var/lib/apt/lists'];
const APT_INSTALL = ['install'];
const APT_TOOLS = ['apt-get', 'apt'];
const YES_FLAGS = ['-y', '--yes', '--assume-yes'];
const NO_RECOMMENDS_FLAG = ['--no-install-recommends'];

/** The `install` word of an `apt-get install` command, or null. */
export function aptGetInstall(cmd: Command) {
  return toolSubcommand(cmd, APT_GET, APT_INSTALL, APT_OPTS_WITH_VALUE);
}

const TRUE_RE = /^(true|yes|1|on)$/i;
const FALSE_RE = /^(false|no|0|off)$/i;

/**
 * True when a value given to `-o` / `--option` (`APT::Get::Assume-Yes=true`, …) sets the option `name`
 * (matched case-insensitively; `lowerName` is its lower case) to a value that passes `test`.
 */
function optionIs(cmd: Command, lowerName: string, test: RegExp): boolean {
  const a = cmd.args;
  for (let k = 0; k < a.length; k++) {
    const t = a[k].text;
    if (t.charCodeAt(0) !== 45 /* - */) continue; // every form starts with `-`
    let o: string;
    if ((t === '-o' || t === '--option') && k + 1 < a.length) o = a[++k].text;
    else if (t.startsWith('--option=')) o = t.slice(9);
    else if (t.startsWith('-o') && t.length > 2 && !t.startsWith('--')) o = t.slice(2);
    else continue;
    const eq = o.indexOf('=');
    if (eq === lowerName.length && o.slice(0, eq).toLowerCase() === lowerName && test.test(o.slice(eq + 1).replace(/["']/g, '').trim())) return true;
  }
  return false;
}

/** How quiet the command is: `-q` = 1, `-qq` / `-q=2` / `--quiet=2` = 2. apt-get treats quiet level 2 as `-y`. */
function quietLevel(cmd: Command): number {
  let level = 0;
  for (const a of cmd.args) {
    const t = a.text;
    const m = /^(?:-q|--quiet)=(\d+)$/.exec(t);
    if (m) level += Number(m[1]);
    else if (t === '--quiet') level += 1;
    else if (/^-[a-zA-Z]+$/.test(t)) level += (t.match(/q/g) ?? []).length;
  }
  return level;
}

export const DL3008 = pinRule({
  code: 'DL3008',
  level: 'warning',
  title: 'Pin versions in apt-get install.',
  description:
    'Without a version, `apt-get install pkg` takes whatever the mirror serves on the day of the build, so two builds ' +
    'of the same Dockerfile can differ and break without any change to it. Write `pkg=<version>` (find it with ' +
    '`apt-cache policy pkg`). A release (`pkg/bookworm-backports`) or a local `.deb` file also counts as a choice of version. ' +
    '`aptitude install` is read the same way.',
  example: {
    bad: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl \\\n && rm -rf /var/lib/apt/lists/*',
    good: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8 \\\n && rm -rf /var/lib/apt/lists/*',
  },
  tools: APT_INSTALLERS,
  subs: APT_INSTALL,
  optsWithValue: APT_OPTS_WITH_VALUE,
  isPinned: (p) => p.includes('=') || p.includes('/') || p.endsWith('.deb'),
  message: (names) => `No version pinned for ${listNames(names)}: write \`package=version\` so rebuilds install the same packages.`,
});

export const DL3014 = switchRule({
  code: 'DL3014',
  level: 'warning',
  title: 'Use the -y switch with apt-get install.',
  description:
    'A build has no one to answer apt-get\'s "Do you want to continue?" question, so without `-y` the install ' +
    'aborts as soon as it needs to ask. Pass `-y` (or `--yes` / `--assume-yes`); `-qq` also implies it. The same goes ' +
    'for `aptitude install`.',
  example: {
    bad: 'FROM debian:12\nRUN apt-get update && apt-get install --no-install-recommends git=1:2.39.5-0+deb12u1',
    good: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends git=1:2.39.5-0+deb12u1 \\\n && rm -rf /var/lib/apt/lists/*',
  },
  tools: APT_INSTALLERS,
  subs: APT_INSTALL,
  optsWithValue: APT_OPTS_WITH_VALUE,
  satisfied: (cmd) => hasAnyFlag(cmd, YES_FLAGS, 'y') || (cmd.base === 'apt-get' && quietLevel(cmd) >= 2) || optionIs(cmd, 'apt::get::assume-yes', TRUE_RE),
  message: (cmd) => `"${cmd.base} install" without -y stops at the confirmation prompt during a build: add -y.`,
  fix: (run, _cmd, sub) => insertAfterFix(run, sub, ' -y', 'Add -y'),
});

/** Per lint run: for each stage, the index of the first instruction that turns recommends off in apt's config. */
const recommendsOffCache = lintRunCache<RuleContext, Map<number, number>>();
const RECOMMENDS_CONF = /APT::Install-Recommends["'\s]+(?:"|')?(?:0|false|no)\b/i;

function recommendsOffInStage(ctx: RuleContext, run: RunInfo): boolean {
  let map = recommendsOffCache.get(ctx);
  if (!map) {
    map = new Map();
    for (const r of ctx.runs()) {
      const s = r.stage?.index ?? -1;
      // (`::` is a cheap exact pre-test: the pattern contains it)
      if (!map.has(s) && r.script.text.includes('::') && RECOMMENDS_CONF.test(r.script.text)) map.set(s, r.instr.index);
    }
    recommendsOffCache.set(ctx, map);
  }
  const at = map.get(run.stage?.index ?? -1);
  return at !== undefined && at <= run.instr.index;
}

export const DL3015 = switchRule({
  code: 'DL3015',
  level: 'info',
  title: 'Avoid additional packages by specifying --no-install-recommends.',
  description:
    'By default apt-get also installs every package the requested ones merely *recommend*, which often adds hundreds ' +
    'of megabytes (documentation, X libraries, compilers). Pass `--no-install-recommends` and list what you really need. ' +
    'Setting `APT::Install-Recommends "false";` in apt\'s configuration (or `-o APT::Install-Recommends=false`) also satisfies this rule.',
  example: {
    bad: 'FROM ubuntu:24.04\nRUN apt-get update && apt-get install -y python3=3.12.3-0ubuntu2',
    good: 'FROM ubuntu:24.04\nRUN apt-get update && apt-get install -y --no-install-recommends python3=3.12.3-0ubuntu2 \\\n && rm -rf /var/lib/apt/lists/*',
  },
  tools: APT_GET,
  subs: APT_INSTALL,
  optsWithValue: APT_OPTS_WITH_VALUE,
  satisfied: (cmd, run, ctx) =>
    hasAnyFlag(cmd, NO_RECOMMENDS_FLAG) || optionIs(cmd, 'apt::install-recommends', FALSE_RE) || recommendsOffInStage(ctx, run),
  message: () => '"apt-get install" also pulls in recommended packages: add --no-install-recommends.',
  fix: (run, _cmd, sub) => insertAfterFix(run, sub, ' --no-install-recommends', 'Add --no-install-recommends'),
});

/**
 * hadolint's DL3009 remembers the offending RUNs per stage and reports them only for the last stage and for
 * stages that a later FROM builds on (a builder stage's lists never reach the shipped image). Set to false to
 * report every RUN instead.
 */
const ONLY_SHIPPED_STAGES = true;

/**
 * True when the file system of stage `idx` ends up in an image: it is the last stage, or a later FROM
 * builds on it (by its name, case-insensitive, or by its index when no earlier stage has that name).
 * Checked on demand: only a RUN that leaves the lists behind needs it.
 */
function isShipped(stages: readonly Stage[], idx: number): boolean {
  if (idx === stages.length - 1) return true;
  const own = stages[idx].name;
  const name = own ? own.toLowerCase() : null; // an empty name names nothing
  let shadowed = false; // a later stage of the same name takes over the name
  for (let t = idx + 1; t < stages.length; t++) {
    const s = stages[t];
    const base = (s.resolvedImage ?? s.image).toLowerCase();
    if (name !== null && !shadowed && base === name) return true;
    if (isDigits(base) && Number(base) === idx && !namedBefore(stages, t, base)) return true;
    if (name !== null && s.name?.toLowerCase() === name) shadowed = true;
  }
  return false;
}

/** True when a stage before `end` is named `lower` (case-insensitive). */
function namedBefore(stages: readonly Stage[], end: number, lower: string): boolean {
  for (let j = 0; j < end; j++) if (stages[j].name?.toLowerCase() === lower) return true;
  return false;
}

/** `/^\d+$/` */
function isDigits(s: string): boolean {
  if (s === '') return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

const RM = ['rm'];

export const DL3009 = defineRule({
  code: 'DL3009',
  level: 'info',
  title: 'Delete the apt-get lists after installing something.',
  description:
    '`apt-get update` downloads package indexes into `/var/lib/apt/lists` (tens of megabytes) that nothing needs at run ' +
    'time. Remove them in the same RUN (`&& rm -rf /var/lib/apt/lists/*`) — a later RUN cannot shrink a layer that is ' +
    'already written — or keep them out of the image with `RUN --mount=type=cache,target=/var/lib/apt/lists`. ' +
    'Like hadolint, only stages that end up in an image are checked: the last stage and stages that a later `FROM` builds on.',
  example: {
    bad: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8',
    good: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8 \\\n && rm -rf /var/lib/apt/lists/*',
  },
  check(ctx) {
    const list = commandsNamed(ctx, APT_TOOLS);
    // the `rm` commands of every RUN, in file order, read along with `list`
    const rms = commandsNamed(ctx, RM);
    let r = 0;
    for (const at of firstUpdates(list)) {
      const { run, cmd } = list[at];
      // RUN instructions have distinct indexes (an ONBUILD RUN trigger has its ONBUILD's)
      while (r < rms.length && rms[r].run.instr.index < run.instr.index) r++;
      let cleaned = false;
      for (let q = r; !cleaned && q < rms.length && rms[q].run === run; q++) cleaned = rmRemovesDir(rms[q].cmd, APT_LISTS);
      if (cleaned || mountsOver(run, APT_LISTS)) continue;
      if (ONLY_SHIPPED_STAGES && !run.onbuild && run.stage && !isShipped(ctx.doc.stages, run.stage.index)) continue;
      const cleanup = 'rm -rf /var/lib/apt/lists/*';
      // Deleting the lists in a RUN that only updates them would break the install of the next RUN: there
      // the one safe fix merges the two RUNs and deletes the lists after the install.
      ctx.report(run.range(cmd.start, cmd.end), `The package lists fetched by "${cmd.base} update" stay in this layer: end the RUN with "${cleanup}".`,
        installsAfter(list, at) ? appendCommandFix(run, cleanup, 'Delete the apt lists at the end of this RUN') : mergeWithNextInstallFix(list, rms, at));
    }
  },
});

const APT_CHANGERS = new Set(['install', 'upgrade', 'dist-upgrade', 'full-upgrade', 'build-dep', 'reinstall', 'source']);

type AptAt = { run: RunInfo; cmd: Command };

/** Indexes in `list` (apt commands in file order) of the first `apt-get update` / `apt update` of each RUN. */
function firstUpdates(list: readonly AptAt[]): number[] {
  const out: number[] = [];
  let done: RunInfo | null = null;
  for (let at = 0; at < list.length; at++) {
    if (list[at].run === done || positionalAt(list[at].cmd, APT_OPTS_WITH_VALUE)?.text !== 'update') continue;
    done = list[at].run;
    out.push(at);
  }
  return out;
}

/**
 * Whether the RUN of `list[at]` (its `update`) installs or upgrades packages with apt after it. `list` is in
 * file order, so the rest of that RUN's apt commands follow `at` directly.
 */
function installsAfter(list: readonly AptAt[], at: number): boolean {
  const run = list[at].run;
  for (let i = at + 1; i < list.length && list[i].run === run; i++) {
    const sub = positionalAt(list[i].cmd, APT_OPTS_WITH_VALUE)?.text;
    if (sub && APT_CHANGERS.has(sub)) return true;
  }
  return false;
}

/** The RUN right after the one of `list[at]` in the same stage, when it installs with apt. */
function nextInstallRun(list: readonly AptAt[], at: number): RunInfo | null {
  const run = list[at].run;
  let i = at + 1;
  while (i < list.length && list[i].run === run) i++;
  for (; i < list.length && list[i].run.instr.index === run.instr.index + 1; i++) {
    const { run: r, cmd } = list[i];
    if (r.stage === run.stage && r.onbuild === run.onbuild && positionalAt(cmd, APT_OPTS_WITH_VALUE)?.text === 'install') return r;
  }
  return null;
}

/**
 * For `RUN apt-get update` followed by `RUN apt-get install …`: one RUN that updates, installs and then
 * deletes the lists. Only where that is plain text surgery: both in shell form without flags or heredocs,
 * the second starting on the line after the first ends.
 */
function mergeWithNextInstallFix(list: readonly AptAt[], rms: readonly AptAt[], at: number): Fix[] | undefined {
  const run = list[at].run;
  const next = nextInstallRun(list, at);
  if (!next || run.exec || next.exec || run.instr.heredocs.length || next.instr.heredocs.length || run.instr.flags.length || next.instr.flags.length) return undefined;
  const text = run.script.text;
  let end = text.length;
  while (end > 0 && /\s/.test(text[end - 1])) end--;
  if (/[#`&|;\\]$/.test(text.slice(0, end))) return undefined;
  const from = run.range(end, end);
  const to = next.range(0, 0);
  if (to.line !== run.instr.range.endLine + 1) return undefined;
  const edits = [{ line: from.line, column: from.column, endLine: to.line, endColumn: to.column, newText: ' \\\n && ' }];
  // `rms` is in file order: find the next RUN's rm commands by binary search
  let lo = 0;
  let hi = rms.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (rms[mid].run.instr.index < next.instr.index) lo = mid + 1;
    else hi = mid;
  }
  let cleaned = false;
  for (let i = lo; i < rms.length && rms[i].run === next; i++) if (rmRemovesDir(rms[i].cmd, APT_LISTS)) cleaned = true;
  if (!cleaned) {
    const append = appendCommandFix(next, 'rm -rf /var/lib/apt/lists/*', '');
    if (!append) return undefined;
    edits.push(...append[0].edits);
  }
  return [{ title: 'Merge with the install in the next RUN (and delete the apt lists after it)', edits }];
}

/**
 * ML020: `apt-get update` in a RUN of its own. Docker's best-practice guide: update and install in the same
 * RUN. Cached on its own, the update layer is reused while the install below changes, so installs read stale
 * lists (packages that are gone: "Unable to locate package"); and deleting the lists there breaks the install.
 */
export const ML020 = defineRule({
  code: 'ML020',
  level: 'warning',
  title: 'apt-get update in a RUN of its own.',
  description:
    'A RUN that only runs `apt-get update` is cached on its own: later builds reuse its old package lists while the ' +
    '`apt-get install` below changes, and installs fail with "Unable to locate package" or get outdated versions. ' +
    "Docker's best-practice guide: update and install in the same RUN, and delete the lists at its end. " +
    'The quick fix merges the update with the install of the next RUN.',
  example: {
    bad: 'FROM debian:12\nRUN apt-get update\nRUN apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8 && rm -rf /var/lib/apt/lists/*',
    good: 'FROM debian:12\nRUN apt-get update \\\n && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8 && rm -rf /var/lib/apt/lists/*',
  },
  check(ctx) {
    const list = commandsNamed(ctx, APT_TOOLS);
    const rms = commandsNamed(ctx, RM);
    for (const at of firstUpdates(list)) {
      const { run, cmd } = list[at];
      if (installsAfter(list, at)) continue;
      ctx.report(run.range(cmd.start, cmd.end),
        `"${cmd.base} update" runs in a RUN of its own: its cached lists go stale while the install below changes. Update and install in one RUN.`,
        mergeWithNextInstallFix(list, rms, at));
    }
  },
});
