# Point-cloud detection project: custom CUDA ops (voxelization, sparse conv) compiled against the
# installed torch inside a devel image. torch comes from PyPI, pinned to 1.13.1.
ARG BASE_TAG=12.2.2-cudnn8-devel-ubuntu22.04
FROM nvidia/cuda:${BASE_TAG} AS build

ARG DEBIAN_FRONTEND=noninteractive
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    TORCH_CUDA_ARCH_LIST="7.5;8.0;8.6" \
    FORCE_CUDA=1

RUN apt-get update && apt-get install -y --no-install-recommends \
        python3.10=3.10.12-1~22.04.6 \
        python3.10-dev=3.10.12-1~22.04.6 \
        python3-pip=22.0.2+dfsg-1ubuntu0.4 \
        git=1:2.34.1-1ubuntu1.11 \
        ninja-build=1.10.1-1 \
        libboost-dev=1.74.0.3ubuntu7 \
        libsparsehash-dev=2.0.3-1.1 \
    && rm -rf /var/lib/apt/lists/*

RUN ln -sf /usr/bin/python3.10 /usr/local/bin/python

# PyPI wheel: pip picks the default CUDA build of torch 1.13.1.
RUN python -m pip install --no-cache-dir torch==1.13.1 torchvision==0.14.1

RUN python -m pip install --no-cache-dir \
        numpy==1.24.4 \
        numba==0.58.1 \
        "scipy==1.11.4" \
        "nuscenes-devkit==1.1.11" \
        "open3d==0.17.0" \
        "pyyaml==6.0.1" \
        "tqdm==4.66.1" \
        "easydict==1.11"

# spconv from source (the project needs a patched 2.3 branch), pinned by commit.
ARG SPCONV_COMMIT=5c6a8b1d1e0f34c4e2f3f6b0e3f1a2b3c4d5e6f7
RUN git clone https://github.com/traveller59/spconv.git /opt/spconv \
 && git -C /opt/spconv checkout "${SPCONV_COMMIT}" \
 && cd /opt/spconv \
 && python -m pip install --no-cache-dir --no-build-isolation -e .

# Our own CUDA ops, compiled here with nvcc 12.2 against torch's headers.
WORKDIR /src
COPY pcdet/ops/ ./pcdet/ops/
COPY setup.py requirements.txt ./
RUN python -m pip install --no-cache-dir -r requirements.txt \
 && python setup.py build_ext --inplace 2>&1 | tee /tmp/build_ext.log \
 && grep -c "nvcc" /tmp/build_ext.log

COPY pcdet/ ./pcdet/
COPY tools/ ./tools/

# Make sure the extension modules import; fails the build early if nvcc and torch disagree.
RUN python - <<'PY'
import importlib
for mod in ("pcdet.ops.iou3d_nms.iou3d_nms_cuda", "pcdet.ops.roiaware_pool3d.roiaware_pool3d_cuda"):
    importlib.import_module(mod)
    print("ok", mod)
PY

# ---------------------------------------------------------------- dev: the build stage plus tools
FROM build AS dev
ARG DEBIAN_FRONTEND=noninteractive
RUN apt-get update && apt-get install -y --no-install-recommends \
        gdb=12.1-0ubuntu1~22.04.2 \
        htop=3.0.5-7build2 \
        less=590-1ubuntu0.22.04.3 \
        openssh-server=1:8.9p1-3ubuntu0.10 \
    && rm -rf /var/lib/apt/lists/* \
    && mkdir -p /run/sshd
RUN python -m pip install --no-cache-dir \
        "jupyterlab==4.0.11" \
        "ipdb==0.13.13" \
        "line_profiler==4.1.2" \
        "tensorboard==2.14.1" \
        "pytest==7.4.4"
# Rebuild the ops in place when sources change: `make -C /src ops` inside the dev container
RUN cat > /src/Makefile <<'MK'
.PHONY: ops clean
ops:
	python setup.py build_ext --inplace
clean:
	find pcdet -name '*.so' -delete
	rm -rf build
MK
# nuScenes mini split for quick experiments, fetched only when the URL is given
ARG NUSCENES_MINI_URL=
RUN if [ -n "${NUSCENES_MINI_URL}" ]; then \
        mkdir -p /data/nuscenes && \
        curl -fsSL "${NUSCENES_MINI_URL}" | tar -xz -C /data/nuscenes; \
    else \
        echo "no nuScenes mini URL given; mount /data at run time"; \
    fi
EXPOSE 8888 22
CMD ["bash"]

# ---------------------------------------------------------------- eval: metrics on a checkpoint
FROM build AS eval
ARG CKPT_URL=
COPY configs/ /src/configs/
RUN set -eu; \
    cfgs=(/src/configs/*.yaml); \
    echo "${#cfgs[@]} configs"; \
    for c in "${cfgs[@]}"; do \
        python -c "import yaml,sys; yaml.safe_load(open(sys.argv[1]))" "$c"; \
    done
ENTRYPOINT ["python", "tools/test.py", "--cfg_file"]
CMD ["/src/configs/pointpillar.yaml"]

# ---------------------------------------------------------------- onnx export of the backbone
FROM build AS export-onnx
RUN python -m pip install --no-cache-dir "onnx==1.14.1" "onnxsim==0.4.35"
COPY tools/export_onnx.py /src/tools/export_onnx.py
ARG CKPT=/ckpt/latest.pth
RUN --mount=type=bind,source=ckpt,target=/ckpt \
    python tools/export_onnx.py --ckpt "${CKPT}" --out /export/backbone.onnx \
 && python -m onnxsim /export/backbone.onnx /export/backbone.sim.onnx \
 && ls -l /export

FROM nvidia/cuda:12.2.2-cudnn8-runtime-ubuntu22.04
ARG DEBIAN_FRONTEND=noninteractive

ARG BUILD_DATE
ARG VCS_REF
ARG VERSION=0.0.0-dev
LABEL org.opencontainers.image.title="pointdet" \
      org.opencontainers.image.description="3D point-cloud detection with custom CUDA ops" \
      org.opencontainers.image.source="https://github.com/acme/pointdet" \
      org.opencontainers.image.licenses="Apache-2.0" \
      org.opencontainers.image.vendor="ACME Research" \
      org.opencontainers.image.created="${BUILD_DATE}" \
      org.opencontainers.image.revision="${VCS_REF}" \
      org.opencontainers.image.version="${VERSION}"
ENV PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
RUN apt-get update && apt-get install -y --no-install-recommends \
        python3.10=3.10.12-1~22.04.6 \
        python3-pip=22.0.2+dfsg-1ubuntu0.4 \
        libgomp1=12.3.0-1ubuntu1~22.04 \
    && rm -rf /var/lib/apt/lists/* \
    && ln -sf /usr/bin/python3.10 /usr/local/bin/python
RUN python -m pip install --no-cache-dir torch==1.13.1 torchvision==0.14.1 numpy==1.24.4 numba==0.58.1 easydict==1.11 pyyaml==6.0.1
COPY --from=build /src /src
COPY --from=build /opt/spconv /opt/spconv
WORKDIR /src
RUN useradd --create-home --uid 1000 det && chown -R det /src
USER det
ENTRYPOINT ["python", "tools/test.py"]
