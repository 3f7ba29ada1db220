// A small, fast tar writer for build contexts (ustar + PAX headers for long names, as Go's archive/tar
// writes and reads them). tar-fs walks and stats again and streams every small file separately; here
// the walk is already done (scanContext), small files are read whole and written in ~1 MB chunks.
import * as fs from 'fs';
import * as path from 'path';
import { Readable } from 'stream';

export interface TarEntry {
  /** Name in the archive (`/` separators, no leading `./`). */
  name: string;
  type: 'file' | 'dir' | 'symlink';
  mode: number;
  /** Seconds since the epoch. */
  mtime: number;
  size: number;
  linkname?: string;
  /** Where the content comes from: a file on disk or a buffer. */
  source?: string;
  content?: Buffer;
  /** Device and inode the source had when scanned: packing stops if the path now leads elsewhere. */
  identity?: { dev: bigint; ino: bigint };
}

/** The file at a scanned path is no longer the file that was scanned (replaced, or swapped for a symlink). */
export class ContextChangedError extends Error {
  constructor(readonly entry: string, reason: string) {
    super(`${entry} changed while the build context was being sent (${reason}); nothing more was sent. Build again.`);
    this.name = 'ContextChangedError';
  }
}

// O_NOFOLLOW: a file swapped for a symlink fails to open instead of sending what the link points to.
const OPEN_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0);

async function openScanned(e: TarEntry, source: string): Promise<fs.promises.FileHandle> {
  let fh: fs.promises.FileHandle;
  try {
    fh = await fs.promises.open(source, OPEN_FLAGS);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') throw new ContextChangedError(e.name, 'it is now a symbolic link');
    if (code === 'ENOENT') throw new ContextChangedError(e.name, 'it was deleted');
    throw err;
  }
  if (!e.identity) return fh;
  try {
    const st = await fh.stat({ bigint: true });
    if (!st.isFile()) throw new ContextChangedError(e.name, 'it is no longer a regular file');
    if (st.dev !== e.identity.dev || st.ino !== e.identity.ino) throw new ContextChangedError(e.name, 'it is now a different file');
  } catch (err) {
    await fh.close();
    throw err;
  }
  return fh;
}

const BLOCK = 512;
const CHUNK = 1024 * 1024;

function octal(n: number, width: number): string {
  // width includes the trailing NUL
  return n.toString(8).padStart(width - 1, '0') + '\0';
}

function splitUstarName(name: string): { prefix: string; base: string } | undefined {
  if (Buffer.byteLength(name) <= 100) return { prefix: '', base: name };
  // find a '/' such that prefix ≤ 155 bytes and name ≤ 100 bytes
  for (let i = name.length - 1; i > 0; i--) {
    if (name[i] !== '/') continue;
    const prefix = name.slice(0, i);
    const base = name.slice(i + 1);
    if (Buffer.byteLength(prefix) <= 155 && Buffer.byteLength(base) <= 100 && base.length > 0) return { prefix, base };
  }
  return undefined;
}

function header(name: string, typeflag: string, mode: number, size: number, mtime: number, linkname = ''): Buffer {
  const h = Buffer.alloc(BLOCK);
  const split = splitUstarName(name) ?? { prefix: '', base: name.slice(0, 100) };
  h.write(split.base, 0, 100, 'utf8');
  h.write(octal(mode & 0o7777, 8), 100, 8, 'ascii');
  h.write(octal(0, 8), 108, 8, 'ascii'); // uid 0, like the docker CLI
  h.write(octal(0, 8), 116, 8, 'ascii'); // gid 0
  h.write(size < 8 ** 11 ? octal(size, 12) : octal(0, 12), 124, 12, 'ascii');
  h.write(octal(Math.max(0, Math.min(mtime, 8 ** 11 - 1)), 12), 136, 12, 'ascii');
  h.write('        ', 148, 8, 'ascii');
  h.write(typeflag, 156, 1, 'ascii');
  h.write(linkname.slice(0, 100), 157, 100, 'utf8');
  h.write('ustar\0', 257, 6, 'ascii');
  h.write('00', 263, 2, 'ascii');
  h.write(octal(0, 8), 329, 8, 'ascii');
  h.write(octal(0, 8), 337, 8, 'ascii');
  h.write(split.prefix, 345, 155, 'utf8');
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += h[i];
  h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 8, 'ascii');
  return h;
}

function paxRecord(key: string, value: string): string {
  // "<len> key=value\n" where <len> counts its own digits too
  const body = ` ${key}=${value}\n`;
  const blen = Buffer.byteLength(body);
  let len = blen + 1;
  while (String(len).length + blen !== len) len = String(len).length + blen;
  return `${len}${body}`;
}

function padding(size: number): Buffer {
  const r = size % BLOCK;
  return Buffer.alloc(r === 0 ? 0 : BLOCK - r);
}

/** Header blocks for one entry (with a PAX header first when ustar cannot hold it). */
export function entryHeader(e: TarEntry): Buffer {
  const name = e.type === 'dir' && !e.name.endsWith('/') ? e.name + '/' : e.name;
  const typeflag = e.type === 'dir' ? '5' : e.type === 'symlink' ? '2' : '0';
  const size = e.type === 'file' ? e.size : 0;
  const records: string[] = [];
  if (!splitUstarName(name) || /[^\x20-\x7e]/.test(name)) records.push(paxRecord('path', name));
  if (e.linkname && (Buffer.byteLength(e.linkname) > 100 || /[^\x20-\x7e]/.test(e.linkname))) records.push(paxRecord('linkpath', e.linkname));
  if (size >= 8 ** 11) records.push(paxRecord('size', String(size)));
  const main = header(name, typeflag, e.mode, size, e.mtime, e.linkname ?? '');
  if (records.length === 0) return main;
  const body = Buffer.from(records.join(''), 'utf8');
  const paxName = `PaxHeader/${path.posix.basename(name).slice(0, 80)}`;
  return Buffer.concat([header(paxName, 'x', 0o644, body.length, e.mtime), body, padding(body.length), main]);
}

async function* generate(entries: TarEntry[], onBytes: (n: number) => void): AsyncGenerator<Buffer> {
  let pending: Buffer[] = [];
  let pendingLen = 0;
  const push = (b: Buffer): Buffer | undefined => {
    pending.push(b);
    pendingLen += b.length;
    if (pendingLen < CHUNK) return undefined;
    const out = Buffer.concat(pending, pendingLen);
    pending = [];
    pendingLen = 0;
    return out;
  };
  const emit = (b: Buffer): Buffer => {
    onBytes(b.length);
    return b;
  };
  for (const e of entries) {
    let out = push(entryHeader(e));
    if (out) yield emit(out);
    if (e.type !== 'file' || e.size === 0) continue;
    if (e.content) {
      out = push(e.content.subarray(0, e.size));
      if (out) yield emit(out);
    } else if (e.source) {
      const fh = await openScanned(e, e.source);
      try {
        let remaining = e.size;
        while (remaining > 0) {
          const want = Math.min(remaining, CHUNK);
          const buf = Buffer.allocUnsafe(want);
          const { bytesRead } = await fh.read(buf, 0, want, e.size - remaining);
          if (bytesRead === 0) {
            // The file shrank since the scan: pad with zeros so the archive stays valid.
            buf.fill(0);
            out = push(buf);
            if (out) yield emit(out);
            remaining -= want;
            continue;
          }
          out = push(bytesRead === want ? buf : buf.subarray(0, bytesRead));
          if (out) yield emit(out);
          remaining -= bytesRead;
        }
      } finally {
        await fh.close();
      }
    }
    out = push(padding(e.size));
    if (out) yield emit(out);
  }
  push(Buffer.alloc(BLOCK * 2));
  if (pendingLen) yield emit(Buffer.concat(pending, pendingLen));
}

/** A byte stream of the archive; `bytes()` says how much was produced (= sent, once consumed). */
export function packTar(entries: TarEntry[]): { stream: Readable; bytes: () => number } {
  let n = 0;
  const stream = Readable.from(generate(entries, (b) => (n += b)), { objectMode: false });
  return { stream, bytes: () => n };
}
