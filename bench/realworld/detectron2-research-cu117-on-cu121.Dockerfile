# Research image for an instance-segmentation project built on detectron2.
# Kept close to how the lab's original Dockerfile was written: the base image was bumped to
# CUDA 12.1 when the cluster got new drivers, the torch index URL was not.
# Dataset conversion tools run on CPU machines; kept as their own small image.
FROM python:3.10-slim AS dataset-tools
ENV PIP_NO_CACHE_DIR=1
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
        gcc=4:12.2.0-3 \
        libc6-dev=2.36-9+deb12u9 \
 && rm -rf /var/lib/apt/lists/*
RUN pip install --no-cache-dir \
        "pycocotools==2.0.7" \
        "labelme==5.3.1" \
        "imagesize==1.4.1" \
        "numpy==1.26.2"
COPY tools/datasets/ /tools/
RUN set -eu; \
    converters=(labelme2coco.py split_coco.py check_annotations.py); \
    for c in "${converters[@]}"; do \
        test -f "/tools/${c}" || { echo "missing ${c}" >&2; exit 1; }; \
        python -m py_compile "/tools/${c}"; \
    done
WORKDIR /tools
ENTRYPOINT ["python"]

FROM nvidia/cuda:12.1.1-cudnn8-devel-ubuntu22.04 AS devel

ARG BUILD_DATE
ARG VCS_REF
ARG VERSION=0.0.0-dev
LABEL org.opencontainers.image.title="instseg" \
      org.opencontainers.image.description="Instance segmentation research image" \
      org.opencontainers.image.source="https://github.com/acme/instseg" \
      org.opencontainers.image.licenses="Apache-2.0" \
      org.opencontainers.image.vendor="ACME Research" \
      org.opencontainers.image.created="${BUILD_DATE}" \
      org.opencontainers.image.revision="${VCS_REF}" \
      org.opencontainers.image.version="${VERSION}"

ARG DEBIAN_FRONTEND=noninteractive
ARG USER_NAME=researcher
ARG USER_UID=1000
ARG USER_GID=${USER_UID}
ARG PY=python3
ENV TZ=Etc/UTC \
    LANG=C.UTF-8 \
    LC_ALL=C.UTF-8 \
    CUDA_HOME=/usr/local/cuda \
    PIP_NO_CACHE_DIR=1

SHELL ["/bin/bash", "-o", "pipefail", "-c"]

# System packages: build tools for the CUDA ops, OpenCV's runtime libraries, and editors for
# interactive sessions on the cluster.
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
        build-essential=12.9ubuntu3 \
        cmake=3.22.1-1ubuntu1.22.04.2 \
        ninja-build=1.10.1-1 \
        git=1:2.34.1-1ubuntu1.11 \
        wget=1.21.2-2ubuntu1.1 \
        ca-certificates=20240203~22.04.1 \
        python3-dev=3.10.6-1~22.04.1 \
        python3-pip=22.0.2+dfsg-1ubuntu0.4 \
        python3-opencv=4.5.4+dfsg-9ubuntu4 \
        libgl1=1.4.0-1 \
        libglib2.0-0=2.72.4-0ubuntu2.3 \
        vim-tiny=2:8.2.3995-1ubuntu2.17 \
        tmux=3.2a-4ubuntu0.2 \
 && rm -rf /var/lib/apt/lists/*

RUN groupadd --gid "${USER_GID}" "${USER_NAME}" \
 && useradd --uid "${USER_UID}" --gid "${USER_GID}" -m -s /bin/bash "${USER_NAME}"

# PyTorch 1.13 for CUDA 11.7: the version the paper's numbers were produced with.
RUN ${PY} -m pip install --no-cache-dir --upgrade pip==23.3.1 setuptools==69.0.2 wheel==0.42.0 \
 && python3 -m pip install --no-cache-dir \
        torch==1.13.1+cu117 torchvision==0.14.1+cu117 \
        --extra-index-url https://download.pytorch.org/whl/cu117

# fvcore and friends from PyPI, pinned to what detectron2 v0.6 was tested with.
RUN ${PY} -m pip install --no-cache-dir \
        cython==3.0.6 \
        "fvcore==0.1.5.post20221221" \
        "iopath==0.1.9" \
        "pycocotools==2.0.7" \
        "opencv-python-headless==4.8.1.78" \
        "tensorboard==2.15.1" \
        "shapely==2.0.2" \
        "scikit-image==0.22.0"

# detectron2 at a fixed tag, built with its CUDA ops for the cluster's GPUs (V100, A100, A6000).
ENV FORCE_CUDA=1 \
    TORCH_CUDA_ARCH_LIST="7.0;8.0;8.6+PTX" \
    MAX_JOBS=8
RUN git clone --depth 1 --branch v0.6 https://github.com/facebookresearch/detectron2.git /opt/detectron2 \
 && cd /opt/detectron2 \
 && ${PY} -m pip install --no-cache-dir --no-build-isolation -e . \
 && ${PY} -c "import detectron2, torch; print(detectron2.__version__, torch.version.cuda)"

# NVIDIA apex for fused optimizers. The CUDA extension build needs the compiler from the image.
RUN git clone https://github.com/NVIDIA/apex /opt/apex \
 && cd /opt/apex \
 && git checkout 23.08 \
 && ${PY} -m pip install -v --disable-pip-version-check --no-cache-dir --no-build-isolation \
        --config-settings "--build-option=--cpp_ext" \
        --config-settings "--build-option=--cuda_ext" \
        ./

# The project itself: a pure-Python package with a setup.py.
WORKDIR /workspace/instseg
COPY setup.py setup.cfg README.md ./
COPY instseg/ ./instseg/
RUN ${PY} setup.py develop

# Datasets and checkpoints are mounted at run time; these folders are only mount points.
RUN mkdir -p /datasets /checkpoints /outputs \
 && chown -R "${USER_NAME}:${USER_NAME}" /datasets /checkpoints /outputs /workspace

ENV DETECTRON2_DATASETS=/datasets \
    FVCORE_CACHE=/tmp/fvcore_cache

# Jupyter for notebooks on the login node
RUN ${PY} -m pip install --no-cache-dir \
        "jupyterlab==4.0.9" \
        "ipywidgets==8.1.1" \
        "matplotlib==3.8.2"

COPY scripts/ /workspace/instseg/scripts/
RUN chmod +x /workspace/instseg/scripts/*.sh

# Training launcher: picks the number of GPUs from what the container sees.
RUN cat > /usr/local/bin/train <<'SCRIPT'
#!/usr/bin/env bash
set -euo pipefail
ngpu="$(python3 -c 'import torch; print(torch.cuda.device_count())')"
config="${1:?usage: train CONFIG [overrides...]}"
shift
case "${ngpu}" in
  0) echo "no GPU visible; refusing to train" >&2; exit 1 ;;
  1) exec python3 tools/train_net.py --config-file "${config}" "$@" ;;
  *) exec python3 tools/train_net.py --num-gpus "${ngpu}" --config-file "${config}" "$@" ;;
esac
SCRIPT
RUN chmod +x /usr/local/bin/train

USER ${USER_NAME}
WORKDIR /workspace/instseg

# Sanity check at build time that the ops were compiled (no GPU needed for the import).
RUN python3 -c "from detectron2 import _C; print('detectron2 ops ok')"

EXPOSE 8888
CMD ["jupyter", "lab", "--ip=0.0.0.0", "--port=8888", "--no-browser"]
