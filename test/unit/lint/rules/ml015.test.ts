import { ruleCases } from '../helpers';

const PY = 'FROM python:3.12-slim\nWORKDIR /app\n';

ruleCases('ML015', {
  catches: [
    { text: PY + 'COPY . .\nRUN pip install --no-cache-dir -r requirements.txt', lines: [4] },
    { text: PY + 'COPY . /app\nRUN pip install --no-cache-dir .', name: 'pip install .' },
    { text: PY + 'COPY . .\nRUN --mount=type=cache,target=/root/.cache/uv uv sync --frozen', name: 'uv sync' },
    { text: PY + 'ADD . .\nRUN pip install poetry==1.8.4 && poetry install', name: 'poetry after ADD' },
    { text: 'FROM mambaorg/micromamba:1.5.10\nCOPY . /src\nRUN micromamba env create -f /src/environment.yml', name: 'conda env file' },
    { text: PY + 'COPY . .\nRUN \\\n  sudo pip install -r requirements-gpu.txt', lines: [5], name: 'continuation and sudo' },
  ],
  passes: [
    PY + 'COPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\nCOPY . .',
    PY + 'COPY pyproject.toml uv.lock ./\nRUN uv sync --frozen --no-install-project\nCOPY . .\nRUN uv sync --frozen',
    PY + 'RUN --mount=type=bind,source=requirements.txt,target=/tmp/r.txt pip install --no-cache-dir -r /tmp/r.txt\nCOPY . .',
    PY + 'RUN pip install --no-cache-dir torch==2.5.1\nCOPY . .\nRUN pip install --no-cache-dir -e .',
    PY + 'COPY . .\nRUN pip install --no-cache-dir --no-deps -e .',
    PY + 'COPY . .\nRUN poetry install --no-root',
    { text: PY + 'COPY . .\nRUN python train.py', name: 'no install' },
    { text: 'FROM python:3.12-slim AS b\nCOPY . .\nFROM python:3.12-slim\nCOPY requirements.txt .\nRUN pip install -r requirements.txt', name: 'copy . in another stage' },
  ],
});
