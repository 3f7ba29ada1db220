// Finding compose projects in a folder tree, as compose itself would pick the files: one base file
// (compose.yaml, compose.yml, docker-compose.yaml, docker-compose.yml — the first that exists), the
// matching `*.override.y(a)ml` that compose applies on its own, and the other `docker-compose.*.yml`
// files (e.g. docker-compose.gpu.yml) that a user adds with `-f`. Pure Node.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { yaml } from '../docker/lazyYaml';

export const BASE_FILE_NAMES = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'] as const;

const COMPOSE_NAME = /^(docker-)?compose(\.[^/\\]+)?\.ya?ml$/i;
const SKIPPED_DIRS = new Set(['node_modules', '.git', '.venv', 'venv', '__pycache__', '.mypy_cache', '.tox', 'dist', 'build', 'data', 'datasets', 'mlruns', 'wandb']);

/** Whether a file name is a compose file (base, override or an extra `docker-compose.*.yml`). */
export function isComposeFileName(name: string): boolean {
  return COMPOSE_NAME.test(name);
}

export interface ComposeFileSet {
  /** Folder of the files: compose's working directory and the default project name's source. */
  readonly dir: string;
  /** What `compose up` reads without `-f`: the base file, then its override if present (absolute paths). */
  readonly files: readonly string[];
  /** Other compose files in the folder (`docker-compose.gpu.yml` …), added with `-f` on request. */
  readonly extras: readonly string[];
  /** The project name compose derives (top-level `name:`, else the folder name), normalised. */
  readonly projectName: string;
}

/** compose's normalisation: lower case, only [a-z0-9_-], starting with a letter or digit. */
export function normalizeProjectName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9_-]/g, '').replace(/^[^a-z0-9]+/, '');
}

/** The compose file set of one folder from its file names; undefined when there is no base file. */
export function fileSetOf(dir: string, names: readonly string[], declaredName?: string): ComposeFileSet | undefined {
  const has = new Set(names);
  const base = BASE_FILE_NAMES.find((n) => has.has(n));
  if (!base) return undefined;
  const stem = base.replace(/\.ya?ml$/, '');
  const override = [`${stem}.override.yaml`, `${stem}.override.yml`].find((n) => has.has(n));
  const files = [base, ...(override ? [override] : [])];
  const extras = names.filter((n) => isComposeFileName(n) && !files.includes(n) && !(BASE_FILE_NAMES as readonly string[]).includes(n)).sort();
  const projectName = normalizeProjectName(declaredName || path.basename(dir)) || 'default';
  return { dir, files: files.map((f) => path.join(dir, f)), extras: extras.map((f) => path.join(dir, f)), projectName };
}

/** Top-level `name:` and the service names of a compose file's text (empty when unreadable). */
export function readComposeText(text: string): { name?: string; services: string[] } {
  try {
    const Y = yaml();
    const doc = Y.parseDocument(text);
    if (doc.errors.length) return { services: [] };
    const root = doc.contents;
    if (!Y.isMap(root)) return { services: [] };
    const name = root.get('name');
    const services = root.get('services');
    return {
      name: typeof name === 'string' ? name : undefined,
      services: Y.isMap(services) ? services.items.map((p) => String((p.key as { value?: unknown })?.value ?? p.key)).filter((s) => !s.startsWith('x-')) : [],
    };
  } catch {
    return { services: [] };
  }
}

export interface FoundProject {
  readonly set: ComposeFileSet;
  /** Services declared across `set.files`, in file order. */
  readonly services: readonly string[];
}

/** Walks `root` (to `maxDepth` folders down, skipping dependency and data folders) for compose projects. */
export async function findComposeProjects(root: string, maxDepth = 3): Promise<FoundProject[]> {
  const out: FoundProject[] = [];
  async function walk(dir: string, depth: number): Promise<void> {
    let entries: import('node:fs').Dirent[];
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    const names = entries.filter((e) => e.isFile() && isComposeFileName(e.name)).map((e) => e.name);
    if (names.length) {
      const probe = fileSetOf(dir, names);
      if (probe) {
        const texts = await Promise.all(probe.files.map((f) => fs.readFile(f, 'utf8').catch(() => '')));
        const parsed = texts.map(readComposeText);
        const declared = parsed.map((p) => p.name).filter((n): n is string => !!n).pop();
        const set = fileSetOf(dir, names, declared)!;
        const services = [...new Set(parsed.flatMap((p) => p.services))];
        out.push({ set, services });
      }
    }
    if (depth >= maxDepth) return;
    for (const e of entries) {
      if (e.isDirectory() && !e.name.startsWith('.') && !SKIPPED_DIRS.has(e.name)) await walk(path.join(dir, e.name), depth + 1);
    }
  }
  await walk(root, 0);
  return out;
}
