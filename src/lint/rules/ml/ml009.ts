import { defineRule } from '../../rule';
import { splitWords } from '../../parser';

export const ML009 = defineRule({
  code: 'ML009',
  level: 'warning',
  title: 'The whole build context is copied while ML bulk is not ignored.',
  description:
    '`COPY . …` sends and copies everything in the build context. ML projects keep datasets, checkpoints, `wandb/`/`mlruns/` logs, `.git` and virtual environments next to the code, ' +
    'which makes every build upload gigabytes and bloats the image. ' +
    'Add a `.dockerignore` that excludes them (`data/`, `checkpoints/`, `*.safetensors`, `.git`, `.venv`…). ' +
    'This rule needs to look at the workspace: the editor and the CLI pass what they found in the build context; without that information it stays silent.',
  example: {
    bad: '# the build context holds data/ (40 GB) and no .dockerignore\nFROM python:3.12-slim\nWORKDIR /app\nCOPY . .',
    good: '# the build context holds data/ (40 GB) and no .dockerignore\nFROM python:3.12-slim\nWORKDIR /app\nCOPY src/ ./src/',
    context: { hasDockerignore: false, unignoredBulk: ['data/'] },
  },
  check(ctx) {
    const facts = ctx.options.context;
    if (!facts || (facts.hasDockerignore && facts.unignoredBulk.length === 0)) return;
    for (const st of ctx.doc.stages) {
      for (const instr of st.instructions) {
        if ((instr.keyword !== 'COPY' && instr.keyword !== 'ADD') || instr.flags.some((f) => f.name === 'from')) continue;
        const sources = instr.json ? instr.json.slice(0, -1) : splitWords(instr.rest, ctx.doc.escape).slice(0, -1).map((w) => w.text.replace(/^["']|["']$/g, ''));
        if (!sources.some((s) => s === '.' || s === './')) continue;
        const bulk = facts.unignoredBulk.slice(0, 5).join(', ') + (facts.unignoredBulk.length > 5 ? ', …' : '');
        const msg = facts.hasDockerignore
          ? `This copies the whole context, and .dockerignore does not exclude ${bulk}; add them to .dockerignore.`
          : `This copies the whole context and there is no .dockerignore${bulk ? ` (found ${bulk})` : ''}; add one that excludes data, checkpoints, .git and virtual environments.`;
        ctx.report(ctx.headRange(instr), msg);
      }
    }
  },
});
