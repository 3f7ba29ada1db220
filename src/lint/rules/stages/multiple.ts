// DL3012, DL4003, DL4004: an instruction that only counts once per stage, written more than once.
import { defineRule, type Rule } from '../../rule';

function onePerStage(code: string, level: 'error' | 'warning', keyword: string, description: string, example: { bad: string; good: string }): Rule {
  return defineRule({
    code,
    level,
    title: `Only one ${keyword} per stage takes effect.`,
    description,
    example,
    check(ctx) {
      const list = ctx.instructions(keyword);
      if (list.length < 2) return;
      // the first one of each stage; the later ones are reported (in file order, stages never go back)
      let stage = -1;
      let line = 0;
      for (const { instr } of list) {
        if (instr.stage < 0) continue;
        if (instr.stage !== stage) {
          stage = instr.stage;
          line = instr.range.line;
        } else ctx.report(ctx.headRange(instr), `${keyword} already appears in this stage on line ${line}; only the last one takes effect, so keep a single ${keyword}.`);
      }
    },
  });
}

export const DL3012 = onePerStage('DL3012', 'error', 'HEALTHCHECK',
  'Docker keeps only the last `HEALTHCHECK` of an image, so earlier ones in the same stage are dead code that ' +
  'readers may take for the real check. Keep one `HEALTHCHECK` per stage (each `FROM` starts a new count).',
  {
    bad: 'FROM nginx:1.27\nHEALTHCHECK CMD curl -f http://localhost/ || exit 1\nHEALTHCHECK CMD curl -f http://localhost/health || exit 1',
    good: 'FROM nginx:1.27\nHEALTHCHECK --interval=30s CMD curl -f http://localhost/health || exit 1',
  });

export const DL4003 = onePerStage('DL4003', 'warning', 'CMD',
    'Only the last `CMD` of a stage is used as the default command; the ones before it are silently ignored. ' +
    'Keep a single `CMD` per stage and chain steps in a script if several things must run.',
    {
      bad: 'FROM python:3.12-slim\nCMD ["python", "prepare.py"]\nCMD ["python", "serve.py"]',
      good: 'FROM python:3.12-slim\nCMD ["python", "serve.py"]',
    });

export const DL4004 = onePerStage('DL4004', 'error', 'ENTRYPOINT',
  'Only the last `ENTRYPOINT` of a stage is used; the earlier ones are ignored and mislead whoever reads the file. ' +
  'Keep a single `ENTRYPOINT` per stage, and use a wrapper script when start-up needs several steps.',
  {
    bad: 'FROM python:3.12-slim\nENTRYPOINT ["python"]\nENTRYPOINT ["gunicorn", "app:app"]',
    good: 'FROM python:3.12-slim\nENTRYPOINT ["gunicorn", "app:app"]',
  });
