# JAX research container: CUDA 12 plugin wheels from PyPI on a plain CUDA base, with uv managing
# a locked virtual environment. Multi-stage so the shipped image has no compilers.
#
#   docker buildx build --build-arg PYTHON_MINOR=12 -t acme/jax-research:latest .

ARG PYTHON_MAJOR=3
ARG PYTHON_MINOR=11
ARG PYTHON_VERSION=${PYTHON_MAJOR}.${PYTHON_MINOR}
ARG UV_VERSION=0.5.4
ARG CUDA_IMAGE=nvidia/cuda:12.6.3-cudnn-runtime-ubuntu24.04

FROM ghcr.io/astral-sh/uv:${UV_VERSION} AS uv

# ------------------------------------------------------------------------------------------
# builder: resolves and installs the locked environment into /opt/venv
# ------------------------------------------------------------------------------------------
FROM ubuntu:24.04 AS builder
ARG PYTHON_VERSION
ENV DEBIAN_FRONTEND=noninteractive \
    UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy \
    UV_PYTHON_INSTALL_DIR=/opt/python \
    UV_PROJECT_ENVIRONMENT=/opt/venv

RUN apt-get update \
 && apt-get install -y --no-install-recommends \
        ca-certificates=20240203 \
        build-essential=12.10ubuntu1 \
        git=1:2.43.0-1ubuntu7.1 \
 && rm -rf /var/lib/apt/lists/*

COPY --from=uv /uv /uvx /usr/local/bin/

# A standalone CPython from uv, so the runtime does not depend on the distribution's Python.
RUN uv python install "${PYTHON_VERSION}" \
 && uv venv --python "${PYTHON_VERSION}" /opt/venv

WORKDIR /src
# Dependencies first (cached unless the lock changes), then the project itself.
RUN --mount=type=cache,target=/root/.cache/uv \
    --mount=type=bind,source=uv.lock,target=uv.lock \
    --mount=type=bind,source=pyproject.toml,target=pyproject.toml \
    uv sync --frozen --no-install-project --no-dev --extra cuda12

COPY pyproject.toml uv.lock README.md ./
COPY src/ ./src/
RUN --mount=type=cache,target=/root/.cache/uv \
    uv sync --frozen --no-dev --no-editable --extra cuda12

# Optional extras for profiling, selected at build time
ARG WITH_PROFILING=0
RUN --mount=type=cache,target=/root/.cache/uv \
    if [ "${WITH_PROFILING}" = "1" ]; then \
        uv pip install --python /opt/venv/bin/python \
            "tensorboard-plugin-profile==2.18.0" \
            "xprof==2.18.0"; \
    fi

# Warm the XLA compilation cache folder layout and write a version report
RUN /opt/venv/bin/python - <<'PY' > /opt/venv/VERSIONS.txt
import importlib.metadata as md
for name in ("jax", "jaxlib", "jax-cuda12-plugin", "flax", "optax", "orbax-checkpoint"):
    try:
        print(f"{name}=={md.version(name)}")
    except md.PackageNotFoundError:
        print(f"{name} (not installed)")
PY

# ------------------------------------------------------------------------------------------
# tests: run on the builder's environment, never shipped
# ------------------------------------------------------------------------------------------
FROM builder AS tests
RUN --mount=type=cache,target=/root/.cache/uv \
    uv sync --frozen --extra cuda12 --group test
COPY tests/ ./tests/
RUN JAX_PLATFORMS=cpu /opt/venv/bin/python -m pytest -q -x tests/unit

# ------------------------------------------------------------------------------------------
# notebook: the builder's environment plus JupyterLab, for interactive work on a GPU node
# ------------------------------------------------------------------------------------------
FROM builder AS notebook
RUN --mount=type=cache,target=/root/.cache/uv \
    uv pip install --python /opt/venv/bin/python \
        "jupyterlab==4.2.5" \
        "ipywidgets==8.1.5" \
        "matplotlib==3.9.2"
ENV PATH=/opt/venv/bin:${PATH}
EXPOSE 8888
CMD ["jupyter", "lab", "--ip=0.0.0.0", "--no-browser", "--allow-root"]

# ------------------------------------------------------------------------------------------
# runtime
# ------------------------------------------------------------------------------------------
FROM ${CUDA_IMAGE} AS runtime
ARG PYTHON_VERSION

ARG BUILD_DATE
ARG VCS_REF
ARG VERSION=0.0.0-dev
LABEL org.opencontainers.image.title="jax-research" \
      org.opencontainers.image.description="JAX research environment (CUDA 12 plugin)" \
      org.opencontainers.image.source="https://github.com/acme/jax-research" \
      org.opencontainers.image.licenses="Apache-2.0" \
      org.opencontainers.image.vendor="ACME Research" \
      org.opencontainers.image.created="${BUILD_DATE}" \
      org.opencontainers.image.revision="${VCS_REF}" \
      org.opencontainers.image.version="${VERSION}"

ENV PATH=/opt/venv/bin:${PATH} \
    PYTHONUNBUFFERED=1 \
    XLA_PYTHON_CLIENT_PREALLOCATE=false \
    XLA_PYTHON_CLIENT_MEM_FRACTION=0.9 \
    JAX_COMPILATION_CACHE_DIR=/cache/jax \
    TF_CPP_MIN_LOG_LEVEL=2

RUN apt-get update \
 && apt-get install -y --no-install-recommends \
        ca-certificates=20240203 \
        libgomp1=14.2.0-4ubuntu2~24.04 \
        numactl=2.0.18-1build1 \
 && rm -rf /var/lib/apt/lists/*

COPY --from=builder /opt/python /opt/python
COPY --from=builder /opt/venv /opt/venv

# The same XLA flags for every entry point; collected in an array for readability.
RUN set -eu; \
    flags=( \
        "--xla_gpu_enable_latency_hiding_scheduler=true" \
        "--xla_gpu_enable_triton_gemm=false" \
        "--xla_gpu_enable_command_buffer=" \
    ); \
    printf 'export XLA_FLAGS="%s"\n' "${flags[*]}" > /etc/profile.d/xla.sh; \
    cat /etc/profile.d/xla.sh

RUN useradd --create-home --uid 1001 --shell /bin/bash researcher \
 && mkdir -p /cache/jax /data /checkpoints \
 && chown -R 1001:1001 /cache /data /checkpoints

# Report which devices JAX sees when the container starts (falls back to CPU with a warning)
COPY --chmod=0755 <<'SH' /usr/local/bin/jax-devices
#!/usr/bin/env bash
set -euo pipefail
source /etc/profile.d/xla.sh
backend="$(python -c 'import jax; print(jax.default_backend())' 2>/dev/null || echo none)"
case "${backend}" in
  gpu|cuda) python -c 'import jax; print(jax.devices())' ;;
  cpu) echo "JAX runs on CPU: is the container started with --gpus?" >&2 ;;
  *) echo "JAX could not start (backend: ${backend})" >&2; exit 1 ;;
esac
SH

USER 1001
WORKDIR /home/researcher
VOLUME ["/cache", "/data", "/checkpoints"]
CMD ["bash", "-lc", "jax-devices && exec python -m research.train --config configs/base.py"]
