# syntax=docker/dockerfile:1.7
# Builds vLLM (and its CUDA kernels) from a pinned source tree on a CUDA devel image,
# then ships the wheels on the matching runtime image with an OpenAI-compatible server.
#
#   docker build --build-arg MAX_JOBS=16 -t acme/llm-server:0.6.3 .
#   docker run --gpus all -p 8000:8000 -v /models:/models acme/llm-server:0.6.3

ARG CUDA_MAJOR=12
ARG CUDA_MINOR=4
ARG CUDA_PATCH=1
ARG CUDA_VERSION=${CUDA_MAJOR}.${CUDA_MINOR}.${CUDA_PATCH}
ARG UBUNTU_VERSION=22.04
ARG PYTHON_VERSION=3.11
ARG TORCH_CUDA_TAG=cu${CUDA_MAJOR}${CUDA_MINOR}

#################### BASE BUILD IMAGE ####################
FROM nvidia/cuda:${CUDA_VERSION}-devel-ubuntu${UBUNTU_VERSION} AS base
ARG PYTHON_VERSION
ARG TORCH_CUDA_TAG
ENV DEBIAN_FRONTEND=noninteractive \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    UV_LINK_MODE=copy \
    UV_HTTP_TIMEOUT=500

SHELL ["/bin/bash", "-o", "pipefail", "-c"]

RUN apt-get update -y \
 && apt-get install -y --no-install-recommends \
        ccache=4.5.1-1 \
        software-properties-common=0.99.22.9 \
        git=1:2.34.1-1ubuntu1.11 \
        curl=7.81.0-1ubuntu1.16 \
        sudo=1.9.9-1ubuntu2.4 \
 && add-apt-repository -y ppa:deadsnakes/ppa \
 && apt-get update -y \
 && apt-get install -y --no-install-recommends \
        "python${PYTHON_VERSION}=${PYTHON_VERSION}.10-1+jammy1" \
        "python${PYTHON_VERSION}-dev=${PYTHON_VERSION}.10-1+jammy1" \
        "python${PYTHON_VERSION}-venv=${PYTHON_VERSION}.10-1+jammy1" \
 && rm -rf /var/lib/apt/lists/* \
 && update-alternatives --install /usr/bin/python3 python3 "/usr/bin/python${PYTHON_VERSION}" 1 \
 && update-alternatives --set python3 "/usr/bin/python${PYTHON_VERSION}" \
 && ln -sf "/usr/bin/python${PYTHON_VERSION}-config" /usr/bin/python3-config \
 && curl -fsSL https://bootstrap.pypa.io/get-pip.py | python3 \
 && python3 --version && python3 -m pip --version

RUN python3 -m pip install --no-cache-dir uv==0.4.30

# Workaround for the CUDA compat libraries that the devel image puts on the linker path:
# they break `import torch` on hosts whose driver is newer than the image's.
RUN ldconfig /usr/local/cuda-"$(echo "${CUDA_VERSION:-12.4}" | cut -d. -f1,2)"/compat/ || true

WORKDIR /workspace

# Torch first, from the index of the image's CUDA: the kernels below are compiled against it.
COPY requirements-common.txt requirements-cuda.txt ./
RUN --mount=type=cache,target=/root/.cache/uv \
    python3 -m uv pip install --system \
        --index-url "https://download.pytorch.org/whl/${TORCH_CUDA_TAG}" \
        torch==2.5.1 torchvision==0.20.1 \
 && python3 -m uv pip install --system -r requirements-cuda.txt

# cuda arch list used by torch
# can be useful for both `dev` and `test`
# explicitly set the list to avoid issues with torch 2.2
# see https://github.com/pytorch/pytorch/pull/123243
ARG torch_cuda_arch_list='7.0 7.5 8.0 8.6 8.9 9.0+PTX'
ENV TORCH_CUDA_ARCH_LIST=${torch_cuda_arch_list}
# Override the arch list for flash-attn to reduce the binary size
ARG vllm_fa_cmake_gpu_arches='80-real;90-real'
ENV VLLM_FA_CMAKE_GPU_ARCHES=${vllm_fa_cmake_gpu_arches}

#################### WHEEL BUILD IMAGE ####################
FROM base AS build
ARG VLLM_REF=v0.6.3
ARG MAX_JOBS=8
ARG NVCC_THREADS=2
ENV MAX_JOBS=${MAX_JOBS} \
    NVCC_THREADS=${NVCC_THREADS} \
    CCACHE_DIR=/root/.cache/ccache

COPY requirements-build.txt requirements-build.txt
RUN --mount=type=cache,target=/root/.cache/uv \
    python3 -m uv pip install --system -r requirements-build.txt

# Sources come from a pinned tag; a local checkout can be used instead with --build-context.
RUN git clone --filter=blob:none https://github.com/vllm-project/vllm.git /workspace/vllm \
 && git -C /workspace/vllm checkout "${VLLM_REF}" \
 && git -C /workspace/vllm submodule update --init --recursive --depth 1

WORKDIR /workspace/vllm
# Build the wheel; ccache and the uv cache survive between builds on the same machine.
RUN --mount=type=cache,target=/root/.cache/ccache \
    --mount=type=cache,target=/root/.cache/uv \
    set -euxo pipefail; \
    jobs_available="$(nproc)"; \
    if (( MAX_JOBS > jobs_available )); then \
        echo "MAX_JOBS=${MAX_JOBS} is more than the ${jobs_available} CPUs here; lowering it"; \
        export MAX_JOBS="${jobs_available}"; \
    fi; \
    build_args=(--no-build-isolation --wheel-dir /workspace/dist -v); \
    case "${TORCH_CUDA_ARCH_LIST}" in \
        *9.0*) echo "building with Hopper kernels" ;; \
        *) echo "building without Hopper kernels" ;; \
    esac; \
    python3 -m uv build "${build_args[@]}" . \
 && ls -lh /workspace/dist \
 && wheel_size="$(stat -c %s /workspace/dist/*.whl)" \
 && echo "wheel size: $(( wheel_size / 1024 / 1024 )) MiB"

# Check the wheel size: PyPI refuses anything above the limit
ARG RUN_WHEEL_CHECK=true
RUN if [ "$RUN_WHEEL_CHECK" = "true" ]; then \
        python3 tools/check_wheel_size.py /workspace/dist; \
    else \
        echo "Skipping wheel size check."; \
    fi

#################### FLASHINFER WHEEL ####################
FROM base AS flashinfer
ARG FLASHINFER_VERSION=0.1.6
RUN --mount=type=cache,target=/root/.cache/uv \
    mkdir -p /wheels \
 && python3 -m uv pip download --no-deps --dest /wheels \
        --index-url "https://flashinfer.ai/whl/${TORCH_CUDA_TAG}/torch2.4" \
        "flashinfer==${FLASHINFER_VERSION}"

#################### TEST IMAGE ####################
FROM base AS test
COPY --from=build /workspace/dist /workspace/dist
COPY requirements-test.txt requirements-test.txt
RUN --mount=type=cache,target=/root/.cache/uv \
    python3 -m uv pip install --system /workspace/dist/*.whl -r requirements-test.txt
COPY tests/ /workspace/tests/
WORKDIR /workspace/tests
RUN python3 -m pytest -x -q test_sampling.py -k "not slow"

#################### RUNTIME IMAGE ####################
FROM nvidia/cuda:${CUDA_VERSION}-runtime-ubuntu${UBUNTU_VERSION} AS runtime
ARG PYTHON_VERSION
ARG TORCH_CUDA_TAG
ENV DEBIAN_FRONTEND=noninteractive \
    PIP_NO_CACHE_DIR=1 \
    UV_LINK_MODE=copy
SHELL ["/bin/bash", "-o", "pipefail", "-c"]

RUN apt-get update -y \
 && apt-get install -y --no-install-recommends \
        software-properties-common=0.99.22.9 \
        curl=7.81.0-1ubuntu1.16 \
        libibverbs1=39.0-1 \
        tini=0.19.0-1 \
 && add-apt-repository -y ppa:deadsnakes/ppa \
 && apt-get update -y \
 && apt-get install -y --no-install-recommends \
        "python${PYTHON_VERSION}=${PYTHON_VERSION}.10-1+jammy1" \
        "python${PYTHON_VERSION}-venv=${PYTHON_VERSION}.10-1+jammy1" \
 && rm -rf /var/lib/apt/lists/* \
 && update-alternatives --install /usr/bin/python3 python3 "/usr/bin/python${PYTHON_VERSION}" 1 \
 && curl -fsSL https://bootstrap.pypa.io/get-pip.py | python3

RUN ldconfig /usr/local/cuda-"$(echo "${CUDA_VERSION:-12.4}" | cut -d. -f1,2)"/compat/ || true

RUN --mount=type=bind,from=build,src=/workspace/dist,target=/dist \
    --mount=type=bind,from=flashinfer,src=/wheels,target=/fi \
    --mount=type=cache,target=/root/.cache/uv \
    python3 -m pip install --no-cache-dir uv==0.4.30 \
 && python3 -m uv pip install --system \
        --extra-index-url "https://download.pytorch.org/whl/${TORCH_CUDA_TAG}" \
        /dist/*.whl /fi/*.whl

# Extra serving dependencies, each pinned so that a rebuild serves the same stack
RUN --mount=type=cache,target=/root/.cache/uv \
    extras=( \
        "accelerate==1.1.1" \
        "hf_transfer==0.1.8" \
        "modelscope==1.20.1" \
        "bitsandbytes==0.44.1" \
        "timm==1.0.11" \
    ); \
    python3 -m uv pip install --system "${extras[@]}"

ENV HF_HOME=/models/.hf \
    HF_HUB_ENABLE_HF_TRANSFER=1 \
    VLLM_USAGE_SOURCE=production-docker-image \
    VLLM_WORKER_MULTIPROC_METHOD=spawn

RUN groupadd --gid 1001 vllm \
 && useradd --uid 1001 --gid vllm --create-home --shell /bin/bash vllm \
 && mkdir -p /models \
 && chown -R vllm:vllm /models

COPY --chown=vllm:vllm docker/entrypoint.sh /usr/local/bin/entrypoint.sh
COPY --chown=vllm:vllm examples/tool_chat_template_llama3.1_json.jinja /templates/llama3.1.jinja

USER vllm
WORKDIR /home/vllm
VOLUME ["/models"]
EXPOSE 8000

HEALTHCHECK --interval=30s --timeout=5s --start-period=900s --retries=3 \
    CMD curl -fsS http://localhost:8000/health || exit 1

ENTRYPOINT ["/usr/bin/tini", "--", "/usr/local/bin/entrypoint.sh"]
CMD ["python3", "-m", "vllm.entrypoints.openai.api_server", "--host", "0.0.0.0", "--port", "8000"]
