import { commandRange, defineRule, hasCacheMount, type RunInfo } from '../../rule';
import { commandsOf, hasFlag, positionals, type Command } from '../../shell';
import { runAssigned, scopeOf, mlRuns } from './scope';

const CONDA = /^(conda|mamba|micromamba)$/;
const CONDA_INSTALLS = new Set(['install', 'create', 'update', 'upgrade']);
const CONDA_OPTS = ['-n', '--name', '-p', '--prefix', '-c', '--channel', '-f', '--file', '-r', '--root-prefix'];

function condaInstall(cmd: Command): boolean {
  if (!CONDA.test(cmd.base)) return false;
  const pos = positionals(cmd, CONDA_OPTS).map((w) => w.text);
  if (CONDA_INSTALLS.has(pos[0])) return true;
  return pos[0] === 'env' && (pos[1] === 'create' || pos[1] === 'update');
}

function condaCleaned(cmds: Command[]): boolean {
  return cmds.some((c) =>
    (CONDA.test(c.base) && positionals(c, CONDA_OPTS)[0]?.text === 'clean' && hasFlag(c, '-a', '--all', '-t', '--tarballs', '-p', '--packages')) ||
    (c.base === 'rm' && c.args.some((w) => /\/pkgs\/?(\*)?$/.test(w.text))));
}

/** `uv pip install|sync`, `uv sync`, `uv tool install`: commands that fill uv's cache. */
function uvInstall(cmd: Command): { word: number } | null {
  if (cmd.base !== 'uv') return null;
  const a = cmd.args.map((w) => w.text);
  if (a[0] === 'pip' && (a[1] === 'install' || a[1] === 'sync')) return { word: 1 };
  if (a[0] === 'sync') return { word: 0 };
  if (a[0] === 'tool' && a[1] === 'install') return { word: 1 };
  return null;
}

function uvCleaned(cmds: Command[]): boolean {
  return cmds.some((c) => (c.base === 'uv' && c.args[0]?.text === 'cache' && (c.args[1]?.text === 'clean' || c.args[1]?.text === 'prune')) ||
    (c.base === 'rm' && c.args.some((w) => /\.cache\/uv\/?$|\$\{?UV_CACHE_DIR/.test(w.text))));
}

function uvCacheOff(run: RunInfo, value: (name: string) => string | null, cacheDir: string | null): boolean {
  const v = value('UV_NO_CACHE');
  if (v && !/^(0|false|no)$/i.test(v)) return true;
  return hasCacheMount(run, '/root/.cache/uv', ...(cacheDir ? [cacheDir] : [])) || run.mounts.some((m) => m.get('type') === 'cache' && /^\/root\/\.cache\/?$/.test(m.get('target') ?? ''));
}

export const ML010 = defineRule({
  code: 'ML010',
  level: 'warning',
  title: 'conda/mamba or uv package cache is left in the layer.',
  description:
    '`conda install`/`mamba install`/`micromamba create` keep every downloaded package under `pkgs/`, and `uv pip install`/`uv sync` keep a wheel cache; left in the layer they add hundreds of MB to GBs. ' +
    'Clean in the same RUN (`conda clean --all --yes`, `uv cache clean`), disable the cache (`uv … --no-cache`, `UV_NO_CACHE=1`), ' +
    'or use a BuildKit cache mount (`--mount=type=cache,target=/opt/conda/pkgs` or `/root/.cache/uv`). This is DL3042 for the tools it does not cover. ' +
    'The quick fix appends the clean command, or adds `--no-cache` for uv.',
  example: {
    bad: 'FROM mambaorg/micromamba:1.5.10\nRUN micromamba install -y -n base python=3.11 numpy=2.1',
    good: 'FROM mambaorg/micromamba:1.5.10\nRUN micromamba install -y -n base python=3.11 numpy=2.1 && micromamba clean --all --yes',
  },
  check(ctx) {
    for (const run of mlRuns(ctx)) {
      const cmds = commandsOf(run.script);
      if (!cmds.some((c) => c.base === 'uv' || CONDA.test(c.base))) continue; // nothing that fills a cache
      const assigned = runAssigned(run);
      const scope = scopeOf(ctx.doc, run.stage);
      const value = (name: string) => assigned.get(name) ?? scope.value(name, run.instr);
      const pkgsDir = value('CONDA_PKGS_DIRS');
      const mambaRoot = value('MAMBA_ROOT_PREFIX');
      const condaCache = hasCacheMount(run, '/opt/conda/pkgs', '/root/.conda/pkgs', '/root/micromamba/pkgs', '/opt/micromamba/pkgs', '/home/mambauser/.mamba/pkgs', ...(pkgsDir ? [pkgsDir] : []), ...(mambaRoot ? [mambaRoot + '/pkgs'] : []))
        || run.mounts.some((m) => m.get('type') === 'cache' && /\/pkgs\/?$/.test(m.get('target') ?? ''));
      const condaOk = condaCache || condaCleaned(cmds);
      const uvOk = uvCacheOff(run, value, value('UV_CACHE_DIR')) || uvCleaned(cmds);
      for (const cmd of cmds) {
        if (!condaOk && condaInstall(cmd)) {
          const canFix = !run.exec && (cmd.next === '&&' || cmd.next === '' || cmd.next === '\n' || cmd.next === ';');
          const at = run.range(cmd.end, cmd.end);
          const fixes = canFix ? [{ title: `Append ${cmd.base} clean --all --yes`, edits: [{ ...at, newText: ` && ${cmd.base} clean --all --yes` }] }] : undefined;
          ctx.report(commandRange(run, cmd), `${cmd.base} keeps downloaded packages in pkgs/; add "${cmd.base} clean --all --yes" to this RUN or use a cache mount on the pkgs folder.`, fixes);
        }
        const uv = uvOk ? null : uvInstall(cmd);
        if (uv && !hasFlag(cmd, '--no-cache', '-n')) {
          const w = cmd.args[uv.word];
          const at = run.range(w.end, w.end);
          const fixes = run.exec ? undefined : [{ title: 'Add --no-cache', edits: [{ ...at, newText: ' --no-cache' }] }];
          ctx.report(commandRange(run, cmd), 'uv leaves its download cache in the layer; add --no-cache, set UV_NO_CACHE=1, or use --mount=type=cache,target=/root/.cache/uv.', fixes);
        }
      }
    }
  },
});
