# Recommendation model served with TensorFlow Serving. The model uses a custom op (a hashed
# embedding lookup) that has to be compiled against the same TensorFlow as the exported model,
# then the SavedModel and the op library are placed into the stock serving image.
ARG TF_VERSION=2.15.0
ARG TF_SERVING_VERSION=2.15.1

# ---- 1. build the custom op against the TF headers -------------------------------------
FROM tensorflow/tensorflow:${TF_VERSION}-gpu AS op-build
ARG TF_VERSION
SHELL ["/bin/bash", "-o", "pipefail", "-c"]

RUN apt-get update \
 && apt-get install -y --no-install-recommends \
        g++=4:11.2.0-1ubuntu1 \
        make=4.3-4.1build1 \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /ops
COPY ops/ ./
# TF tells us its compile and link flags; the op is built with the same ABI flag as TF.
RUN TF_CFLAGS=( $(python -c 'import tensorflow as tf; print(" ".join(tf.sysconfig.get_compile_flags()))') ) \
 && TF_LFLAGS=( $(python -c 'import tensorflow as tf; print(" ".join(tf.sysconfig.get_link_flags()))') ) \
 && g++ -std=c++17 -shared hashed_embedding.cc -o hashed_embedding.so -fPIC \
        "${TF_CFLAGS[@]}" "${TF_LFLAGS[@]}" -O2 \
 && python -c "import tensorflow as tf; tf.load_op_library('/ops/hashed_embedding.so'); print('op loads')"

# ---- 2. export the model -------------------------------------------------------------------
FROM op-build AS export
ARG MODEL_VERSION=7
COPY requirements-export.txt /tmp/
RUN python -m pip install --no-cache-dir -r /tmp/requirements-export.txt
COPY recsys/ /src/recsys/
COPY checkpoints/ /src/checkpoints/
WORKDIR /src
RUN python -m recsys.export \
        --checkpoint checkpoints/latest \
        --custom-op /ops/hashed_embedding.so \
        --output "/export/recsys/${MODEL_VERSION}" \
 && saved_model_cli show --dir "/export/recsys/${MODEL_VERSION}" --tag_set serve --signature_def serving_default

# Warm-up requests recorded from production traffic, so the first real request is not slow
COPY warmup/ /tmp/warmup/
RUN python -m recsys.write_warmup \
        --requests /tmp/warmup/requests.jsonl \
        --output "/export/recsys/${MODEL_VERSION}/assets.extra/tf_serving_warmup_requests"

# ---- 3. check the export with the same serving binary we ship -------------------------------
FROM tensorflow/serving:${TF_SERVING_VERSION}-gpu AS smoke
COPY --from=export /export /models
COPY --from=op-build /ops/hashed_embedding.so /usr/lib/custom_ops/hashed_embedding.so
RUN ls -R /models | head -n 20

# ---- load test client: replays recorded traffic against a running server (not shipped) -------
FROM python:3.11-slim AS loadtest
ENV PIP_NO_CACHE_DIR=1 PYTHONUNBUFFERED=1
RUN pip install --no-cache-dir \
        "tensorflow-serving-api==2.15.1" \
        "grpcio==1.62.2" \
        "locust==2.32.2" \
        "numpy==1.26.4"
COPY loadtest/ /loadtest/
WORKDIR /loadtest
# Build the request files for each batch size up front; the client only reads them.
RUN set -eu; \
    sizes=(1 8 32 128); \
    for b in "${sizes[@]}"; do \
        python make_requests.py --batch-size "${b}" --count 1000 --out "requests-b${b}.pb"; \
    done; \
    ls -1 requests-b*.pb | wc -l
ENV TARGET=recsys:8500 \
    DURATION=5m
ENTRYPOINT ["locust", "-f", "grpc_locustfile.py", "--headless"]
CMD ["--users", "64", "--spawn-rate", "8", "--run-time", "5m"]

# ---- model card and signature docs for the registry -----------------------------------------
FROM export AS docs
RUN python -m pip install --no-cache-dir "mkdocs==1.6.1" "mkdocs-material==9.5.44"
COPY docs/ /src/docs/
RUN python -m recsys.describe --saved-model /export/recsys --out /src/docs/signatures.md \
 && mkdocs build --strict --config-file /src/docs/mkdocs.yml --site-dir /site

# ---- golden outputs: compares the export with the training-time predictions (CI only) --------
FROM python:3.9-slim AS golden
ENV PIP_NO_CACHE_DIR=1
RUN pip install --no-cache-dir "tensorflow-cpu==2.15.1" "numpy==1.26.4" "pandas==2.2.3"
COPY --from=export /export /export
COPY --from=op-build /ops/hashed_embedding.so /ops/hashed_embedding.so
COPY golden/ /golden/
WORKDIR /golden
RUN python compare.py \
        --saved-model "$(ls -d /export/recsys/* | sort -V | tail -n 1)" \
        --custom-op /ops/hashed_embedding.so \
        --expected predictions.parquet \
        --atol 1e-5

# ---- 4. the serving image -------------------------------------------------------------------
FROM tensorflow/serving:${TF_SERVING_VERSION}-gpu
ARG MODEL_VERSION=7

ARG BUILD_DATE
ARG VCS_REF
ARG VERSION=0.0.0-dev
LABEL org.opencontainers.image.title="recsys-serving" \
      org.opencontainers.image.description="Recommendation model on TensorFlow Serving" \
      org.opencontainers.image.source="https://github.com/acme/recsys-serving" \
      org.opencontainers.image.licenses="Apache-2.0" \
      org.opencontainers.image.vendor="ACME Research" \
      org.opencontainers.image.created="${BUILD_DATE}" \
      org.opencontainers.image.revision="${VCS_REF}" \
      org.opencontainers.image.version="${VERSION}"
ENV MODEL_NAME=recsys \
    MODEL_BASE_PATH=/models \
    TF_CPP_MIN_VLOG_LEVEL=0 \
    LD_LIBRARY_PATH=/usr/lib/custom_ops:${LD_LIBRARY_PATH}

RUN apt-get update \
 && apt-get install -y --no-install-recommends curl=7.68.0-1ubuntu2.24 \
 && rm -rf /var/lib/apt/lists/*

COPY --from=op-build /ops/hashed_embedding.so /usr/lib/custom_ops/hashed_embedding.so
COPY --from=export /export/recsys /models/recsys
COPY serving/batching.config /config/batching.config
COPY serving/monitoring.config /config/monitoring.config
COPY serving/models.config /config/models.config

# Version policy: serve the two newest versions, so a rollback is a config change, not a redeploy.
RUN set -eu; \
    versions=($(ls /models/recsys | sort -n | tail -n 2)); \
    echo "serving versions: ${versions[*]}"; \
    test "${#versions[@]}" -ge 1

# Batching and monitoring flags, kept in one file the entrypoint sources
RUN { \
      echo 'SERVING_FLAGS=('; \
      echo '  --enable_batching=true'; \
      echo '  --batching_parameters_file=/config/batching.config'; \
      echo '  --monitoring_config_file=/config/monitoring.config'; \
      echo '  --model_config_file=/config/models.config'; \
      echo '  --model_config_file_poll_wait_seconds=60'; \
      echo '  --rest_api_timeout_in_ms=5000'; \
      echo ')'; \
    } > /config/flags.sh

RUN useradd --system --uid 10001 --no-create-home serving \
 && chown -R 10001 /models /config
USER 10001

EXPOSE 8500 8501
HEALTHCHECK --interval=15s --timeout=3s --start-period=120s \
    CMD curl -fsS "http://localhost:8501/v1/models/${MODEL_NAME}" || exit 1
