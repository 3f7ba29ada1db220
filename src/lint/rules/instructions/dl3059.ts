import type { Instruction } from '../../parser';
import { defineRule } from '../../rule';

/** The RUN flags that decide whether two RUNs can share a layer, in a canonical form. */
function flagKey(instr: Instruction): string {
  return instr.flags.map((f) => `${f.name}=${f.value ?? ''}`).sort().join(' ');
}

export const DL3059 = defineRule({
  code: 'DL3059',
  level: 'info',
  title: 'Consecutive RUN instructions could be combined.',
  description:
    'Each `RUN` makes a layer. Two `RUN`s in a row with the same flags can usually be joined with `&&` into ' +
    'one step, which saves a layer and keeps files that a later command deletes out of the image. Comments ' +
    'between them do not matter; any other instruction in between does. RUNs with different `--mount`, ' +
    '`--network` or `--security` flags are not reported, since they cannot simply be merged.',
  example: {
    bad: 'FROM python:3.12-slim\nRUN pip install --no-cache-dir numpy==2.1.0\nRUN pip install --no-cache-dir pandas==2.2.3',
    good: 'FROM python:3.12-slim\nRUN pip install --no-cache-dir numpy==2.1.0 pandas==2.2.3',
  },
  check(ctx) {
    for (const stage of ctx.doc.stages) {
      let prev: Instruction | null = null;
      for (const instr of stage.instructions) {
        if (instr.keyword !== 'RUN') {
          prev = null;
          continue;
        }
        // (two RUNs without flags, the usual case, need no keys)
        if (prev && ((prev.flags.length === 0 && instr.flags.length === 0) || flagKey(prev) === flagKey(instr))) {
          ctx.report(ctx.headRange(instr), `This RUN directly follows another RUN (line ${prev.range.line}) with the same flags; consider joining them with && into one layer.`);
        }
        prev = instr;
      }
    }
  },
});
