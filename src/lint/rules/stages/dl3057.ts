import { defineRule } from '../../rule';
import { stageLineage } from '../../facts';
import type { Stage } from '../../parser';

function hasHealthcheck(st: Stage): boolean {
  return st.instructions.some((i) => i.keyword === 'HEALTHCHECK');
}

export const DL3057 = defineRule({
  code: 'DL3057',
  level: 'ignore',
  title: 'The final image has no HEALTHCHECK.',
  description:
    'Without a `HEALTHCHECK` the engine only knows whether the main process is alive, not whether it still ' +
    'answers: a hung server keeps counting as running. Add a cheap check (for example an HTTP request to a ' +
    'health endpoint), or `HEALTHCHECK NONE` to state that none is wanted. The final stage, or an earlier stage ' +
    'it is built `FROM`, must have one. This rule is off by default; enable it in the settings or with an ' +
    '`override` in `.hadolint.yaml`.',
  example: {
    bad: 'FROM python:3.12-slim\nCMD ["python", "-m", "http.server", "8000"]',
    good: 'FROM python:3.12-slim\nHEALTHCHECK CMD python -c "import urllib.request as u; u.urlopen(\'http://localhost:8000\')"\nCMD ["python", "-m", "http.server", "8000"]',
  },
  check(ctx) {
    const doc = ctx.doc;
    const last = doc.stages[doc.stages.length - 1];
    if (!last) return;
    // with no HEALTHCHECK in the file at all, no need to walk the stages
    if (ctx.instructions('HEALTHCHECK').length && stageLineage(doc, last).some(hasHealthcheck)) return;
    ctx.report(ctx.headRange(last.from), 'The final image has no HEALTHCHECK, so a hung process still counts as healthy; add a HEALTHCHECK (or HEALTHCHECK NONE to opt out explicitly).');
  },
});
