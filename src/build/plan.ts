// The pure part of the build feature: default tags, tag validation, the ARG names a Dockerfile
// declares, and the choices remembered per Dockerfile. No vscode import.
import * as path from 'node:path';
import { parseReference, ReferenceError } from '../docker/reference';
import { parseArgNames, parseDockerfile } from '../lint/parser';

export type { BuildChoices } from '../services/buildMemory';

/** `my-model:latest` from a folder name, made into a valid repository name. */
export function defaultTag(folder: string): string {
  const base = path.basename(folder).toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '').replace(/[._-]{2,}/g, '-');
  return `${base || 'image'}:latest`;
}

/** Why `tag` cannot name a built image, or undefined when it can. */
export function tagProblem(tag: string): string | undefined {
  try {
    const r = parseReference(tag);
    return r.digest ? 'A tag cannot contain a digest.' : undefined;
  } catch (e) {
    return e instanceof ReferenceError ? e.message : String(e);
  }
}

/** The build-argument names the Dockerfile declares (`ARG A B=1` declares A and B), in order, once each. */
export function declaredArgNames(dockerfileText: string): string[] {
  const df = parseDockerfile(dockerfileText);
  const names = new Set<string>();
  for (const ins of df.instructions) {
    if (ins.keyword === 'ARG') for (const a of parseArgNames(ins.rest, df.escape)) names.add(a.name);
  }
  return [...names];
}
