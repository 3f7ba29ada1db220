import { ruleCases } from '../helpers';

const DEVEL = 'FROM nvidia/cuda:12.4.1-devel-ubuntu22.04\n';

ruleCases('ML007', {
  catches: [
    DEVEL + 'RUN pip install --no-cache-dir flash-attn==2.6.3 --no-build-isolation',
    { text: DEVEL + 'RUN git clone https://github.com/NVIDIA/apex && cd apex && python3 setup.py install --cuda_ext', name: 'setup.py install' },
    { text: DEVEL + 'RUN pip install "git+https://github.com/facebookresearch/detectron2.git@v0.6"', name: 'git+ extension repo' },
    { text: 'FROM pytorch/pytorch:2.5.1-cuda12.4-cudnn9-devel AS build\nFROM build\nRUN pip install --no-build-isolation flash-attn==2.7.4.post1', name: 'inherited devel stage', lines: [3] },
    { text: DEVEL + 'RUN git clone --depth 1 --branch v2.7.4 https://github.com/Dao-AILab/flash-attention.git /src/fa \\\n && cd /src/fa && python3 -m pip install --no-build-isolation .', name: 'pip install . inside a clone of an extension', lines: [3] },
    { text: DEVEL + 'WORKDIR /src\nRUN cd apex && python setup.py build_ext', name: 'setup.py in a folder named for the extension' },
    { text: DEVEL + 'RUN pip install mamba-ssm==2.2.2 causal-conv1d==1.4.0', count: 1, name: 'one finding per RUN' },
    { text: DEVEL + 'RUN DS_BUILD_OPS=1 pip install deepspeed==0.15.4', name: 'deepspeed with ops' },
    { text: DEVEL + 'RUN \\\n    git clone https://github.com/NVIDIA/apex && cd apex && \\\n    python setup.py bdist_wheel', lines: [4], name: 'continuation' },
    { text: DEVEL + 'RUN pip wheel --no-deps -w /wheels flash-attn==2.6.3', name: 'pip wheel' },
    { text: DEVEL + 'WORKDIR /opt/gs/submodules\nRUN exts=(diff-gaussian-rasterization simple-knn); for e in "${exts[@]}"; do pip wheel --no-build-isolation -w /wheels "./${e}"; done', lines: [3], name: 'a loop over extension folders named in the RUN' },
  ],
  passes: [
    DEVEL + 'ENV TORCH_CUDA_ARCH_LIST="8.0;8.6;8.9;9.0+PTX"\nRUN pip install --no-cache-dir flash-attn==2.6.3 --no-build-isolation',
    DEVEL + 'RUN TORCH_CUDA_ARCH_LIST="8.0;9.0" pip install --no-build-isolation flash-attn==2.6.3',
    DEVEL + 'ARG TORCH_CUDA_ARCH_LIST="8.6"\nRUN python3 setup.py install',
    { text: 'ARG TORCH_CUDA_ARCH_LIST="8.6"\n' + DEVEL + 'RUN python3 setup.py install', name: 'global ARG' },
    DEVEL + 'RUN FORCE_CUDA=1 pip install "git+https://github.com/facebookresearch/pytorch3d.git@v0.7.8"',
    DEVEL + 'ENV CMAKE_CUDA_ARCHITECTURES=86\nRUN pip install --no-build-isolation .',
    { text: 'FROM nvidia/cuda:12.4.1-runtime-ubuntu22.04\nRUN pip install flash-attn==2.6.3 --no-build-isolation', name: 'runtime base cannot compile' },
    { text: 'FROM nvcr.io/nvidia/pytorch:24.08-py3\nRUN pip install flash-attn==2.6.3 --no-build-isolation', name: 'NGC sets the arch list' },
    { text: DEVEL + 'RUN pip install --no-cache-dir xformers==0.0.28.post3 transformers==4.46.3', name: 'wheels, no build' },
    { text: DEVEL + 'RUN pip install -e .', name: 'plain editable install' },
    { text: 'FROM pytorch/pytorch:2.5.1-cuda12.4-cudnn9-devel\nRUN pip install --no-build-isolation -e .', name: 'a pure-Python project built without isolation' },
    { text: DEVEL + 'COPY . /src\nRUN cd /src && python setup.py develop', name: 'pure-Python setup.py develop' },
    { text: DEVEL + 'ONBUILD RUN pip install flash-attn==2.6.3 --no-build-isolation', name: 'ONBUILD runs on the child image base' },
  ],
});
