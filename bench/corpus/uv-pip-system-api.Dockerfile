FROM python:3.12-slim-bookworm
COPY --from=ghcr.io/astral-sh/uv:0.4.18 /uv /usr/local/bin/uv
WORKDIR /app
COPY requirements.lock .
RUN uv pip install --system -r requirements.lock
COPY service/ service/
EXPOSE 9000
CMD ["python", "-m", "service"]
