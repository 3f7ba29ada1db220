import { defineRule } from '../../rule';
import { parentStage } from '../../facts';
import { copyArgs, isAbsoluteOrVariable, pathRange } from './util';

export const DL3045 = defineRule({
  code: 'DL3045',
  level: 'warning',
  title: 'COPY to a relative path needs a WORKDIR first.',
  description:
    'A relative `COPY` destination is resolved against the working directory, which, without a `WORKDIR` in ' +
    'the stage, is whatever the base image happens to set (often `/`). Set `WORKDIR` before the `COPY`, or ' +
    'write an absolute destination. A `WORKDIR` in an earlier stage that this stage is built `FROM` counts.',
  example: {
    bad: 'FROM python:3.12-slim\nCOPY requirements.txt .',
    good: 'FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt .',
  },
  check(ctx) {
    const doc = ctx.doc;
    // hasWorkdir[i]: stage i, or a stage it is built on, sets a WORKDIR (parents always come first)
    const hasWorkdir: boolean[] = [];
    for (const st of doc.stages) {
      const parent = parentStage(doc, st);
      const inherited = parent ? hasWorkdir[parent.index] === true : false;
      hasWorkdir[st.index] = inherited || st.instructions.some((i) => i.keyword === 'WORKDIR');
      if (inherited) continue;
      let workdir = false;
      for (const instr of st.instructions) {
        if (instr.keyword === 'WORKDIR') workdir = true;
        if (workdir) break;
        if (instr.keyword !== 'COPY') continue;
        const { dest } = copyArgs(instr, doc.escape);
        if (!dest || !dest.text || isAbsoluteOrVariable(dest.text)) continue;
        ctx.report(pathRange(instr, dest),
          `The destination "${dest.text}" is relative and no WORKDIR is set in this stage yet; add a WORKDIR before this COPY or use an absolute path.`);
      }
    }
  },
});
