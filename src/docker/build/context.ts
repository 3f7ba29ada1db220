// The build context: which files the engine receives, chosen the way the docker CLI chooses them
// (src/docker/ignore.ts: which ignore file applies, its patterns, the walk that skips excluded folders).
// The scan records each file's identity (device, inode) so that packing sends exactly what was scanned.
import * as fs from 'fs';
import * as path from 'path';
import { Readable } from 'stream';
import { buildContextMatcher, IgnoreError, literalPattern, parseIgnoreText, readIgnoreFile, type IgnoreFile, type IgnoreMatcher, type ParentMatches } from '../ignore';
import { packTar, type TarEntry } from './tarPack';

export type { IgnoreFile } from '../ignore';

export interface ContextEntry {
  /** Path relative to the context, with `/` separators. */
  rel: string;
  kind: 'file' | 'dir' | 'symlink';
  size: number;
  mode: number;
  /** Seconds since the epoch. */
  mtime: number;
  linkname?: string;
  /** Identity of a regular file when scanned: packing refuses a file that is no longer this one. */
  dev?: bigint;
  ino?: bigint;
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

/** Walks the context, applying the ignore rules; reads no file contents. Rejects with a clear message when Docker would refuse the ignore file. */
export async function scanContext(contextDir: string, dockerfilePath: string): Promise<ContextScan> {
  const ignoreFile = await readIgnoreFile(contextDir, dockerfilePath);
  if (ignoreFile.error) throw new Error(`Cannot use the ignore file: ${ignoreFile.error}`);
  const dfRelRaw = toRel(path.relative(contextDir, dockerfilePath));
  const dockerfileRel = dfRelRaw === '..' || dfRelRaw.startsWith('../') || path.isAbsolute(dfRelRaw) ? undefined : dfRelRaw;
  let matcher: IgnoreMatcher;
  try {
    matcher = buildContextMatcher(ignoreFile.patterns, dockerfileRel);
  } catch (err) {
    throw err instanceof IgnoreError ? new Error(`${ignoreFile.file ?? '.dockerignore'}: ${err.message}`) : err;
  }

  const entries: ContextEntry[] = [];
  const folderBytes = new Map<string, number>();
  let totalBytes = 0;

  const walk = async (dirAbs: string, dirRel: string, parent: ParentMatches): Promise<void> => {
    const names = (await fs.promises.readdir(dirAbs)).sort();
    for (const name of names) {
      const rel = dirRel ? `${dirRel}/${name}` : name;
      const abs = path.join(dirAbs, name);
      const st = await fs.promises.lstat(abs, { bigint: true });
      let verdict: { excluded: boolean; matches: boolean[] };
      try {
        verdict = matcher.matchWithParent(rel, parent);
      } catch (err) {
        // The docker CLI only logs this and sends the part of the context packed so far: refuse instead.
        if (err instanceof IgnoreError) {
          throw new Error(`${ignoreFile.file ?? '.dockerignore'}: ${err.message} (met at ${rel}; the docker CLI would stop packing the context here and build from part of it). Fix or remove the pattern.`);
        }
        throw err;
      }
      const mode = Number(st.mode);
      const mtime = Number(st.mtimeMs / 1000n);
      if (st.isDirectory()) {
        if (verdict.excluded) {
          // Docker walks an excluded folder only for an exception written under it, and sends no entry for the folder.
          if (matcher.walksExcludedDir(rel)) await walk(abs, rel, verdict.matches);
          continue;
        }
        entries.push({ rel, kind: 'dir', size: 0, mode, mtime });
        await walk(abs, rel, verdict.matches);
        continue;
      }
      if (verdict.excluded) continue;
      if (!st.isFile() && !st.isSymbolicLink()) continue; // sockets, fifos, devices
      if (st.isSymbolicLink()) {
        entries.push({ rel, kind: 'symlink', size: 0, mode, mtime, linkname: await fs.promises.readlink(abs) });
        continue;
      }
      const size = Number(st.size);
      entries.push({ rel, kind: 'file', size, mode, mtime, dev: st.dev, ino: st.ino });
      totalBytes += size;
      const parts = rel.split('/');
      for (let depth = 1; depth <= Math.min(2, parts.length - 1); depth++) {
        const folder = parts.slice(0, depth).join('/');
        folderBytes.set(folder, (folderBytes.get(folder) ?? 0) + size);
      }
    }
  };
  await walk(contextDir, '', undefined);
  // The CLI re-includes the Dockerfile only when its older one-parent check sees it excluded (so a
  // `**/docker` pattern drops docker/Dockerfile and the build fails). Send it in every case.
  if (dockerfileRel && !entries.some((e) => e.rel === dockerfileRel)) {
    const st = await fs.promises.lstat(path.join(contextDir, ...dockerfileRel.split('/')), { bigint: true });
    if (st.isFile()) {
      const size = Number(st.size);
      entries.push({ rel: dockerfileRel, kind: 'file', size, mode: Number(st.mode), mtime: Number(st.mtimeMs / 1000n), dev: st.dev, ino: st.ino });
      totalBytes += size;
    }
  }
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
  let have: Set<string>;
  try {
    have = new Set(parseIgnoreText(existing));
  } catch {
    have = new Set();
  }
  const add: string[] = [];
  for (const folder of folders) {
    const pattern = literalPattern(folder.replace(/\/+$/, ''));
    if (pattern !== undefined && !have.has(pattern) && !add.includes(pattern)) add.push(pattern);
  }
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
    identity: e.dev !== undefined && e.ino !== undefined ? { dev: e.dev, ino: e.ino } : undefined,
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
