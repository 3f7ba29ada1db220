import { keyValuesOf, type Instruction, type Stage } from '../../parser';
import { defineRule } from '../../rule';
import { parentStage } from '../../facts';
import { argNames, referencedVars } from './common';

/**
 * Cheap necessary condition for a finding in an ENV: a pair after the first (before any legacy one) whose
 * value contains a `$`.
 */
function mayReferToItself(instr: Instruction, esc: string): boolean {
  if (!instr.args.includes('$')) return false;
  const pairs = keyValuesOf(instr, esc);
  for (let k = 0; k < pairs.length; k++) {
    const kv = pairs[k];
    if (kv.legacy) return false;
    if (k > 0) {
      const d = instr.args.indexOf('$', kv.valueStart);
      if (d >= 0 && d < kv.valueEnd) return true;
    }
  }
  return false;
}

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
    if (!ctx.instructions('ENV').some((at) => mayReferToItself(at.instr, esc))) return;
    // ENV names each stage ends with (its own ENVs), built on demand; inherited ones are looked up through the parent chain
    const envOf: (Set<string> | undefined)[] = [];
    const ownEnv = (stage: Stage): Set<string> => {
      let own = envOf[stage.index];
      if (!own) {
        own = new Set<string>();
        for (const instr of stage.instructions) if (instr.keyword === 'ENV') for (const kv of keyValuesOf(instr, esc)) own.add(kv.key);
        envOf[stage.index] = own;
      }
      return own;
    };
    const inherited = (stage: Stage, name: string): boolean => {
      for (let p = parentStage(ctx.doc, stage); p; p = parentStage(ctx.doc, p)) if (ownEnv(p).has(name)) return true;
      return false;
    };
    for (const stage of ctx.doc.stages) {
      if (!stage.instructions.some((instr) => instr.keyword === 'ENV' && mayReferToItself(instr, esc))) continue;
      // variables known before each instruction (ARG and ENV of the stage so far)
      const known = new Set<string>();
      for (const instr of stage.instructions) {
        if (instr.keyword === 'ARG') {
          for (const a of argNames(instr, esc)) known.add(a.name);
          continue;
        }
        if (instr.keyword !== 'ENV') continue;
        const pairs = keyValuesOf(instr, esc);
        if (mayReferToItself(instr, esc)) {
          const definedHere = new Set<string>();
          for (const kv of pairs) {
            if (kv.legacy) break;
            const raw = instr.args.slice(kv.valueStart, kv.valueEnd);
            const bad = referencedVars(raw, esc).find((v) => definedHere.has(v) && !known.has(v) && !inherited(stage, v));
            if (bad) {
              ctx.report(ctx.argsRange(instr, kv.valueStart, kv.valueEnd),
                `$${bad} is set in this same ENV, so here it still has the value it had before this ENV (from the base image, or empty); move ${kv.key}=… into a separate ENV after it.`);
            }
            definedHere.add(kv.key);
          }
        }
        for (const kv of pairs) known.add(kv.key);
      }
    }
  },
});
