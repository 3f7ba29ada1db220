# syntax=docker/dockerfile:1.7
# check=error=true
#
# ML platform monorepo image. One Dockerfile, many targets:
#   docker build --target trainer   .   -> GPU training image
#   docker build --target inference .   -> GPU serving image (vLLM + custom API)
#   docker build --target cpu-api   .   -> CPU-only REST API
#   docker build --target notebooks .   -> JupyterLab for the research team
#   docker build --target ci        .   -> lint + unit tests
#
# Versions are pinned in one place so the stages stay consistent.

ARG CUDA_VERSION=12.4.1
ARG CUDNN=cudnn
ARG UBUNTU_VERSION=22.04
ARG PYTHON_VERSION=3.11
ARG TORCH_VERSION=2.4.1
ARG TORCH_CUDA=cu124
ARG UV_VERSION=0.4.18
ARG NODE_VERSION=20.17.0

############################################################################
# uv binary
############################################################################
FROM ghcr.io/astral-sh/uv:${UV_VERSION} AS uv

############################################################################
# Common OS layer for every CUDA stage
############################################################################
FROM nvidia/cuda:${CUDA_VERSION}-${CUDNN}-runtime-ubuntu${UBUNTU_VERSION} AS cuda-base
ARG PYTHON_VERSION
ENV DEBIAN_FRONTEND=noninteractive \
    LANG=C.UTF-8 \
    LC_ALL=C.UTF-8 \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy \
    UV_PYTHON=python${PYTHON_VERSION} \
    VIRTUAL_ENV=/opt/venv \
    PATH=/opt/venv/bin:/usr/local/bin:/usr/bin:/bin

SHELL ["/bin/bash", "-o", "pipefail", "-c"]

RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \
    --mount=type=cache,target=/var/lib/apt,sharing=locked \
    rm -f /etc/apt/apt.conf.d/docker-clean \
 && apt-get update \
 && apt-get install -y --no-install-recommends \
        software-properties-common \
        ca-certificates \
        curl \
        gnupg \
 && add-apt-repository -y ppa:deadsnakes/ppa \
 && apt-get update \
 && apt-get install -y --no-install-recommends \
        "python${PYTHON_VERSION}" \
        "python${PYTHON_VERSION}-venv" \
        "python${PYTHON_VERSION}-dev" \
        libgomp1 \
        libnuma1 \
        tini \
        tzdata

COPY --from=uv /uv /uvx /usr/local/bin/

RUN uv venv --python "python${PYTHON_VERSION}" /opt/venv

RUN groupadd --gid 1000 ml \
 && useradd --uid 1000 --gid ml --shell /bin/bash --create-home --no-log-init ml \
 && mkdir -p /data /models /outputs \
 && chown -R ml:ml /data /models /outputs /opt/venv

LABEL org.opencontainers.image.vendor="Example ML Platform" \
      org.opencontainers.image.licenses="Apache-2.0" \
      org.opencontainers.image.source="https://github.com/example/ml-platform"

############################################################################
# Build stage: compiles CUDA extensions into wheels
############################################################################
FROM nvidia/cuda:${CUDA_VERSION}-${CUDNN}-devel-ubuntu${UBUNTU_VERSION} AS ext-builder
ARG PYTHON_VERSION
ARG TORCH_VERSION
ARG TORCH_CUDA
ENV DEBIAN_FRONTEND=noninteractive \
    TORCH_CUDA_ARCH_LIST="8.0 8.6 8.9 9.0" \
    MAX_JOBS=6 \
    NVCC_APPEND_FLAGS="--threads 2" \
    PATH=/opt/venv/bin:/usr/local/bin:/usr/bin:/bin

RUN apt-get update \
 && apt-get install -y --no-install-recommends \
        software-properties-common \
        git \
        ninja-build \
        cmake \
 && add-apt-repository -y ppa:deadsnakes/ppa \
 && apt-get update \
 && apt-get install -y --no-install-recommends \
        "python${PYTHON_VERSION}-dev" \
        "python${PYTHON_VERSION}-venv" \
 && rm -rf /var/lib/apt/lists/*

COPY --from=uv /uv /usr/local/bin/uv
RUN uv venv --python "python${PYTHON_VERSION}" /opt/venv

RUN --mount=type=cache,target=/root/.cache/uv \
    uv pip install \
        --index-url "https://download.pytorch.org/whl/${TORCH_CUDA}" \
        "torch==${TORCH_VERSION}" \
 && uv pip install packaging==24.1 wheel==0.44.0 setuptools==72.1.0 psutil==6.0.0

WORKDIR /build

# flash-attention: build from a pinned tag
RUN --mount=type=cache,target=/root/.cache/pip \
    git clone --depth 1 --branch v2.6.3 https://github.com/Dao-AILab/flash-attention.git \
 && cd flash-attention \
 && python -m pip wheel --no-build-isolation --no-deps -w /wheels .

# our own fused kernels
COPY kernels/ /build/kernels/
RUN cd /build/kernels \
 && python setup.py bdist_wheel --dist-dir /wheels

# xformers matching the torch build
RUN --mount=type=cache,target=/root/.cache/pip \
    python -m pip wheel --no-deps -w /wheels \
        "xformers @ git+https://github.com/facebookresearch/xformers.git@v0.0.28.post1"

############################################################################
# Python dependencies shared by trainer and inference
############################################################################
FROM cuda-base AS py-deps
ARG TORCH_VERSION
ARG TORCH_CUDA
WORKDIR /opt/platform

RUN --mount=type=cache,target=/root/.cache/uv \
    uv pip install \
        --index-url "https://download.pytorch.org/whl/${TORCH_CUDA}" \
        "torch==${TORCH_VERSION}" \
        "torchvision==0.19.1" \
        "torchaudio==2.4.1"

COPY --from=ext-builder /wheels /tmp/wheels
RUN --mount=type=cache,target=/root/.cache/uv \
    uv pip install /tmp/wheels/*.whl \
 && rm -rf /tmp/wheels

RUN --mount=type=cache,target=/root/.cache/uv \
    --mount=type=bind,source=uv.lock,target=uv.lock \
    --mount=type=bind,source=pyproject.toml,target=pyproject.toml \
    uv sync --frozen --no-install-project --active \
        --extra train \
        --extra serve

############################################################################
# trainer target
############################################################################
FROM py-deps AS trainer
ENV NCCL_DEBUG=WARN \
    NCCL_ASYNC_ERROR_HANDLING=1 \
    TORCH_NCCL_BLOCKING_WAIT=0 \
    OMP_NUM_THREADS=8 \
    HF_HOME=/data/hf-cache \
    WANDB_DIR=/outputs/wandb

COPY --chown=ml:ml packages/core /opt/platform/packages/core
COPY --chown=ml:ml packages/train /opt/platform/packages/train
COPY --chown=ml:ml configs /opt/platform/configs

RUN --mount=type=cache,target=/root/.cache/uv \
    uv pip install --no-deps \
        -e /opt/platform/packages/core \
        -e /opt/platform/packages/train

USER ml
WORKDIR /outputs
VOLUME ["/data", "/outputs"]
ENTRYPOINT ["/usr/bin/tini", "--", "torchrun"]
CMD ["--standalone", "--nproc_per_node=gpu", "-m", "platform_train.main", "--config", "/opt/platform/configs/default.yaml"]

############################################################################
# inference target
############################################################################
FROM py-deps AS inference
ARG VLLM_VERSION=0.6.1.post2
ENV HF_HOME=/models/hf \
    VLLM_WORKER_MULTIPROC_METHOD=spawn \
    PORT=8000 \
    WORKERS=1

RUN --mount=type=cache,target=/root/.cache/uv \
    uv pip install "vllm==${VLLM_VERSION}" "fastapi==0.114.2" "uvicorn[standard]==0.30.6" \
        "prometheus-client==0.20.0" "opentelemetry-instrumentation-fastapi==0.48b0"

COPY --chown=ml:ml packages/core /opt/platform/packages/core
COPY --chown=ml:ml packages/serve /opt/platform/packages/serve
RUN uv pip install --no-cache --no-deps \
        -e /opt/platform/packages/core \
        -e /opt/platform/packages/serve

COPY --chown=ml:ml --chmod=0755 docker/entrypoint-serve.sh /usr/local/bin/entrypoint-serve.sh

USER ml
EXPOSE 8000 9400
HEALTHCHECK --interval=30s --timeout=5s --start-period=5m --retries=3 \
    CMD curl -fsS "http://127.0.0.1:${PORT}/health" || exit 1
STOPSIGNAL SIGTERM
ENTRYPOINT ["/usr/bin/tini", "--", "/usr/local/bin/entrypoint-serve.sh"]

############################################################################
# CPU-only API (no CUDA at all)
############################################################################
FROM python:${PYTHON_VERSION}-slim-bookworm AS cpu-api
ARG TORCH_VERSION
ENV PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1
COPY --from=uv /uv /usr/local/bin/uv
RUN uv pip install --system --no-cache \
        --index-url https://download.pytorch.org/whl/cpu \
        "torch==${TORCH_VERSION}+cpu"
WORKDIR /srv
COPY packages/core /srv/packages/core
COPY packages/serve /srv/packages/serve
RUN uv pip install --system --no-cache /srv/packages/core /srv/packages/serve
RUN useradd --uid 1001 --no-log-init --create-home api
USER api
EXPOSE 8080
HEALTHCHECK CMD ["python", "-c", "import urllib.request as u; u.urlopen('http://127.0.0.1:8080/health')"]
CMD ["uvicorn", "platform_serve.cpu:app", "--host", "0.0.0.0", "--port", "8080"]

############################################################################
# node assets for the notebook extension
############################################################################
FROM node:${NODE_VERSION}-bookworm-slim AS lab-ext
WORKDIR /ext
COPY lab-extension/package.json lab-extension/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY lab-extension/ ./
RUN npm run build

############################################################################
# notebooks target
############################################################################
FROM py-deps AS notebooks
USER root
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
        git \
        openssh-client \
        graphviz \
        less \
 && rm -rf /var/lib/apt/lists/*
RUN --mount=type=cache,target=/root/.cache/uv \
    uv pip install \
        "jupyterlab==4.2.5" \
        "ipywidgets==8.1.5" \
        "matplotlib==3.9.2" \
        "seaborn==0.13.2" \
        "plotly==5.24.0"
COPY --from=lab-ext /ext/dist /opt/lab-extension
RUN uv pip install /opt/lab-extension
USER ml
WORKDIR /home/ml/work
EXPOSE 8888
CMD ["jupyter", "lab", "--ip=0.0.0.0", "--no-browser", "--ServerApp.token=", "--ServerApp.root_dir=/home/ml/work"]

############################################################################
# CI target: lint and unit tests, CPU only
############################################################################
FROM python:${PYTHON_VERSION}-slim-bookworm AS ci
COPY --from=uv /uv /usr/local/bin/uv
WORKDIR /src
RUN --mount=type=cache,target=/root/.cache/uv \
    --mount=type=bind,source=uv.lock,target=uv.lock \
    --mount=type=bind,source=pyproject.toml,target=pyproject.toml \
    uv sync --frozen --no-install-project --extra dev
COPY . /src
RUN uv run ruff check . \
 && uv run mypy packages \
 && uv run pytest -q -m "not gpu" --maxfail=1
