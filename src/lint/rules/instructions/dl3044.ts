import { keyValuesOf, type Stage } from '../../parser';
import { defineRule } from '../../rule';
import { parentStage } from '../../facts';
import { argNames, referencedVars } from './common';

export const DL3044 = defineRule({
  code: 'DL3044',
  level: 'error',
  title: 'Do not refer to a variable defined in the same ENV instruction.',
  description:
    'Inside one `ENV` instruction every value is expanded with the variables as they were *before* the ' +
    'instruction, so in `ENV A=1 B=$A` the value of `B` is not `1`. Split the instruction: define the ' +
    'variable in one `ENV` and use it in the next. Extending a variable that already existed, like ' +
    '`ENV PATH=/opt/bin:$PATH`, is fine and is not reported.',
  example: {
    bad: 'FROM ubuntu:24.04\nENV CUDA_HOME=/usr/local/cuda LD_LIBRARY_PATH=$CUDA_HOME/lib64',
    good: 'FROM ubuntu:24.04\nENV CUDA_HOME=/usr/local/cuda\nENV LD_LIBRARY_PATH=$CUDA_HOME/lib64',
  },
  check(ctx) {
    const esc = ctx.doc.escape;
    const stages = ctx.doc.stages;
    // ENV names each stage ends with (its own ENVs; inherited ones are looked up through the parent chain on demand)
    const envOf: Set<string>[] = [];
    const inherited = (stage: Stage, name: string): boolean => {
      for (let p = parentStage(ctx.doc, stage); p; p = parentStage(ctx.doc, p)) if (envOf[p.index]?.has(name)) return true;
      return false;
    };
    for (const stage of stages) {
      // variables known before each instruction (ARG and ENV of the stage so far)
      const known = new Set<string>();
      const own = new Set<string>();
      envOf[stage.index] = own;
      for (const instr of stage.instructions) {
        if (instr.keyword === 'ARG') {
          for (const a of argNames(instr, esc)) known.add(a.name);
          continue;
        }
        if (instr.keyword !== 'ENV') continue;
        const pairs = keyValuesOf(instr, esc);
        const definedHere = new Set<string>();
        for (const kv of pairs) {
          if (kv.legacy) break;
          const raw = instr.args.slice(kv.valueStart, kv.valueEnd);
          const bad = referencedVars(raw, esc).find((v) => definedHere.has(v) && !known.has(v) && !inherited(stage, v));
          if (bad) {
            ctx.report(ctx.argsRange(instr, kv.valueStart, kv.valueEnd),
              `$${bad} is set in this same ENV, so here it still has its old (empty) value; move ${kv.key}=… into a separate ENV after it.`);
          }
          definedHere.add(kv.key);
        }
        for (const kv of pairs) {
          known.add(kv.key);
          own.add(kv.key);
        }
      }
    }
  },
});
