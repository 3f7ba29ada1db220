import type { Instruction } from '../../parser';
import { defineRule } from '../../rule';

/** The RUN flags that decide whether two RUNs can share a layer, in a canonical form. */
function flagKey(instr: Instruction): string {
  const flags = instr.flags;
  if (flags.length === 0) return '';
  // one flag: its own key, without the list
  if (flags.length === 1) return `${flags[0].name}=${flags[0].value ?? ''}`;
  return flags.map((f) => `${f.name}=${f.value ?? ''}`).sort().join(' ');
}

/** A RUN with more commands than this is a step of its own (hadolint pairs only short RUNs). */
const MAX_SHORT = 2;

export const DL3059 = defineRule({
  code: 'DL3059',
  level: 'info',
  title: 'Consecutive RUN instructions could be combined.',
  description:
    'Each `RUN` makes a layer. Two short `RUN`s in a row (one or two commands each) with the same flags can usually ' +
    'be joined with `&&` into one step, which saves a layer and keeps files that a later command deletes out of the ' +
    'image. As in hadolint, a longer RUN is a step of its own, and a row of short RUNs is reported once. Comments ' +
    'between them do not matter; any other instruction in between does. RUNs with different `--mount`, ' +
    '`--network` or `--security` flags are not reported, since they cannot simply be merged.',
  example: {
    bad: 'FROM python:3.12-slim\nRUN pip install --no-cache-dir numpy==2.1.0\nRUN pip install --no-cache-dir pandas==2.2.3',
    good: 'FROM python:3.12-slim\nRUN pip install --no-cache-dir numpy==2.1.0 pandas==2.2.3',
  },
  check(ctx) {
    // Two RUNs of a stage follow each other when their indexes in the file are adjacent: nothing but
    // comments in between (a FROM between them would sit at the index in between).
    const runs = ctx.instructions('RUN');
    if (runs.length < 2) return;
    // commands per RUN, by instruction index (a number key: no identity hash for each instruction)
    const commandCount: number[] = [];
    for (const run of ctx.runs()) {
      if (run.onbuild) continue;
      let n = 0;
      for (const c of run.script.commands) if (!c.inner) n++;
      commandCount[run.instr.index] = n;
    }
    const isShort = (instr: Instruction) => (commandCount[instr.index] ?? 0) <= MAX_SHORT;
    let reportedGroup = false; // the current group of consecutive short RUNs has its finding
    for (let k = 1; k < runs.length; k++) {
      const prev = runs[k - 1].instr;
      const instr = runs[k].instr;
      const joins = prev.index === instr.index - 1 && isShort(prev) && isShort(instr) && flagKey(prev) === flagKey(instr);
      if (!joins) {
        reportedGroup = false;
        continue;
      }
      if (reportedGroup) continue;
      reportedGroup = true;
      ctx.report(ctx.headRange(instr), `This RUN directly follows another short RUN (line ${prev.range.line}) with the same flags; consider joining them with && into one layer.`);
    }
  },
});
