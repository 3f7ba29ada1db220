# syntax=docker/dockerfile:1.7-labs
# check=skip=JSONArgsRecommended
FROM python:3.11-slim AS deps
ENV PIP_DISABLE_PIP_VERSION_CHECK=1
RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \
    --mount=type=cache,target=/var/lib/apt,sharing=locked \
    rm -f /etc/apt/apt.conf.d/docker-clean && \
    apt-get update && apt-get install -y --no-install-recommends build-essential
RUN --mount=type=cache,target=/root/.cache/pip \
    --mount=type=bind,source=requirements.txt,target=/tmp/requirements.txt \
    pip install -r /tmp/requirements.txt

RUN <<EOF
set -eux
python -m pip --version
python -c "import numpy, sklearn; print(numpy.__version__, sklearn.__version__)"
EOF

COPY <<-"CONF" /etc/app/config.toml
	[server]
	port = 8000
	workers = 2
	CONF

RUN <<SETUP bash
set -euo pipefail
useradd --uid 1234 --create-home svc
mkdir -p /var/lib/app && chown svc /var/lib/app
SETUP

RUN python3 <<'PY'
import json, pathlib
pathlib.Path("/etc/app/meta.json").write_text(json.dumps({"built": True}))
PY

COPY <<A <<B /opt/
first file
A
second file
B

USER svc
WORKDIR /app
COPY --chown=svc app/ ./app/
CMD python -m app
