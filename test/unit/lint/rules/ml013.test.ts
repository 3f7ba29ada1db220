import { ruleCases, type CaseInput } from '../helpers';

// DL3013 reports unpinned pip packages too, and ML013 yields to it on the same token (see
// ml-echoes.test.ts): the rule's own cases run with DL3013 switched off
const alone = (list: CaseInput[]): CaseInput[] => list.map((c) => (typeof c === 'string' ? { text: c, options: { ignore: ['DL3013'] } } : { ...c, options: { ignore: ['DL3013'], ...c.options } }));

const PY = 'FROM python:3.12-slim\n';

ruleCases('ML013', {
  catches: alone([
    { text: PY + 'RUN pip install --no-cache-dir torch transformers', count: 2 },
    { text: PY + 'RUN pip install "tensorflow>=2.15"', name: 'lower bound only' },
    { text: PY + 'RUN uv pip install --system "jax[cuda12]"', name: 'uv and extras' },
    { text: PY + 'RUN pip install git+https://github.com/huggingface/transformers', name: 'VCS without ref' },
    { text: PY + 'RUN pip install "git+https://github.com/huggingface/transformers.git@main"', name: 'VCS on a branch' },
    { text: PY + 'RUN git clone https://github.com/vllm-project/vllm.git && cd vllm && pip install -e .', name: 'git clone without checkout' },
    { text: PY + 'RUN git clone --depth 1 --branch main https://github.com/Dao-AILab/flash-attention', name: 'clone of main' },
    { text: 'FROM continuumio/miniconda3:24.7.1-0\nRUN conda install -y -c pytorch pytorch torchvision=0.20.1', count: 1, name: 'conda' },
    { text: PY + 'ONBUILD RUN pip install vllm', name: 'ONBUILD' },
    { text: PY + 'RUN python3 -m pip install \\\n    flash_attn', lines: [3], name: 'normalised name, continuation' },
    { text: PY + 'RUN git clone https://github.com/vllm-project/vllm.git && cd vllm && git checkout main && pip install -e .', name: 'checkout of a branch is not a pin' },
    { text: PY + 'ARG VLLM_REF=main\nRUN git clone https://github.com/vllm-project/vllm.git /vllm && git -C /vllm checkout ${VLLM_REF}', name: 'ref from an ARG that defaults to a branch' },
    { text: PY + 'ARG DS_REF=master\nRUN git clone --branch $DS_REF https://github.com/deepspeedai/DeepSpeed.git', name: 'current org name, branch through an ARG' },
  ]),
  passes: alone([
    PY + 'RUN pip install --no-cache-dir torch==2.5.1 transformers==4.46.3',
    PY + 'RUN pip install "transformers~=4.46.0" "tensorflow>=2.15,<2.16"',
    PY + 'RUN pip install -c constraints.txt torch transformers',
    PY + 'ENV PIP_CONSTRAINT=/constraints.txt\nRUN pip install torch',
    PY + 'RUN pip install "git+https://github.com/huggingface/transformers.git@v4.46.3"',
    PY + 'RUN pip install "transformers @ git+https://github.com/huggingface/transformers@2e24ee4dfa39cc0bc264b89edbccc373c8337086"',
    PY + 'RUN git clone https://github.com/vllm-project/vllm.git && cd vllm && git checkout v0.6.3 && pip install -e .',
    PY + 'RUN git clone --branch v2.6.3 https://github.com/Dao-AILab/flash-attention',
    PY + 'RUN pip install torch==2.5.1+cpu --index-url https://download.pytorch.org/whl/cpu',
    { text: PY + 'RUN pip install numpy pandas', name: 'not frameworks (DL3013\'s)' },
    { text: PY + 'RUN pip install -r requirements.txt', name: 'requirements file' },
    { text: 'FROM continuumio/miniconda3:24.7.1-0\nRUN conda install -y pytorch=2.5.1 "torchvision>=0.20,<0.21"', name: 'conda pinned' },
    { text: PY + 'RUN git clone https://github.com/acme/tools', name: 'not a framework repo' },
    { text: PY + 'ARG VLLM_REF=v0.6.3\nRUN git clone https://github.com/vllm-project/vllm.git /vllm && git -C /vllm checkout ${VLLM_REF}', name: 'ref from an ARG that defaults to a tag' },
    { text: PY + 'ARG VLLM_REF\nRUN git clone https://github.com/vllm-project/vllm.git /vllm && cd /vllm && git checkout "$VLLM_REF"', name: 'ref given at build time' },
    { text: PY + 'RUN git clone https://github.com/deepspeedai/DeepSpeed.git && cd DeepSpeed && git reset --hard 4d2b3c1a', name: 'reset to a commit' },
  ]),
});
