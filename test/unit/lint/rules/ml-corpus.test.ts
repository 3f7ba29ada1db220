// Realistic, well-written ML Dockerfiles: none of them may raise an ML finding.
import * as assert from 'node:assert/strict';
import { lintDockerfile } from '../../../../src/lint';
import { ALL_RULES } from '../../../../src/lint/rules';

const CORPUS: Record<string, string> = {
  'CUDA devel -> runtime, extensions with an arch list': `# syntax=docker/dockerfile:1.7
ARG CUDA_VERSION=12.4.1
FROM nvidia/cuda:\${CUDA_VERSION}-cudnn-devel-ubuntu22.04 AS build
ARG TORCH_CUDA_ARCH_LIST="8.0;8.6;8.9;9.0+PTX"
ENV TORCH_CUDA_ARCH_LIST=\${TORCH_CUDA_ARCH_LIST} \\
    MAX_JOBS=4 \\
    PIP_NO_CACHE_DIR=1
RUN apt-get update \\
 && apt-get install -y --no-install-recommends python3.11-dev=3.11.0-1~22.04 python3-pip=22.0.2+dfsg-1ubuntu0.4 git=1:2.34.1-1ubuntu1.11 \\
 && rm -rf /var/lib/apt/lists/*
RUN python3 -m pip install --no-cache-dir torch==2.5.1 --index-url https://download.pytorch.org/whl/cu124
RUN python3 -m pip install --no-cache-dir ninja==1.11.1.1 packaging==24.2 \\
 && python3 -m pip wheel --no-build-isolation --no-deps -w /wheels flash-attn==2.6.3

FROM nvidia/cuda:\${CUDA_VERSION}-cudnn-runtime-ubuntu22.04
RUN apt-get update \\
 && apt-get install -y --no-install-recommends python3.11=3.11.0-1~22.04 python3-pip=22.0.2+dfsg-1ubuntu0.4 \\
 && rm -rf /var/lib/apt/lists/*
COPY --from=build /wheels /wheels
RUN python3 -m pip install --no-cache-dir torch==2.5.1 --index-url https://download.pytorch.org/whl/cu124 \\
 && python3 -m pip install --no-cache-dir /wheels/*.whl transformers==4.46.3 \\
 && rm -rf /wheels
WORKDIR /app
COPY src/ ./src/
USER 1000
CMD ["python3", "-m", "src.train"]
`,
  'CPU slim with the CPU index': `FROM python:3.12-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir torch==2.5.1 torchvision==0.20.1 --index-url https://download.pytorch.org/whl/cpu \\
 && pip install --no-cache-dir -r requirements.txt
COPY . .
RUN useradd --create-home --uid 10001 app
USER app
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=3s CMD python -c "import urllib.request; urllib.request.urlopen('http://localhost:8080/health')"
CMD ["uvicorn", "app.main:app", "--host", "0.0.0.0", "--port", "8080"]
`,
  'vLLM serving, pinned': `FROM vllm/vllm-openai:v0.6.3.post1
ENV HF_HOME=/models \\
    VLLM_WORKER_MULTIPROC_METHOD=spawn
VOLUME ["/models"]
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=600s --retries=3 \\
  CMD curl -fsS http://localhost:8000/health || exit 1
ENTRYPOINT ["python3", "-m", "vllm.entrypoints.openai.api_server"]
CMD ["--model", "meta-llama/Llama-3.1-8B-Instruct", "--max-model-len", "8192"]
`,
  'Jupyter, non-root': `FROM quay.io/jupyter/scipy-notebook:2024-10-07
USER root
RUN apt-get update \\
 && apt-get install -y --no-install-recommends graphviz=2.42.2-9ubuntu0.1 \\
 && rm -rf /var/lib/apt/lists/*
USER \${NB_UID}
COPY --chown=\${NB_UID}:\${NB_GID} environment.yml /tmp/environment.yml
RUN mamba env update -n base -f /tmp/environment.yml \\
 && mamba clean --all --yes \\
 && rm /tmp/environment.yml
RUN pip install --no-cache-dir torch==2.5.1 --index-url https://download.pytorch.org/whl/cpu
WORKDIR /home/jovyan/work
`,
  'uv with cache mounts': `# syntax=docker/dockerfile:1.7
FROM ghcr.io/astral-sh/uv:0.5.4-python3.12-bookworm-slim AS build
ENV UV_COMPILE_BYTECODE=1 UV_LINK_MODE=copy
WORKDIR /app
RUN --mount=type=cache,target=/root/.cache/uv \\
    --mount=type=bind,source=uv.lock,target=uv.lock \\
    --mount=type=bind,source=pyproject.toml,target=pyproject.toml \\
    uv sync --frozen --no-install-project --no-dev
COPY . /app
RUN --mount=type=cache,target=/root/.cache/uv \\
    uv sync --frozen --no-dev

FROM python:3.12-slim-bookworm
COPY --from=build --chown=10001:10001 /app /app
ENV PATH="/app/.venv/bin:$PATH"
USER 10001
WORKDIR /app
CMD ["python", "-m", "trainer"]
`,
  'NGC PyTorch fine-tuning': `FROM nvcr.io/nvidia/pytorch:24.08-py3
ARG HF_HUB_ENABLE_HF_TRANSFER=1
WORKDIR /workspace
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt \\
 && pip install --no-cache-dir transformers==4.46.3 peft==0.13.2 accelerate==1.1.1
COPY train.py configs/ ./
RUN --mount=type=secret,id=hf_token,env=HF_TOKEN \\
    --mount=type=cache,target=/root/.cache/huggingface \\
    huggingface-cli download meta-llama/Llama-3.2-1B --exclude "*.pth"
CMD ["torchrun", "--nproc_per_node=gpu", "train.py"]
`,
  'TGI with a model volume': `FROM ghcr.io/huggingface/text-generation-inference:2.4.0
ENV HF_HOME=/data MODEL_ID=mistralai/Mistral-7B-Instruct-v0.3 PORT=80
VOLUME /data
HEALTHCHECK --start-period=900s CMD curl -fsS http://localhost:80/health || exit 1
`,
  'PyTorch runtime image for inference': `FROM pytorch/pytorch:2.5.1-cuda12.4-cudnn9-runtime
ENV PYTHONUNBUFFERED=1
WORKDIR /srv
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt cupy-cuda12x==13.3.0
COPY serve/ ./serve/
EXPOSE 9000
HEALTHCHECK CMD python -c "import socket; socket.create_connection(('localhost', 9000), 2)"
USER 1000
CMD ["gunicorn", "-k", "uvicorn.workers.UvicornWorker", "-b", "0.0.0.0:9000", "serve.app:app"]
`,
};

describe('ML rules on a corpus of well-written ML Dockerfiles', () => {
  for (const [name, text] of Object.entries(CORPUS)) {
    it(`finds nothing in: ${name}`, () => {
      const errors: string[] = [];
      const onRuleError = (code: string, err: unknown): void => { errors.push(`${code}: ${String(err)}`); };
      const got = lintDockerfile(text, { context: { hasDockerignore: true, unignoredBulk: [] }, onRuleError }).filter((p) => p.code.startsWith('ML'));
      assert.deepEqual(errors, []);
      assert.deepEqual(got.map((p) => `${p.line}: ${p.code} ${p.message}`), []);
    });
  }
});

describe('ML rule docs examples', () => {
  const context = { hasDockerignore: false, unignoredBulk: ['data/'] };
  for (const rule of ALL_RULES.filter((r) => r.code.startsWith('ML'))) {
    it(`${rule.code}: the bad example fires and the good one does not`, () => {
      assert.ok(rule.description.length > 80, 'description too short');
      if (rule.code === 'ML009') return; // needs build-context facts, which docs examples cannot carry yet
      assert.ok(rule.example, 'example missing');
      // an example may carry the build-context facts its rule needs
      const facts = rule.example.context ?? context;
      const bad = lintDockerfile(rule.example.bad, { context: facts }).filter((p) => p.code === rule.code);
      const good = lintDockerfile(rule.example.good, { context: facts }).filter((p) => p.code === rule.code);
      assert.ok(bad.length > 0, `bad example of ${rule.code} raises nothing`);
      assert.deepEqual(good, []);
    });
  }
});
