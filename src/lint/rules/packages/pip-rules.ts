// pip rules: DL3013 (pin versions) and DL3042 (--no-cache-dir).
import { lintRunCache } from '../../cache';
import { keyValuesOf } from '../../parser';
import { defineRule, type RuleContext, type RunInfo } from '../../rule';
import type { Command } from '../../shell';
import { pipInstalls } from '../../facts';
import { insertAfterFix, listNames } from './common';
import type { PipInstall, PipTarget } from '../../pip';

export const DL3013 = defineRule({
  code: 'DL3013',
  level: 'warning',
  title: 'Pin versions in pip.',
  description:
    'An unpinned `pip install pkg` resolves to the newest release on every build, so an upstream release can ' +
    'break an image whose Dockerfile did not change. Give a version (`pkg==1.2.3`, or at least a bound such as ' +
    '`pkg>=1.2,<2`), install from a requirements file (`-r requirements.txt`) or apply a constraints file (`-c`). ' +
    'VCS installs need a ref (`git+https://…/repo@v1.0`); local paths, wheels and archives count as pinned.',
  example: {
    bad: 'FROM python:3.12-slim\nRUN pip install --no-cache-dir flask',
    good: 'FROM python:3.12-slim\nRUN pip install --no-cache-dir flask==3.0.3',
  },
  check(ctx) {
    for (const { run, pip } of pipInstalls(ctx)) {
      if (pip.constraintFiles.length > 0 || !pip.targets.some(isUnpinned)) continue;
      const unpinned = pip.targets.filter(isUnpinned);
      ctx.report(run.range(unpinned[0].word.start, unpinned[0].word.end),
        `No version given for ${listNames(unpinned.map((t) => t.spec))}: pin it (\`name==version\`, a VCS \`@ref\`) or use a requirements/constraints file.`);
    }
  },
});

const isUnpinned = (t: PipTarget) => !t.pinned && t.spec !== '';

/** Values of PIP_NO_CACHE_DIR that turn the cache off, as hadolint reads them (a `$VAR` may: it is not judged). */
const TRUTHY = /^(1|true|yes|on|y|t)$/i;
const turnsCacheOff = (value: string) => TRUTHY.test(value.trim()) || value.includes('$');
const NO_CACHE_VAR = 'PIP_NO_CACHE_DIR';

/** Per lint run: for each stage, the index of the ENV/ARG instruction that sets PIP_NO_CACHE_DIR truthy. */
const envCache = lintRunCache<RuleContext, Map<number, number>>();

function noCacheEnvIndex(ctx: RuleContext, stage: number): number | undefined {
  let map = envCache.get(ctx);
  if (!map) {
    map = new Map();
    const stages = ctx.doc.stages;
    const byName = new Map<string, number>();
    for (const s of stages) {
      // a stage built FROM an earlier stage inherits its environment
      const parent = byName.get((s.resolvedImage ?? s.image).toLowerCase());
      if (parent !== undefined && map.has(parent)) map.set(s.index, s.from.index);
      if (s.name) byName.set(s.name.toLowerCase(), s.index);
      for (const instr of s.instructions) {
        if (map.has(s.index) || (instr.keyword !== 'ENV' && instr.keyword !== 'ARG') || !instr.rest.includes(NO_CACHE_VAR)) continue;
        const kv = keyValuesOf(instr, ctx.doc.escape).find((p) => p.key === NO_CACHE_VAR);
        if (kv && turnsCacheOff(kv.value) && !(instr.keyword === 'ARG' && !instr.rest.includes('='))) map.set(s.index, instr.index);
      }
    }
    envCache.set(ctx, map);
  }
  return map.get(stage);
}

function setsNoCache(words: readonly { text: string }[]): boolean {
  for (const w of words) {
    // `PIP_NO_CACHE_DIR=<value>`
    if (w.text.charCodeAt(NO_CACHE_VAR.length) === 61 /* = */ && w.text.startsWith(NO_CACHE_VAR) && turnsCacheOff(w.text.slice(NO_CACHE_VAR.length + 1))) return true;
  }
  return false;
}

/** Per RUN, the index of its first command that exports PIP_NO_CACHE_DIR truthy (Infinity when none). */
const exportAt = lintRunCache<RunInfo, number>();

function exportIndex(run: RunInfo): number {
  let at = exportAt.get(run);
  if (at === undefined) {
    const cmds = run.script.commands;
    at = cmds.findIndex((c) => c.base === 'export' && setsNoCache(c.args));
    if (at < 0) at = Infinity;
    exportAt.set(run, at);
  }
  return at;
}

/** True when the environment of this pip call disables the cache (ENV/ARG in the stage, `VAR=1 pip …`, `export VAR=1`). */
function envDisablesCache(ctx: RuleContext, run: RunInfo, raw: Command, index: number): boolean {
  if (setsNoCache(raw.assignments)) return true;
  if (raw.base === 'env' && setsNoCache(raw.args)) return true;
  // `export PIP_NO_CACHE_DIR=1 && pip …`: an export before this command
  if (exportIndex(run) < index) return true;
  const at = run.stage ? noCacheEnvIndex(ctx, run.stage.index) : undefined;
  return at !== undefined && at <= run.instr.index;
}

/** True when the RUN mounts a cache over pip's cache directory (or the --cache-dir given). */
function cacheMounted(run: RunInfo, pip: PipInstall): boolean {
  if (run.mounts.length === 0) return false;
  const cacheDir = (pip.options.get('--cache-dir') ?? []).map((d) => d.replace(/\/+$/, ''));
  return run.mounts.some((m) => {
    if (m.get('type') !== 'cache' && m.get('type') !== 'tmpfs') return false;
    const target = (m.get('target') ?? '').replace(/\/+$/, '');
    return target.includes('.cache/pip') || target.endsWith('/.cache') || (target !== '' && cacheDir.includes(target));
  });
}

export const DL3042 = defineRule({
  code: 'DL3042',
  level: 'warning',
  title: 'Avoid the pip cache directory with pip install --no-cache-dir.',
  description:
    'pip keeps every downloaded wheel in `~/.cache/pip`; inside a RUN that cache is written into the layer and ' +
    'shipped with the image, often hundreds of megabytes for ML stacks. Pass `--no-cache-dir`, set ' +
    '`ENV PIP_NO_CACHE_DIR=1` earlier in the stage, or keep the cache outside the image with ' +
    '`RUN --mount=type=cache,target=/root/.cache/pip`. `python -m pip` counts as pip.',
  example: {
    bad: 'FROM python:3.12-slim\nRUN pip install numpy==2.1.3',
    good: 'FROM python:3.12-slim\nRUN pip install --no-cache-dir numpy==2.1.3',
  },
  check(ctx) {
    for (const { run, cmd, raw, index, pip } of pipInstalls(ctx)) {
      if (pip.tool !== 'pip' || pip.noCache) continue;
      if (envDisablesCache(ctx, run, raw, index) || cacheMounted(run, pip)) continue;
      ctx.report(run.range(cmd.nameWord!.start, pip.installWord.end),
        'pip keeps its download cache in the image layer: add --no-cache-dir (or set PIP_NO_CACHE_DIR=1, or mount a cache).',
        insertAfterFix(run, pip.installWord, ' --no-cache-dir', 'Add --no-cache-dir'));
    }
  },
});
