// The biggest paths inside an image's largest layers, read from the engine's export stream
// (GET /images/{id}/get: a tar holding one tar per layer). Streamed with tar-stream: one entry at a
// time, with backpressure, so memory stays bounded whatever the image's size. Layers below the
// size threshold are skipped unread (drained); the read stops as soon as the wanted layers were
// seen. Each analysed layer is hashed on the way (its diff ID, as in the image's RootFS.Layers)
// so it can be matched to its history entry. Pure Node: no `vscode` import.
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import * as tar from 'tar-stream';

export interface PathSize {
  /** Path inside the image, with a leading '/'. */
  readonly path: string;
  readonly size: number;
}

export interface LayerContents {
  /** `sha256:…` of the uncompressed layer tar (the image's RootFS diff ID). */
  readonly diffId: string;
  /** Sum of the regular files' sizes in the layer. */
  readonly contentSize: number;
  readonly files: number;
  /** The largest files, biggest first. */
  readonly biggestFiles: PathSize[];
  /** The largest top-level folders (two levels deep, e.g. `/usr/lib`), biggest first. */
  readonly biggestFolders: PathSize[];
  /** Files deleted by this layer (whiteouts), which still cost their size in the layers below. */
  readonly whiteouts: number;
}

export interface LayerScanOptions {
  /** Diff IDs of the layers to read; the scan stops when all were seen. */
  readonly wanted: ReadonlySet<string>;
  /** Layer tars smaller than this are skipped without reading (bytes; default 0). */
  readonly minTarSize?: number;
  /** How many files and folders to keep per layer (default 15). */
  readonly top?: number;
  readonly signal?: AbortSignal;
}

/** Keeps the `limit` largest items; O(limit) per insert, which is fine for the small limits used. */
class TopN {
  readonly items: PathSize[] = [];
  constructor(private readonly limit: number) {}
  add(path: string, size: number): void {
    const list = this.items;
    if (list.length >= this.limit && size <= list[list.length - 1].size) return;
    let i = list.length;
    while (i > 0 && list[i - 1].size < size) i--;
    list.splice(i, 0, { path, size });
    if (list.length > this.limit) list.pop();
  }
}

function folderOf(path: string): string | undefined {
  const parts = path.split('/').filter(Boolean);
  if (parts.length < 2) return undefined;
  return parts.length === 2 ? `/${parts[0]}` : `/${parts[0]}/${parts[1]}`;
}

/** Layer tars in an export: `<id>/layer.tar` (Docker), `<diff id hex>.tar` (Podman), `blobs/sha256/<hex>` (OCI layout). */
const isLayerEntry = (name: string): boolean =>
  /(^|\/)layer\.tar$/.test(name) || /^[0-9a-f]{64}\.tar$/.test(name) || /^blobs\/sha256\/[0-9a-f]{64}$/.test(name);

/** Reads one layer tar from `entry`, hashing it on the way. */
function scanLayer(entry: Readable, top: number): Promise<LayerContents> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    const inner = tar.extract();
    const files = new TopN(top);
    const folders = new Map<string, number>();
    let contentSize = 0;
    let count = 0;
    let whiteouts = 0;
    inner.on('entry', (header, body, next) => {
      const name = `/${header.name.replace(/^\.?\//, '')}`;
      const base = name.slice(name.lastIndexOf('/') + 1);
      if (base.startsWith('.wh.')) whiteouts++;
      else if (header.type === 'file' || header.type === 'contiguous-file') {
        const size = header.size ?? 0;
        contentSize += size;
        count++;
        files.add(name, size);
        const folder = folderOf(name);
        // One entry per folder: a layer has few top folders, unlike files.
        if (folder) folders.set(folder, (folders.get(folder) ?? 0) + size);
      }
      body.on('end', () => next());
      body.resume();
    });
    inner.on('error', reject);
    entry.on('data', (chunk: Buffer) => hash.update(chunk));
    entry.on('error', reject);
    inner.on('finish', () => {
      const byFolder = new TopN(top);
      for (const [p, s] of folders) byFolder.add(p, s);
      resolve({ diffId: `sha256:${hash.digest('hex')}`, contentSize, files: count, biggestFiles: files.items, biggestFolders: byFolder.items, whiteouts });
    });
    entry.pipe(inner);
  });
}

/**
 * Reads the export stream until every wanted layer was seen (or the stream ends). Resolves with
 * the contents of the wanted layers found, by diff ID. Destroys `source` when done. Rejects with
 * the stream's error, or with an Error named 'AbortError' when the signal aborts.
 */
export function scanImageLayers(source: Readable, options: LayerScanOptions): Promise<Map<string, LayerContents>> {
  const found = new Map<string, LayerContents>();
  const top = options.top ?? 15;
  const minTarSize = options.minTarSize ?? 0;
  return new Promise((resolve, reject) => {
    const outer = tar.extract();
    let settled = false;
    const finish = (err?: unknown): void => {
      if (settled) return;
      settled = true;
      options.signal?.removeEventListener('abort', onAbort);
      source.unpipe(outer);
      source.destroy();
      outer.destroy();
      if (err) reject(err instanceof Error ? err : new Error(String(err)));
      else resolve(found);
    };
    const onAbort = (): void => {
      const e = new Error('The layer scan was cancelled.');
      e.name = 'AbortError';
      finish(e);
    };
    if (options.signal?.aborted) return onAbort();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    outer.on('entry', (header, entry, next) => {
      if (settled) return;
      if (!isLayerEntry(header.name) || (header.size ?? 0) < minTarSize) {
        entry.on('end', () => next());
        entry.resume();
        return;
      }
      scanLayer(entry, top).then(
        (contents) => {
          if (options.wanted.has(contents.diffId)) found.set(contents.diffId, contents);
          if (options.wanted.size > 0 && [...options.wanted].every((d) => found.has(d))) finish();
          else next();
        },
        // Not a tar (an OCI config or manifest blob above the threshold): skip it.
        () => {
          if (entry.readableEnded) return next();
          entry.unpipe();
          entry.once('end', () => next());
          entry.resume();
        },
      );
    });
    outer.on('finish', () => finish());
    outer.on('error', (e) => finish(e));
    source.on('error', (e) => finish(e));
    source.pipe(outer);
  });
}
