import { commandRange, defineRule, type RunInfo } from '../../rule';
import { restWords, type Instruction } from '../../parser';
import { commandsOf, hasFlag, optionValue, positionals, type Command } from '../../shell';
import { parsePipInstall } from '../../pip';
import { mlRuns } from './scope';
import { copyInstructions, isFromFlag, stripQuotes } from './ml008';

const MANIFEST = /(^|\/)(requirements[\w.-]*\.(txt|in)|pyproject\.toml|uv\.lock|poetry\.lock|Pipfile(\.lock)?|environment[\w.-]*\.ya?ml|conda[\w.-]*\.ya?ml|setup\.(py|cfg)|constraints[\w.-]*\.txt|requirements)\/?$/;
const CONDA = /^(conda|mamba|micromamba)$/;
const INSTALLERS = /^(conda|mamba|micromamba|poetry|pipenv)$/;
const UV_INSTALLS = /^(sync|add|pip)$/;
const LOCAL_PROJECT = /^\.(\[[^\]]*\])?\/?$/;
/** The command names `dependencyInstall` looks at besides pip (whose positionals it reads). */
const OTHER_TOOLS = new Set(['uv', 'poetry', 'pipenv', 'conda', 'mamba', 'micromamba']);

/** The COPY / ADD sources (all words but the last, quotes stripped as `/^["']|["']$/g` does) that satisfy `test`. */
function someSource(instr: Instruction, escape: string, test: (src: string) => boolean): boolean {
  if (instr.json) {
    for (let k = 0; k < instr.json.length - 1; k++) if (test(instr.json[k])) return true;
    return false;
  }
  const words = restWords(instr, escape);
  for (let k = 0; k < words.length - 1; k++) if (test(stripQuotes(words[k].text))) return true;
  return false;
}

const isManifest = (s: string) => MANIFEST.test(s);
const isWholeContext = (s: string) => s === '.' || s === './';
const isCopy = (instr: Instruction) => (instr.keyword === 'COPY' || instr.keyword === 'ADD') && !instr.flags.some(isFromFlag);

/** A command that installs the project's dependencies from its manifest. */
function dependencyInstall(cmd: Command): string | null {
  const p = cmd.nameWord ? parsePipInstall(cmd) : null;
  if (p) {
    const tool = p.tool === 'uv' ? 'uv pip' : cmd.base;
    if (p.requirementFiles.length) return `${tool} install -r`;
    if (p.options.has('--no-deps')) return null;
    if (p.targets.some((t) => LOCAL_PROJECT.test(t.spec))) return `${tool} install .`;
    return null;
  }
  if (!OTHER_TOOLS.has(cmd.base)) return null; // none of the cases below
  const pos = positionals(cmd).map((w) => w.text);
  if (cmd.base === 'uv' && pos[0] === 'sync' && !hasFlag(cmd, '--no-install-project', '--only-deps')) return 'uv sync';
  if (cmd.base === 'poetry' && pos[0] === 'install' && !hasFlag(cmd, '--no-root', '--only-root')) return 'poetry install';
  if (cmd.base === 'pipenv' && (pos[0] === 'install' || pos[0] === 'sync')) return `pipenv ${pos[0]}`;
  if (CONDA.test(cmd.base) && (pos[0] === 'env' || pos[0] === 'create' || pos[0] === 'install') && optionValue(cmd, '-f', '--file')) return `${cmd.base} ${pos[0]} -f`;
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
    const escape = ctx.doc.escape;
    const runs = mlRuns(ctx);
    // RUNs are looked up in file order, so one cursor over the (file-ordered) runs finds them all
    let cursor = 0;
    const runOf = (instr: Instruction): RunInfo | undefined => {
      while (cursor < runs.length && runs[cursor].instr.index < instr.index) cursor++;
      const run = runs[cursor];
      return run && run.instr === instr && !run.onbuild ? run : undefined;
    };
    // only a stage that copies the whole context can have something to report: its first such copy, stage by stage in file order
    let done = -1;
    for (const copy of copyInstructions(ctx)) {
      if (copy.stage <= done || !isCopy(copy) || !someSource(copy, escape, isWholeContext)) continue;
      done = copy.stage;
      const instrs = ctx.doc.stages[copy.stage]?.instructions ?? [];
      const copyAll = instrs.indexOf(copy);
      if (copyAll < 0) continue;
      // up to that copy (its own sources included): manifests copied or bind-mounted, or anything installed, keep the dependency layer
      let manifestFirst = false;
      for (let k = 0; k <= copyAll && !manifestFirst; k++) {
        const instr = instrs[k];
        if (isCopy(instr)) manifestFirst = someSource(instr, escape, isManifest);
        else if (instr.keyword === 'RUN') {
          const run = runOf(instr);
          if (run) manifestFirst = installsBefore(run);
        }
      }
      if (manifestFirst) continue;
      // after it: the first dependency install is reported, once per stage
      stage: for (let k = copyAll + 1; k < instrs.length; k++) {
        if (instrs[k].keyword !== 'RUN') continue;
        const run = runOf(instrs[k]);
        if (!run) continue;
        for (const cmd of commandsOf(run.script)) {
          const what = dependencyInstall(cmd);
          if (!what) continue;
          ctx.report(commandRange(run, cmd), `${what} runs after COPY of the whole project, so every code change reinstalls all dependencies; copy the dependency files first, install, then copy the rest.`);
          break stage;
        }
      }
    }
  },
});

/** A RUN before the whole-context copy that keeps the dependency layer: a manifest bind mount, or any install (deps from a manifest, or heavy packages by name). */
function installsBefore(run: RunInfo): boolean {
  if (run.mounts.some((m) => m.get('type') === 'bind' && MANIFEST.test(m.get('source') ?? m.get('src') ?? ''))) return true;
  return commandsOf(run.script).some((c) => (c.nameWord && parsePipInstall(c)) || INSTALLERS.test(c.base) || (c.base === 'uv' && UV_INSTALLS.test(c.args[0]?.text ?? '')) || dependencyInstall(c));
}
