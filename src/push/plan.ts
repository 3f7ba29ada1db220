// The pure part of the push feature: what a typed target means. No vscode import.
import { type ImageReference, parseReference, ReferenceError, repositoryOf } from '../docker/reference';

export type PushTarget =
  | { ok: true; reference: string; tagWasImplied: boolean }
  | { ok: false; problem: string };

/**
 * Reads a push target. A target without a tag would go out as `:latest`; `tagWasImplied` says so,
 * and the UI asks before it does that.
 */
export function pushTargetPlan(target: string): PushTarget {
  let ref: ImageReference;
  try {
    ref = parseReference(target);
  } catch (e) {
    return { ok: false, problem: e instanceof ReferenceError ? e.message : String(e) };
  }
  if (ref.digest) return { ok: false, problem: 'Push to a tag, not a digest.' };
  return { ok: true, reference: `${repositoryOf(ref)}:${ref.tag ?? 'latest'}`, tagWasImplied: ref.tag === undefined };
}
