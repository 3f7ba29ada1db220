import { defineRule } from '../../rule';
import { findTokens, mayHoldToken } from './secrets';

export const ML016 = defineRule({
  code: 'ML016',
  level: 'error',
  title: 'A literal access token is written in the Dockerfile.',
  description:
    'A Hugging Face (`hf_…`), OpenAI-style (`sk-…`), GitHub (`ghp_…`), NVIDIA (`nvapi-…`), Replicate, AWS or Weights & Biases key written in the Dockerfile ' +
    'ends up in version control, in the image history and in every layer that uses it. Revoke the key, then pass it at build time with ' +
    '`RUN --mount=type=secret,id=hf_token,env=HF_TOKEN …` (or at run time as an environment variable). ' +
    'Split out of ML011 so that literal tokens can be errors while credentials used on RUN lines stay warnings (a rule has one default severity). ' +
    'Messages never repeat the token.',
  example: {
    bad: 'FROM python:3.12-slim\nENV HF_TOKEN=hf_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789',
    good: 'FROM python:3.12-slim\nRUN --mount=type=secret,id=hf_token,env=HF_TOKEN huggingface-cli whoami',
  },
  check(ctx) {
    const lines = ctx.doc.lines;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i];
      if (!mayHoldToken(line)) continue; // almost every line: no call into findTokens
      const hits = findTokens(line);
      for (let k = 0; k < hits.length; k++) {
        const hit = hits[k];
        ctx.report({ line: i + 1, column: hit.start + 1, endLine: i + 1, endColumn: hit.end + 1 },
          `A literal ${hit.kind} (${hit.masked}) is in the Dockerfile; revoke it and pass it with RUN --mount=type=secret instead.`);
      }
    }
  },
});
