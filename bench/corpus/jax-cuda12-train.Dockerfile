FROM nvidia/cuda:12.3.2-cudnn9-runtime-ubuntu22.04

ARG DEBIAN_FRONTEND=noninteractive
RUN apt-get update && apt-get install -y --no-install-recommends \
      python3 python3-pip python3-venv ca-certificates \
    && rm -rf /var/lib/apt/lists/*

RUN python3 -m venv /opt/venv
ENV PATH="/opt/venv/bin:$PATH" \
    XLA_PYTHON_CLIENT_MEM_FRACTION=0.9 \
    XLA_FLAGS="--xla_gpu_enable_triton_softmax_fusion=true"

RUN pip install --no-cache-dir "jax[cuda12]==0.4.30" flax==0.8.5 optax==0.2.3 orbax-checkpoint==0.5.20

WORKDIR /opt/job
COPY pyproject.toml ./
COPY jaxtrain/ ./jaxtrain/
RUN pip install --no-cache-dir --no-deps .

ENTRYPOINT ["python", "-m", "jaxtrain.main"]
