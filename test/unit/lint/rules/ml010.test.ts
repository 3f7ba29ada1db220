import { ruleCases } from '../helpers';

const MM = 'FROM mambaorg/micromamba:1.5.10\n';
const CONDA = 'FROM continuumio/miniconda3:24.7.1-0\n';
const UV = 'FROM ghcr.io/astral-sh/uv:python3.12-bookworm-slim\n';

ruleCases('ML010', {
  catches: [
    { text: MM + 'RUN micromamba install -y -n base python=3.11 numpy=2.1', fixed: MM + 'RUN micromamba install -y -n base python=3.11 numpy=2.1 && micromamba clean --all --yes' },
    { text: CONDA + 'RUN conda env create -f environment.yml', fixed: CONDA + 'RUN conda env create -f environment.yml && conda clean --all --yes', name: 'env create' },
    { text: CONDA + 'RUN conda install -y pytorch=2.5.1 -c pytorch \\\n && echo done', lines: [2], name: 'continuation' },
    { text: CONDA + 'RUN mamba create -y -n ml python=3.11 | tee /log', name: 'piped: no fix offered' },
    { text: UV + 'RUN uv pip install --system numpy==2.1.3', fixed: UV + 'RUN uv pip install --no-cache --system numpy==2.1.3' },
    { text: UV + 'RUN uv sync --frozen', fixed: UV + 'RUN uv sync --no-cache --frozen', name: 'uv sync' },
    { text: UV + 'RUN uv pip install --system numpy==2.1.3 && uv pip install --system scipy==1.14.1', count: 1, name: 'one finding per RUN and cache' },
    { text: CONDA + 'RUN conda install -y numpy=2.1 && conda install -y scipy=1.14 && uv pip install --system rich==13.9.4', count: 2, name: 'conda and uv caches: one each' },
    { text: UV + 'RUN --mount=type=cache,target=/root/.cache/pip uv pip install --system numpy==2.1.3', name: 'pip cache mount does not cover uv' },
    { text: CONDA + 'ONBUILD RUN conda install -y numpy=2.1', name: 'ONBUILD' },
    { text: CONDA + 'RUN <<EOF\nconda install -y numpy=2.1\nEOF', lines: [3], name: 'heredoc' },
    { text: CONDA.replace('\n', ' AS env\n') + 'RUN conda create -y -p /opt/env python=3.11\nFROM debian:bookworm-slim\nCOPY --from=env /opt/conda /opt/conda', lines: [2], name: 'the copied folder holds pkgs/' },
    { text: UV.replace('\n', ' AS build\n') + 'RUN uv pip install --system numpy==2.1.3\nFROM python:3.12-slim\nCOPY --from=build / /', lines: [2], name: 'the whole stage is copied' },
    { text: UV.replace('\n', ' AS dev\n') + 'RUN uv sync --frozen\nFROM python:3.12-slim\nCOPY app /app', lines: [2], name: 'a stage nothing copies from may be built with --target' },
  ],
  passes: [
    MM + 'RUN micromamba install -y -n base python=3.11 numpy=2.1 && micromamba clean --all --yes',
    CONDA + 'RUN conda install -y numpy=2.1 && conda clean -afy',
    CONDA + 'RUN --mount=type=cache,target=/opt/conda/pkgs conda install -y numpy=2.1',
    CONDA + 'RUN conda install -y numpy=2.1 && rm -rf /opt/conda/pkgs/*',
    UV + 'RUN --mount=type=cache,target=/root/.cache/uv uv sync --frozen --no-install-project',
    UV + 'ENV UV_NO_CACHE=1\nRUN uv pip install --system numpy==2.1.3',
    UV + 'RUN uv pip install --no-cache --system numpy==2.1.3',
    UV + 'ENV UV_CACHE_DIR=/cache/uv\nRUN --mount=type=cache,target=/cache/uv uv sync --frozen',
    UV + 'RUN uv pip install --system numpy==2.1.3 && uv cache clean',
    CONDA + 'RUN conda list && conda info',
    { text: 'FROM python:3.12-slim\nRUN pip install --no-cache-dir numpy==2.1.3', name: 'pip is DL3042\'s' },
    { text: UV + 'RUN uv pip install --no-cache-dir --system numpy==2.1.3', name: 'uv takes --no-cache-dir as an alias' },
    { text: UV + 'ARG UV_NO_CACHE=true\nRUN uv sync --frozen', name: 'UV_NO_CACHE from an ARG' },
    { text: UV.replace('\n', ' AS build\n') + 'RUN uv venv /opt/venv && uv pip install --python /opt/venv/bin/python numpy==2.1.3\nFROM python:3.12-slim\nCOPY --from=build /opt/venv /opt/venv', name: 'only the venv is copied out' },
    { text: CONDA.replace('\n', ' AS env\n') + 'RUN conda create -y -p /opt/env python=3.11\nRUN conda clean --all --yes\nFROM debian:bookworm-slim\nCOPY --from=env /opt/conda /opt/conda', name: 'cleaned in a later RUN of the stage before it is copied out' },
    { text: MM.replace('\n', ' AS env\n') + 'RUN micromamba create -y -p /opt/env python=3.11\nFROM debian:bookworm-slim\nCOPY --from=env /opt/env /opt/env', name: 'an env prefix outside the pkgs folder' },
  ],
});
