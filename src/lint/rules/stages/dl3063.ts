import { defineRule } from '../../rule';

const RESERVED = new Set(['scratch', 'context']);

export const DL3063 = defineRule({
  code: 'DL3063',
  level: 'warning',
  title: 'Do not name a stage with a reserved word.',
  description:
    '`scratch` is the builder\'s empty base image and `context` names the build context in `--from` and ' +
    'named contexts, so a stage called either one is ambiguous: references to it may not reach your stage. ' +
    'Pick another name.',
  example: {
    bad: 'FROM alpine:3.20 AS context\nRUN echo hi > /hi\nFROM alpine:3.20\nCOPY --from=context /hi /hi',
    good: 'FROM alpine:3.20 AS prep\nRUN echo hi > /hi\nFROM alpine:3.20\nCOPY --from=prep /hi /hi',
  },
  check(ctx) {
    for (const st of ctx.doc.stages) {
      if (!st.name || !st.nameRange || !RESERVED.has(st.name.toLowerCase())) continue;
      ctx.report(st.nameRange, `"${st.name}" is a reserved word for the builder and should not be a stage name; choose another name.`);
    }
  },
});
