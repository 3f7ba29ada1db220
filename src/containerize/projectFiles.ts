// A bounded view of a project folder. Detection asks for names and for a few small text files;
// it never opens anything in a data folder and never reads large files, so it stays fast on a
// repository with tens of thousands of files and gigabytes of data.
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface ProjectFiles {
  /** Project-relative POSIX paths of the files seen by the walk (bounded, see WalkLimits). */
  readonly files: readonly string[];
  /** Project-relative POSIX paths of directories that were skipped without entering them. */
  readonly skippedDirs: readonly string[];
  /** Top-level directories that hold a virtual environment (`pyvenv.cfg`). */
  readonly venvDirs: readonly string[];
  /** True when the walk stopped at its limits. */
  readonly truncated: boolean;
  has(rel: string): boolean;
  /** The file as text when it exists, is a regular file and is at most `maxBytes`; else undefined. */
  read(rel: string, maxBytes?: number): string | undefined;
}

export interface WalkLimits {
  maxDepth: number;
  maxEntries: number;
}

export const DEFAULT_LIMITS: WalkLimits = { maxDepth: 4, maxEntries: 4000 };

/** Folders that are never entered: data, weights, logs, environments, caches, VCS. */
export const SKIP_DIRS = new Set([
  '.git', '.hg', '.svn', 'node_modules', '__pycache__', '.ipynb_checkpoints', '.pytest_cache', '.mypy_cache',
  '.ruff_cache', '.tox', '.nox', '.cache', '.venv', 'venv', '.conda', 'site-packages', 'renv',
  'data', 'datasets', 'dataset', 'checkpoints', 'ckpt', 'weights', 'mlruns', 'mlartifacts', 'wandb', 'runs',
  'outputs', 'lightning_logs', 'logs', 'tb_logs', 'artifacts', '.dvc', 'build', 'dist',
]);

const MAX_TEXT = 512 * 1024;

export function openProject(root: string, limits: WalkLimits = DEFAULT_LIMITS): ProjectFiles {
  const files: string[] = [];
  const skippedDirs: string[] = [];
  const venvDirs: string[] = [];
  let entries = 0;
  let truncated = false;
  const queue: { abs: string; rel: string; depth: number }[] = [{ abs: root, rel: '', depth: 0 }];
  // breadth-first, so the limits cut the deepest parts first
  for (let qi = 0; qi < queue.length; qi++) {
    const { abs, rel, depth } = queue[qi];
    let list: fs.Dirent[];
    try {
      list = fs.readdirSync(abs, { withFileTypes: true });
    } catch {
      continue;
    }
    list.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const d of list) {
      if (++entries > limits.maxEntries) {
        truncated = true;
        break;
      }
      const childRel = rel ? `${rel}/${d.name}` : d.name;
      if (d.isDirectory()) {
        if (SKIP_DIRS.has(d.name)) {
          skippedDirs.push(childRel);
          continue;
        }
        if (fs.existsSync(path.join(abs, d.name, 'pyvenv.cfg'))) {
          skippedDirs.push(childRel);
          if (depth === 0) venvDirs.push(d.name);
          continue;
        }
        if (depth + 1 < limits.maxDepth) queue.push({ abs: path.join(abs, d.name), rel: childRel, depth: depth + 1 });
        else truncated = true;
      } else if (d.isFile()) {
        files.push(childRel);
      }
    }
    if (truncated && entries > limits.maxEntries) break;
  }
  const set = new Set(files);
  return {
    files,
    skippedDirs,
    venvDirs,
    truncated,
    has: (rel) => set.has(rel),
    read(rel, maxBytes = MAX_TEXT) {
      // only paths inside the project (includes may point below the walk's depth limit)
      if (rel === '' || rel.startsWith('/') || rel.split('/').includes('..')) return undefined;
      const abs = path.join(root, ...rel.split('/'));
      try {
        const st = fs.statSync(abs);
        if (!st.isFile() || st.size > maxBytes) return undefined;
        return fs.readFileSync(abs, 'utf8');
      } catch {
        return undefined;
      }
    },
  };
}

/** An in-memory project, for tests and for the editor's unsaved state. */
export function memoryProject(map: Record<string, string>): ProjectFiles {
  const files = Object.keys(map).sort();
  return {
    files,
    skippedDirs: [],
    venvDirs: [],
    truncated: false,
    has: (rel) => rel in map,
    read: (rel, maxBytes = MAX_TEXT) => (rel in map && map[rel].length <= maxBytes ? map[rel] : undefined),
  };
}
