import { commandRange, defineRule } from '../../rule';
import { splitWords, type Instruction } from '../../parser';
import { commandsOf, hasFlag, optionValue, positionals, type Command } from '../../shell';
import { parsePipInstall } from '../packages/pip';
import { mlRuns } from './scope';

const MANIFEST = /(^|\/)(requirements[\w.-]*\.(txt|in)|pyproject\.toml|uv\.lock|poetry\.lock|Pipfile(\.lock)?|environment[\w.-]*\.ya?ml|conda[\w.-]*\.ya?ml|setup\.(py|cfg)|constraints[\w.-]*\.txt|requirements)\/?$/;

function sourcesOf(instr: Instruction, escape: string): string[] {
  if (instr.json) return instr.json.slice(0, -1);
  return splitWords(instr.rest, escape).slice(0, -1).map((w) => w.text.replace(/^["']|["']$/g, ''));
}

/** A command that installs the project's dependencies from its manifest. */
function dependencyInstall(cmd: Command): string | null {
  const p = cmd.nameWord ? parsePipInstall(cmd) : null;
  if (p) {
    const tool = p.tool === 'uv' ? 'uv pip' : cmd.base;
    if (p.requirementFiles.length) return `${tool} install -r`;
    if (p.options.has('--no-deps')) return null;
    if (p.targets.some((t) => /^\.(\[[^\]]*\])?\/?$/.test(t.spec))) return `${tool} install .`;
    return null;
  }
  const pos = positionals(cmd).map((w) => w.text);
  if (cmd.base === 'uv' && pos[0] === 'sync' && !hasFlag(cmd, '--no-install-project', '--only-deps')) return 'uv sync';
  if (cmd.base === 'poetry' && pos[0] === 'install' && !hasFlag(cmd, '--no-root', '--only-root')) return 'poetry install';
  if (cmd.base === 'pipenv' && (pos[0] === 'install' || pos[0] === 'sync')) return `pipenv ${pos[0]}`;
  if (/^(conda|mamba|micromamba)$/.test(cmd.base) && (pos[0] === 'env' || pos[0] === 'create' || pos[0] === 'install') && optionValue(cmd, '-f', '--file')) return `${cmd.base} ${pos[0]} -f`;
  return null;
}

export const ML015 = defineRule({
  code: 'ML015',
  level: 'info',
  title: 'Dependencies are installed after copying the whole project.',
  description:
    'When `COPY . .` comes before `pip install -r requirements.txt` (or `uv sync`, `poetry install`, `conda env create -f`), any code change invalidates the dependency layer, ' +
    'and every rebuild downloads and installs torch and friends again. ' +
    'Copy only the dependency files first (`COPY requirements.txt .` or `pyproject.toml uv.lock`), install, then `COPY . .` — or install with `--mount=type=bind` on the manifest before the copy. ' +
    'A later `pip install --no-deps -e .`, `uv sync --no-install-project`-style two-step or `poetry install --no-root` passes.',
  example: {
    bad: 'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUN pip install --no-cache-dir -r requirements.txt',
    good: 'FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\nCOPY . .',
  },
  check(ctx) {
    const runOf = new Map(mlRuns(ctx).filter((r) => !r.onbuild).map((r) => [r.instr, r]));
    for (const st of ctx.doc.stages) {
      let copiedAll = false;
      let manifestFirst = false;
      for (const instr of st.instructions) {
        if ((instr.keyword === 'COPY' || instr.keyword === 'ADD') && !instr.flags.some((f) => f.name === 'from')) {
          const src = sourcesOf(instr, ctx.doc.escape);
          if (!copiedAll && src.some((s) => MANIFEST.test(s))) manifestFirst = true;
          if (src.some((s) => s === '.' || s === './')) copiedAll = true;
          continue;
        }
        if (instr.keyword !== 'RUN') continue;
        const run = runOf.get(instr);
        if (!run) continue;
        if (!copiedAll) {
          if (run.mounts.some((m) => m.get('type') === 'bind' && MANIFEST.test(m.get('source') ?? m.get('src') ?? ''))) manifestFirst = true;
          // anything installed before the copy (deps from a manifest, or the heavy packages by name) keeps its layer
          if (commandsOf(run.script).some((c) => (c.nameWord && parsePipInstall(c)) || /^(conda|mamba|micromamba|poetry|pipenv)$/.test(c.base) || (c.base === 'uv' && /^(sync|add|pip)$/.test(c.args[0]?.text ?? '')) || dependencyInstall(c))) manifestFirst = true;
          continue;
        }
        if (manifestFirst) continue;
        for (const cmd of commandsOf(run.script)) {
          const what = dependencyInstall(cmd);
          if (!what) continue;
          ctx.report(commandRange(run, cmd), `${what} runs after COPY of the whole project, so every code change reinstalls all dependencies; copy the dependency files first, install, then copy the rest.`);
          manifestFirst = true; // once per stage
          break;
        }
      }
    }
  },
});
