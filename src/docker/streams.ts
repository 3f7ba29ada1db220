// Pure stream helpers for the Engine API's wire formats. No `vscode` import.
import type { Readable } from 'node:stream';

/** One piece of a container's output. */
export interface LogChunk {
  readonly stream: 'stdout' | 'stderr';
  readonly text: string;
}

/**
 * Demultiplexes the Engine API's stdout/stderr framing (8-byte header: stream type, 3 zero bytes,
 * big-endian uint32 length) used by logs and attach when the container has no TTY.
 * Feed it chunks as they come; incomplete frames are kept until the rest arrives.
 */
export class LogDemuxer {
  private pending: Buffer = Buffer.alloc(0);
  private readonly decoders = { stdout: new TextDecoder('utf-8'), stderr: new TextDecoder('utf-8') };

  push(chunk: Buffer): LogChunk[] {
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    const out: LogChunk[] = [];
    while (this.pending.length >= 8) {
      const type = this.pending[0];
      const size = this.pending.readUInt32BE(4);
      if (this.pending.length < 8 + size) break;
      const payload = this.pending.subarray(8, 8 + size);
      this.pending = this.pending.subarray(8 + size);
      const stream = type === 2 ? 'stderr' : 'stdout';
      const text = this.decoders[stream].decode(payload, { stream: true });
      if (text) out.push({ stream, text });
    }
    return out;
  }
}

/** Raw (TTY) output: one stream, UTF-8 decoded across chunk boundaries. */
export class RawDecoder {
  private readonly decoder = new TextDecoder('utf-8');
  push(chunk: Buffer): LogChunk[] {
    const text = this.decoder.decode(chunk, { stream: true });
    return text ? [{ stream: 'stdout', text }] : [];
  }
}

/**
 * Splits a stream of JSON messages (newline-delimited, as /events and /build send them) into values.
 * Lines that are not JSON are reported through `onBad` and skipped.
 */
export class JsonLinesParser<T> {
  private buffer = '';
  private readonly decoder = new TextDecoder('utf-8');
  constructor(private readonly onBad?: (line: string) => void) {}

  push(chunk: Buffer | string): T[] {
    this.buffer += typeof chunk === 'string' ? chunk : this.decoder.decode(chunk, { stream: true });
    const out: T[] = [];
    let nl: number;
    while ((nl = this.buffer.indexOf('\n')) >= 0) {
      const line = this.buffer.slice(0, nl).trim();
      this.buffer = this.buffer.slice(nl + 1);
      if (line) this.parse(line, out);
    }
    return out;
  }

  /** Whatever is left when the stream ends. */
  flush(): T[] {
    const out: T[] = [];
    const line = this.buffer.trim();
    this.buffer = '';
    if (line) this.parse(line, out);
    return out;
  }

  private parse(line: string, out: T[]): void {
    try {
      out.push(JSON.parse(line) as T);
    } catch {
      this.onBad?.(line);
    }
  }
}

/**
 * Reads a whole newline-delimited JSON stream (build and push progress): calls `onMessage` per value,
 * resolves when the stream ends, rejects on stream errors or when it is destroyed before its end (abort).
 */
export function readJsonStream<T>(stream: Readable, onMessage: (msg: T) => void): Promise<void> {
  const parser = new JsonLinesParser<T>();
  return new Promise((resolve, reject) => {
    stream.on('data', (chunk: Buffer | string) => {
      for (const m of parser.push(chunk)) onMessage(m);
    });
    stream.on('end', () => {
      for (const m of parser.flush()) onMessage(m);
      resolve();
    });
    stream.on('error', reject);
    stream.on('close', () => {
      if (!stream.readableEnded) reject(Object.assign(new Error('stream closed'), { name: 'AbortError' }));
    });
  });
}
