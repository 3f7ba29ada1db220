// Build-context facts for workspace-aware rules (ML009). Plain Node `fs`: usable from the CLI and the extension.
import * as fs from 'node:fs';
import { IgnoreError, IgnoreMatcher, readIgnoreFileSync } from '../docker/ignore';
import { readProjectTorchPin } from './projectPins';
import type { BuildContextFacts } from './types';

/** Top-level folders that hold ML bulk (data, checkpoints, experiment logs, VCS and environments). */
export const BULK_DIRS = ['data', 'datasets', 'checkpoints', 'models', 'wandb', 'mlruns', 'lightning_logs', 'outputs', 'runs', '.git', '.venv'];
/** Top-level files that are model weights. */
export const BULK_FILE = /\.(ckpt|safetensors|pt|pth|gguf|onnx)$/i;
/** Ignore files whose patterns need more automaton states are not evaluated on the lint path (real ones need a few hundred). */
const MAX_LINT_IGNORE_STATES = 20000;

/**
 * Looks at a build context: which ignore file applies (`<Dockerfile>.dockerignore` next to the
 * Dockerfile wins over `.dockerignore` at the context root, as BuildKit does) and which top-level ML
 * bulk entries it does not exclude. Never throws: an unreadable folder gives no bulk.
 */
export function gatherContextFacts(contextDir: string, dockerfileName?: string): BuildContextFacts {
  const ignoreFile = readIgnoreFileSync(contextDir, dockerfileName);
  const hasDockerignore = ignoreFile.file !== undefined;
  // An ignore file Docker refuses fails the build anyway: nothing to say about the context then.
  if (ignoreFile.error) return { hasDockerignore, unignoredBulk: [] };
  let matcher: IgnoreMatcher;
  try {
    // Linting runs while typing, in untrusted folders too: an ignore file built to be slow is not read.
    matcher = IgnoreMatcher.compile(ignoreFile.patterns, { maxStates: MAX_LINT_IGNORE_STATES });
  } catch {
    return { hasDockerignore, unignoredBulk: [] };
  }
  let entries: fs.Dirent[] = [];
  try {
    entries = fs.readdirSync(contextDir, { withFileTypes: true });
  } catch {
    entries = [];
  }
  const unignoredBulk: string[] = [];
  try {
    for (const e of entries) {
      const isDir = e.isDirectory();
      const bulk = isDir ? BULK_DIRS.includes(e.name) : (e.isFile() || e.isSymbolicLink()) && BULK_FILE.test(e.name);
      if (!bulk) continue;
      // a folder counts as excluded when the folder itself or everything in it is ignored (`data`, `data/`, `data/*`, `data/**`)
      const ignored = matcher.excludes(e.name) || (isDir && matcher.excludes(`${e.name}/x`) && matcher.excludes(`${e.name}/x/y.bin`));
      if (!ignored) unignoredBulk.push(isDir ? `${e.name}/` : e.name);
    }
  } catch (err) {
    // a pattern Docker fails on when it gets to use it: the build fails, so stay silent
    if (err instanceof IgnoreError) return { hasDockerignore, unignoredBulk: [] };
    throw err;
  }
  unignoredBulk.sort();
  const torchPin = readProjectTorchPin(contextDir);
  return torchPin ? { hasDockerignore, unignoredBulk, torchPin } : { hasDockerignore, unignoredBulk };
}
