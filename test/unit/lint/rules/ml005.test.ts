import { ruleCases } from '../helpers';

const IDX = 'https://download.pytorch.org/whl';
const FLASH = 'ENV TORCH_CUDA_ARCH_LIST="8.0;9.0"\nRUN pip install --no-cache-dir --no-build-isolation flash-attn==2.6.3';

ruleCases('ML005', {
  catches: [
    { text: `FROM nvidia/cuda:12.4.1-runtime-ubuntu22.04\nRUN pip install torch==2.3.1 --index-url ${IDX}/cu118`, name: 'major mismatch (index)' },
    { text: 'FROM nvidia/cuda:11.8.0-runtime-ubuntu22.04\nRUN pip install torch==2.3.1+cu121', name: 'local version' },
    { text: 'FROM nvidia/cuda:11.8.0-cudnn8-runtime-ubuntu22.04\nRUN pip install "jax[cuda12]==0.4.30"', name: 'jax extra' },
    { text: 'FROM pytorch/pytorch:2.5.1-cuda12.4-cudnn9-runtime\nRUN pip install cupy-cuda11x==13.3.0', name: 'cupy on a framework image' },
    { text: 'FROM nvcr.io/nvidia/pytorch:24.08-py3\nRUN pip install --extra-index-url https://download.pytorch.org/whl/cu118 torchvision==0.19.0', name: 'NGC release mapped to CUDA 12.6' },
    { text: `ARG CU=cu118\nFROM nvidia/cuda:12.4.1-runtime-ubuntu22.04\nARG CU\nRUN pip install torch==2.3.1 --index-url ${IDX}/\${CU}`, name: 'ARG-derived index that differs' },
    { text: 'FROM nvidia/cuda:12.4.1-devel-ubuntu22.04 AS build\nFROM build\nRUN uv pip install --system --torch-backend=cu118 torch==2.3.1', name: 'uv backend, inherited stage' },
    { text: 'FROM nvidia/cuda:12.4.1-runtime-ubuntu22.04\nRUN uv pip install --system --torch-backend cu118 torch==2.3.1', name: 'uv backend as a separate word' },
    { text: 'FROM nvidia/cuda:12.4.1-runtime-ubuntu22.04\nRUN conda install -y pytorch=2.3.1 pytorch-cuda=11.8 -c pytorch -c nvidia', name: 'conda pytorch-cuda' },
    { text: `FROM nvidia/cuda:12.4.1-runtime-ubuntu22.04\nENV PIP_EXTRA_INDEX_URL=${IDX}/cu118\nRUN pip install torch==2.3.1`, name: 'index from ENV' },
    { text: 'FROM nvidia/cuda:12.4.1-runtime-ubuntu22.04\nRUN uv --version\nRUN UV_TORCH_BACKEND=cu118 uv pip install --system torch==2.3.1', name: 'uv backend assigned on the RUN line', lines: [3] },
    { text: `FROM nvidia/cuda:12.4.1-runtime-ubuntu22.04\nRUN export PIP_INDEX_URL=${IDX}/cu118 && pip install torch==2.3.1`, name: 'index exported in the RUN' },
    { text: 'FROM nvidia/cuda:12.2.2-devel-ubuntu22.04\nRUN pip install torch==1.13.1', name: 'PyPI torch 1.13 is a CUDA 11.7 build', lines: [2] },
    { text: 'FROM nvidia/cuda:12.1.1-cudnn8-devel-ubuntu22.04\nRUN python3 -m pip install "torch==2.0.1" torchvision==0.15.2', name: 'PyPI torch 2.0 (CUDA 11.7), quoted' },
    { text: 'FROM nvidia/cuda:11.8.0-cudnn8-runtime-ubuntu22.04\nRUN pip install tensorflow==2.16.1', name: 'TensorFlow 2.16 needs CUDA 12 libraries from the image' },
    { text: `FROM nvidia/cuda:12.1.1-devel-ubuntu22.04\nRUN pip install torch==2.5.1 --index-url ${IDX}/cu124\n${FLASH}`, name: 'wheel newer than the devel toolkit that compiles extensions', lines: [2] },
    { text: `FROM nvidia/cuda:12.1.1-devel-ubuntu22.04\nRUN pip install torch==2.7.1\n${FLASH}`, name: 'PyPI 2.7 (12.6) newer than the 12.1 toolkit that compiles', lines: [2] },
  ],
  passes: [
    `FROM nvidia/cuda:12.4.1-devel-ubuntu22.04\nRUN pip install torch==2.5.1 --index-url ${IDX}/cu124`,
    { text: `FROM nvidia/cuda:12.4.1-devel-ubuntu22.04\nRUN pip install --no-cache-dir torch==2.3.1 --index-url ${IDX}/cu121`, name: 'older minor on a devel image: forward compatible' },
    { text: `FROM nvidia/cuda:12.1.1-devel-ubuntu22.04\nRUN pip install torch==2.5.1 --index-url ${IDX}/cu124`, name: 'newer minor on a devel image that compiles nothing' },
    { text: `FROM nvidia/cuda:12.1.1-runtime-ubuntu22.04\nRUN pip install torch==2.7.1`, name: 'newer minor from PyPI on a runtime image: the wheels bring their libraries' },
    { text: `FROM nvidia/cuda:12.4.1-runtime-ubuntu22.04\nRUN pip install torch==2.5.1 --index-url ${IDX}/cu121`, name: 'minor mismatch on runtime: wheels bring their own libs' },
    { text: `ARG CUDA_TAG=cu124\nFROM nvidia/cuda:12.4.1-devel-ubuntu22.04\nARG CUDA_TAG\nRUN pip install torch==2.5.1 --index-url ${IDX}/\${CUDA_TAG}`, name: 'ARG-derived index that matches' },
    { text: `FROM nvidia/cuda:12.4.1-devel-ubuntu22.04\nARG CUDA_TAG\nRUN pip install torch==2.5.1 --index-url ${IDX}/\${CUDA_TAG}`, name: 'unresolvable index' },
    { text: `FROM python:3.12-slim\nRUN pip install torch==2.5.1 --index-url ${IDX}/cu118`, name: 'no CUDA in base' },
    { text: `FROM nvidia/cuda:12.4.1-runtime-ubuntu22.04\nRUN export PIP_INDEX_URL=${IDX}/cu118\nRUN pip install torch==2.5.1 --index-url ${IDX}/cu124`, name: 'an assignment in another RUN does not carry over' },
    { text: 'FROM nvidia/cuda:12.2.2-devel-ubuntu22.04\nRUN pip install torch', name: 'unpinned: the version (and its CUDA) is unknown' },
    { text: 'FROM nvidia/cuda:12.2.2-devel-ubuntu22.04\nRUN pip install "torch>=1.13"', name: 'a range: unknown' },
    { text: 'FROM nvidia/cuda:12.8.1-runtime-ubuntu22.04\nRUN pip install torch==2.11.0', name: 'sources disagree on the CUDA major of torch 2.11 on PyPI' },
    { text: 'FROM nvidia/cuda:11.8.0-runtime-ubuntu22.04\nRUN pip install "tensorflow[and-cuda]==2.16.1"', name: 'TensorFlow with its own CUDA wheels' },
    { text: 'FROM nvidia/cuda:12.2.2-devel-ubuntu22.04\nRUN pip install torch==1.13.1 --index-url https://download.pytorch.org/whl/cpu', name: 'CPU build' },
    'FROM nvidia/cuda:12.6.3-runtime-ubuntu24.04\nRUN pip install "jax[cuda12]==0.4.35" cupy-cuda12x==13.3.0',
    'FROM nvidia/cuda:12.4.1-devel-ubuntu22.04\nRUN conda install -y pytorch=2.5.1 pytorch-cuda=12.4 -c pytorch -c nvidia && conda clean -afy',
    'FROM pytorch/pytorch:2.5.1-cuda12.4-cudnn9-runtime\nRUN pip install --no-cache-dir transformers==4.46.3',
    { text: `FROM nvidia/cuda:12.4.1-runtime-ubuntu22.04\nONBUILD RUN pip install torch --index-url ${IDX}/cu118`, name: 'ONBUILD runs on another base' },
    { text: 'FROM nvcr.io/nvidia/pytorch:19.01-py3\nRUN pip install torch==2.3.1+cu121', name: 'unknown NGC release' },
  ],
});
