// The build context: which files the engine receives, read the way the docker CLI reads it.
// - `.dockerignore` at the context root, or `<Dockerfile>.dockerignore` next to the Dockerfile (wins).
// - Patterns are matched with @balena/dockerignore (a port of the engine's matcher, incl. `!` exceptions).
// - An ignored folder is not walked unless an exception pattern could match inside it.
// - The Dockerfile and the .dockerignore are always sent (the CLI re-includes them).
import * as fs from 'fs';
import * as path from 'path';
import { Readable } from 'stream';
import dockerignore from '@balena/dockerignore';
import { packTar, type TarEntry } from './tarPack';

export interface IgnoreFile {
  /** Absolute path of the file used, if any. */
  file?: string;
  patterns: string[];
}

/** Parses .dockerignore text the way the CLI does: comments, blank lines, cleaned paths. */
export function parseDockerignore(text: string): string[] {
  const out: string[] = [];
  for (let line of text.split(/\r?\n/)) {
    if (line.startsWith('#')) continue;
    line = line.trim();
    if (line === '') continue;
    let neg = false;
    if (line.startsWith('!')) { neg = true; line = line.slice(1).trim(); }
    line = path.posix.normalize(line.replace(/\\/g, '/'));
    if (line.startsWith('/')) line = line.replace(/^\/+/, '');
    if (line.length > 1 && line.endsWith('/')) line = line.slice(0, -1);
    if (line === '' || line === '.') continue;
    out.push(neg ? '!' + line : line);
  }
  return out;
}

/** Finds the ignore file that applies: `<dockerfile>.dockerignore` first, then `<context>/.dockerignore`. */
export async function readIgnoreFile(contextDir: string, dockerfilePath: string): Promise<IgnoreFile> {
  const candidates = [dockerfilePath + '.dockerignore', path.join(contextDir, '.dockerignore')];
  for (const file of candidates) {
    try {
      const text = await fs.promises.readFile(file, 'utf8');
      return { file, patterns: parseDockerignore(text) };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
  }
  return { patterns: [] };
}

export interface ContextEntry {
  /** Path relative to the context, with `/` separators. */
  rel: string;
  kind: 'file' | 'dir' | 'symlink';
  size: number;
  mode: number;
  /** Seconds since the epoch. */
  mtime: number;
  linkname?: string;
}

export interface ContextScan {
  contextDir: string;
  entries: ContextEntry[];
  /** Sum of regular file sizes that will be sent. */
  totalBytes: number;
  /** Size sent per top-level and second-level folder, biggest first. */
  biggestFolders: { folder: string; bytes: number }[];
  ignoreFile: IgnoreFile;
  /** Relative path of the Dockerfile inside the context, or undefined if it lies outside. */
  dockerfileRel?: string;
}

function toRel(p: string): string {
  return p.split(path.sep).join('/');
}

/** Walks the context, applying the ignore rules; reads no file contents. */
export async function scanContext(contextDir: string, dockerfilePath: string): Promise<ContextScan> {
  const ignoreFile = await readIgnoreFile(contextDir, dockerfilePath);
  const matcher = dockerignore({ ignorecase: false }).add(ignoreFile.patterns);
  const exceptions = ignoreFile.patterns.filter((p) => p.startsWith('!')).map((p) => p.slice(1));
  const dfRelRaw = toRel(path.relative(contextDir, dockerfilePath));
  const dockerfileRel = dfRelRaw.startsWith('..') || path.isAbsolute(dfRelRaw) ? undefined : dfRelRaw;
  const always = new Set<string>(['.dockerignore']);
  if (dockerfileRel) always.add(dockerfileRel);

  const entries: ContextEntry[] = [];
  const folderBytes = new Map<string, number>();
  let totalBytes = 0;

  const mightContainException = (dirRel: string): boolean =>
    exceptions.some((e) => e.startsWith(dirRel + '/') || e.includes('*') || e.includes('?') || e.includes('['));

  const walk = async (dirAbs: string, dirRel: string): Promise<void> => {
    const names = (await fs.promises.readdir(dirAbs)).sort();
    for (const name of names) {
      const rel = dirRel ? `${dirRel}/${name}` : name;
      const abs = path.join(dirAbs, name);
      const st = await fs.promises.lstat(abs);
      const ignored = !always.has(rel) && matcher.ignores(rel);
      if (st.isDirectory()) {
        if (ignored) {
          if (exceptions.length > 0 && mightContainException(rel)) await walk(abs, rel);
          continue;
        }
        entries.push({ rel, kind: 'dir', size: 0, mode: st.mode, mtime: Math.floor(st.mtimeMs / 1000) });
        await walk(abs, rel);
        continue;
      }
      if (ignored) continue;
      if (!st.isFile() && !st.isSymbolicLink()) continue; // sockets, fifos: the CLI skips them too
      const kind = st.isFile() ? 'file' : 'symlink';
      const linkname = kind === 'symlink' ? await fs.promises.readlink(abs) : undefined;
      entries.push({ rel, kind, size: kind === 'file' ? st.size : 0, mode: st.mode, mtime: Math.floor(st.mtimeMs / 1000), linkname });
      if (kind === 'file') {
        totalBytes += st.size;
        const parts = rel.split('/');
        for (let depth = 1; depth <= Math.min(2, parts.length - 1); depth++) {
          const folder = parts.slice(0, depth).join('/');
          folderBytes.set(folder, (folderBytes.get(folder) ?? 0) + st.size);
        }
      }
    }
  };
  await walk(contextDir, '');
  const biggestFolders = [...folderBytes.entries()]
    .map(([folder, bytes]) => ({ folder, bytes }))
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, 10);
  return { contextDir, entries, totalBytes, biggestFolders, ignoreFile, dockerfileRel };
}

/**
 * Top-level folders worth adding to .dockerignore when the context is too big: the biggest
 * folders that together hold most of the bytes, skipping nested ones when the parent is listed.
 */
export function suggestIgnores(scan: ContextScan, max = 5): { folder: string; bytes: number }[] {
  const picked: { folder: string; bytes: number }[] = [];
  for (const f of scan.biggestFolders) {
    if (picked.length >= max) break;
    if (f.bytes < scan.totalBytes * 0.05) continue;
    if (picked.some((p) => f.folder.startsWith(p.folder + '/') || p.folder.startsWith(f.folder + '/'))) continue;
    picked.push(f);
  }
  return picked;
}

/** The line(s) to append to a .dockerignore to exclude the given folders. */
export function dockerignoreAppendText(existing: string, folders: string[]): string {
  const have = new Set(parseDockerignore(existing));
  const add = folders.map((f) => f.replace(/\/+$/, '')).filter((f) => !have.has(f));
  if (add.length === 0) return '';
  const sep = existing === '' || existing.endsWith('\n') ? '' : '\n';
  return `${sep}${add.join('\n')}\n`;
}

export interface ContextTar {
  stream: Readable;
  /** Bytes read from the stream so far (what the engine received). */
  bytesSent(): number;
  /** Name of the Dockerfile inside the tar (the `dockerfile` build parameter). */
  dockerfileName: string;
}

/**
 * A tar stream of exactly the scanned entries, owner 0:0 like the CLI's. A Dockerfile outside the
 * context is added under a generated name, as the CLI does.
 */
export function packContext(scan: ContextScan, dockerfilePath: string): ContextTar {
  const base = path.resolve(scan.contextDir);
  const entries: TarEntry[] = scan.entries.map((e) => ({
    name: e.rel, type: e.kind, mode: e.mode, mtime: e.mtime, size: e.size, linkname: e.linkname,
    source: e.kind === 'file' ? path.join(base, ...e.rel.split('/')) : undefined,
  }));
  let dockerfileName = scan.dockerfileRel ?? '';
  if (!scan.dockerfileRel) {
    dockerfileName = `.dockerfile.${Math.random().toString(16).slice(2, 14)}`;
    const content = fs.readFileSync(dockerfilePath);
    entries.push({ name: dockerfileName, type: 'file', mode: 0o644, mtime: Math.floor(Date.now() / 1000), size: content.length, content });
  }
  const tar = packTar(entries);
  return { stream: tar.stream, bytesSent: tar.bytes, dockerfileName };
}
