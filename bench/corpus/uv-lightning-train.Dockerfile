# syntax=docker/dockerfile:1.9
FROM ghcr.io/astral-sh/uv:0.4.18 AS uv

FROM nvidia/cuda:12.4.1-cudnn-runtime-ubuntu22.04
COPY --from=uv /uv /uvx /bin/

ENV UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy \
    UV_PYTHON_INSTALL_DIR=/opt/python

WORKDIR /app
RUN --mount=type=cache,target=/root/.cache/uv \
    --mount=type=bind,source=uv.lock,target=uv.lock \
    --mount=type=bind,source=pyproject.toml,target=pyproject.toml \
    uv sync --frozen --no-install-project --no-dev

COPY . /app
RUN --mount=type=cache,target=/root/.cache/uv \
    uv sync --frozen --no-dev

ENV PATH="/app/.venv/bin:$PATH"
ENTRYPOINT ["python", "-m", "trainer.fit"]
CMD ["--trainer.devices=auto", "--trainer.precision=bf16-mixed"]
