# syntax=docker/dockerfile:1
# Build flash-attn and apex wheels in a devel stage, ship only the wheels on the runtime image.
ARG CUDA_VERSION=12.4.1
ARG UBUNTU=ubuntu22.04
ARG TORCH_VERSION=2.4.0

FROM nvidia/cuda:${CUDA_VERSION}-cudnn-devel-${UBUNTU} AS builder
ARG TORCH_VERSION
ENV TORCH_CUDA_ARCH_LIST="8.0;8.6;8.9;9.0+PTX" \
    MAX_JOBS=4 \
    DEBIAN_FRONTEND=noninteractive
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3-dev python3-pip ninja-build git \
 && rm -rf /var/lib/apt/lists/*
RUN pip3 install --no-cache-dir "torch==${TORCH_VERSION}" --index-url https://download.pytorch.org/whl/cu124 \
 && pip3 install --no-cache-dir packaging==24.1 wheel==0.44.0 setuptools==72.1.0
WORKDIR /build
RUN pip3 wheel --no-cache-dir --no-build-isolation --no-deps -w /wheels flash-attn==2.6.3
RUN git clone https://github.com/NVIDIA/apex.git \
 && cd apex \
 && git checkout 24.04.01 \
 && pip3 wheel --no-cache-dir --no-build-isolation --no-deps -w /wheels \
      --config-settings "--build-option=--cpp_ext" \
      --config-settings "--build-option=--cuda_ext" .

FROM nvidia/cuda:${CUDA_VERSION}-cudnn-runtime-${UBUNTU} AS runtime
ARG TORCH_VERSION
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 python3-pip \
 && rm -rf /var/lib/apt/lists/*
COPY --from=builder /wheels /tmp/wheels
RUN pip3 install --no-cache-dir "torch==${TORCH_VERSION}" --index-url https://download.pytorch.org/whl/cu124 \
 && pip3 install --no-cache-dir /tmp/wheels/*.whl \
 && rm -rf /tmp/wheels
WORKDIR /app
COPY . /app
USER 1000:1000
CMD ["python3", "train.py"]
