// Two realistic multi-stage files whose RUN scripts use what bash offers (arrays, case arms, $(…),
// subshells, python -m pip, micromamba run, ARG defaults built from other ARGs). Every DL finding is
// listed: a new false positive, or a lost true positive, fails here.
import * as assert from 'node:assert/strict';
import { lintDockerfile } from '../../../src/lint';

const dl = (text: string) => lintDockerfile(text).filter((p) => p.code.startsWith('DL')).map((p) => `${p.code}@${p.line}`);

const CLEAN = [
  "# syntax=docker/dockerfile:1.7",
  "ARG CUDA_VERSION=12.4.1",
  "ARG UBUNTU=22.04",
  "ARG BASE_IMAGE=nvidia/cuda:${CUDA_VERSION}-cudnn-devel-ubuntu${UBUNTU}",
  "ARG RUNTIME_IMAGE=\"nvidia/cuda:${CUDA_VERSION}-cudnn-runtime-ubuntu${UBUNTU}\"",
  "ARG PYTHON_VERSION=3.11",
  "ARG TORCH_PIN=\"==2.4.1\"",
  "",
  "FROM ${BASE_IMAGE} AS build",
  "ARG PYTHON_VERSION",
  "ARG TORCH_PIN",
  "SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]",
  "ENV DEBIAN_FRONTEND=noninteractive \\",
  "    PIP_NO_CACHE_DIR=1 \\",
  "    TORCH_CUDA_ARCH_LIST=\"8.0;8.6;9.0\" \\",
  "    FORCE_CUDA=1",
  "RUN apt-get update \\",
  " && apt-get install -y --no-install-recommends \\",
  "        \"python${PYTHON_VERSION}=${PYTHON_VERSION}.*\" \\",
  "        git=1:2.34.1-1ubuntu1.11 \\",
  "        ninja-build=1.10.1-1 \\",
  " && rm -rf /var/lib/apt/lists*",
  "RUN PKGS=( \"numpy==1.26.4\" \"packaging==24.1\" ) \\",
  " && python${PYTHON_VERSION} -m pip install \"${PKGS[@]}\" \\",
  " && python${PYTHON_VERSION} -m pip install \"torch${TORCH_PIN}\" --index-url \"https://download.pytorch.org/whl/cu$(echo \"${CUDA_VERSION}\" | cut -d. -f1,2 | tr -d .)\"",
  "WORKDIR /src",
  "COPY pyproject.toml setup.py ./",
  "COPY csrc csrc",
  "RUN case \"$(uname -m)\" in \\",
  "      x86_64) ARCH=amd64 ;; \\",
  "      aarch64|arm64) ARCH=arm64 ;; \\",
  "      *) echo \"unsupported: $(uname -m)\" >&2; exit 1 ;; \\",
  "    esac \\",
  " && echo \"building for ${ARCH}\" \\",
  " && python${PYTHON_VERSION} -m pip wheel --no-deps -w /wheels -e \".[cuda]\" \\",
  " && ( cd /wheels && sha256sum ./*.whl > SHA256SUMS )",
  "",
  "FROM ${RUNTIME_IMAGE} AS runtime",
  "ARG PYTHON_VERSION",
  "ENV PIP_NO_CACHE_DIR=1",
  "RUN apt-get update \\",
  " && apt-get install -y --no-install-recommends \"python${PYTHON_VERSION}=${PYTHON_VERSION}.*\" \\",
  " && rm -rf /var/lib/apt/lists/*",
  "COPY --from=build /wheels /wheels",
  "RUN --mount=type=cache,target=/root/.cache/pip \\",
  "    python${PYTHON_VERSION} -m pip install /wheels/*.whl \\",
  " && rm -rf /wheels",
  "RUN useradd --create-home --uid 10001 app",
  "USER 10001",
  "WORKDIR /home/app",
  "EXPOSE 8000",
  "HEALTHCHECK --interval=30s CMD [\"python3\", \"-c\", \"import urllib.request as u; u.urlopen('http://127.0.0.1:8000/health')\"]",
  "CMD [\"python3\", \"-m\", \"myext.serve\", \"--port\", \"8000\"]",
].join('\n');

const FLAWED = [
  "ARG BASE=python:3.12-slim",
  "FROM ${BASE} AS app",
  "RUN apt-get update && apt-get install -y curl",
  "RUN case \"${TARGETARCH:-amd64}\" in \\",
  "      amd64) pip install torch ;; \\",
  "      arm64) pip install --no-cache-dir torch==2.4.1 ;; \\",
  "    esac",
  "RUN micromamba run -n base python -m pip install httpx==0.27.2",
  "RUN echo \"$(cd /tmp && ls)\" && cd /opt",
  "RUN dnf clean all && dnf in -y git-2.45.2",
  "RUN go install golang.org/x/tools/gopls@latest",
  "COPY a.py b.py .",
  "CMD python app.py",
].join('\n');

describe('realistic shell in RUN', () => {
  it('a careful CUDA extension build has no DL finding, and its image resolves through ARG defaults', () => {
    assert.deepEqual(dl(CLEAN), []);
    assert.deepEqual(lintDockerfile(CLEAN).filter((p) => p.level === 'error'), []);
  });
  it('the flaws inside case arms, wrappers, $(…) and aliases are each found once', () => {
    assert.deepEqual(dl(FLAWED).sort(), [
      'DL3008@3', 'DL3009@3', 'DL3015@3', 'DL3059@4', 'DL3042@5', 'DL3013@5', 'DL3042@8', 'DL3003@9', 'DL3040@10',
      'DL3062@11', 'DL3045@12', 'DL3025@13',
    ].sort());
  });
});
