// How a FROM line's base image reads once stage references and build variables are taken into account.
import { parseImageRef, type Dockerfile, type ImageRef, type Stage } from '../../parser';
import { earlierStage, hasVariable } from './util';

export interface BaseImage {
  /** The image reference the rule should judge (global ARG defaults substituted). */
  ref: string;
  parsed: ImageRef;
  /** True when the reference came from substituting ARG defaults. */
  viaArg: boolean;
}

/**
 * The external image a stage starts from, or null when there is nothing to judge: `scratch`, an
 * earlier stage, an empty reference, or a variable without a default.
 */
export function baseImageOf(doc: Dockerfile, names: Map<string, number>, st: Stage): BaseImage | null {
  const viaArg = hasVariable(st.image);
  const ref = viaArg ? st.resolvedImage : st.image;
  if (!ref || /\s/.test(ref) || hasVariable(ref)) return null;
  if (ref.toLowerCase() === 'scratch') return null;
  if (earlierStage(doc, names, ref, st.index)) return null;
  return { ref, parsed: parseImageRef(ref), viaArg };
}
