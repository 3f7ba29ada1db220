import { ruleCases } from '../helpers';

const CPU = 'https://download.pytorch.org/whl/cpu';

ruleCases('ML006', {
  catches: [
    { text: 'FROM python:3.12-slim\nRUN pip install --no-cache-dir torch==2.5.1', fixed: `FROM python:3.12-slim\nRUN pip install --index-url ${CPU} --no-cache-dir torch==2.5.1` },
    { text: 'FROM python:3.12-slim\nRUN pip install --no-cache-dir torch==2.5.1 fastapi==0.115.0', name: 'other packages: extra index', fixed: `FROM python:3.12-slim\nRUN pip install --extra-index-url ${CPU} --no-cache-dir torch==2.5.1 fastapi==0.115.0` },
    { text: 'FROM ubuntu:24.04\nRUN apt-get update && apt-get install -y python3-pip \\\n && python3 -m pip install --break-system-packages torchvision==0.20.1', name: 'python -m pip, continuation', lines: [3] },
    { text: 'FROM python:3.11 AS base\nFROM base\nRUN uv pip install --system torch==2.5.1', name: 'uv, inherited stage', fixed: `FROM python:3.11 AS base\nFROM base\nRUN uv pip install --index-url ${CPU} --system torch==2.5.1` },
    { text: 'FROM continuumio/miniconda3:24.7.1-0\nRUN sudo pip install torch==2.5.1', name: 'conda base, sudo' },
    { text: 'FROM python:3.12-slim\nRUN <<EOF\npip install torch==2.5.1\nEOF', name: 'heredoc', lines: [3] },
    { text: 'FROM python:3.12-slim\nRUN pip install -i https://pypi.example.com/simple torch==2.5.1', name: 'private mirror: extra index fix', fixed: `FROM python:3.12-slim\nRUN pip install --extra-index-url ${CPU} -i https://pypi.example.com/simple torch==2.5.1` },
  ],
  passes: [
    `FROM python:3.12-slim\nRUN pip install --no-cache-dir torch==2.5.1 --index-url ${CPU}`,
    `FROM python:3.12-slim\nRUN pip install --no-cache-dir --extra-index-url ${CPU} torch==2.5.1 numpy==2.1.3`,
    'FROM python:3.12-slim\nRUN pip install --no-cache-dir torch==2.5.1+cpu -f https://download.pytorch.org/whl/torch_stable.html',
    `FROM python:3.12-slim\nENV PIP_INDEX_URL=${CPU}\nRUN pip install torch==2.5.1`,
    { text: 'FROM --platform=linux/arm64 python:3.12-slim\nRUN pip install torch==2.5.1', name: 'arm64 only' },
    { text: 'FROM nvidia/cuda:12.4.1-runtime-ubuntu22.04\nRUN pip install torch==2.5.1', name: 'GPU base' },
    { text: 'FROM python:3.12-slim\nRUN pip install torch==2.5.1 --index-url https://download.pytorch.org/whl/cu124', name: 'explicit CUDA build (ML017 territory)' },
    { text: 'FROM python:3.12-slim\nRUN uv pip install --system --torch-backend=cpu torch==2.5.1', name: 'uv cpu backend' },
    { text: 'FROM python:3.12-slim\nRUN pip install -r requirements.txt', name: 'requirements file' },
    { text: 'FROM python:3.12-slim\nRUN echo pip install torch', name: 'not a pip command' },
    { text: 'FROM python:3.12-slim\nONBUILD RUN pip install torch==2.5.1', name: 'ONBUILD runs on the child image base' },
    { text: 'FROM python:3.12-slim\nENV CUDA_HOME=/usr/local/cuda\nRUN pip install torch==2.5.1', name: 'stage points to CUDA' },
    { text: 'FROM ubuntu:22.04\nRUN apt-get update && apt-get install -y --no-install-recommends cuda-toolkit-12-4\nRUN pip install torch==2.5.1', name: 'CUDA toolkit from apt' },
    { text: 'FROM rocm/pytorch:rocm6.2_ubuntu22.04_py3.10_pytorch_release_2.3.0\nRUN pip install torchvision', name: 'ROCm base' },
  ],
});
