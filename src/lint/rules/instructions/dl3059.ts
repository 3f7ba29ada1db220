import type { Instruction } from '../../parser';
import { defineRule } from '../../rule';

/** The RUN flags that decide whether two RUNs can share a layer, in a canonical form. */
function flagKey(instr: Instruction): string {
  const flags = instr.flags;
  // one flag: its own key, without the list
  if (flags.length === 1) return `${flags[0].name}=${flags[0].value ?? ''}`;
  return flags.map((f) => `${f.name}=${f.value ?? ''}`).sort().join(' ');
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
    // Two RUNs of a stage follow each other when their indexes in the file are adjacent: nothing but
    // comments in between (a FROM between them would sit at the index in between), so the RUN list of
    // the keyword index is enough, without walking every instruction of every stage.
    const runs = ctx.instructions('RUN');
    let keyOf: Instruction | null = null; // the instruction whose flagKey is `key`
    let key = '';
    for (let k = 1; k < runs.length; k++) {
      const prev = runs[k - 1].instr;
      const instr = runs[k].instr;
      if (instr.stage < 0 || prev.index !== instr.index - 1) continue;
      // two RUNs without flags (the usual case) need no keys; with flags on one side only, the keys
      // differ (every flag's key holds a `=`, so only no flags give an empty key)
      const p0 = prev.flags.length === 0;
      const i0 = instr.flags.length === 0;
      if (p0 !== i0) continue;
      if (!p0) {
        const prevKey = keyOf === prev ? key : flagKey(prev);
        key = flagKey(instr);
        keyOf = instr;
        if (prevKey !== key) continue;
      }
      ctx.report(ctx.headRange(instr), `This RUN directly follows another RUN (line ${prev.range.line}) with the same flags; consider joining them with && into one layer.`);
    }
  },
});
