// A push parser for tar archives that never keeps a reference to the bytes it is given: each call
// reads what it needs synchronously (a partial 512-byte header is copied into one fixed block), so
// the caller may reuse its buffer for the next read. That is what lets the size report read a
// whole image export through one reused socket buffer instead of a new Buffer per read (which Node
// frees only at the next garbage collection, tens of MB later). Understands ustar and GNU headers,
// base-256 sizes, PAX `path`/`size` records and GNU long names. Pure Node: no `vscode` import.

export interface TarHeader {
  /** Entry path as stored (no leading `./` removed). */
  readonly name: string;
  readonly size: number;
  readonly type: 'file' | 'directory' | 'symlink' | 'link' | 'other';
}

export interface TarHandler {
  /** Called once per entry; return true to receive its content through `data`. */
  entry(header: TarHeader): boolean;
  data?(buf: Buffer, start: number, end: number): void;
  /** Called after the last content byte of an entry that asked for it. */
  entryEnd?(): void;
}

const BLOCK = 512;
/** PAX and GNU long-name records above this size are skipped (a path is never that long). */
const MAX_META = 1 << 20;

type State = 'header' | 'body' | 'meta' | 'pad' | 'end' | 'invalid';

function cString(b: Buffer, start: number, length: number): string {
  let end = start;
  while (end < start + length && b[end] !== 0) end++;
  return b.toString('utf8', start, end);
}

function octal(b: Buffer, start: number, length: number): number {
  // Base-256 (GNU) for values that do not fit in octal digits: the first byte's high bit is set.
  if (b[start] & 0x80) {
    let n = b[start] & 0x7f;
    for (let i = start + 1; i < start + length; i++) n = n * 256 + b[i];
    return n;
  }
  let n = 0;
  let i = start;
  const end = start + length;
  while (i < end && (b[i] === 0x20 || b[i] === 0)) i++;
  for (; i < end; i++) {
    const c = b[i];
    if (c < 0x30 || c > 0x37) break;
    n = n * 8 + (c - 0x30);
  }
  return n;
}

/** True when the block's stored checksum matches its bytes (the checksum field counted as spaces). */
function checksumOk(b: Buffer): boolean {
  const stored = octal(b, 148, 8);
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : b[i];
  return sum === stored;
}

function typeOf(flag: number): TarHeader['type'] {
  switch (flag) {
    case 0:
    case 0x30: // '0'
    case 0x37: // '7' contiguous
      return 'file';
    case 0x35: // '5'
      return 'directory';
    case 0x32: // '2'
      return 'symlink';
    case 0x31: // '1'
      return 'link';
    default:
      return 'other';
  }
}

/** `len key=value\n` records; only the keys the size report needs. */
function parsePax(b: Buffer): { path?: string; size?: number } {
  const out: { path?: string; size?: number } = {};
  let i = 0;
  while (i < b.length) {
    const space = b.indexOf(0x20, i);
    if (space < 0) break;
    const len = Number(b.toString('latin1', i, space));
    if (!Number.isInteger(len) || len <= 0 || i + len > b.length) break;
    const record = b.toString('utf8', space + 1, i + len - 1);
    const eq = record.indexOf('=');
    if (eq > 0) {
      const key = record.slice(0, eq);
      const value = record.slice(eq + 1);
      if (key === 'path') out.path = value;
      else if (key === 'size' && /^\d+$/.test(value)) out.size = Number(value);
    }
    i += len;
  }
  return out;
}

export class TarReader {
  private state: State = 'header';
  private readonly block = Buffer.alloc(BLOCK);
  private filled = 0;
  private remaining = 0;
  private padding = 0;
  private wantData = false;
  /** PAX or GNU long-name record being read (copied: it may span reads). */
  private meta: { kind: 'pax' | 'longname'; parts: Buffer[]; length: number; keep: boolean } | undefined;
  private next: { path?: string; size?: number } = {};

  constructor(private readonly handler: TarHandler) {}

  /** The archive ended (end blocks seen). */
  get ended(): boolean {
    return this.state === 'end';
  }

  /** The bytes are not a tar archive (a header failed its checksum); the rest is ignored. */
  get invalid(): boolean {
    return this.state === 'invalid';
  }

  /** True when the reader is between entries (what was given so far ends on an entry boundary). */
  get atBoundary(): boolean {
    return (this.state === 'header' && this.filled === 0) || this.state === 'end';
  }

  push(buf: Buffer, start = 0, end = buf.length): void {
    let i = start;
    while (i < end) {
      switch (this.state) {
        case 'end':
        case 'invalid':
          return;
        case 'header': {
          const n = Math.min(BLOCK - this.filled, end - i);
          buf.copy(this.block, this.filled, i, i + n);
          this.filled += n;
          i += n;
          if (this.filled === BLOCK) {
            this.filled = 0;
            this.header();
          }
          break;
        }
        case 'body': {
          const n = Math.min(this.remaining, end - i);
          if (this.wantData && n > 0) this.handler.data?.(buf, i, i + n);
          i += n;
          this.remaining -= n;
          if (this.remaining === 0) this.endBody();
          break;
        }
        case 'meta': {
          const n = Math.min(this.remaining, end - i);
          const m = this.meta!;
          if (m.keep) m.parts.push(Buffer.from(buf.subarray(i, i + n)));
          i += n;
          this.remaining -= n;
          if (this.remaining === 0) {
            if (m.keep) {
              const all = Buffer.concat(m.parts, m.length);
              if (m.kind === 'pax') this.next = { ...this.next, ...parsePax(all) };
              else this.next = { ...this.next, path: cString(all, 0, all.length) };
            }
            this.meta = undefined;
            this.state = this.padding ? 'pad' : 'header';
          }
          break;
        }
        case 'pad': {
          const n = Math.min(this.padding, end - i);
          i += n;
          this.padding -= n;
          if (this.padding === 0) this.state = 'header';
          break;
        }
      }
    }
  }

  private header(): void {
    const b = this.block;
    if (b.every((x) => x === 0)) {
      // Zero blocks end the archive (tar writes two; no entry can follow the first).
      this.state = 'end';
      return;
    }
    if (!checksumOk(b)) {
      this.state = 'invalid';
      return;
    }
    const flag = b[156];
    const size = this.next.size ?? octal(b, 124, 12);
    this.padding = (BLOCK - (size % BLOCK)) % BLOCK;
    this.remaining = size;
    // 'x' PAX for the next entry, 'g' global PAX, 'L' GNU long name, 'K' GNU long link name.
    if (flag === 0x78 || flag === 0x4c || flag === 0x67 || flag === 0x4b) {
      const keep = (flag === 0x78 || flag === 0x4c) && size <= MAX_META;
      this.meta = { kind: flag === 0x4c ? 'longname' : 'pax', parts: [], length: size, keep };
      this.state = size > 0 ? 'meta' : this.padding ? 'pad' : 'header';
      if (size === 0) this.meta = undefined;
      return;
    }
    let name = this.next.path;
    if (name === undefined) {
      name = cString(b, 0, 100);
      // ustar: a prefix (up to 155 bytes) before the name.
      if (b.toString('latin1', 257, 262) === 'ustar' && b[345] !== 0) name = `${cString(b, 345, 155)}/${name}`;
    }
    this.next = {};
    const type = typeOf(flag);
    // Only regular files carry content; a size on anything else is ignored, as tar does for links and folders.
    if (type !== 'file') {
      this.remaining = type === 'other' ? size : 0;
      this.padding = type === 'other' ? this.padding : 0;
    }
    this.wantData = this.handler.entry({ name, size: type === 'file' ? size : 0, type });
    this.state = 'body';
    if (this.remaining === 0) this.endBody();
  }

  private endBody(): void {
    if (this.wantData) this.handler.entryEnd?.();
    this.wantData = false;
    this.state = this.padding ? 'pad' : 'header';
  }
}
