import * as assert from 'node:assert/strict';
import { findings, ruleCases } from '../helpers';

const HF = 'hf_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789';
const PY = 'FROM python:3.12-slim\n';

ruleCases('ML016', {
  catches: [
    { text: PY + `ENV HF_TOKEN=${HF}`, name: 'ENV' },
    { text: PY + `ARG HUGGING_FACE_HUB_TOKEN=${HF}`, name: 'ARG default' },
    { text: PY + `LABEL token="${HF}"`, name: 'LABEL' },
    { text: PY + `RUN huggingface-cli login --token ${HF}`, name: 'RUN' },
    { text: PY + 'ENV OPENAI_API_KEY=sk-proj-Ab12Cd34Ef56Gh78Ij90Kl12Mn34', name: 'OpenAI' },
    { text: PY + 'RUN git clone https://ghp_Ab12Cd34Ef56Gh78Ij90Kl12Mn34Op56Qr78St@github.com/acme/x', name: 'GitHub token in URL' },
    { text: PY + 'ENV NGC_API_KEY=nvapi-Ab12Cd34Ef56Gh78Ij90Kl12Mn34Op56Qr78St90Uv12Wx', name: 'NVIDIA' },
    { text: PY + 'RUN wandb login 0123456789abcdef0123456789abcdef01234567', name: 'wandb key' },
    { text: PY + 'ENV WANDB_API_KEY 0123456789abcdef0123456789abcdef01234567', name: 'wandb key, legacy ENV' },
    { text: `# token: ${HF}\n` + PY, name: 'in a comment', lines: [1] },
    { text: PY + `ENV A=${HF} \\\n    B=${HF.replace('Ab', 'Zz')}`, count: 2, lines: [2, 3], name: 'two on continued lines' },
  ],
  passes: [
    PY + 'RUN --mount=type=secret,id=hf_token,env=HF_TOKEN huggingface-cli whoami',
    { text: PY + 'RUN git checkout 0123456789abcdef0123456789abcdef01234567', name: 'a commit sha is not a wandb key' },
    { text: PY + 'ENV HF_TOKEN=hf_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', name: 'placeholder' },
    { text: PY + 'ENV HF_TOKEN=hf_YOUR_TOKEN_GOES_HERE_0000000000000', name: 'placeholder words' },
    { text: PY + 'RUN pip install scikit-learn==1.5.2 task-runner-abcdefghijklmnopqrstuvwxyz', name: 'sk- inside names' },
    { text: PY + 'ARG HF_TOKEN\nRUN echo $HF_TOKEN', name: 'a variable, not a literal' },
    { text: PY + 'RUN ls /opt/hf_cachedirectoryformodelsandtokenizers', name: 'hf_ path of letters only' },
  ],
});

describe('ML016 messages', () => {
  it('mask the token', () => {
    const got = findings('ML016', PY + `ENV HF_TOKEN=${HF}\nRUN wandb login 0123456789abcdef0123456789abcdef01234567`);
    assert.equal(got.length, 2);
    assert.ok(got[0].message.includes('hf_…(redacted)'), got[0].message);
    for (const p of got) {
      assert.ok(!p.message.includes(HF.slice(3, 12)), p.message);
      assert.ok(!p.message.includes('0123456789abcdef'), p.message);
      assert.ok(p.message.includes('(redacted)'), p.message);
    }
  });
  it('underline exactly the token', () => {
    const [p] = findings('ML016', PY + `ENV HF_TOKEN=${HF}`);
    assert.deepEqual([p.line, p.column, p.endColumn], [2, 14, 14 + HF.length]);
  });
});
