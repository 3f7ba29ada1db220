import { ruleCases } from '../helpers';

const IDX = 'https://download.pytorch.org/whl';

ruleCases('ML005', {
  catches: [
    { text: `FROM nvidia/cuda:12.4.1-runtime-ubuntu22.04\nRUN pip install torch==2.3.1 --index-url ${IDX}/cu118`, name: 'major mismatch (index)' },
    { text: `FROM nvidia/cuda:12.4.1-devel-ubuntu22.04\nRUN pip install --no-cache-dir torch==2.3.1 --index-url ${IDX}/cu121`, name: 'minor mismatch in devel' },
    { text: 'FROM nvidia/cuda:11.8.0-runtime-ubuntu22.04\nRUN pip install torch==2.3.1+cu121', name: 'local version' },
    { text: 'FROM nvidia/cuda:11.8.0-cudnn8-runtime-ubuntu22.04\nRUN pip install "jax[cuda12]==0.4.30"', name: 'jax extra' },
    { text: 'FROM pytorch/pytorch:2.5.1-cuda12.4-cudnn9-runtime\nRUN pip install cupy-cuda11x==13.3.0', name: 'cupy on a framework image' },
    { text: 'FROM nvcr.io/nvidia/pytorch:24.08-py3\nRUN pip install --extra-index-url https://download.pytorch.org/whl/cu118 torchvision==0.19.0', name: 'NGC release mapped to CUDA 12.6' },
    { text: `ARG CU=cu118\nFROM nvidia/cuda:12.4.1-runtime-ubuntu22.04\nARG CU\nRUN pip install torch==2.3.1 --index-url ${IDX}/\${CU}`, name: 'ARG-derived index that differs' },
    { text: 'FROM nvidia/cuda:12.4.1-devel-ubuntu22.04 AS build\nFROM build\nRUN uv pip install --system --torch-backend=cu118 torch==2.3.1', name: 'uv backend, inherited stage' },
    { text: 'FROM nvidia/cuda:12.4.1-runtime-ubuntu22.04\nRUN uv pip install --system --torch-backend cu118 torch==2.3.1', name: 'uv backend as a separate word' },
    { text: 'FROM nvidia/cuda:12.4.1-runtime-ubuntu22.04\nRUN conda install -y pytorch=2.3.1 pytorch-cuda=11.8 -c pytorch -c nvidia', name: 'conda pytorch-cuda' },
    { text: `FROM nvidia/cuda:12.4.1-runtime-ubuntu22.04\nENV PIP_EXTRA_INDEX_URL=${IDX}/cu118\nRUN pip install torch==2.3.1`, name: 'index from ENV' },
  ],
  passes: [
    `FROM nvidia/cuda:12.4.1-devel-ubuntu22.04\nRUN pip install torch==2.5.1 --index-url ${IDX}/cu124`,
    { text: `FROM nvidia/cuda:12.4.1-runtime-ubuntu22.04\nRUN pip install torch==2.5.1 --index-url ${IDX}/cu121`, name: 'minor mismatch on runtime: wheels bring their own libs' },
    { text: `ARG CUDA_TAG=cu124\nFROM nvidia/cuda:12.4.1-devel-ubuntu22.04\nARG CUDA_TAG\nRUN pip install torch==2.5.1 --index-url ${IDX}/\${CUDA_TAG}`, name: 'ARG-derived index that matches' },
    { text: `FROM nvidia/cuda:12.4.1-devel-ubuntu22.04\nARG CUDA_TAG\nRUN pip install torch==2.5.1 --index-url ${IDX}/\${CUDA_TAG}`, name: 'unresolvable index' },
    { text: `FROM python:3.12-slim\nRUN pip install torch==2.5.1 --index-url ${IDX}/cu118`, name: 'no CUDA in base' },
    'FROM nvidia/cuda:12.6.3-runtime-ubuntu24.04\nRUN pip install "jax[cuda12]==0.4.35" cupy-cuda12x==13.3.0',
    'FROM nvidia/cuda:12.4.1-devel-ubuntu22.04\nRUN conda install -y pytorch=2.5.1 pytorch-cuda=12.4 -c pytorch -c nvidia && conda clean -afy',
    'FROM pytorch/pytorch:2.5.1-cuda12.4-cudnn9-runtime\nRUN pip install --no-cache-dir transformers==4.46.3',
    { text: `FROM nvidia/cuda:12.4.1-runtime-ubuntu22.04\nONBUILD RUN pip install torch --index-url ${IDX}/cu118`, name: 'ONBUILD runs on another base' },
    { text: 'FROM nvcr.io/nvidia/pytorch:19.01-py3\nRUN pip install torch==2.3.1+cu121', name: 'unknown NGC release' },
  ],
});
