# Speech-to-text API: faster-whisper on CPU behind FastAPI. Follows the structure of the
# tutorial the service started from (python:3.9-slim base), with a builder stage for wheels.
#
#   docker build -t acme/asr-api:1.4.0 .
#   docker run -p 9000:9000 -e ASR_MODEL=small acme/asr-api:1.4.0

ARG PYTHON_IMAGE=python:3.9-slim
ARG POETRY_VERSION=1.8.4

# ---------------------------------------------------------------- wheels
FROM ${PYTHON_IMAGE} AS wheels
ARG POETRY_VERSION
ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    POETRY_VIRTUALENVS_CREATE=false \
    POETRY_NO_INTERACTION=1

RUN apt-get update \
 && apt-get install -y --no-install-recommends \
        build-essential=12.9 \
        pkg-config=1.8.1-1 \
        libsndfile1-dev=1.2.0-1 \
 && rm -rf /var/lib/apt/lists/*

RUN pip install --no-cache-dir "poetry==${POETRY_VERSION}" "poetry-plugin-export==1.8.0"

WORKDIR /build
COPY pyproject.toml poetry.lock ./
# Export the locked requirements (without hashes: torch comes from its own index below)
RUN poetry export --without-hashes --only main -f requirements.txt -o requirements.txt \
 && grep -v -E '^(torch|torchaudio)==' requirements.txt > requirements-nontorch.txt \
 && wc -l requirements.txt requirements-nontorch.txt

# CPU builds of torch: the GPU wheels from PyPI would add several GB for nothing here
RUN pip wheel --no-cache-dir --wheel-dir /wheels \
        --index-url https://download.pytorch.org/whl/cpu \
        torch==2.2.2 torchaudio==2.2.2 \
 && pip wheel --no-cache-dir --wheel-dir /wheels -r requirements-nontorch.txt

# ---------------------------------------------------------------- model download (optional)
FROM ${PYTHON_IMAGE} AS models
ARG ASR_MODELS="tiny base small"
ARG HF_HUB_VERSION=0.26.2
RUN pip install --no-cache-dir "huggingface_hub==${HF_HUB_VERSION}"
# Models are fetched into a folder the runtime mounts or copies; tokens come from a secret.
RUN --mount=type=secret,id=hf_token,env=HF_TOKEN \
    set -eu; \
    for m in ${ASR_MODELS}; do \
        python -c "from huggingface_hub import snapshot_download; snapshot_download('Systran/faster-whisper-${m}', local_dir='/models/${m}')"; \
    done; \
    du -sh /models/*

# ---------------------------------------------------------------- tests and lint (CI only)
FROM wheels AS test
ARG TARGETARCH
COPY requirements-dev.txt /build/requirements-dev.txt
RUN pip install --no-cache-dir --no-index --find-links=/wheels /wheels/*.whl \
 && pip install --no-cache-dir -r /build/requirements-dev.txt
# onnxruntime is only used by the optional VAD filter; its wheels differ per architecture
RUN set -eux; \
    case "${TARGETARCH:-amd64}" in \
        amd64) ort="onnxruntime==1.19.2" ;; \
        arm64) ort="onnxruntime==1.19.2" ;; \
        *) ort="" ;; \
    esac; \
    if [ -n "${ort}" ]; then pip install --no-cache-dir "${ort}"; fi; \
    python -c "import sys; print(sys.version)"
COPY app/ /build/app/
COPY tests/ /build/tests/
WORKDIR /build
RUN python -m ruff check app tests \
 && python -m mypy app --ignore-missing-imports \
 && python -m pytest -q tests \
        --maxfail=1 \
        --durations=10 \
        -p no:cacheprovider
# Audio fixtures are generated rather than committed: one second of silence and a tone per rate
RUN set -eu; \
    rates=(8000 16000 44100); \
    mkdir -p /build/tests/fixtures; \
    for r in "${rates[@]}"; do \
        ffmpeg -hide_banner -loglevel error -f lavfi -i "anullsrc=r=${r}:cl=mono" -t 1 "/build/tests/fixtures/silence-${r}.wav" || true; \
        ffmpeg -hide_banner -loglevel error -f lavfi -i "sine=frequency=440:sample_rate=${r}" -t 1 "/build/tests/fixtures/tone-${r}.wav" || true; \
    done; \
    ls -l /build/tests/fixtures | wc -l
RUN python -m pytest -q tests/test_audio.py -p no:cacheprovider

# ---------------------------------------------------------------- load test client (not shipped)
FROM ${PYTHON_IMAGE} AS loadtest
RUN pip install --no-cache-dir "locust==2.32.2" "soundfile==0.12.1" "numpy==1.26.4"
COPY loadtest/ /loadtest/
WORKDIR /loadtest
ENV LOCUST_HOST=http://asr:9000 \
    LOCUST_USERS=20 \
    LOCUST_SPAWN_RATE=2
CMD ["locust", "-f", "locustfile.py", "--headless", "--run-time", "5m"]

# ---------------------------------------------------------------- license report for the release notes
FROM wheels AS licenses
RUN pip install --no-cache-dir --no-index --find-links=/wheels /wheels/*.whl \
 && pip install --no-cache-dir "pip-licenses==5.0.0" \
 && pip-licenses --format=markdown --with-urls --order=license > /build/THIRD_PARTY.md \
 && wc -l /build/THIRD_PARTY.md

# ---------------------------------------------------------------- runtime
FROM ${PYTHON_IMAGE} AS runtime

ARG BUILD_DATE
ARG VCS_REF
ARG VERSION=0.0.0-dev
LABEL org.opencontainers.image.title="asr-api" \
      org.opencontainers.image.description="Speech-to-text API (faster-whisper, CPU)" \
      org.opencontainers.image.source="https://github.com/acme/asr-api" \
      org.opencontainers.image.licenses="Apache-2.0" \
      org.opencontainers.image.vendor="ACME Research" \
      org.opencontainers.image.created="${BUILD_DATE}" \
      org.opencontainers.image.revision="${VCS_REF}" \
      org.opencontainers.image.version="${VERSION}"
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    ASR_MODEL=small \
    ASR_ENGINE=faster_whisper \
    ASR_MODEL_PATH=/models \
    OMP_NUM_THREADS=4

RUN apt-get update \
 && apt-get install -y --no-install-recommends \
        ffmpeg=7:5.1.6-0+deb12u1 \
        libsndfile1=1.2.0-1 \
        tini=0.19.0-1 \
        curl=7.88.1-10+deb12u8 \
 && rm -rf /var/lib/apt/lists/*

COPY --from=wheels /wheels /wheels
RUN pip install --no-cache-dir --no-index --find-links=/wheels /wheels/*.whl \
 && rm -rf /wheels

RUN groupadd --gid 1000 asr && useradd --uid 1000 --gid asr --create-home asr
WORKDIR /app
COPY --chown=asr:asr app/ ./app/
COPY --chown=asr:asr gunicorn.conf.py ./

# Small models are baked in for offline clusters; larger ones are mounted at /models.
COPY --from=models --chown=asr:asr /models/tiny /models/tiny
COPY --from=models --chown=asr:asr /models/base /models/base

USER 1000
EXPOSE 9000

HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD curl -fsS http://localhost:9000/healthz || exit 1

ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["gunicorn", "--config", "gunicorn.conf.py", "--bind", "0.0.0.0:9000", "-k", "uvicorn.workers.UvicornWorker", "app.webservice:app"]
