import { defineRule } from '../../rule';
import type { Instruction } from '../../parser';
import { imageInfo } from './images';
import { externalBase, finalStage, stageLineage } from '../../facts';

interface Server {
  name: string;
  probe: string;
}

const SERVER_IMAGES: Record<string, Server> = {
  'vllm/vllm-openai': { name: 'vLLM', probe: 'GET /health on port 8000' },
  'ghcr.io/huggingface/text-generation-inference': { name: 'Text Generation Inference', probe: 'GET /health on port 80' },
  'ghcr.io/huggingface/text-embeddings-inference': { name: 'Text Embeddings Inference', probe: 'GET /health on port 80' },
  'nvcr.io/nvidia/tritonserver': { name: 'Triton', probe: 'GET /v2/health/ready on port 8000' },
  'pytorch/torchserve': { name: 'TorchServe', probe: 'GET /ping on port 8080' },
  'lmsysorg/sglang': { name: 'SGLang', probe: 'GET /health on port 30000' },
  'tensorflow/serving': { name: 'TensorFlow Serving', probe: 'GET /v1/models/<name> on port 8501' },
  'ollama/ollama': { name: 'Ollama', probe: '`ollama list` or GET / on port 11434' },
};

const SERVER_CMDS: [RegExp, Server][] = [
  [/\bvllm(\s+serve\b|\.entrypoints)/, SERVER_IMAGES['vllm/vllm-openai']],
  [/\btext-generation-launcher\b/, SERVER_IMAGES['ghcr.io/huggingface/text-generation-inference']],
  [/\btritonserver\b/, SERVER_IMAGES['nvcr.io/nvidia/tritonserver']],
  [/\btorchserve\b/, SERVER_IMAGES['pytorch/torchserve']],
  [/\bsglang\.launch_server\b/, SERVER_IMAGES['lmsysorg/sglang']],
  [/\btensorflow_model_server\b/, SERVER_IMAGES['tensorflow/serving']],
  [/\bollama\s+serve\b/, SERVER_IMAGES['ollama/ollama']],
];
const WEB_CMD = /\b(uvicorn|gunicorn|hypercorn|fastapi\s+run|flask\s+run)\b/;

export const ML014 = defineRule({
  code: 'ML014',
  level: 'info',
  title: 'Inference server image has no HEALTHCHECK.',
  description:
    'Model servers take minutes to load weights and can wedge on a bad GPU; without a `HEALTHCHECK`, Docker and Compose report the container healthy as soon as the process starts. ' +
    'Add one that probes the server\'s readiness endpoint (vLLM and TGI `/health`, Triton `/v2/health/ready`, TorchServe `/ping`) with a generous `--start-period`. ' +
    'The rule looks at the final stage: a vLLM, TGI, Triton, TorchServe, SGLang, TF Serving or Ollama base or command, or uvicorn/gunicorn/fastapi/flask together with `EXPOSE`. ' +
    '`HEALTHCHECK NONE` counts as a deliberate choice. This is DL3057 (off by default) switched on where it matters.',
  example: {
    bad: 'FROM vllm/vllm-openai:v0.6.3\nCMD ["--model", "/models/llm"]',
    good: 'FROM vllm/vllm-openai:v0.6.3\nHEALTHCHECK --interval=30s --start-period=600s CMD curl -fsS http://localhost:8000/health || exit 1\nCMD ["--model", "/models/llm"]',
  },
  check(ctx) {
    const last = finalStage(ctx.doc);
    if (!last) return;
    const chain = stageLineage(ctx.doc, last);
    const instrs: Instruction[] = chain.flatMap((s) => s.instructions);
    if (instrs.some((i) => i.keyword === 'HEALTHCHECK')) return;
    const base = externalBase(ctx.doc, last);
    let server: Server | null = base ? SERVER_IMAGES[imageInfo(base).repo] ?? null : null;
    let at: Instruction | null = null;
    const starts = instrs.filter((i) => i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT');
    for (const i of starts) {
      const text = i.json ? i.json.join(' ') : i.rest;
      const hit = SERVER_CMDS.find(([re]) => re.test(text));
      if (hit) {
        server = hit[1];
        at = i;
      } else if (!server && WEB_CMD.test(text) && instrs.some((x) => x.keyword === 'EXPOSE')) {
        server = { name: WEB_CMD.exec(text)![1].replace(/\s+run$/, ''), probe: 'a cheap /health route on the exposed port' };
        at = i;
      }
    }
    if (!server) return;
    const r = at ? ctx.headRange(at) : last.imageRange;
    ctx.report(r, `This ${server.name} server has no HEALTHCHECK, so it counts as healthy before the model is loaded; add one that probes ${server.probe}, with a long --start-period.`);
  },
});
