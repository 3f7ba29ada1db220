// What a `COPY --from=<ref>` points at, shared by DL3022, DL3023 and DL3026.
import { lintRunCache } from '../../cache';
import { stageNameMap } from '../../facts';
import type { Dockerfile, Instruction } from '../../parser';
import type { RuleContext } from '../../rule';
import { flagValue, hasVariable } from './util';

export type FromTarget =
  | { kind: 'stage'; index: number }
  /** The stage the COPY itself belongs to. */
  | { kind: 'self'; index: number }
  /** A stage name or index that is not defined before this stage. */
  | { kind: 'unknown'; later: boolean }
  | { kind: 'image' }
  /** A build variable: cannot be judged. */
  | { kind: 'variable' };

/** Looks like an image reference rather than a stage name: has a tag, digest, registry or path. */
export function looksLikeImage(ref: string): boolean {
  return /[:/@]/.test(ref);
}

export function classifyFrom(doc: Dockerfile, names: Map<string, number>, instr: Instruction, ref: string): FromTarget {
  const cur = instr.stage;
  if (hasVariable(ref)) return { kind: 'variable' };
  if (/^\d+$/.test(ref)) {
    // numbers count the stages that have a FROM
    const n = Number(ref) + (doc.stages[0]?.implicit ? 1 : 0);
    if (n === cur) return { kind: 'self', index: n };
    return n < cur ? { kind: 'stage', index: n } : { kind: 'unknown', later: n < doc.stages.length };
  }
  const idx = names.get(ref.toLowerCase());
  if (idx !== undefined) {
    if (idx === cur || doc.stages[cur]?.name?.toLowerCase() === ref.toLowerCase()) return { kind: 'self', index: cur };
    if (idx < cur) return { kind: 'stage', index: idx };
    if (!looksLikeImage(ref)) return { kind: 'unknown', later: true };
  }
  return looksLikeImage(ref) ? { kind: 'image' } : { kind: 'unknown', later: false };
}

export interface CopyFrom {
  instr: Instruction;
  /** The `--from` value. */
  ref: string;
  target: FromTarget;
}

const COPY_FROMS = lintRunCache<Dockerfile, readonly CopyFrom[]>();

/** Every `COPY --from=<ref>` inside a stage, with what it points at, in file order (memoised for the run: read-only). */
export function copyFroms(ctx: RuleContext): readonly CopyFrom[] {
  let list = COPY_FROMS.get(ctx.doc);
  if (!list) {
    const out: CopyFrom[] = [];
    let names: Map<string, number> | null = null; // looked up on the first --from
    for (const { instr } of ctx.instructions('COPY')) {
      if (!instr.flags.length) continue; // the usual COPY: no flags at all
      const ref = flagValue(instr, 'from');
      if (!ref || instr.stage < 0) continue;
      names ??= stageNameMap(ctx.doc);
      out.push({ instr, ref, target: classifyFrom(ctx.doc, names, instr, ref) });
    }
    COPY_FROMS.set(ctx.doc, (list = out));
  }
  return list;
}
