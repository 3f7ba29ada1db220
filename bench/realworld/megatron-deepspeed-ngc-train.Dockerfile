# Multi-node pre-training image on the NGC PyTorch container: Megatron-DeepSpeed with prebuilt
# DeepSpeed ops, NCCL tests, OpenMPI/ssh for the launcher, and a few data tools.
#
#   docker build --build-arg NGC_TAG=24.05-py3 -t registry.acme.dev/llm/pretrain:2024.06 .

ARG NGC_TAG=24.05-py3
ARG NGC_IMAGE=nvcr.io/nvidia/pytorch:${NGC_TAG}

# ---------------------------------------------------------------- nccl-tests
FROM ${NGC_IMAGE} AS nccl-tests
ARG NCCL_TESTS_REF=v2.13.10
RUN git clone --depth 1 --branch "${NCCL_TESTS_REF}" https://github.com/NVIDIA/nccl-tests.git /opt/nccl-tests-src \
 && make -C /opt/nccl-tests-src -j "$(nproc)" MPI=1 MPI_HOME=/usr/local/mpi CUDA_HOME=/usr/local/cuda \
 && mkdir -p /opt/nccl-tests \
 && cp /opt/nccl-tests-src/build/*_perf /opt/nccl-tests/

# ---------------------------------------------------------------- eval: lm-eval-harness on checkpoints
FROM ${NGC_IMAGE} AS eval
ARG LM_EVAL_VERSION=v0.4.2
# Checkpoint conversion needs the newest transformers; the research branch tracks it on purpose.
RUN python -m pip install --no-cache-dir \
        "git+https://github.com/EleutherAI/lm-evaluation-harness.git@${LM_EVAL_VERSION}" \
        "git+https://github.com/huggingface/transformers"
COPY tools/convert/ /opt/convert/
RUN set -eu; \
    scripts=(megatron_to_hf.py hf_to_megatron.py check_vocab.py); \
    for s in "${scripts[@]}"; do \
        python -m py_compile "/opt/convert/${s}"; \
    done; \
    tasks=(hellaswag arc_easy arc_challenge winogrande piqa); \
    printf '%s\n' "${tasks[@]}" > /opt/convert/tasks.txt
ENV HF_DATASETS_CACHE=/cache/datasets
ENTRYPOINT ["bash", "-c", "python /opt/convert/megatron_to_hf.py --in \"$0\" --out /tmp/hf && lm_eval --model hf --model_args pretrained=/tmp/hf --tasks $(paste -sd, /opt/convert/tasks.txt)"]
CMD ["/checkpoints/latest"]

# ---------------------------------------------------------------- training image
FROM ${NGC_IMAGE} AS train
ARG DEBIAN_FRONTEND=noninteractive
ARG DEEPSPEED_VERSION=0.14.2
ARG MEGATRON_DS_COMMIT=3c5f47563f697702c1e305fa01b7563f54b747fc
ENV PIP_NO_CACHE_DIR=1 \
    PYTHONUNBUFFERED=1 \
    NCCL_DEBUG=WARN \
    NCCL_ASYNC_ERROR_HANDLING=1 \
    CUDA_DEVICE_MAX_CONNECTIONS=1 \
    OMPI_ALLOW_RUN_AS_ROOT=1 \
    OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1

SHELL ["/bin/bash", "-o", "pipefail", "-c"]

# ssh for pdsh/mpirun between nodes, and tools for debugging NCCL on the cluster
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
        openssh-server=1:8.9p1-3ubuntu0.7 \
        openssh-client=1:8.9p1-3ubuntu0.7 \
        pdsh=2.31-3build2 \
        iproute2=5.15.0-1ubuntu2 \
        infiniband-diags=39.0-1 \
        ibverbs-utils=39.0-1 \
        libaio-dev=0.3.112-13build1 \
 && rm -rf /var/lib/apt/lists/* \
 && mkdir -p /run/sshd \
 && sed -i 's/^#\?PermitRootLogin .*/PermitRootLogin prohibit-password/' /etc/ssh/sshd_config \
 && sed -i 's/^#\?Port .*/Port 2222/' /etc/ssh/sshd_config

# DeepSpeed with the ops the recipes use prebuilt (fused Adam, CPU Adam, async I/O), for the
# GPUs of the cluster; the rest are JIT-compiled if ever used.
ENV TORCH_CUDA_ARCH_LIST="8.0;9.0"
RUN DS_BUILD_FUSED_ADAM=1 \
    DS_BUILD_CPU_ADAM=1 \
    DS_BUILD_AIO=1 \
    DS_BUILD_UTILS=1 \
    python -m pip install --no-cache-dir --no-build-isolation \
        "deepspeed==${DEEPSPEED_VERSION}" \
        --global-option="build_ext" --global-option="-j8" \
 && python -c "import deepspeed; print(deepspeed.__version__)" \
 && ds_report | tee /opt/ds_report.txt

# Megatron-DeepSpeed at a fixed commit (it has no releases)
RUN git clone https://github.com/microsoft/Megatron-DeepSpeed.git /opt/Megatron-DeepSpeed \
 && git -C /opt/Megatron-DeepSpeed checkout "${MEGATRON_DS_COMMIT}" \
 && python -m pip install --no-cache-dir -e /opt/Megatron-DeepSpeed

# Python dependencies of the data pipeline; the NGC image already has torch, apex and TE.
COPY requirements-train.txt /tmp/requirements-train.txt
RUN python -m pip install --no-cache-dir -r /tmp/requirements-train.txt \
 && python -m pip install --no-cache-dir \
        "datasets==2.19.1" \
        "sentencepiece==0.2.0" \
        "tokenizers==0.19.1" \
        "wandb==0.17.0" \
        "pybind11==2.12.0"

# Megatron's dataset index helpers are a C++ extension built with the image's compiler
RUN make -C /opt/Megatron-DeepSpeed/megatron/data

COPY --from=nccl-tests /opt/nccl-tests /opt/nccl-tests

# Node-local scratch for the data loader's index cache, and the ssh key the launcher uses
# (the public key is baked; the private key is mounted from a Kubernetes secret at run time).
RUN mkdir -p /scratch/index-cache /root/.ssh \
 && chmod 700 /root/.ssh
COPY ssh/authorized_keys /root/.ssh/authorized_keys
COPY ssh/config /root/.ssh/config
RUN chmod 600 /root/.ssh/authorized_keys /root/.ssh/config
ENV MEGATRON_INDEX_CACHE=/scratch/index-cache

# Launch helpers: hostfile from the scheduler's environment, then deepspeed's launcher.
COPY --chmod=0755 <<'LAUNCH' /usr/local/bin/launch-pretrain
#!/usr/bin/env bash
set -euo pipefail
hostfile=/tmp/hostfile
: > "${hostfile}"
case "${SCHEDULER:-slurm}" in
  slurm)
    for h in $(scontrol show hostnames "${SLURM_JOB_NODELIST}"); do
      echo "${h} slots=${GPUS_PER_NODE:-8}" >> "${hostfile}"
    done ;;
  k8s)
    for i in $(seq 0 $(( ${WORLD_NODES:-1} - 1 ))); do
      echo "${JOB_NAME}-worker-${i}.${JOB_NAME} slots=${GPUS_PER_NODE:-8}" >> "${hostfile}"
    done ;;
  *) echo "unknown scheduler ${SCHEDULER}" >&2; exit 2 ;;
esac
args=(--hostfile "${hostfile}" --master_port "${MASTER_PORT:-29500}")
exec deepspeed "${args[@]}" /opt/Megatron-DeepSpeed/pretrain_gpt.py "$@"
LAUNCH

# Default DeepSpeed config: ZeRO-1, bf16, gradient clipping
COPY <<'JSON' /opt/configs/ds_zero1_bf16.json
{
  "train_micro_batch_size_per_gpu": 4,
  "gradient_accumulation_steps": 8,
  "gradient_clipping": 1.0,
  "zero_optimization": { "stage": 1 },
  "bf16": { "enabled": true },
  "wall_clock_breakdown": false
}
JSON

# Quick self-check of NCCL inside one node (runs only if GPUs are visible at build time: never in CI)
RUN if command -v nvidia-smi >/dev/null 2>&1 && nvidia-smi -L >/dev/null 2>&1; then \
        /opt/nccl-tests/all_reduce_perf -b 8 -e 128M -f 2 -g "$(nvidia-smi -L | wc -l)"; \
    else \
        echo "no GPU at build time, skipping NCCL self-check"; \
    fi

WORKDIR /workspace
EXPOSE 2222
CMD ["/usr/sbin/sshd", "-D", "-e"]
