import { defineRule } from '../../rule';
import { stageLineage } from '../../facts';
import type { Stage } from '../../parser';

function hasHealthcheck(st: Stage): boolean {
  return st.instructions.some((i) => i.keyword === 'HEALTHCHECK');
}

export const DL3057 = defineRule({
  code: 'DL3057',
  level: 'ignore',
  title: 'A stage has no HEALTHCHECK.',
  description:
    'Without a `HEALTHCHECK` the engine only knows whether the main process is alive, not whether it still ' +
    'answers: a hung server keeps counting as running. Add a cheap check (for example an HTTP request to a ' +
    'health endpoint), or `HEALTHCHECK NONE` to state that none is wanted. As in hadolint, every stage is ' +
    'checked, and a stage built `FROM` an earlier stage that has one inherits it. This rule is off by default; enable it in the settings or with an ' +
    '`override` in `.hadolint.yaml`.',
  example: {
    bad: 'FROM python:3.12-slim\nCMD ["python", "-m", "http.server", "8000"]',
    good: 'FROM python:3.12-slim\nHEALTHCHECK CMD python -c "import urllib.request as u; u.urlopen(\'http://localhost:8000\')"\nCMD ["python", "-m", "http.server", "8000"]',
  },
  check(ctx) {
    const doc = ctx.doc;
    // with no HEALTHCHECK in the file at all, every stage lacks one
    const any = ctx.instructions('HEALTHCHECK').length > 0;
    for (const st of doc.stages) {
      if (st.implicit || (any && stageLineage(doc, st).some(hasHealthcheck))) continue;
      ctx.report(ctx.headRange(st.from), 'This stage has no HEALTHCHECK (nor a stage it is built FROM), so a hung process still counts as healthy; add a HEALTHCHECK (or HEALTHCHECK NONE to opt out explicitly).');
    }
  },
});
