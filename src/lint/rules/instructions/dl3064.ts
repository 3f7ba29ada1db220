import { keyValuesOf, restWords, unquote, type Instruction } from '../../parser';
import { MAYBE_SECRET, sensitiveWord } from '../../../docker/secretNames';
import { defineRule, type RuleContext } from '../../rule';

/** A value that is a file path (absolute, home- or dot-relative). */
const PATH_VALUE = /^(\/|~\/|\.{1,2}\/|\$\{?HOME\b)[^\s]*$/;

/** Reports the variable `name` (at `start`–`end` of `instr.args`) when it looks like a secret. */
function report(ctx: RuleContext, instr: Instruction, kw: string, name: string, start: number, end: number, value: string | null): void {
  const word = sensitiveWord(name);
  // GOOGLE_APPLICATION_CREDENTIALS=/secrets/sa.json points at a file, it is not the secret
  if (!word || (value !== null && PATH_VALUE.test(value))) return;
  ctx.report(ctx.argsRange(instr, start, end),
    `${kw} ${name} looks like a credential ("${word}"); ${kw} values stay readable in the image history. Use RUN --mount=type=secret instead.`);
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
    // every name is part of `instr.rest`, so an instruction without a MAYBE_SECRET match has nothing to report
    for (const { instr } of ctx.instructions('ARG', true)) {
      if (!MAYBE_SECRET.test(instr.rest)) continue;
      // the names an ARG declares (`ARG A`, `ARG A=1 B`) with their defaults
      for (const w of restWords(instr, esc)) {
        if (!MAYBE_SECRET.test(w.text)) continue; // the name is part of the word
        const eq = w.text.indexOf('=');
        const name = unquote(eq < 0 ? w.text : w.text.slice(0, eq));
        if (!name) continue;
        const value = eq < 0 ? null : unquote(w.text.slice(eq + 1));
        const start = instr.restOffset + w.start;
        report(ctx, instr, 'ARG', name, start, start + (eq < 0 ? w.text.length : eq), value);
      }
    }
    for (const { instr } of ctx.instructions('ENV', true)) {
      if (!MAYBE_SECRET.test(instr.rest)) continue;
      for (const kv of keyValuesOf(instr, esc)) report(ctx, instr, 'ENV', kv.key, kv.keyStart, kv.keyEnd, kv.value);
    }
  },
});
