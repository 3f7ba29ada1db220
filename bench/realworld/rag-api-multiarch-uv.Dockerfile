# syntax=docker/dockerfile:1.7
# Retrieval-augmented QA service: embeddings with sentence-transformers (CPU), a reranker exported
# to ONNX, FastAPI in front. Built for amd64 and arm64 with buildx; uv manages the environment.
#
#   docker buildx build --platform linux/amd64,linux/arm64 -t ghcr.io/acme/rag-api:2.3.1 --push .

ARG PY_MAJOR=3
ARG PY_MINOR=12
ARG PYTHON_VERSION=${PY_MAJOR}.${PY_MINOR}
ARG DEBIAN_RELEASE=bookworm
ARG BASE_IMAGE=python:${PYTHON_VERSION}-slim-${DEBIAN_RELEASE}
ARG UV_VERSION=0.5.4

FROM ghcr.io/astral-sh/uv:${UV_VERSION} AS uv-bin

# --------------------------------------------------------------------------- deps
FROM ${BASE_IMAGE} AS deps
ARG TARGETARCH
ARG TARGETVARIANT
ENV UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy \
    UV_PYTHON_DOWNLOADS=never \
    UV_PROJECT_ENVIRONMENT=/opt/venv \
    VIRTUAL_ENV=/opt/venv

COPY --from=uv-bin /uv /usr/local/bin/uv
SHELL ["/bin/bash", "-o", "pipefail", "-c"]

# Native build dependencies differ per architecture: arm64 has no wheel for one of the
# tokenizers' dependencies and builds it from source.
RUN set -eux; \
    pkgs=(ca-certificates); \
    case "${TARGETARCH}${TARGETVARIANT:+/${TARGETVARIANT}}" in \
        amd64) ;; \
        arm64|arm64/v8) pkgs+=(build-essential pkg-config libssl-dev) ;; \
        *) echo "untested platform ${TARGETARCH}" >&2 ;; \
    esac; \
    apt-get update; \
    apt-get install -y --no-install-recommends "${pkgs[@]}"; \
    rm -rf /var/lib/apt/lists/*

WORKDIR /src
# CPU torch first, from the CPU index, so that sentence-transformers does not pull CUDA wheels
RUN --mount=type=cache,target=/root/.cache/uv \
    uv venv /opt/venv \
 && uv pip install --python /opt/venv/bin/python \
        --index-url https://download.pytorch.org/whl/cpu \
        torch==2.5.1

RUN --mount=type=cache,target=/root/.cache/uv \
    --mount=type=bind,source=uv.lock,target=uv.lock \
    --mount=type=bind,source=pyproject.toml,target=pyproject.toml \
    uv sync --frozen --no-install-project --no-dev --inexact

COPY pyproject.toml uv.lock README.md ./
COPY rag/ ./rag/
RUN --mount=type=cache,target=/root/.cache/uv \
    uv sync --frozen --no-dev --no-editable --inexact

# --------------------------------------------------------------------------- models
FROM deps AS models
ARG EMBED_MODEL=BAAI/bge-small-en-v1.5
ARG RERANK_MODEL=BAAI/bge-reranker-base
ENV HF_HOME=/tmp/hf
# Export the reranker to ONNX (int8) and keep the embedding model as safetensors; the token, if
# needed for gated models, comes from a secret mount.
RUN --mount=type=secret,id=hf_token,env=HF_TOKEN \
    --mount=type=cache,target=/root/.cache/uv \
    set -eux; \
    uv pip install --python /opt/venv/bin/python "optimum[onnxruntime]==1.23.3"; \
    mkdir -p /models/embed /models/rerank; \
    /opt/venv/bin/python -m rag.tools.fetch --model "${EMBED_MODEL}" --out /models/embed; \
    /opt/venv/bin/optimum-cli export onnx --model "${RERANK_MODEL}" --task text-classification /models/rerank; \
    /opt/venv/bin/python -m rag.tools.quantize --model-dir /models/rerank --mode int8; \
    find /models -name '*.onnx' -printf '%s %p\n' | sort -n; \
    du -sh /models/*

# --------------------------------------------------------------------------- index build job
# Builds the vector index from a document dump; run as a one-off job, not shipped.
FROM deps AS indexer
COPY --from=models /models /models
ENV RAG_EMBED_MODEL_DIR=/models/embed \
    RAG_BATCH_SIZE=64
ENTRYPOINT ["/opt/venv/bin/python", "-m", "rag.jobs.build_index"]
CMD ["--input", "/data/docs", "--output", "/data/index"]

# --------------------------------------------------------------------------- dev: tests and notebooks
FROM deps AS dev
COPY tests/ ./tests/
RUN uv sync --frozen --group dev --inexact \
 && /opt/venv/bin/python -m pytest -q tests/unit -p no:cacheprovider
RUN set -eu; \
    checks=("ruff check rag tests" "ruff format --check rag tests" "mypy rag"); \
    for c in "${checks[@]}"; do \
        echo "+ ${c}"; \
        # shellcheck disable=SC2086
        /opt/venv/bin/python -m ${c}; \
    done
EXPOSE 8080 8888
CMD ["/opt/venv/bin/python", "-m", "jupyter", "lab", "--ip=0.0.0.0", "--no-browser"]

# --------------------------------------------------------------------------- runtime
FROM ${BASE_IMAGE} AS runtime
ARG PYTHON_VERSION
ARG BUILD_DATE
ARG VCS_REF
LABEL org.opencontainers.image.title="rag-api" \
      org.opencontainers.image.created="${BUILD_DATE}" \
      org.opencontainers.image.revision="${VCS_REF}" \
      org.opencontainers.image.source="https://github.com/acme/rag-api" \
      org.opencontainers.image.licenses="MIT"

ENV PATH=/opt/venv/bin:${PATH} \
    VIRTUAL_ENV=/opt/venv \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    HF_HUB_OFFLINE=1 \
    TRANSFORMERS_OFFLINE=1 \
    RAG_EMBED_MODEL_DIR=/models/embed \
    RAG_RERANK_MODEL_DIR=/models/rerank \
    RAG_INDEX_DIR=/data/index \
    OMP_NUM_THREADS=2 \
    TOKENIZERS_PARALLELISM=false

RUN apt-get update \
 && apt-get install -y --no-install-recommends \
        tini=0.19.0-1 \
        libgomp1=12.2.0-14 \
 && rm -rf /var/lib/apt/lists/*

COPY --from=deps /opt/venv /opt/venv
# Only the runtime packages of the venv are needed; drop the build tooling uv installed for the
# export step and byte-compiled test folders of dependencies.
RUN set -eu; \
    site="$(/opt/venv/bin/python -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')"; \
    rm -rf "${site}"/*/tests "${site}"/*/test; \
    find /opt/venv -name '*.pyc' -path '*/tests/*' -delete; \
    du -sh /opt/venv
COPY --from=models /models /models

RUN groupadd --system --gid 10001 app \
 && useradd --system --uid 10001 --gid app --home-dir /app app \
 && mkdir -p /data/index \
 && chown -R 10001:10001 /data

WORKDIR /app
USER 10001
EXPOSE 8080

# Readiness: the index is loaded and both models answered one request
HEALTHCHECK --interval=20s --timeout=4s --start-period=90s --retries=3 \
    CMD ["python", "-c", "import urllib.request,sys; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8080/ready', timeout=3).status == 200 else 1)"]

ENTRYPOINT ["tini", "--"]
CMD ["uvicorn", "rag.api:app", "--host", "0.0.0.0", "--port", "8080", "--workers", "2", "--proxy-headers"]
