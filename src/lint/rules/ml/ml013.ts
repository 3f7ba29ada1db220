import { defineRule, type RuleContext, type RunInfo } from '../../rule';
import { commandsOf, positionalAt, positionals, type Command, type Word } from '../../shell';
import { parsePipInstall, type PipTarget } from '../../pip';
import { runAssigned, scopeOf, mlRuns } from './scope';

export const FRAMEWORKS = new Set([
  'torch', 'torchvision', 'torchaudio', 'tensorflow', 'tensorflow-cpu', 'tensorflow-gpu', 'jax', 'jaxlib', 'transformers',
  'vllm', 'xformers', 'flash-attn', 'deepspeed', 'diffusers', 'accelerate', 'peft',
]);
const CONDA_FRAMEWORKS = new Set(['pytorch', 'pytorch-gpu', 'torchvision', 'torchaudio', 'tensorflow', 'tensorflow-gpu', 'jax', 'jaxlib', 'transformers']);
// current organisations and the ones GitHub still redirects from (google/jax → jax-ml/jax, microsoft/DeepSpeed → deepspeedai/DeepSpeed)
const FRAMEWORK_REPO = /github\.com[/:](pytorch\/(pytorch|vision|audio)|tensorflow\/tensorflow|google\/jax|jax-ml\/jax|huggingface\/(transformers|diffusers|accelerate|peft|trl)|vllm-project\/vllm|sgl-project\/sglang|facebookresearch\/xformers|dao-ailab\/flash-attention|microsoft\/deepspeed|deepspeedai\/deepspeed|nvidia\/apex|nvidia\/transformerengine|flashinfer-ai\/flashinfer)(\.git)?([/@#]|$)/i;
const MOVING_REF = /^(main|master|develop|dev|nightly|head|trunk)$/i;

const PINNING = /(===?|~=|<)/;
const CONDA_PINNING = /[=<]/;
const BEFORE_VCS_URL = /^.*?@\s*(?=git\+)/;

function pinnedSpec(spec: string): boolean {
  return PINNING.test(spec);
}

const CONDA_TOOLS = new Set(['conda', 'mamba', 'micromamba']);
const CONDA_OPTS = ['-n', '--name', '-p', '--prefix', '-c', '--channel', '-f', '--file', '-r', '--root-prefix'];
const GIT_OPTS = ['-b', '--branch', '--depth', '-c', '--config', '--filter', '-o', '--origin'];
const CONDA_SPEC = /^(?:[\w.-]+::)?([A-Za-z0-9_.-]+)(.*)$/;
const CONSTRAINT_VARS = ['PIP_CONSTRAINT', 'UV_CONSTRAINT'];

/** The package specs of `conda|mamba|micromamba install|create` (the words after the subcommand); null for other commands. */
function condaSpecs(cmd: Command): Word[] | null {
  if (!CONDA_TOOLS.has(cmd.base)) return null;
  const pos = positionals(cmd, CONDA_OPTS);
  if (pos[0]?.text !== 'install' && pos[0]?.text !== 'create') return null;
  return pos;
}

export const ML013 = defineRule({
  code: 'ML013',
  level: 'warning',
  title: 'ML framework installed without a version pin.',
  description:
    'torch, tensorflow, jax, transformers, vllm, xformers, flash-attn, deepspeed and friends change APIs, CUDA builds and numerics between releases; an unpinned install makes the image differ on every rebuild. ' +
    'Pin with `==` (or `~=`, an upper bound, or a constraints file via `-c`/`PIP_CONSTRAINT`), pin VCS installs to a tag or commit (`git+https://…@v4.46.0`), ' +
    'and follow a `git clone` of a framework repository with `git checkout <tag>` (or clone with `--branch <tag>`); a checkout of a branch (`main`, `master`, `origin/main`, or a `$REF` whose default is one) is not a pin. ' +
    'Covers pip, `uv pip`, conda/mamba and `git clone`; unlike DL3013 it keeps working when DL3013 is switched off because pinning every small package is too strict for you.',
  example: {
    bad: 'FROM python:3.12-slim\nRUN pip install --no-cache-dir torch transformers',
    good: 'FROM python:3.12-slim\nRUN pip install --no-cache-dir torch==2.5.1 transformers==4.46.3',
  },
  check(ctx) {
    for (const run of mlRuns(ctx)) {
      let constrained: boolean | undefined;
      const cmds = commandsOf(run.script);
      for (const cmd of cmds) {
        const p = cmd.nameWord ? parsePipInstall(cmd) : null;
        if (p && !p.constraintFiles.length && !(constrained ??= isConstrained(ctx, run))) for (const t of p.targets) checkTarget(ctx.report, run, t);
        const specs = condaSpecs(cmd);
        if (specs) {
          for (let k = 1; k < specs.length; k++) {
            const w = specs[k];
            const m = CONDA_SPEC.exec(w.text);
            if (m && CONDA_FRAMEWORKS.has(m[1].toLowerCase()) && !CONDA_PINNING.test(m[2])) {
              ctx.report(run.range(w.start, w.end), `"${m[1]}" is installed without a version; pin it (e.g. ${m[1]}=<version>) so rebuilds get the same framework.`);
            }
          }
        }
        if (cmd.base === 'git' && positionalAt(cmd, GIT_OPTS)?.text === 'clone') {
          const url = cmd.args.find((w) => FRAMEWORK_REPO.test(w.text));
          if (!url) continue;
          const k = cmd.args.findIndex((w) => w.text === '-b' || w.text === '--branch' || w.text.startsWith('--branch='));
          const branch = k < 0 ? null : cmd.args[k].text.includes('=') ? cmd.args[k].text.split('=')[1] : cmd.args[k + 1]?.text ?? null;
          const value = (s: string) => refValue(ctx, run, s);
          if (branch && value(branch) !== 'moving') continue;
          const after = cmds.slice(cmds.indexOf(cmd) + 1);
          const pinnedLater = after.some((c) => {
            if (c.base !== 'git') return false;
            const pos = positionals(c, GIT_CHECKOUT_OPTS);
            const verb = pos[0]?.text;
            if (verb !== 'checkout' && verb !== 'switch' && verb !== 'reset') return false;
            const ref = pos.slice(1).find((w) => w.text !== '--');
            return !!ref && value(ref.text) !== 'moving';
          });
          if (pinnedLater) continue;
          ctx.report(run.range(url.start, url.end), `This clones ${url.text.replace(/^.*github\.com[/:]/, '').replace(/\.git$/, '')} at whatever its default branch is today; clone with --branch <tag> or run git checkout <tag|commit> after cloning.`);
        }
      }
    }
  },
});

const GIT_CHECKOUT_OPTS = ['-C', '-c', '--git-dir', '--work-tree', '-b', '-B', '--orphan'];

/**
 * Whether a git ref (as written, `$REF` resolved through ARG/ENV and the RUN's own assignments) is a
 * moving branch, a fixed ref, or unknown (an ARG without default: the builder will be told).
 */
function refValue(ctx: RuleContext, run: RunInfo, text: string): 'moving' | 'fixed' | 'unknown' {
  const r = text.includes('$') ? scopeOf(ctx.doc, run.stage).resolve(text, run.instr, runAssigned(run)) : { value: text, unresolved: [] };
  if (r.unresolved.length || r.value === '' || r.value.includes('$')) return 'unknown';
  const v = r.value.replace(/^origin\//, '');
  return MOVING_REF.test(v) ? 'moving' : 'fixed';
}

/** A constraints file from PIP_CONSTRAINT / UV_CONSTRAINT (ENV, ARG or the RUN line) pins what it lists. */
function isConstrained(ctx: RuleContext, run: RunInfo): boolean {
  return CONSTRAINT_VARS.some((v) => scopeOf(ctx.doc, run.stage).value(v, run.instr) || runAssigned(run).get(v));
}

function checkTarget(report: (r: ReturnType<RunInfo['range']>, m: string) => void, run: RunInfo, t: PipTarget): void {
  const w = t.word;
  if (t.spec.includes('$')) return;
  if (t.kind === 'vcs') {
    const url = t.spec.replace(BEFORE_VCS_URL, '');
    if (!(FRAMEWORKS.has(t.name ?? '') || FRAMEWORK_REPO.test(url))) return;
    const ref = t.specifier.replace(/^@/, '');
    if (ref && !MOVING_REF.test(ref)) return;
    report(run.range(w.start, w.end), `This installs ${t.name ?? url.replace(/^.*github\.com\//, '').replace(/[@#].*$/, '')} from ${ref ? `the moving branch "${ref}"` : 'the default branch'}; add @<tag> or @<commit> to the URL.`);
    return;
  }
  if (t.kind !== 'requirement' || !t.name || !FRAMEWORKS.has(t.name) || pinnedSpec(t.specifier)) return;
  report(run.range(w.start, w.end), `"${t.name}" is installed without a version pin${t.specifier ? ` ("${t.specifier}" has no upper bound)` : ''}; pin it with == so rebuilds get the same framework.`);
}
