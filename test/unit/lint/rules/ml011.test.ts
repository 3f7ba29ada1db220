import * as assert from 'node:assert/strict';
import { findings, ruleCases } from '../helpers';

const PY = 'FROM python:3.12-slim\n';

ruleCases('ML011', {
  catches: [
    PY + 'ARG HF_TOKEN\nRUN huggingface-cli login --token "$HF_TOKEN" && huggingface-cli download org/model',
    { text: PY + 'ARG HF_TOKEN\nRUN hf auth login --token=$HF_TOKEN', name: 'hf auth login' },
    { text: PY + 'ARG WANDB_KEY\nRUN wandb login $WANDB_KEY', name: 'wandb login <key>' },
    { text: PY + 'ARG TOKEN\nRUN HF_TOKEN=$TOKEN python download.py', name: 'assignment before a command' },
    { text: PY + 'ARG T\nRUN export OPENAI_API_KEY=$T && python eval.py', name: 'export' },
    { text: PY + 'ARG GH_TOKEN\nRUN curl -fsSL -H "Authorization: Bearer $GH_TOKEN" https://api.github.com/x -o /x', name: 'bearer header' },
    { text: PY + 'ARG GITHUB_TOKEN\nRUN pip install "git+https://${GITHUB_TOKEN}@github.com/acme/private-lib.git@v1.2.0"', name: 'token in URL' },
    { text: PY + 'ARG HF_TOKEN\nRUN \\\n  sudo -E huggingface-cli login --token $HF_TOKEN', lines: [4], name: 'sudo, continuation' },
    { text: PY + 'ARG HF_TOKEN\nONBUILD RUN huggingface-cli login --token $HF_TOKEN', name: 'ONBUILD' },
    { text: PY + 'RUN --mount=type=secret,id=other HF_TOKEN=$HF_TOKEN python dl.py', name: 'secret mount of another variable' },
  ],
  passes: [
    { text: 'FROM python:3.12-slim\nRUN --mount=type=secret,id=tok token="$(cat /run/secrets/tok)" && curl -fsSL -H "Authorization: Bearer ${token}" -o /m.onnx https://models.example.com/m.onnx', name: 'header from a variable this RUN reads from a secret file' },
    PY + 'RUN --mount=type=secret,id=hf_token huggingface-cli login --token "$(cat /run/secrets/hf_token)"',
    PY + 'RUN --mount=type=secret,id=hf_token,env=HF_TOKEN huggingface-cli download org/model --local-dir /m',
    PY + 'RUN --mount=type=secret,id=hf,env=HF_TOKEN huggingface-cli login --token $HF_TOKEN',
    PY + 'RUN --mount=type=secret,id=wandb,target=/tmp/wandb_key WANDB_API_KEY=$(cat /tmp/wandb_key) python train.py',
    { text: PY + 'RUN TOKENIZERS_PARALLELISM=false python warmup.py', name: 'not a credential name' },
    { text: PY + 'RUN pip install "git+https://github.com/huggingface/transformers.git@v4.46.3"', name: '@ref is not a credential' },
    { text: PY + 'RUN git clone git@github.com:acme/repo.git', name: 'ssh user' },
    { text: PY + 'RUN wandb login --relogin', name: 'wandb login without key' },
    { text: PY + 'RUN echo "huggingface-cli login --token $HF_TOKEN"', name: 'inside echo text' },
    { text: PY + 'RUN huggingface-cli login --token hf_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789', name: 'literal token is ML016\'s' },
  ],
});

describe('ML011 messages', () => {
  it('never repeat the credential', () => {
    const got = findings('ML011', PY + 'RUN huggingface-cli login --token s3cr3tValue && HF_TOKEN=anotherSecret99 python x.py');
    assert.equal(got.length, 2);
    for (const p of got) assert.ok(!/s3cr3tValue|anotherSecret99/.test(p.message), p.message);
  });
});
