// Containerize a project: detect, plan, generate. Pure (Node fs only, no vscode): shared by the
// `ml-containers containerize` CLI and the editor command.
import * as path from 'node:path';
import { detect } from './detect';
import { generate } from './generate';
import { makePlan } from './plan';
import { openProject, type ProjectFiles } from './projectFiles';
import type { Choices, ContainerizeResult } from './types';

export type * from './types';
export { detect } from './detect';
export { makePlan } from './plan';
export { generate } from './generate';
export { openProject, memoryProject } from './projectFiles';

/** A Docker image name from a folder name: lower case, `[a-z0-9._-]`, never empty. */
export function imageNameFor(dir: string): string {
  const base = path.basename(path.resolve(dir)).toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '');
  return `${base || 'app'}:latest`;
}

export function containerizeFiles(files: ProjectFiles, choices: Choices, image: string): ContainerizeResult {
  const detected = detect(files);
  const plan = makePlan(detected, choices);
  const { files: out, warnings } = generate(detected, plan, choices, image);
  return { detected, plan, files: out, warnings };
}

export function containerize(dir: string, choices: Choices): ContainerizeResult {
  return containerizeFiles(openProject(dir), choices, choices.image ?? imageNameFor(dir));
}
