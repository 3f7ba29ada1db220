// What a `COPY --from=<ref>` points at, shared by DL3022, DL3023 and DL3026.
import type { Dockerfile, Instruction } from '../../parser';
import { hasVariable } from './util';

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
    const n = Number(ref);
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
