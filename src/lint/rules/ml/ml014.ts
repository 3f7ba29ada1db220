import { defineRule } from '../../rule';
import { stageImageInfo } from './images';
import type { Instruction, Stage } from '../../parser';
import { finalStage, rootStage, stageLineage, type InstructionAt } from '../../facts';

interface Server {
  name: string;
  probe: string;
  /**
   * What the image starts when the Dockerfile does not say: `entrypoint` = its ENTRYPOINT is the
   * server (a CMD only passes arguments); `cmd` = its default CMD is (a CMD of the Dockerfile replaces
   * it); `none` = it starts a shell or a helper (Triton, SGLang): only a start command counts.
   */
  starts: 'entrypoint' | 'cmd' | 'none';
}

const SERVER_IMAGES: Record<string, Server> = {
  'vllm/vllm-openai': { name: 'vLLM', probe: 'GET /health on port 8000', starts: 'entrypoint' },
  'ghcr.io/huggingface/text-generation-inference': { name: 'Text Generation Inference', probe: 'GET /health on port 80', starts: 'entrypoint' },
  'ghcr.io/huggingface/text-embeddings-inference': { name: 'Text Embeddings Inference', probe: 'GET /health on port 80', starts: 'entrypoint' },
  'nvcr.io/nvidia/tritonserver': { name: 'Triton', probe: 'GET /v2/health/ready on port 8000', starts: 'none' },
  'pytorch/torchserve': { name: 'TorchServe', probe: 'GET /ping on port 8080', starts: 'cmd' },
  'lmsysorg/sglang': { name: 'SGLang', probe: 'GET /health on port 30000', starts: 'none' },
  'tensorflow/serving': { name: 'TensorFlow Serving', probe: 'GET /v1/models/<name> on port 8501', starts: 'entrypoint' },
  'ollama/ollama': { name: 'Ollama', probe: '`ollama list` or GET / on port 11434', starts: 'cmd' },
};

/** Start commands of servers, each with a word its pattern cannot match without (a cheap `includes` before the regex). */
const SERVER_CMDS: { re: RegExp; word: string; server: Server }[] = [
  { re: /\bvllm(\s+serve\b|\.entrypoints)/, word: 'vllm', server: SERVER_IMAGES['vllm/vllm-openai'] },
  { re: /\btext-generation-launcher\b/, word: 'text-generation-launcher', server: SERVER_IMAGES['ghcr.io/huggingface/text-generation-inference'] },
  { re: /(^|[\s/])tritonserver(\s|$)/, word: 'tritonserver', server: SERVER_IMAGES['nvcr.io/nvidia/tritonserver'] },
  { re: /\btorchserve\b/, word: 'torchserve', server: SERVER_IMAGES['pytorch/torchserve'] },
  { re: /\bsglang\.launch_server\b/, word: 'sglang.launch_server', server: SERVER_IMAGES['lmsysorg/sglang'] },
  { re: /\btensorflow_model_server\b/, word: 'tensorflow_model_server', server: SERVER_IMAGES['tensorflow/serving'] },
  { re: /\bollama\s+serve\b/, word: 'ollama', server: SERVER_IMAGES['ollama/ollama'] },
];
/** The server whose start command `text` is (the first pattern that matches), or null. */
function serverCommand(text: string): Server | null {
  for (let k = 0; k < SERVER_CMDS.length; k++) {
    const c = SERVER_CMDS[k];
    if (text.includes(c.word) && c.re.test(text)) return c.server;
  }
  return null;
}
/** SERVER_IMAGES as a map (own keys only: `FROM constructor` is no server), and the lengths of its keys. */
const SERVER_BY_REPO = new Map(Object.entries(SERVER_IMAGES));
const SERVER_REPO_LENGTHS = new Set([...SERVER_BY_REPO.keys()].map((k) => k.length));
const WEB_CMD = /\b(uvicorn|gunicorn|hypercorn|fastapi\s+run|flask\s+run)\b/;
/**
 * A start command can match SERVER_CMDS or WEB_CMD only if it holds one of these words: one test instead of eight.
 * No word has a space, so in the exec form each element can be tested alone (no match spans the joining space).
 */
const ANY_SERVER_WORD = /vllm|text-generation-launcher|tritonserver|torchserve|sglang\.launch_server|tensorflow_model_server|ollama|uvicorn|gunicorn|hypercorn|fastapi|flask/;
function mayNameServer(i: Instruction): boolean {
  const json = i.json;
  if (!json) return ANY_SERVER_WORD.test(i.rest);
  for (let k = 0; k < json.length; k++) if (ANY_SERVER_WORD.test(json[k])) return true;
  return false;
}

/** The last of `list` (file order) that belongs to a stage of `chain`, or null. */
function lastIn(list: readonly InstructionAt[], chain: readonly Stage[]): Instruction | null {
  for (let k = list.length - 1; k >= 0; k--) {
    const i = list[k].instr;
    if (i.inOnbuild) continue;
    for (let c = 0; c < chain.length; c++) if (chain[c].index === i.stage) return i;
  }
  return null;
}

/** Whether one of `list` (from the keyword index) belongs to a stage of `chain`. */
function anyIn(list: readonly InstructionAt[], chain: readonly Stage[]): boolean {
  for (let k = 0; k < list.length; k++) {
    const stage = list[k].instr.stage;
    for (let c = 0; c < chain.length; c++) if (chain[c].index === stage) return true;
  }
  return false;
}

/**
 * The server the image `root` starts from (`ref`) is, or null. Every key of SERVER_IMAGES has a `/`, so a
 * reference without one is settled without parsing it. Own keys only: `FROM constructor` is no server.
 */
function serverImage(root: Stage, ref: string): Server | null {
  if (!ref.includes('/')) return null;
  const repo = stageImageInfo(root)!.repo;
  // a key length first: most repositories are settled without hashing their name
  return SERVER_REPO_LENGTHS.has(repo.length) ? SERVER_BY_REPO.get(repo) ?? null : null;
}

export const ML014 = defineRule({
  code: 'ML014',
  level: 'info',
  title: 'Inference server image has no HEALTHCHECK.',
  description:
    'Model servers take minutes to load weights and can wedge on a bad GPU; without a `HEALTHCHECK`, Docker and Compose report the container healthy as soon as the process starts. ' +
    'Add one that probes the server\'s readiness endpoint (vLLM and TGI `/health`, Triton `/v2/health/ready`, TorchServe `/ping`) with a generous `--start-period`. ' +
    'The rule reads what the final stage starts — its ENTRYPOINT and CMD joined, as the runtime joins them — and reports vLLM, TGI, Triton, TorchServe, SGLang, TF Serving or Ollama start commands, or uvicorn/gunicorn/fastapi/flask together with `EXPOSE`. ' +
    'When the Dockerfile sets no start command, the base image\'s own one decides (vLLM, TGI, TEI and TF Serving images start their server; Triton and SGLang images do not). ' +
    'A server base whose start command is replaced (a training script, an SDK/client image) is not a server. ' +
    '`HEALTHCHECK NONE` counts as a deliberate choice. This is DL3057 (off by default) switched on where it matters.',
  example: {
    bad: 'FROM vllm/vllm-openai:v0.6.3\nCMD ["--model", "/models/llm"]',
    good: 'FROM vllm/vllm-openai:v0.6.3\nHEALTHCHECK --interval=30s --start-period=600s CMD curl -fsS http://localhost:8000/health || exit 1\nCMD ["--model", "/models/llm"]',
  },
  check(ctx) {
    const last = finalStage(ctx.doc);
    if (!last) return;
    const chain = stageLineage(ctx.doc, last);
    // the lineage's instructions by keyword, from the (memoised) keyword index
    if (anyIn(ctx.instructions('HEALTHCHECK'), chain)) return;
    const ep = lastIn(ctx.instructions('ENTRYPOINT'), chain);
    let cmd = lastIn(ctx.instructions('CMD'), chain);
    // an ENTRYPOINT resets the CMD inherited from the image (or stage) below it
    if (ep && cmd && cmd.stage !== ep.stage && chain.findIndex((s) => s.index === cmd!.stage) > chain.findIndex((s) => s.index === ep.stage)) cmd = null;
    const root = rootStage(ctx.doc, last);
    const base = root.resolvedImage;
    const image = base ? serverImage(root, base) : null;
    let server: Server | null = null;
    let at: Instruction | null = null;
    // the start command the container runs: ENTRYPOINT and CMD joined, as the runtime does
    const parts = [ep, cmd].filter((i): i is Instruction => i !== null && mayNameServer(i));
    if (parts.length) {
      const text = parts.map((i) => (i.json ? i.json.join(' ') : i.rest)).join(' ');
      const hit = serverCommand(text);
      if (hit) {
        server = hit;
        at = parts.find((i) => serverCommand(i.json ? i.json.join(' ') : i.rest)) ?? parts[parts.length - 1];
      } else if (WEB_CMD.test(text) && anyIn(ctx.instructions('EXPOSE'), chain)) {
        server = { name: WEB_CMD.exec(text)![1].replace(/\s+run$/, ''), probe: 'a cheap /health route on the exposed port', starts: 'none' };
        at = parts.find((i) => WEB_CMD.test(i.json ? i.json.join(' ') : i.rest)) ?? parts[parts.length - 1];
      }
    }
    // nothing in the Dockerfile names a server: the image's own start command decides
    if (!server && image && !ep && (image.starts === 'entrypoint' || (image.starts === 'cmd' && !cmd))) server = image;
    if (!server) return;
    const r = at ? ctx.headRange(at) : last.imageRange;
    ctx.report(r, `This ${server.name} server has no HEALTHCHECK, so it counts as healthy before the model is loaded; add one that probes ${server.probe}, with a long --start-period.`);
  },
});
