ARG CUDA_VERSION=12.4.1
FROM nvidia/cuda:${CUDA_VERSION}-devel-ubuntu22.04 AS build
ARG DEBIAN_FRONTEND=noninteractive
RUN apt-get update -y \
    && apt-get install -y python3-pip git ccache \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /workspace
RUN git clone https://github.com/vllm-project/vllm.git
WORKDIR /workspace/vllm
ENV MAX_JOBS=8 NVCC_THREADS=2
RUN --mount=type=cache,target=/root/.cache/pip \
    --mount=type=cache,target=/root/.cache/ccache \
    pip install -r requirements-build.txt && \
    python3 setup.py bdist_wheel --dist-dir=/dist

FROM nvidia/cuda:${CUDA_VERSION}-base-ubuntu22.04
RUN apt-get update -y && apt-get install -y --no-install-recommends python3-pip && rm -rf /var/lib/apt/lists/*
COPY --from=build /dist/*.whl /tmp/
RUN pip install /tmp/*.whl && rm /tmp/*.whl
ENTRYPOINT ["python3", "-m", "vllm.entrypoints.openai.api_server"]
