import { commandRange, defineRule, type RuleContext, type RunInfo } from '../../rule';
import { lintRunCache } from '../../cache';
import { restWords, type Dockerfile, type Flag, type Instruction, type Stage } from '../../parser';
import { commandsOf, optionValue, positionalAt, positionals, type Command } from '../../shell';
import { finalStage, stageLineage } from '../../facts';
import { mlRuns } from './scope';

const WEIGHT_EXT = /\.(safetensors|pt|pth|ckpt|gguf|onnx|h5|keras|pb|tflite|engine|plan)$/i;
const WEIGHT_DIRS = new Set(['checkpoints', 'checkpoint', 'ckpt', 'ckpts', 'weights', 'pretrained', 'pretrained_models']);
/** Lengths of the WEIGHT_DIRS names: a path of another length is none of them, without lower-casing it. */
const WEIGHT_DIR_LENGTHS = new Set([...WEIGHT_DIRS].map((d) => d.length));
const HF_RESOLVE = /^https?:\/\/(www\.)?huggingface\.co\/.+\/resolve\//;
const QUERY_OR_FRAGMENT = /[?#].*$/;
const TRAILING_SLASHES = /\/+$/;
const HTTP_URL = /^https?:\/\//;
const HF_URL = /^https?:\/\/(www\.)?huggingface\.co\//;
const HF_SPACE_OR_DATASET = /huggingface\.co\/(spaces|datasets)\//;
const LOADER_CALL = /\b(snapshot_download|hf_hub_download|from_pretrained|SentenceTransformer|pipeline)\s*\(/;
const LOCAL_DIR_ARG = /local_dir\s*=\s*["']([^"']+)/;
const CACHE_DIR_ARG = /cache_dir\s*=\s*["']([^"']+)/;

/** The longest extension WEIGHT_EXT knows (`safetensors`). */
const MAX_EXT = 11;

/** `s.replace(/\/+$/, '')` without a regex. */
function trimSlashes(s: string): string {
  let end = s.length;
  while (end > 0 && s.charCodeAt(end - 1) === 47) end--;
  return end === s.length ? s : s.slice(0, end);
}

function isWeightPath(src: string): boolean {
  // `replace(/^\.\//, '').replace(/[?#].*$/, '').replace(/\/+$/, '')`, each step skipped when it cannot apply
  let clean = src.startsWith('./') ? src.slice(2) : src;
  if (clean.includes('?') || clean.includes('#')) clean = clean.replace(QUERY_OR_FRAGMENT, '');
  clean = trimSlashes(clean);
  // WEIGHT_EXT needs a `.` followed by one of its extensions (none has a `.`) at the end
  const dot = clean.lastIndexOf('.');
  if (dot >= 0 && clean.length - dot <= MAX_EXT + 1 && WEIGHT_EXT.test(clean)) return true;
  if (src.startsWith('http') && HF_RESOLVE.test(src)) return true;
  // toLowerCase only changes the length of a string with U+0130, which none of the names holds
  return WEIGHT_DIR_LENGTHS.has(clean.length) && WEIGHT_DIRS.has(clean.toLowerCase());
}

/** `s.replace(/^["']|["']$/g, '')` (one quote off each end, matched or not) without a regex or a copy when there is none. */
export function stripQuotes(s: string): string {
  const n = s.length;
  const first = s.charCodeAt(0);
  const last = s.charCodeAt(n - 1);
  const a = first === 34 || first === 39 ? 1 : 0;
  const b = n > a && (last === 34 || last === 39) ? n - 1 : n;
  return a === 0 && b === n ? s : s.slice(a, b);
}

export const isFromFlag = (f: Flag) => f.name === 'from';

/** What `cacheTargets` gives for a RUN without mounts (shared: never mutated). */
const NO_TARGETS: string[] = [];

const COPIES = lintRunCache<Dockerfile, Instruction[]>();

/** COPY and ADD instructions (ONBUILD triggers left out) in file order, merged from the keyword index (memoised: read-only). */
export function copyInstructions(ctx: RuleContext): readonly Instruction[] {
  let out = COPIES.get(ctx.doc);
  if (!out) {
    const copies = ctx.instructions('COPY');
    const adds = ctx.instructions('ADD');
    out = [];
    let c = 0;
    let a = 0;
    while (c < copies.length || a < adds.length) {
      if (a >= adds.length || (c < copies.length && copies[c].instr.index < adds[a].instr.index)) out.push(copies[c++].instr);
      else out.push(adds[a++].instr);
    }
    COPIES.set(ctx.doc, out);
  }
  return out;
}

function inLineage(lineage: readonly Stage[], stage: number): boolean {
  for (let k = 0; k < lineage.length; k++) if (lineage[k].index === stage) return true;
  return false;
}

function hasFromFlag(instr: Instruction): boolean {
  const flags = instr.flags;
  for (let k = 0; k < flags.length; k++) if (flags[k].name === 'from') return true;
  return false;
}

/**
 * Whether a command name can be one `weightDownload` knows (python, or one of DOWNLOADERS), by its first
 * character and length: most commands (pip, apt-get, rm, cd…) are settled without hashing their name.
 */
function mayDownload(base: string): boolean {
  switch (base.charCodeAt(0)) {
    case 112: // p
      return base.startsWith('python');
    case 104: // h
    case 111: // o
    case 116: // t
    case 103: // g
    case 99: // c
    case 119: // w
      return DOWNLOADER_LENGTHS.has(base.length) && DOWNLOADERS.has(base);
    default:
      return false;
  }
}

/** The commands `weightDownload` knows, besides python. */
const DOWNLOADERS = new Set(['huggingface-cli', 'hf', 'ollama', 'text-generation-server', 'git', 'curl', 'wget']);
const DOWNLOADER_LENGTHS = new Set([...DOWNLOADERS].map((d) => d.length));
const PYTHON = /^python(\d+(\.\d+)?)?$/;
const SUB_OPTS = ['--local-dir', '--cache-dir', '--revision', '--repo-type', '--token', '--include', '--exclude'];

/** A command that downloads model weights, and where it puts them (null: a default cache). */
function weightDownload(cmd: Command): { what: string; dest: string | null } | null {
  const python = cmd.base.startsWith('python') && PYTHON.test(cmd.base);
  if (!python && !DOWNLOADERS.has(cmd.base)) return null;
  // the subcommand is only read for the CLIs below (not for python, curl or wget)
  const sub = python || cmd.base === 'curl' || cmd.base === 'wget' ? undefined : positionalAt(cmd, SUB_OPTS)?.text;
  if ((cmd.base === 'huggingface-cli' || cmd.base === 'hf') && sub === 'download') {
    return { what: `${cmd.base} download`, dest: optionValue(cmd, '--local-dir', '--cache-dir') };
  }
  if (cmd.base === 'ollama' && sub === 'pull') return { what: 'ollama pull', dest: null };
  if (cmd.base === 'text-generation-server' && sub === 'download-weights') return { what: 'text-generation-server download-weights', dest: null };
  if (python) {
    const i = cmd.args.findIndex((w) => w.text === '-c');
    const code = i >= 0 ? cmd.args[i + 1]?.text ?? '' : '';
    const m = LOADER_CALL.exec(code);
    if (m) return { what: `${m[1]}() at build time`, dest: LOCAL_DIR_ARG.exec(code)?.[1] ?? CACHE_DIR_ARG.exec(code)?.[1] ?? null };
  }
  if (cmd.base === 'git' && sub === 'clone') {
    const pos = positionals(cmd, ['-b', '--branch', '--depth', '--filter', '-c', '--config', '--reference', '-o', '--origin', '--jobs', '-j']);
    const url = pos[1]?.text ?? '';
    if (HF_URL.test(url) && !HF_SPACE_OR_DATASET.test(url)) {
      return { what: 'git clone from huggingface.co', dest: pos[2]?.text ?? null };
    }
  }
  if (cmd.base === 'curl' || cmd.base === 'wget') {
    const url = cmd.args.find((w) => HTTP_URL.test(w.text))?.text;
    if (url && isWeightPath(url.replace(QUERY_OR_FRAGMENT, ''))) {
      return { what: `${cmd.base} of ${url.replace(QUERY_OR_FRAGMENT, '').split('/').pop()}`, dest: optionValue(cmd, '-o', '--output', '-O', '--output-document', '-P', '--directory-prefix') ?? '.' };
    }
  }
  return null;
}

function cacheTargets(run: RunInfo): string[] {
  if (run.mounts.length === 0) return NO_TARGETS;
  return run.mounts.filter((m) => m.get('type') === 'cache').map((m) => (m.get('target') ?? '').replace(TRAILING_SLASHES, '')).filter(Boolean);
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
    const shipped = stageLineage(ctx.doc, last);
    const escape = ctx.doc.escape;
    // the COPY / ADD of the shipped stages, in file order
    for (const instr of copyInstructions(ctx)) {
      if (!inLineage(shipped, instr.stage) || hasFromFlag(instr)) continue;
      // the first source (every word but the last) that is a weight path
      let hit: string | undefined;
      const words = instr.json ? null : restWords(instr, escape);
      if (instr.json) {
        for (let k = 0; k < instr.json.length - 1 && hit === undefined; k++) if (isWeightPath(instr.json[k])) hit = instr.json[k];
      } else {
        for (let k = 0; k < words!.length - 1 && hit === undefined; k++) {
          const src = stripQuotes(words![k].text);
          if (isWeightPath(src)) hit = src;
        }
      }
      if (hit === undefined) continue;
      const w = words?.find((x) => stripQuotes(x.text) === hit);
      const r = w ? ctx.argsRange(instr, instr.restOffset + w.start, instr.restOffset + w.end) : ctx.headRange(instr);
      ctx.report(r, `"${hit}" puts model weights into an image layer; mount or download them at run time (e.g. into HF_HOME on a volume) to keep the image small.`);
    }
    for (const run of mlRuns(ctx)) {
      if (run.onbuild || !run.stage || !shipped.includes(run.stage)) continue;
      let caches: string[] | undefined;
      for (const cmd of commandsOf(run.script)) {
        const dl = mayDownload(cmd.base) ? weightDownload(cmd) : null;
        if (!dl) continue;
        caches ??= cacheTargets(run);
        if (caches.length && (dl.dest === null || caches.some((c) => dl.dest === c || dl.dest!.startsWith(c + '/')))) continue;
        ctx.report(commandRange(run, cmd), `${dl.what} stores model weights in an image layer; download at start-up into a volume, or into a --mount=type=cache target during the build.`);
      }
    }
  },
});
