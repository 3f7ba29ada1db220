import { defineRule } from '../../rule';
import { stageNameMap } from '../../facts';

export const DL3024 = defineRule({
  code: 'DL3024',
  level: 'error',
  title: 'Stage names must be unique.',
  description:
    'Each `FROM … AS <name>` must use a different name (compared without regard to case): with two stages ' +
    'of the same name, `COPY --from` and `--target` cannot say which one they mean and the builder refuses the file. ' +
    'Rename one of them.',
  example: {
    bad: 'FROM python:3.12 AS build\nFROM node:22 AS build\nFROM python:3.12-slim\nCOPY --from=build /app /app',
    good: 'FROM python:3.12 AS build-py\nFROM node:22 AS build-web\nFROM python:3.12-slim\nCOPY --from=build-py /app /app',
  },
  check(ctx) {
    const names = stageNameMap(ctx.doc);
    for (const st of ctx.doc.stages) {
      if (!st.name || !st.nameRange) continue;
      const first = names.get(st.name.toLowerCase());
      if (first === undefined || first === st.index) continue;
      const line = ctx.doc.stages[first]?.from.range.line ?? 0;
      ctx.report(st.nameRange, `A stage named "${st.name}" already exists (line ${line}); give this stage a different name.`);
    }
  },
});
