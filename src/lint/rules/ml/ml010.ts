import { commandRange, defineRule, hasCacheMount, type RuleContext, type RunInfo } from '../../rule';
import { commandsOf, hasFlag, positionalAt, positionals, type Command } from '../../shell';
import { commandsNamed, finalStage, stageLineage } from '../../facts';
import { restWords, unquote, type Stage } from '../../parser';
import { copyFroms } from '../stages/copyfrom';
import { runAssigned, scopeOf, mlRuns } from './scope';

const CONDA_TOOLS = new Set(['conda', 'mamba', 'micromamba']);
/** The commands that fill a package cache (the rule looks at nothing else). */
const CACHE_TOOLS = ['uv', 'conda', 'mamba', 'micromamba'];

const CONDA_INSTALLS = new Set(['install', 'create', 'update', 'upgrade']);
const CONDA_OPTS = ['-n', '--name', '-p', '--prefix', '-c', '--channel', '-f', '--file', '-r', '--root-prefix'];
const CONDA_PKGS_RM = /\/pkgs\/?(\*)?$/;
const UV_CACHE_RM = /\.cache\/uv\/?$|\$\{?UV_CACHE_DIR/;
const PKGS_TARGET = /\/pkgs\/?$/;
const ROOT_CACHE_TARGET = /^\/root\/\.cache\/?$/;
const FALSE_WORD = /^(0|false|no)$/i;

function condaInstall(cmd: Command): boolean {
  if (!CONDA_TOOLS.has(cmd.base)) return false;
  const pos = positionals(cmd, CONDA_OPTS);
  const first = pos[0]?.text;
  if (first !== undefined && CONDA_INSTALLS.has(first)) return true;
  return first === 'env' && (pos[1]?.text === 'create' || pos[1]?.text === 'update');
}

function condaCleaned(cmds: Command[]): boolean {
  return cmds.some((c) =>
    (CONDA_TOOLS.has(c.base) && positionalAt(c, CONDA_OPTS)?.text === 'clean' && hasFlag(c, '-a', '--all', '-t', '--tarballs', '-p', '--packages')) ||
    (c.base === 'rm' && c.args.some((w) => CONDA_PKGS_RM.test(w.text))));
}

/** `uv pip install|sync`, `uv sync`, `uv tool install`: commands that fill uv's cache. */
function uvInstall(cmd: Command): { word: number } | null {
  if (cmd.base !== 'uv') return null;
  const a0 = cmd.args[0]?.text;
  const a1 = cmd.args[1]?.text;
  if (a0 === 'pip' && (a1 === 'install' || a1 === 'sync')) return UV_WORD_1;
  if (a0 === 'sync') return UV_WORD_0;
  if (a0 === 'tool' && a1 === 'install') return UV_WORD_1;
  return null;
}
const UV_WORD_0 = { word: 0 };
const UV_WORD_1 = { word: 1 };

function uvCleaned(cmds: Command[]): boolean {
  return cmds.some((c) => (c.base === 'uv' && c.args[0]?.text === 'cache' && (c.args[1]?.text === 'clean' || c.args[1]?.text === 'prune')) ||
    (c.base === 'rm' && c.args.some((w) => UV_CACHE_RM.test(w.text))));
}

function uvCacheOff(run: RunInfo, value: (name: string) => string | null, cacheDir: string | null): boolean {
  const v = value('UV_NO_CACHE');
  if (v && !FALSE_WORD.test(v)) return true;
  return hasCacheMount(run, '/root/.cache/uv', ...(cacheDir ? [cacheDir] : [])) || run.mounts.some((m) => m.get('type') === 'cache' && ROOT_CACHE_TARGET.test(m.get('target') ?? ''));
}

export const ML010 = defineRule({
  code: 'ML010',
  level: 'warning',
  title: 'conda/mamba or uv package cache is left in the layer.',
  description:
    '`conda install`/`mamba install`/`micromamba create` keep every downloaded package under `pkgs/`, and `uv pip install`/`uv sync` keep a wheel cache; left in the layer they add hundreds of MB to GBs. ' +
    'Clean in the same RUN (`conda clean --all --yes`, `uv cache clean`), disable the cache (`uv … --no-cache`, `UV_NO_CACHE=1`), ' +
    'or use a BuildKit cache mount (`--mount=type=cache,target=/opt/conda/pkgs` or `/root/.cache/uv`). This is DL3042 for the tools it does not cover. ' +
    'uv\'s `--no-cache-dir` (an alias of `--no-cache`) and `UV_NO_CACHE` count. A stage that is not shipped is clean when a later RUN of it cleans the cache, or when nothing copied out of it (`COPY --from`) holds the cache folder. ' +
    'The quick fix appends the clean command, or adds `--no-cache` for uv.',
  example: {
    bad: 'FROM mambaorg/micromamba:1.5.10\nRUN micromamba install -y -n base python=3.11 numpy=2.1',
    good: 'FROM mambaorg/micromamba:1.5.10\nRUN micromamba install -y -n base python=3.11 numpy=2.1 && micromamba clean --all --yes',
  },
  check(ctx) {
    // the commands named like a tool that fills a cache, in file order (from the memoised index): their RUNs are the only ones to read
    const using = commandsNamed(ctx, CACHE_TOOLS);
    if (using.length === 0) return;
    const runs = ctx.runs();
    const ml = mlRuns(ctx); // parallel to `runs`
    let cursor = 0;
    for (let u = 0; u < using.length; u++) {
      const raw = using[u].run;
      if (u > 0 && using[u - 1].run === raw) continue; // that RUN is done
      while (runs[cursor] !== raw) cursor++;
      checkRun(ctx, ml[cursor]);
    }
  },
});

/** Reports the installs of one RUN that leave a cache behind. */
function checkRun(ctx: RuleContext, run: RunInfo): void {
  const cmds = commandsOf(run.script);
  // what keeps each cache out of the layer, worked out on the first install that needs it
  let value: ((name: string) => string | null) | undefined;
  const valueOf = () => {
    if (!value) {
      const assigned = runAssigned(run);
      const scope = scopeOf(ctx.doc, run.stage);
      value = (name: string) => assigned.get(name) ?? scope.value(name, run.instr);
    }
    return value;
  };
  let condaOk: boolean | undefined;
  let uvOk: boolean | undefined;
  for (const cmd of cmds) {
    // one finding per cache and RUN: the first install that fills it
    if (condaOk === false && uvOk === false) break;
    if (condaOk !== false && condaInstall(cmd) && !(condaOk ??= condaCacheOff(run, valueOf()) || condaCleaned(cmds) || unshipped(ctx, run, 'conda', valueOf()))) {
      const canFix = !run.exec && (cmd.next === '&&' || cmd.next === '' || cmd.next === '\n' || cmd.next === ';');
      const at = run.range(cmd.end, cmd.end);
      const fixes = canFix ? [{ title: `Append ${cmd.base} clean --all --yes`, edits: [{ ...at, newText: ` && ${cmd.base} clean --all --yes` }] }] : undefined;
      ctx.report(commandRange(run, cmd), `${cmd.base} keeps downloaded packages in pkgs/; add "${cmd.base} clean --all --yes" to this RUN or use a cache mount on the pkgs folder.`, fixes);
      condaOk = false;
    }
    const uv = uvInstall(cmd);
    if (uv && uvOk !== false && !(uvOk ??= uvCacheOff(run, valueOf(), valueOf()('UV_CACHE_DIR')) || uvCleaned(cmds)) && !hasFlag(cmd, '--no-cache', '-n', '--no-cache-dir') && !unshipped(ctx, run, 'uv', valueOf())) {
      const w = cmd.args[uv.word];
      const at = run.range(w.end, w.end);
      const fixes = run.exec ? undefined : [{ title: 'Add --no-cache', edits: [{ ...at, newText: ' --no-cache' }] }];
      ctx.report(commandRange(run, cmd), 'uv leaves its download cache in the layer; add --no-cache, set UV_NO_CACHE=1, or use --mount=type=cache,target=/root/.cache/uv.', fixes);
      uvOk = false;
    }
  }
}

/** A cache mount on conda's pkgs folder (the usual places, `CONDA_PKGS_DIRS`, `$MAMBA_ROOT_PREFIX/pkgs`, or any `…/pkgs`). */
function condaCacheOff(run: RunInfo, value: (name: string) => string | null): boolean {
  if (run.mounts.length === 0) return false; // no mount at all, so no cache mount
  const pkgsDir = value('CONDA_PKGS_DIRS');
  const mambaRoot = value('MAMBA_ROOT_PREFIX');
  return hasCacheMount(run, '/opt/conda/pkgs', '/root/.conda/pkgs', '/root/micromamba/pkgs', '/opt/micromamba/pkgs', '/home/mambauser/.mamba/pkgs', ...(pkgsDir ? [pkgsDir] : []), ...(mambaRoot ? [mambaRoot + '/pkgs'] : []))
    || run.mounts.some((m) => m.get('type') === 'cache' && PKGS_TARGET.test(m.get('target') ?? ''));
}

/** Where each tool keeps its cache by default. */
const CACHE_DIRS = {
  uv: ['/root/.cache/uv'],
  conda: ['/opt/conda/pkgs', '/root/.conda/pkgs', '/root/micromamba/pkgs', '/opt/micromamba/pkgs', '/home/mambauser/.mamba/pkgs'],
};

/**
 * True when the cache a RUN leaves never reaches the shipped image: its stage is not the final one
 * (nor built on by it), and either a later RUN of the stage cleans the cache or every `COPY --from`
 * of the stage (or of stages built on it) copies paths outside the cache folders.
 */
function unshipped(ctx: RuleContext, run: RunInfo, tool: 'uv' | 'conda', value: (name: string) => string | null): boolean {
  const stage = run.stage;
  const last = finalStage(ctx.doc);
  if (!stage || !last || run.onbuild || stageLineage(ctx.doc, last).includes(stage)) return false;
  const cleaned = tool === 'uv' ? uvCleaned : condaCleaned;
  for (const later of ctx.runs()) {
    if (later.stage === stage && later.instr.index > run.instr.index && !later.onbuild && cleaned(commandsOf(later.script))) return true;
  }
  const dirs = [...CACHE_DIRS[tool]];
  const extra = tool === 'uv' ? value('UV_CACHE_DIR') : value('CONDA_PKGS_DIRS');
  if (extra) dirs.push(extra);
  const root = tool === 'conda' ? value('MAMBA_ROOT_PREFIX') : null;
  if (root) dirs.push(root + '/pkgs');
  const family = new Set<number>(ctx.doc.stages.filter((s: Stage) => stageLineage(ctx.doc, s).includes(stage)).map((s: Stage) => s.index));
  // a stage nothing copies from may be built on its own (`--target`): then it is shipped
  let copied = false;
  for (const c of copyFroms(ctx)) {
    if (c.target.kind === 'variable') return false;
    if (c.target.kind !== 'stage' || !family.has(c.target.index)) continue;
    copied = true;
    const words = restWords(c.instr, ctx.doc.escape);
    const sources = c.instr.json ? c.instr.json.slice(0, -1) : words.slice(0, -1).map((w) => unquote(w.text));
    for (const src of sources) if (mayHoldCache(src, dirs)) return false;
  }
  return copied;
}

/** A copied path that is, or contains, one of the cache folders (or cannot be told). */
function mayHoldCache(src: string, dirs: string[]): boolean {
  if (/[$*?[]/.test(src) || src.includes('.cache')) return true;
  // sources of COPY --from are relative to the root of the stage
  const p = ('/' + src.replace(/^\.?\/+/, '').replace(/^\.$/, '')).replace(/\/+$/, '') || '/';
  return dirs.some((d) => p === '/' || d === p || d.startsWith(p + '/'));
}
