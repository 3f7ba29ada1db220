# 3D Gaussian Splatting training image: COLMAP for camera poses, the two CUDA rasterizer
# submodules compiled against torch, then a runtime image with the built wheels and COLMAP.
#
#   docker build -t acme/gsplat-train:cu118 .
#   docker run --gpus all -v $PWD/scenes:/scenes acme/gsplat-train:cu118 -s /scenes/garden

ARG CUDA=11.8.0
ARG UBUNTU=22.04
ARG COLMAP_VERSION=3.9.1
ARG TORCH_INDEX=https://download.pytorch.org/whl/cu118

# ============================================================ COLMAP
FROM nvidia/cuda:${CUDA}-devel-ubuntu${UBUNTU} AS colmap
ARG COLMAP_VERSION
ARG DEBIAN_FRONTEND=noninteractive
# CUDA architectures for COLMAP's dense reconstruction kernels
ARG COLMAP_CUDA_ARCHS="70;75;80;86"

RUN apt-get update && apt-get install -y --no-install-recommends \
        git=1:2.34.1-1ubuntu1.11 \
        cmake=3.22.1-1ubuntu1.22.04.2 \
        ninja-build=1.10.1-1 \
        build-essential=12.9ubuntu3 \
        libboost-program-options-dev=1.74.0.3ubuntu7 \
        libboost-filesystem-dev=1.74.0.3ubuntu7 \
        libboost-graph-dev=1.74.0.3ubuntu7 \
        libboost-system-dev=1.74.0.3ubuntu7 \
        libeigen3-dev=3.4.0-2ubuntu2 \
        libflann-dev=1.9.1+dfsg-11 \
        libfreeimage-dev=3.18.0+ds2-6ubuntu5.1 \
        libmetis-dev=5.1.0.dfsg-7build2 \
        libgoogle-glog-dev=0.5.0+really0.4.0-2 \
        libgtest-dev=1.11.0-3 \
        libsqlite3-dev=3.37.2-2ubuntu0.3 \
        libglew-dev=2.2.0-4 \
        qtbase5-dev=5.15.3+dfsg-2ubuntu0.2 \
        libqt5opengl5-dev=5.15.3+dfsg-2ubuntu0.2 \
        libcgal-dev=5.4-1 \
        libceres-dev=2.0.0+dfsg1-5 \
    && rm -rf /var/lib/apt/lists/*

RUN git clone --depth 1 --branch "${COLMAP_VERSION}" https://github.com/colmap/colmap.git /opt/colmap-src \
 && cmake -S /opt/colmap-src -B /opt/colmap-build -GNinja \
        -DCMAKE_BUILD_TYPE=Release \
        -DCMAKE_CUDA_ARCHITECTURES="${COLMAP_CUDA_ARCHS}" \
        -DCMAKE_INSTALL_PREFIX=/opt/colmap \
 && cmake --build /opt/colmap-build --parallel "$(nproc)" \
 && cmake --install /opt/colmap-build \
 && rm -rf /opt/colmap-build

# ============================================================ rasterizer wheels
FROM nvidia/cuda:${CUDA}-devel-ubuntu${UBUNTU} AS wheels
ARG TORCH_INDEX
ARG DEBIAN_FRONTEND=noninteractive
ENV PIP_NO_CACHE_DIR=1 \
    MAX_JOBS=8

RUN apt-get update && apt-get install -y --no-install-recommends \
        python3.10-dev=3.10.12-1~22.04.6 \
        python3-pip=22.0.2+dfsg-1ubuntu0.4 \
        git=1:2.34.1-1ubuntu1.11 \
        ninja-build=1.10.1-1 \
    && rm -rf /var/lib/apt/lists/*

RUN python3 -m pip install --no-cache-dir \
        torch==2.1.2 torchvision==0.16.2 \
        --index-url "${TORCH_INDEX}"

# The repository pins the submodules to the commits the paper used.
ARG GS_COMMIT=472689c0dc70417448fb451bf529ae532d32c095
RUN git clone --recursive https://github.com/graphdeco-inria/gaussian-splatting /opt/gs \
 && git -C /opt/gs checkout "${GS_COMMIT}" \
 && git -C /opt/gs submodule update --init --recursive

# Build wheels for the two CUDA extensions (no GPU in the build: see the arch list note in README)
WORKDIR /opt/gs/submodules
RUN set -eux; \
    exts=(diff-gaussian-rasterization simple-knn); \
    mkdir -p /wheels; \
    for e in "${exts[@]}"; do \
        python3 -m pip wheel --no-build-isolation --no-deps -w /wheels "./${e}"; \
    done; \
    ls -l /wheels

# ============================================================ SIBR viewer (optional, for local use)
FROM colmap AS viewer
ARG SIBR_COMMIT=d3c7d3fd6ef2d1b57bd91b00ad84fa50e3e4f0dc
RUN apt-get update && apt-get install -y --no-install-recommends \
        libglfw3-dev=3.3.6-1 \
        libembree-dev=3.13.1+dfsg-1 \
        libassimp-dev=5.2.2~ds0-1 \
    && rm -rf /var/lib/apt/lists/*
RUN git clone https://gitlab.inria.fr/sibr/sibr_core.git /opt/sibr \
 && git -C /opt/sibr checkout "${SIBR_COMMIT}" \
 && cmake -S /opt/sibr -B /opt/sibr/build -GNinja -DCMAKE_BUILD_TYPE=Release \
 && cmake --build /opt/sibr/build --target install --parallel "$(nproc)"
ENTRYPOINT ["/opt/sibr/install/bin/SIBR_gaussianViewer_app"]

# ============================================================ runtime
FROM nvidia/cuda:${CUDA}-runtime-ubuntu${UBUNTU} AS runtime
ARG TORCH_INDEX
ARG DEBIAN_FRONTEND=noninteractive
ENV PIP_NO_CACHE_DIR=1 \
    PATH=/opt/colmap/bin:${PATH} \
    QT_QPA_PLATFORM=offscreen

RUN apt-get update && apt-get install -y --no-install-recommends \
        python3.10=3.10.12-1~22.04.6 \
        python3-pip=22.0.2+dfsg-1ubuntu0.4 \
        libboost-program-options1.74.0=1.74.0-14ubuntu3 \
        libboost-filesystem1.74.0=1.74.0-14ubuntu3 \
        libfreeimage3=3.18.0+ds2-6ubuntu5.1 \
        libgoogle-glog0v5=0.5.0+really0.4.0-2 \
        libmetis5=5.1.0.dfsg-7build2 \
        libceres2=2.0.0+dfsg1-5 \
        libqt5widgets5=5.15.3+dfsg-2ubuntu0.2 \
        libglew2.2=2.2.0-4 \
        imagemagick=8:6.9.11.60+dfsg-1.3ubuntu0.22.04.5 \
        ffmpeg=7:4.4.2-0ubuntu0.22.04.1 \
    && rm -rf /var/lib/apt/lists/*

COPY --from=colmap /opt/colmap /opt/colmap
COPY --from=wheels /wheels /wheels
RUN python3 -m pip install --no-cache-dir \
        torch==2.1.2 torchvision==0.16.2 --index-url "${TORCH_INDEX}" \
 && python3 -m pip install --no-cache-dir /wheels/*.whl \
        "plyfile==1.0.3" \
        "tqdm==4.66.5" \
        "opencv-python-headless==4.10.0.84" \
 && rm -rf /wheels

COPY --from=wheels /opt/gs /opt/gs
WORKDIR /opt/gs

# Convert a folder of photos to a COLMAP scene, then train; both steps in one entry point.
COPY <<'EOF_RUN' /usr/local/bin/gs-train
#!/usr/bin/env bash
set -euo pipefail
scene=""
rest=()
while (( $# )); do
  case "$1" in
    -s|--source_path) scene="$2"; rest+=("$1" "$2"); shift 2 ;;
    *) rest+=("$1"); shift ;;
  esac
done
[[ -n "${scene}" ]] || { echo "usage: gs-train -s SCENE [train.py options]" >&2; exit 2; }
if [[ ! -d "${scene}/sparse" ]]; then
  python3 convert.py -s "${scene}" --colmap_executable "$(command -v colmap)"
fi
exec python3 train.py "${rest[@]}"
EOF_RUN
RUN chmod +x /usr/local/bin/gs-train \
 && useradd --create-home --uid 1000 gs \
 && chown -R 1000:1000 /opt/gs
USER 1000
ENTRYPOINT ["gs-train"]
