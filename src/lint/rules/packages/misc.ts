// DL3046 (useradd -l with a high UID), DL3047 (wget --progress), DL4001 (wget and curl both used).
import { lintRunCache } from '../../cache';
import { keyValuesOf, substitute } from '../../parser';
import { defineRule, type RuleContext, type RunInfo } from '../../rule';
import type { Command } from '../../shell';
import { commandsNamed } from '../../facts';
import { insertAfterFix } from './common';

const USERADD = ['useradd'];
const WGET = ['wget'];
const DOWNLOADERS = ['wget', 'curl'];

/** Per lint run: for each stage, each ARG/ENV name → its assignments in order (instruction index, value). */
const varsCache = lintRunCache<RuleContext, Map<number, Map<string, { index: number; value: string | null }[]>>>();

/** The values of `names` as declared by ARG (default) or ENV in the RUN's stage before it. Linear to build, log-time to query. */
function varsBefore(ctx: RuleContext, run: RunInfo, names: string[]): Map<string, string | null> {
  let byStage = varsCache.get(ctx);
  if (!byStage) {
    byStage = new Map();
    for (const stage of ctx.doc.stages) {
      const vars = new Map<string, { index: number; value: string | null }[]>();
      for (const instr of stage.instructions) {
        if (instr.keyword !== 'ARG' && instr.keyword !== 'ENV') continue;
        for (const kv of keyValuesOf(instr, ctx.doc.escape)) {
          const value = kv.value !== '' || instr.keyword === 'ENV' ? kv.value : ctx.doc.globalArgs.get(kv.key) ?? null;
          const list = vars.get(kv.key) ?? [];
          list.push({ index: instr.index, value });
          vars.set(kv.key, list);
        }
      }
      byStage.set(stage.index, vars);
    }
    varsCache.set(ctx, byStage);
  }
  const vars = byStage.get(run.stage?.index ?? -1);
  const out = new Map<string, string | null>();
  for (const name of names) {
    const list = vars?.get(name);
    if (!list) continue;
    let lo = 0;
    let hi = list.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid].index < run.instr.index) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (found >= 0) out.set(name, list[found].value);
  }
  return out;
}

const NO_NAMES: string[] = [];

/**
 * The variables `raw` refers to, in order: the matches of `/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g` along it, as a
 * scan (`matchAll` clones its regex on every call).
 */
function varNames(raw: string): string[] {
  const out: string[] = [];
  for (let k = raw.indexOf('$'); k >= 0; k = raw.indexOf('$', k + 1)) {
    let i = k + 1;
    if (raw.charCodeAt(i) === 123 /* { */) i++;
    const start = i;
    while (i < raw.length && isNameChar(raw.charCodeAt(i), i === start)) i++;
    if (i === start) continue;
    out.push(raw.slice(start, i));
    k = i - 1; // the next match starts after this one
  }
  return out;
}

/** `[A-Za-z_]`, and digits after the first character. */
function isNameChar(c: number, first: boolean): boolean {
  return ((c | 0x20) >= 97 && (c | 0x20) <= 122) || c === 95 || (!first && c >= 48 && c <= 57);
}

/** The value of useradd's `-u` / `--uid` (also `-u1000`, `--uid=1000`, inside a cluster like `-mu 1000`). */
function uidArg(cmd: Command): string | null {
  const a = cmd.args;
  for (let k = 0; k < a.length; k++) {
    const t = a[k].text;
    if (t.charCodeAt(0) !== 45 /* - */ || !t.includes('u')) continue; // every form is an option with a `u`
    if (t === '--uid' && k + 1 < a.length) return a[k + 1].text;
    if (t.startsWith('--uid=')) return t.slice(6);
    const m = /^-([a-zA-Z]*)u(.*)$/.exec(t);
    if (m && !t.startsWith('--') && !/[cdefgGkKpsbZ]/.test(m[1])) return m[2] !== '' ? m[2] : a[k + 1]?.text ?? null;
  }
  return null;
}

const hasNoLogInit = (cmd: Command) =>
  cmd.args.some((a) => a.text.charCodeAt(0) === 45 /* - */ && (a.text === '--no-log-init' || (/^-[a-zA-Z]+$/.test(a.text) && /^-[^u]*l/.test(a.text))));

export const DL3046 = defineRule({
  code: 'DL3046',
  level: 'warning',
  title: 'useradd without -l and a high UID makes the image much larger.',
  description:
    '`useradd` reserves space for the new user in `/var/log/lastlog` and `/var/log/faillog`, which are sparse files ' +
    'indexed by UID. In an image layer they are stored in full, so a UID such as 100000000 adds gigabytes. Pass `-l` ' +
    '(`--no-log-init`) or use a small UID.',
  example: {
    bad: 'FROM debian:12\nRUN useradd -u 123456789 app',
    good: 'FROM debian:12\nRUN useradd -l -u 123456789 app',
  },
  check(ctx) {
    for (const { run, cmd } of commandsNamed(ctx, USERADD)) {
      if (hasNoLogInit(cmd)) continue;
      const raw = uidArg(cmd);
      if (raw === null) continue;
      const names = raw.includes('$') ? varNames(raw) : NO_NAMES;
      const uid = names.length ? substitute(raw, varsBefore(ctx, run, names)).value : raw;
      if (!/^\d+$/.test(uid) || uid.replace(/^0+/, '').length <= 5) continue;
      ctx.report(run.range(cmd.nameWord!.start, cmd.nameWord!.end),
        `UID ${uid} is large: without -l, useradd writes lastlog/faillog entries that bloat the layer. Add -l (--no-log-init).`,
        insertAfterFix(run, cmd.nameWord!, ' -l', 'Add -l'));
    }
  },
});

/** wget short options that take a value (a cluster ends at them). */
const WGET_SHORT_WITH_VALUE = 'oaeiBtOTwQPUlARDIX';

/** True when wget prints no per-chunk progress to the build log. */
function wgetQuiet(cmd: Command): boolean {
  for (const a of cmd.args) {
    const t = a.text;
    if (/^--(progress|quiet|no-verbose|output-file|append-output)(=|$)/.test(t) || t === '-nv') return true;
    if (!/^-[a-zA-Z]/.test(t) || /^-n[a-zA-Z]/.test(t)) continue;
    for (const ch of t.slice(1)) {
      if (ch === 'q' || ch === 'o' || ch === 'a') return true;
      if (WGET_SHORT_WITH_VALUE.includes(ch)) break;
    }
  }
  return false;
}

export const DL3047 = defineRule({
  code: 'DL3047',
  level: 'info',
  title: 'Use wget --progress to avoid bloated build logs.',
  description:
    'Without a terminal, wget falls back to printing a line of dots for every few kilobytes, so downloading a large ' +
    'file (a model, a toolkit) floods the build log with thousands of lines. Pass `--progress=dot:giga`, or silence ' +
    'wget with `-q` / `-nv`.',
  example: {
    bad: 'FROM debian:12\nRUN wget https://example.com/model.tar.gz',
    good: 'FROM debian:12\nRUN wget --progress=dot:giga https://example.com/model.tar.gz',
  },
  check(ctx) {
    for (const { run, cmd } of commandsNamed(ctx, WGET)) {
      if (wgetQuiet(cmd)) continue;
      ctx.report(run.range(cmd.nameWord!.start, cmd.nameWord!.end),
        'wget without --progress fills the build log with progress dots: add --progress=dot:giga (or -nv / -q).',
        insertAfterFix(run, cmd.nameWord!, ' --progress=dot:giga', 'Add --progress=dot:giga'));
    }
  },
});

export const DL4001 = defineRule({
  code: 'DL4001',
  level: 'warning',
  title: 'Use either wget or curl, not both.',
  description:
    'Having both download tools in one image means installing and maintaining two programs that do the same job. ' +
    'Pick one. Within each stage, every use of the tool that was not used first is reported (curl and wget in different ' +
    'stages are fine, since only one ends up in each image).',
  example: {
    bad: 'FROM debian:12\nRUN wget -q https://example.com/a.tgz\nRUN curl -fsSLO https://example.com/b.tgz',
    good: 'FROM debian:12\nRUN curl -fsSLO https://example.com/a.tgz\nRUN curl -fsSLO https://example.com/b.tgz',
  },
  check(ctx) {
    const list = commandsNamed(ctx, DOWNLOADERS);
    // only a stage that uses both tools can be reported (the list is in file order, so stages come in order)
    if (list.length < 2 || list.every((c) => c.cmd.base === list[0].cmd.base)) return;
    const first = new Map<number, { tool: string; line: number }>();
    for (const { run, cmd } of list) {
      const stage = run.stage?.index ?? -1;
      const seen = first.get(stage);
      if (seen && seen.tool === cmd.base) continue;
      const r = run.range(cmd.nameWord!.start, cmd.nameWord!.end);
      if (!seen) first.set(stage, { tool: cmd.base, line: r.line });
      else ctx.report(r, `This stage already downloads with ${seen.tool} (line ${seen.line}); use ${seen.tool} here too instead of ${cmd.base}.`);
    }
  },
});
