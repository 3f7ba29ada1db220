// The biggest paths inside an image's largest layers, read from the engine's export stream
// (GET /images/{id}/get: a tar holding one tar per layer). Read as it arrives with TarReader, which
// keeps no reference to the bytes it is given: memory stays bounded (a few top-N lists per layer)
// whatever the image's size, and the caller may hand it one reused buffer for every read. Layers
// below the size threshold are skipped unread; the read stops as soon as the wanted layers were
// seen. Each analysed layer is hashed on the way (its diff ID, as in the image's RootFS.Layers) so
// it can be matched to its history entry. Pure Node: no `vscode` import.
import { createHash, type Hash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { TarReader, type TarHeader } from './tarReader';

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
export class TopN {
  readonly items: PathSize[] = [];
  constructor(private readonly limit: number) {}
  add(path: string, size: number): void {
    const list = this.items;
    if (this.limit <= 0 || (list.length >= this.limit && size <= list[list.length - 1].size)) return;
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

/** The contents of one layer tar, gathered as its bytes go by. */
class LayerTally {
  readonly hash: Hash = createHash('sha256');
  readonly reader: TarReader;
  private readonly files: TopN;
  /** One entry per folder two levels deep: a layer has few of them, unlike files. */
  private readonly folders = new Map<string, number>();
  private contentSize = 0;
  private count = 0;
  private whiteouts = 0;

  constructor(private readonly top: number) {
    this.files = new TopN(top);
    this.reader = new TarReader({ entry: (h) => this.entry(h) });
  }

  private entry(header: TarHeader): boolean {
    const name = `/${header.name.replace(/^\.?\//, '')}`;
    const base = name.slice(name.lastIndexOf('/') + 1);
    if (base.startsWith('.wh.')) this.whiteouts++;
    else if (header.type === 'file') {
      this.contentSize += header.size;
      this.count++;
      this.files.add(name, header.size);
      const folder = folderOf(name);
      if (folder) this.folders.set(folder, (this.folders.get(folder) ?? 0) + header.size);
    }
    return false;
  }

  push(buf: Buffer, start: number, end: number): void {
    this.hash.update(buf.subarray(start, end));
    this.reader.push(buf, start, end);
  }

  /** The layer's contents, or undefined when the entry was not a tar (an OCI config or manifest blob). */
  result(): LayerContents | undefined {
    if (this.reader.invalid) return undefined;
    const byFolder = new TopN(this.top);
    for (const [p, size] of this.folders) byFolder.add(p, size);
    return { diffId: `sha256:${this.hash.digest('hex')}`, contentSize: this.contentSize, files: this.count, biggestFiles: this.files.items, biggestFolders: byFolder.items, whiteouts: this.whiteouts };
  }
}

/**
 * Reads an image export pushed to it in pieces (`push`), keeping the contents of the wanted layers.
 * Keeps no reference to the pushed bytes. `push` returns false once every wanted layer was seen or
 * the export ended: the caller stops reading then.
 */
export class ExportScanner {
  readonly found = new Map<string, LayerContents>();
  private readonly outer: TarReader;
  private layer: LayerTally | undefined;
  private readonly top: number;
  private readonly minTarSize: number;

  constructor(private readonly options: Pick<LayerScanOptions, 'wanted' | 'minTarSize' | 'top'>) {
    this.top = options.top ?? 15;
    this.minTarSize = options.minTarSize ?? 0;
    this.outer = new TarReader({
      entry: (h) => {
        if (h.type !== 'file' || !isLayerEntry(h.name) || h.size < this.minTarSize) return false;
        this.layer = new LayerTally(this.top);
        return true;
      },
      data: (buf, start, end) => this.layer?.push(buf, start, end),
      entryEnd: () => {
        const contents = this.layer?.result();
        this.layer = undefined;
        if (contents && this.options.wanted.has(contents.diffId)) this.found.set(contents.diffId, contents);
      },
    });
  }

  /** Every wanted layer was seen. */
  get complete(): boolean {
    return this.options.wanted.size > 0 && this.found.size === this.options.wanted.size;
  }

  /** The export is not a tar archive. */
  get invalid(): boolean {
    return this.outer.invalid;
  }

  push(buf: Buffer, start = 0, end = buf.length): boolean {
    this.outer.push(buf, start, end);
    return !this.complete && !this.outer.ended && !this.outer.invalid;
  }
}

/**
 * Reads the export stream until every wanted layer was seen (or the stream ends). Resolves with
 * the contents of the wanted layers found, by diff ID. Destroys `source` when done. Rejects with
 * the stream's error, or with an Error named 'AbortError' when the signal aborts.
 */
export function scanImageLayers(source: Readable, options: LayerScanOptions): Promise<Map<string, LayerContents>> {
  const scanner = new ExportScanner(options);
  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (err?: unknown): void => {
      if (settled) return;
      settled = true;
      options.signal?.removeEventListener('abort', onAbort);
      source.off('data', onData);
      source.destroy();
      if (err) reject(err instanceof Error ? err : new Error(String(err)));
      else if (scanner.invalid) reject(new Error('The image export is not a tar archive.'));
      else resolve(scanner.found);
    };
    const onAbort = (): void => finish(abortError());
    const onData = (chunk: Buffer): void => {
      if (!scanner.push(chunk)) finish();
    };
    if (options.signal?.aborted) return onAbort();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    source.on('data', onData);
    source.once('end', () => finish());
    source.once('error', (e) => finish(e));
    source.once('close', () => finish(scanner.complete ? undefined : new Error('The engine closed the image export before it ended.')));
  });
}

export function abortError(): Error {
  const e = new Error('The layer scan was cancelled.');
  e.name = 'AbortError';
  return e;
}
