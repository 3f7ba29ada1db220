// How a FROM line's base image reads once stage references and build variables are taken into account.
import { lintRunCache } from '../../cache';
import { stageNameMap } from '../../facts';
import { parseImageRef, type Dockerfile, type ImageRef, type Stage } from '../../parser';
import { earlierStage, hasVariable } from './util';

export interface BaseImage {
  /** The image reference the rule should judge (as the builder reads it: quotes removed, global ARGs expanded). */
  ref: string;
  parsed: ImageRef;
  /** True when the reference came from substituting ARG defaults. */
  viaArg: boolean;
}

const BLANK_OR_VARIABLE_RE = /[\s$]/;

/**
 * The external image a stage starts from, or null when there is nothing to judge: `scratch`, an
 * earlier stage, an empty reference, or one the build decides (an ARG without a default or with a
 * placeholder default).
 */
export function baseImageOf(doc: Dockerfile, names: Map<string, number>, st: Stage): BaseImage | null {
  const viaArg = hasVariable(st.image);
  const ref = st.resolvedImage;
  if (!ref || BLANK_OR_VARIABLE_RE.test(ref)) return null; // a value the build passes, or white space
  if (ref.length === 7 && ref.toLowerCase() === 'scratch') return null;
  if (earlierStage(doc, names, ref, st.index)) return null;
  return { ref, parsed: parseImageRef(ref), viaArg };
}

/** Per file, `baseImageOf` of each stage (DL3006, DL3007 and DL3026 share it). */
const BASE_IMAGES = lintRunCache<Dockerfile, readonly (BaseImage | null)[]>();

/** {@link baseImageOf} of every stage, by stage index, memoised for the lint run (shared: read-only). */
export function stageBaseImages(doc: Dockerfile): readonly (BaseImage | null)[] {
  let list = BASE_IMAGES.get(doc);
  if (!list) {
    const names = stageNameMap(doc);
    const out: (BaseImage | null)[] = [];
    for (const st of doc.stages) out.push(baseImageOf(doc, names, st));
    BASE_IMAGES.set(doc, (list = out));
  }
  return list;
}
