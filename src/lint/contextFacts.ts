// Build-context facts for workspace-aware rules (ML009). Plain Node `fs`: usable from the CLI and the extension.
import * as fs from 'node:fs';
import * as path from 'node:path';
import ignore from '@balena/dockerignore';
import type { BuildContextFacts } from './types';

/** Top-level folders that hold ML bulk (data, checkpoints, experiment logs, VCS and environments). */
export const BULK_DIRS = ['data', 'datasets', 'checkpoints', 'models', 'wandb', 'mlruns', 'lightning_logs', 'outputs', 'runs', '.git', '.venv'];
/** Top-level files that are model weights. */
export const BULK_FILE = /\.(ckpt|safetensors|pt|pth|gguf|onnx)$/i;

function readIfFile(p: string): string | null {
  try {
    return fs.statSync(p).isFile() ? fs.readFileSync(p, 'utf8') : null;
  } catch {
    return null;
  }
}

/**
 * Looks at a build context: which ignore file applies (`<Dockerfile>.dockerignore` next to the
 * Dockerfile wins over `.dockerignore` at the context root, as BuildKit does) and which top-level ML
 * bulk entries it does not exclude. Never throws: an unreadable folder gives no bulk.
 */
export function gatherContextFacts(contextDir: string, dockerfileName?: string): BuildContextFacts {
  let text: string | null = null;
  if (dockerfileName) {
    const df = path.resolve(contextDir, dockerfileName);
    text = readIfFile(df + '.dockerignore');
  }
  if (text === null) text = readIfFile(path.join(contextDir, '.dockerignore'));
  const ig = ignore();
  if (text !== null) {
    ig.add(text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !l.startsWith('#')));
  }
  let entries: fs.Dirent[] = [];
  try {
    entries = fs.readdirSync(contextDir, { withFileTypes: true });
  } catch {
    entries = [];
  }
  const unignoredBulk: string[] = [];
  for (const e of entries) {
    const isDir = e.isDirectory();
    const bulk = isDir ? BULK_DIRS.includes(e.name) : (e.isFile() || e.isSymbolicLink()) && BULK_FILE.test(e.name);
    if (!bulk) continue;
    // a folder counts as excluded when the folder itself or everything in it is ignored (`data`, `data/`, `data/*`, `data/**`)
    const ignored = safeIgnores(ig, e.name) || (isDir && safeIgnores(ig, `${e.name}/x`) && safeIgnores(ig, `${e.name}/x/y.bin`));
    if (!ignored) unignoredBulk.push(isDir ? `${e.name}/` : e.name);
  }
  unignoredBulk.sort();
  return { hasDockerignore: text !== null, unignoredBulk };
}

function safeIgnores(ig: ReturnType<typeof ignore>, p: string): boolean {
  try {
    return ig.ignores(p);
  } catch {
    return false;
  }
}
