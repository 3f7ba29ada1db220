# syntax=docker/dockerfile:1.6
# Fine-tuning image for a latent-diffusion project. The environment is solved by conda (the
# project needs conda-forge's ffmpeg and xformers builds), then copied onto a slim runtime.
#
# Build:  docker build --build-arg ENV_NAME=ldm -t ghcr.io/acme/ldm-train:2024.11 .
# Train:  docker run --gpus all --shm-size 16g -v $PWD/data:/data ghcr.io/acme/ldm-train:2024.11 \
#             accelerate launch train.py --config configs/sdxl-lora.yaml

ARG MINIFORGE_VERSION=24.9.2-0
ARG ENV_NAME=ldm
ARG ENV_PREFIX=/opt/conda/envs/${ENV_NAME}
ARG CUDA_VERSION=12.4
ARG CUDA_TAG=12.4.1

############################
# 1. solve the environment #
############################
FROM condaforge/miniforge3:${MINIFORGE_VERSION} AS solver
ARG ENV_NAME
ARG ENV_PREFIX
ARG CUDA_VERSION
ARG TARGETARCH

SHELL ["/bin/bash", "-o", "pipefail", "-c"]

# conda-lock file per platform; the plain environment.yml is the fallback for new platforms.
COPY environment.yml conda-lock.yml* /tmp/env/

RUN --mount=type=cache,target=/opt/conda/pkgs,sharing=locked \
    set -eux; \
    case "${TARGETARCH:-amd64}" in \
        amd64) platform=linux-64 ;; \
        arm64) platform=linux-aarch64 ;; \
        *) echo "unsupported architecture: ${TARGETARCH}" >&2; exit 1 ;; \
    esac; \
    if [ -f /tmp/env/conda-lock.yml ]; then \
        mamba install -y -n base conda-lock=2.5.7; \
        conda-lock install --name "${ENV_NAME}" --platform "${platform}" /tmp/env/conda-lock.yml; \
    else \
        mamba env create -y -n "${ENV_NAME}" -f /tmp/env/environment.yml; \
    fi; \
    mamba install -y -n "${ENV_NAME}" -c conda-forge \
        "cuda-version=${CUDA_VERSION}" \
        "pytorch=2.5.1=*cuda*" \
        "torchvision=0.20.1" \
        "xformers=0.0.28.post3" \
        "ffmpeg=6.1.2"

# pip-only packages go in with the env's own pip, through conda run
COPY requirements-pip.txt /tmp/env/requirements-pip.txt
RUN conda run -n "${ENV_NAME}" python -m pip install --no-cache-dir -r /tmp/env/requirements-pip.txt \
 && conda run -n "${ENV_NAME}" python -m pip check \
 && conda run -n "${ENV_NAME}" python -c "import torch, xformers; print(torch.__version__, torch.version.cuda, xformers.__version__)"

# Remove what the runtime does not need: static libraries, headers, test suites, caches.
RUN set -eux; \
    prefix="${ENV_PREFIX}"; \
    find "${prefix}" -name '*.a' -delete; \
    find "${prefix}" -name '__pycache__' -type d -prune -exec rm -rf {} +; \
    find "${prefix}" -path '*/site-packages/*/tests' -type d -prune -exec rm -rf {} +; \
    rm -rf "${prefix}/include" "${prefix}/share/doc" "${prefix}/share/man"; \
    du -sh "${prefix}"

# conda-pack turns the env into a relocatable folder
RUN --mount=type=cache,target=/opt/conda/pkgs,sharing=locked \
    mamba install -y -n base conda-pack=0.8.1 \
 && conda-pack -n "${ENV_NAME}" -o /tmp/env.tar.gz --ignore-missing-files \
 && mkdir -p /venv \
 && tar -xzf /tmp/env.tar.gz -C /venv \
 && rm /tmp/env.tar.gz \
 && /venv/bin/conda-unpack

########################################
# 2. notebook image for data exploration #
########################################
FROM condaforge/miniforge3:${MINIFORGE_VERSION} AS notebook
ARG ENV_NAME
RUN mamba install -y -n base \
        jupyterlab=4.2.5 \
        ipywidgets=8.1.5 \
        nb_conda_kernels=2.5.1 \
 && mamba clean --all --yes
COPY --from=solver /venv /opt/conda/envs/${ENV_NAME}
RUN useradd --create-home --uid 1000 --shell /bin/bash jovyan
USER 1000
WORKDIR /home/jovyan
EXPOSE 8888
CMD ["jupyter", "lab", "--ip=0.0.0.0", "--no-browser"]

#################
# 3. the runtime #
#################
FROM nvidia/cuda:${CUDA_TAG}-base-ubuntu22.04 AS runtime
ARG ENV_NAME

ENV DEBIAN_FRONTEND=noninteractive \
    PATH=/venv/bin:${PATH} \
    HF_HOME=/cache/huggingface \
    TORCH_HOME=/cache/torch \
    PYTHONUNBUFFERED=1 \
    ACCELERATE_CONFIG_FILE=/app/configs/accelerate/single-node.yaml

SHELL ["/bin/bash", "-o", "pipefail", "-c"]

RUN apt-get update \
 && apt-get install -y --no-install-recommends \
        ca-certificates=20240203~22.04.1 \
        libgl1=1.4.0-1 \
        libglib2.0-0=2.72.4-0ubuntu2.3 \
        git-lfs=3.0.2-1ubuntu0.2 \
        openssh-client=1:8.9p1-3ubuntu0.10 \
 && rm -rf /var/lib/apt/lists/*

COPY --from=solver /venv /venv

# A user with the same uid as the cluster's service account
ARG UID=2000
ARG GID=2000
RUN groupadd --gid "${GID}" trainer \
 && useradd --uid "${UID}" --gid "${GID}" --create-home --shell /bin/bash trainer \
 && mkdir -p /cache /data /outputs \
 && chown -R "${UID}:${GID}" /cache /data /outputs

WORKDIR /app
COPY --chown=${UID}:${GID} pyproject.toml README.md ./
COPY --chown=${UID}:${GID} ldm/ ./ldm/
COPY --chown=${UID}:${GID} configs/ ./configs/
COPY --chown=${UID}:${GID} train.py sample.py ./
RUN python -m pip install --no-cache-dir --no-deps -e .

# Entrypoint: picks the launcher from the number of visible GPUs and the node rank.
COPY --chown=${UID}:${GID} <<'EOF_ENTRY' /usr/local/bin/launch
#!/usr/bin/env bash
set -euo pipefail
gpus=$(nvidia-smi --query-gpu=name --format=csv,noheader 2>/dev/null | wc -l || echo 0)
args=("$@")
if [[ ${#args[@]} -eq 0 ]]; then
  args=(train.py --config configs/sdxl-lora.yaml)
fi
case "${gpus}" in
  0) echo "warning: no GPU visible, running on CPU" >&2; exec python "${args[@]}" ;;
  1) exec accelerate launch --num_processes 1 "${args[@]}" ;;
  *) exec accelerate launch --multi_gpu --num_processes "${gpus}" \
          --num_machines "${NNODES:-1}" --machine_rank "${NODE_RANK:-0}" \
          --main_process_ip "${MASTER_ADDR:-127.0.0.1}" --main_process_port "${MASTER_PORT:-29500}" \
          "${args[@]}" ;;
esac
EOF_ENTRY
RUN chmod 0755 /usr/local/bin/launch

USER ${UID}
VOLUME ["/cache", "/data", "/outputs"]
ENTRYPOINT ["/usr/local/bin/launch"]
