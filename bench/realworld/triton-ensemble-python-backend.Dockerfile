# Triton Inference Server with an ensemble: a TensorRT-LLM-free setup that runs a tokenizer
# (Python backend), an ONNX encoder and a Python post-processing step. The Python backend gets a
# conda-packed environment; models are fetched at build time from an internal registry.
#
#   docker build --secret id=registry_token,src=$HOME/.registry-token -t acme/triton-ner:3.2.0 .

ARG TRITON_VERSION=24.08
ARG TRITON_IMAGE=nvcr.io/nvidia/tritonserver:${TRITON_VERSION}-py3
ARG TRITON_SDK_IMAGE=nvcr.io/nvidia/tritonserver:${TRITON_VERSION}-py3-sdk
ARG PYTHON_BACKEND_PY=3.10

# ===================== conda env for the Python backend =====================
FROM mambaorg/micromamba:1.5.10 AS pyenv
ARG PYTHON_BACKEND_PY
USER root
ENV MAMBA_ROOT_PREFIX=/opt/conda
COPY --chown=root:root backend-env.yaml /tmp/backend-env.yaml
# The env must use the same Python minor as Triton's Python backend stub.
RUN micromamba create -y -p /opt/backend-env -f /tmp/backend-env.yaml "python=${PYTHON_BACKEND_PY}" \
 && micromamba install -y -p /opt/backend-env -c conda-forge conda-pack=0.8.1 \
 && micromamba run -p /opt/backend-env python -m pip install --no-cache-dir \
        "transformers==4.44.2" \
        "tokenizers==0.19.1" \
        "numpy==1.26.4" \
 && micromamba run -p /opt/backend-env conda-pack -p /opt/backend-env -o /tmp/backend-env.tar.gz \
 && micromamba clean --all --yes

# ===================== model repository =====================
FROM python:3.11-slim AS models
ARG MODEL_REGISTRY=https://models.internal.acme.dev
ARG ENCODER_VERSION=2024-10-02
ARG TOKENIZER_VERSION=2024-10-02
ENV PIP_NO_CACHE_DIR=1
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8 ca-certificates=20230311 \
 && rm -rf /var/lib/apt/lists/*
RUN pip install --no-cache-dir "onnx==1.16.2" "onnxruntime==1.19.2"

COPY model_repository/ /models/
# Download the ONNX encoder and the tokenizer files with a token from a build secret; verify checksums.
RUN --mount=type=secret,id=registry_token \
    set -euo pipefail; \
    token="$(cat /run/secrets/registry_token)"; \
    fetch() { \
        curl -fsSL --retry 3 -H "Authorization: Bearer ${token}" -o "$2" "${MODEL_REGISTRY}/$1"; \
    }; \
    fetch "ner-encoder/${ENCODER_VERSION}/model.onnx" /models/encoder/1/model.onnx; \
    fetch "ner-encoder/${ENCODER_VERSION}/SHA256SUMS" /tmp/SHA256SUMS; \
    (cd /models/encoder/1 && sha256sum -c /tmp/SHA256SUMS); \
    mkdir -p /models/tokenizer/1/tokenizer; \
    for f in tokenizer.json tokenizer_config.json special_tokens_map.json; do \
        fetch "ner-tokenizer/${TOKENIZER_VERSION}/${f}" "/models/tokenizer/1/tokenizer/${f}"; \
    done; \
    python -c "import onnx; m = onnx.load('/models/encoder/1/model.onnx'); onnx.checker.check_model(m); print('encoder ok, opset', m.opset_import[0].version)"

# The ensemble's config references each step by name; check that they line up before shipping.
RUN python - <<'PY'
import pathlib, re
repo = pathlib.Path("/models")
names = {p.parent.name for p in repo.glob("*/config.pbtxt")}
ensemble = (repo / "ner" / "config.pbtxt").read_text()
used = set(re.findall(r'model_name:\s*"([^"]+)"', ensemble))
missing = used - names
assert not missing, f"ensemble uses unknown models: {sorted(missing)}"
print("ensemble steps:", sorted(used))
PY

# ===================== client tests with the SDK image =====================
FROM ${TRITON_SDK_IMAGE} AS sdk
COPY client/ /workspace/client/
RUN pip install --no-cache-dir -r /workspace/client/requirements.txt
WORKDIR /workspace/client
CMD ["python", "smoke_test.py", "--url", "triton:8001"]

# ===================== perf_analyzer sweeps (run against a live server) =====================
FROM ${TRITON_SDK_IMAGE} AS perf
COPY perf/ /workspace/perf/
WORKDIR /workspace/perf
RUN set -eu; \
    concurrency=(1 4 16 64); \
    for c in "${concurrency[@]}"; do \
        printf 'perf_analyzer -m ner -u triton:8001 -i grpc --concurrency-range %s --input-data inputs.json -f results-c%s.csv\n' "${c}" "${c}"; \
    done > sweep.sh; \
    chmod +x sweep.sh; \
    cat sweep.sh
ENTRYPOINT ["bash", "sweep.sh"]

# ===================== the server =====================
FROM ${TRITON_IMAGE} AS server
ARG PYTHON_BACKEND_PY

LABEL org.opencontainers.image.title="triton-ner" \
      org.opencontainers.image.description="Named-entity recognition ensemble on Triton" \
      org.opencontainers.image.source="https://github.com/acme/triton-ner" \
      org.opencontainers.image.licenses="Apache-2.0"

ENV TRITON_MODEL_REPOSITORY=/models \
    TRITON_LOG_VERBOSE=0 \
    PYTHONDONTWRITEBYTECODE=1

COPY --from=models /models /models
COPY --from=pyenv /tmp/backend-env.tar.gz /models/tokenizer/backend-env.tar.gz
COPY --from=pyenv /tmp/backend-env.tar.gz /models/postprocess/backend-env.tar.gz

# Point the Python-backend models at the packed env
RUN set -eu; \
    for m in tokenizer postprocess; do \
        cfg="/models/${m}/config.pbtxt"; \
        if ! grep -q EXECUTION_ENV_PATH "${cfg}"; then \
            printf '%s\n' \
                'parameters: {' \
                '  key: "EXECUTION_ENV_PATH",' \
                '  value: {string_value: "$$TRITON_MODEL_DIRECTORY/backend-env.tar.gz"}' \
                '}' >> "${cfg}"; \
        fi; \
    done

# Server flags in one place; the array keeps one flag per line.
RUN set -eu; \
    flags=( \
        "--model-repository=/models" \
        "--strict-model-config=false" \
        "--model-control-mode=none" \
        "--exit-on-error=true" \
        "--http-port=8000" \
        "--grpc-port=8001" \
        "--metrics-port=8002" \
        "--log-format=ISO8601" \
    ); \
    printf '%s\n' "${flags[@]}" > /opt/tritonserver/flags.txt; \
    wc -l /opt/tritonserver/flags.txt

COPY --chmod=0755 <<'SH' /opt/tritonserver/start.sh
#!/usr/bin/env bash
set -euo pipefail
mapfile -t flags < /opt/tritonserver/flags.txt
if [[ -n "${TRITON_EXTRA_FLAGS:-}" ]]; then
  read -r -a extra <<< "${TRITON_EXTRA_FLAGS}"
  flags+=("${extra[@]}")
fi
exec tritonserver "${flags[@]}"
SH

RUN useradd --system --uid 10010 --no-create-home triton \
 && chown -R 10010 /models
USER 10010

EXPOSE 8000 8001 8002
ENTRYPOINT ["/opt/nvidia/nvidia_entrypoint.sh"]
CMD ["/opt/tritonserver/start.sh"]
