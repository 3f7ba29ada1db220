import { commandRange, defineRule, type RunInfo } from '../../rule';
import { splitWords } from '../../parser';
import { commandsOf, optionValue, positionals, type Command } from '../../shell';
import { finalStage, stageLineage } from '../../facts';
import { mlRuns } from './scope';

const WEIGHT_EXT = /\.(safetensors|pt|pth|ckpt|gguf|onnx|h5|keras|pb|tflite|engine|plan)$/i;
const WEIGHT_DIRS = new Set(['checkpoints', 'checkpoint', 'ckpt', 'ckpts', 'weights', 'pretrained', 'pretrained_models']);

function isWeightPath(src: string): boolean {
  const clean = src.replace(/^\.\//, '').replace(/[?#].*$/, '').replace(/\/+$/, '');
  if (WEIGHT_EXT.test(clean)) return true;
  if (/^https?:\/\/(www\.)?huggingface\.co\/.+\/resolve\//.test(src)) return true;
  return WEIGHT_DIRS.has(clean.toLowerCase());
}

/** The commands `weightDownload` knows, besides python. */
const DOWNLOADERS = new Set(['huggingface-cli', 'hf', 'ollama', 'text-generation-server', 'git', 'curl', 'wget']);
const PYTHON = /^python(\d+(\.\d+)?)?$/;

/** A command that downloads model weights, and where it puts them (null: a default cache). */
function weightDownload(cmd: Command): { what: string; dest: string | null } | null {
  if (!DOWNLOADERS.has(cmd.base) && !PYTHON.test(cmd.base)) return null;
  const sub = positionals(cmd, ['--local-dir', '--cache-dir', '--revision', '--repo-type', '--token', '--include', '--exclude'])[0]?.text;
  if ((cmd.base === 'huggingface-cli' || cmd.base === 'hf') && sub === 'download') {
    return { what: `${cmd.base} download`, dest: optionValue(cmd, '--local-dir', '--cache-dir') };
  }
  if (cmd.base === 'ollama' && sub === 'pull') return { what: 'ollama pull', dest: null };
  if (cmd.base === 'text-generation-server' && sub === 'download-weights') return { what: 'text-generation-server download-weights', dest: null };
  if (PYTHON.test(cmd.base)) {
    const i = cmd.args.findIndex((w) => w.text === '-c');
    const code = i >= 0 ? cmd.args[i + 1]?.text ?? '' : '';
    const m = /\b(snapshot_download|hf_hub_download|from_pretrained|SentenceTransformer|pipeline)\s*\(/.exec(code);
    if (m) return { what: `${m[1]}() at build time`, dest: /local_dir\s*=\s*["']([^"']+)/.exec(code)?.[1] ?? /cache_dir\s*=\s*["']([^"']+)/.exec(code)?.[1] ?? null };
  }
  if (cmd.base === 'git' && sub === 'clone') {
    const pos = positionals(cmd, ['-b', '--branch', '--depth', '--filter', '-c', '--config', '--reference', '-o', '--origin', '--jobs', '-j']);
    const url = pos[1]?.text ?? '';
    if (/^https?:\/\/(www\.)?huggingface\.co\//.test(url) && !/huggingface\.co\/(spaces|datasets)\//.test(url)) {
      return { what: 'git clone from huggingface.co', dest: pos[2]?.text ?? null };
    }
  }
  if (cmd.base === 'curl' || cmd.base === 'wget') {
    const url = cmd.args.find((w) => /^https?:\/\//.test(w.text))?.text;
    if (url && isWeightPath(url.replace(/[?#].*$/, ''))) {
      return { what: `${cmd.base} of ${url.replace(/[?#].*$/, '').split('/').pop()}`, dest: optionValue(cmd, '-o', '--output', '-O', '--output-document', '-P', '--directory-prefix') ?? '.' };
    }
  }
  return null;
}

function cacheTargets(run: RunInfo): string[] {
  return run.mounts.filter((m) => m.get('type') === 'cache').map((m) => (m.get('target') ?? '').replace(/\/+$/, '')).filter(Boolean);
}

export const ML008 = defineRule({
  code: 'ML008',
  level: 'info',
  title: 'Model weights are baked into the image.',
  description:
    'Copying or downloading multi-GB weights (`*.safetensors`, `*.pt`, `*.gguf`, `checkpoints/`, `huggingface-cli download`, `from_pretrained(` at build time, `ollama pull`…) into the shipped image ' +
    'makes it slow to push and pull and forces a rebuild whenever the model changes. ' +
    'Prefer downloading at start-up into a volume (`HF_HOME`, `TORCH_HOME`), or fetch in a separate stage and copy from it on purpose. ' +
    'Only the final stage and the stages it is built on are checked; downloads into a `--mount=type=cache` target pass. ' +
    'Set `allowModelWeights: true` in `.hadolint.yaml` for images that bake weights on purpose. Deviation from the proposal: a `models/` folder alone is not reported, as it often holds code.',
  example: {
    bad: 'FROM python:3.12-slim\nCOPY checkpoints/model.safetensors /app/model.safetensors',
    good: 'FROM python:3.12-slim\nENV HF_HOME=/models\nVOLUME /models',
  },
  check(ctx) {
    if (ctx.config.allowModelWeights) return;
    const last = finalStage(ctx.doc);
    if (!last) return;
    const shipped = new Set(stageLineage(ctx.doc, last).map((s) => s.index));
    for (const st of ctx.doc.stages) {
      if (!shipped.has(st.index)) continue;
      for (const instr of st.instructions) {
        if ((instr.keyword !== 'COPY' && instr.keyword !== 'ADD') || instr.flags.some((f) => f.name === 'from')) continue;
        const words = instr.json ? null : splitWords(instr.rest, ctx.doc.escape);
        const sources = instr.json ? instr.json.slice(0, -1) : (words ?? []).slice(0, -1).map((w) => w.text.replace(/^["']|["']$/g, ''));
        const hit = sources.find(isWeightPath);
        if (!hit) continue;
        const w = words?.find((x) => x.text.replace(/^["']|["']$/g, '') === hit);
        const r = w ? ctx.argsRange(instr, instr.restOffset + w.start, instr.restOffset + w.end) : ctx.headRange(instr);
        ctx.report(r, `"${hit}" puts model weights into an image layer; mount or download them at run time (e.g. into HF_HOME on a volume) to keep the image small.`);
      }
    }
    for (const run of mlRuns(ctx)) {
      if (run.onbuild || !run.stage || !shipped.has(run.stage.index)) continue;
      const caches = cacheTargets(run);
      for (const cmd of commandsOf(run.script)) {
        const dl = weightDownload(cmd);
        if (!dl) continue;
        if (caches.length && (dl.dest === null || caches.some((c) => dl.dest === c || dl.dest!.startsWith(c + '/')))) continue;
        ctx.report(commandRange(run, cmd), `${dl.what} stores model weights in an image layer; download at start-up into a volume, or into a --mount=type=cache target during the build.`);
      }
    }
  },
});
