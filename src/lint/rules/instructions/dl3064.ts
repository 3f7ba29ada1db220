import { keyValuesOf } from '../../parser';
import { defineRule } from '../../rule';
import { argNames } from './common';

/** Words that name a secret by themselves. */
const SECRET_WORDS = new Set(['password', 'passwd', 'passphrase', 'secret', 'token', 'apikey', 'credential', 'credentials', 'privatekey', 'secretkey', 'accesskey']);
/** Word pairs that name a secret: API_KEY, ACCESS_KEY, … */
const KEY_QUALIFIERS = new Set(['api', 'access', 'private', 'secret', 'auth', 'signing', 'encryption', 'master', 'license']);
/** A last word that makes the variable a pointer to a secret, or a setting about it, not the secret itself. */
const NOT_A_SECRET_TAIL = new Set(['file', 'path', 'dir', 'directory', 'url', 'uri', 'endpoint', 'location', 'name',
  'id', 'limit', 'limits', 'count', 'length', 'len', 'size', 'type', 'mode', 'enabled', 'required', 'header', 'env']);

/** Cheap first test: each of SECRET_WORDS and `key`/`keys` contains one of these. */
const MAYBE_SECRET = /pass|secret|token|key|credential/i;

/** A value that is a file path (absolute, home- or dot-relative). */
const PATH_VALUE = /^(\/|~\/|\.{1,2}\/|\$\{?HOME\b)[^\s]*$/;

/** Splits `HF_HUB_TOKEN`, `apiKey`, `db-password` into lowercase words. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

/** The word(s) that make a variable name look like it holds a secret, or null. */
export function sensitiveWord(name: string): string | null {
  if (!MAYBE_SECRET.test(name)) return null; // every word above contains one of these
  const words = nameWords(name);
  if (words.length === 0) return null;
  if (NOT_A_SECRET_TAIL.has(words[words.length - 1]) && words.length > 1) return null;
  if (words.includes('public')) return null;
  for (let k = 0; k < words.length; k++) {
    const w = words[k];
    if (SECRET_WORDS.has(w)) return w;
    if ((w === 'key' || w === 'keys') && k > 0 && KEY_QUALIFIERS.has(words[k - 1])) return `${words[k - 1]}_${w}`;
  }
  return null;
}

export const DL3064 = defineRule({
  code: 'DL3064',
  level: 'warning',
  title: 'Possible secret in ARG or ENV.',
  description:
    'Values of `ARG` and `ENV` are stored in the image metadata and build history, where anyone who can pull ' +
    'the image can read them. Names like `*_PASSWORD`, `*_TOKEN` (e.g. `HF_TOKEN`), `*_SECRET` or `*_API_KEY` ' +
    '(e.g. `WANDB_API_KEY`) suggest a credential: pass it with `RUN --mount=type=secret,id=…` at build time, ' +
    'or at run time through the environment. Names for a file or setting about a secret (`*_FILE`, ' +
    '`*_PATH`, `*_URL`, …) and look-alikes such as `TOKENIZERS_PARALLELISM` or `MAX_NEW_TOKENS` are not ' +
    'reported. Applies to `ONBUILD ARG`/`ENV` too.',
  example: {
    bad: 'FROM python:3.12-slim\nARG HF_TOKEN\nRUN huggingface-cli login --token "$HF_TOKEN"',
    good: 'FROM python:3.12-slim\nRUN --mount=type=secret,id=hf_token HF_TOKEN="$(cat /run/secrets/hf_token)" python download.py',
  },
  check(ctx) {
    const esc = ctx.doc.escape;
    for (const kw of ['ARG', 'ENV']) {
      for (const { instr } of ctx.instructions(kw, true)) {
        const names = kw === 'ARG'
          ? argNames(instr, esc)
          : keyValuesOf(instr, esc).map((kv) => ({ name: kv.key, start: kv.keyStart, end: kv.keyEnd, value: kv.value }));
        for (const n of names) {
          const word = sensitiveWord(n.name);
          // GOOGLE_APPLICATION_CREDENTIALS=/secrets/sa.json points at a file, it is not the secret
          if (!word || (n.value !== null && PATH_VALUE.test(n.value))) continue;
          ctx.report(ctx.argsRange(instr, n.start, n.end),
            `${kw} ${n.name} looks like a credential ("${word}"); ${kw} values stay readable in the image history. Use RUN --mount=type=secret instead.`);
        }
      }
    }
  },
});
