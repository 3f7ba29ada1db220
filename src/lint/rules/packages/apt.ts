// apt-get rules: DL3008 (pin versions), DL3009 (delete the lists), DL3014 (-y), DL3015 (--no-install-recommends).
import { lintRunCache } from '../../cache';
import { defineRule, type RuleContext, type RunInfo } from '../../rule';
import { runsWith } from '../../facts';
import { commandsOf, hasFlag, type Command } from '../../shell';
import { appendCommandFix, insertAfterFix, listNames, mountsOver, pinRule, removesDir, switchRule, toolSubcommand } from './common';

const APT_GET = ['apt-get'];
/** apt-get options that take a separate value. */
export const APT_OPTS_WITH_VALUE = ['-o', '-c', '-t', '--option', '--config-file', '--target-release', '--default-release'];
const APT_LISTS = '/var/lib/apt/lists';

/** The `install` word of an `apt-get install` command, or null. */
export function aptGetInstall(cmd: Command) {
  return toolSubcommand(cmd, APT_GET, ['install'], APT_OPTS_WITH_VALUE);
}

/** Values given to `-o` / `--option` (`APT::Get::Assume-Yes=true`, …). */
function aptOptions(cmd: Command): string[] {
  const out: string[] = [];
  const a = cmd.args;
  for (let k = 0; k < a.length; k++) {
    const t = a[k].text;
    if ((t === '-o' || t === '--option') && k + 1 < a.length) out.push(a[++k].text);
    else if (t.startsWith('--option=')) out.push(t.slice(9));
    else if (t.startsWith('-o') && t.length > 2 && !t.startsWith('--')) out.push(t.slice(2));
  }
  return out;
}

const TRUE_RE = /^(true|yes|1|on)$/i;
const FALSE_RE = /^(false|no|0|off)$/i;

function optionIs(cmd: Command, name: string, test: RegExp): boolean {
  return aptOptions(cmd).some((o) => {
    const eq = o.indexOf('=');
    return eq > 0 && o.slice(0, eq).toLowerCase() === name.toLowerCase() && test.test(o.slice(eq + 1).replace(/["']/g, '').trim());
  });
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
    '`apt-cache policy pkg`). A release (`pkg/bookworm-backports`) or a local `.deb` file also counts as a choice of version.',
  example: {
    bad: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl \\\n && rm -rf /var/lib/apt/lists/*',
    good: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8 \\\n && rm -rf /var/lib/apt/lists/*',
  },
  tools: APT_GET,
  subs: ['install'],
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
    'aborts as soon as it needs to ask. Pass `-y` (or `--yes` / `--assume-yes`); `-qq` also implies it.',
  example: {
    bad: 'FROM debian:12\nRUN apt-get update && apt-get install --no-install-recommends git=1:2.39.5-0+deb12u1',
    good: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends git=1:2.39.5-0+deb12u1 \\\n && rm -rf /var/lib/apt/lists/*',
  },
  tools: APT_GET,
  subs: ['install'],
  optsWithValue: APT_OPTS_WITH_VALUE,
  satisfied: (cmd) => hasFlag(cmd, '-y', '--yes', '--assume-yes') || quietLevel(cmd) >= 2 || optionIs(cmd, 'APT::Get::Assume-Yes', TRUE_RE),
  message: () => '"apt-get install" without -y stops at the confirmation prompt during a build: add -y.',
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
      if (!map.has(s) && RECOMMENDS_CONF.test(r.script.text)) map.set(s, r.instr.index);
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
  subs: ['install'],
  optsWithValue: APT_OPTS_WITH_VALUE,
  satisfied: (cmd, run, ctx) =>
    hasFlag(cmd, '--no-install-recommends') || optionIs(cmd, 'APT::Install-Recommends', FALSE_RE) || recommendsOffInStage(ctx, run),
  message: () => '"apt-get install" also pulls in recommended packages: add --no-install-recommends.',
  fix: (run, _cmd, sub) => insertAfterFix(run, sub, ' --no-install-recommends', 'Add --no-install-recommends'),
});

/**
 * hadolint's DL3009 remembers the offending RUNs per stage and reports them only for the last stage and for
 * stages that a later FROM builds on (a builder stage's lists never reach the shipped image). Set to false to
 * report every RUN instead.
 */
const ONLY_SHIPPED_STAGES = true;

/** Stages whose file system ends up in an image: the last one and any stage a later FROM builds on. */
function shippedStages(ctx: RuleContext): Set<number> {
  const stages = ctx.doc.stages;
  const out = new Set<number>();
  if (stages.length) out.add(stages[stages.length - 1].index);
  const byName = new Map<string, number>();
  for (const s of stages) {
    const base = (s.resolvedImage ?? s.image).toLowerCase();
    const parent = byName.get(base);
    if (parent !== undefined) out.add(parent);
    else if (/^\d+$/.test(base) && Number(base) < s.index) out.add(Number(base));
    if (s.name) byName.set(s.name.toLowerCase(), s.index);
  }
  return out;
}

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
    const shipped = shippedStages(ctx);
    for (const run of runsWith(ctx, ['apt-get', 'apt'])) {
      if (ONLY_SHIPPED_STAGES && !run.onbuild && run.stage && !shipped.has(run.stage.index)) continue;
      const cmds = commandsOf(run.script);
      const update = cmds.find((c) => (c.base === 'apt-get' || c.base === 'apt') && toolSubcommand(c, [c.base], ['update'], APT_OPTS_WITH_VALUE));
      if (!update) continue;
      if (removesDir(cmds, APT_LISTS) || mountsOver(run, APT_LISTS)) continue;
      const cleanup = 'rm -rf /var/lib/apt/lists/*';
      ctx.report(run.range(update.start, update.end), `The package lists fetched by "${update.base} update" stay in this layer: end the RUN with "${cleanup}".`,
        appendCommandFix(run, cleanup, 'Delete the apt lists at the end of this RUN'));
    }
  },
});
