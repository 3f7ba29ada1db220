// A streaming HTTP/1.1 GET over a plain socket (unix socket or TCP without TLS) that reads every
// response byte into ONE reused buffer (net's `onread` option) and hands the body to a synchronous
// sink. Node's HTTP client allocates a new Buffer per socket read and frees them only at the next
// garbage collection, which for a multi-GB body (GET /images/{id}/get) lets tens of MB of dead
// buffers pile up; this reader allocates nothing per read. The sink must not keep the bytes it is
// given past its return. Pure Node: no `vscode` import.
import * as net from 'node:net';

export type RawTarget = { readonly socketPath: string } | { readonly host: string; readonly port: number };

export interface RawGetOptions {
  readonly signal?: AbortSignal;
  /** Time allowed until the response head arrives (ms). */
  readonly timeoutMs: number;
  /** Size of the reused read buffer (default 64 KiB). */
  readonly bufferSize?: number;
}

/** A failed response: the status and the engine's JSON message, like docker-modem's errors. */
export interface RawHttpError extends Error {
  statusCode?: number;
  json?: unknown;
  reason?: string;
}

const MAX_HEAD = 64 * 1024;
const MAX_ERROR_BODY = 64 * 1024;

/** Paths this reader sends: no spaces, no control characters (no header injection). */
const SAFE_PATH = /^\/[\w.~:@/?&=%+-]*$/;

/**
 * GETs `path` and calls `sink` with each piece of the body (`buf` is reused after `sink` returns).
 * `sink` returning false stops the read (the connection is closed) and resolves. Rejects on a
 * status other than 200 (with `statusCode` and the engine's `json`), on a socket error, when the
 * head does not arrive in time (error code ETIMEDOUT) and on abort (an Error named AbortError).
 */
export function rawGet(target: RawTarget, path: string, sink: (buf: Buffer, start: number, end: number) => boolean | void, opts: RawGetOptions): Promise<void> {
  if (!SAFE_PATH.test(path)) return Promise.reject(new Error(`Not a request path: ${JSON.stringify(path)}`));
  return new Promise<void>((resolve, reject) => {
    const buffer = Buffer.allocUnsafe(opts.bufferSize ?? 64 * 1024);
    let settled = false;
    // Response head, then the body: chunked (size lines, data, CRLF), by length, or up to the close.
    let head: Buffer | undefined = Buffer.alloc(0);
    let status = 0;
    let chunked = false;
    let length = -1;
    let received = 0;
    let chunkLeft = 0;
    let chunkState: 'size' | 'data' | 'crlf' | 'done' = 'size';
    let sizeLine = '';
    let crlfLeft = 0;
    let errorBody: Buffer[] | undefined;
    let errorLength = 0;

    const finish = (err?: Error): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      socket.destroy();
      if (err) reject(err);
      else resolve();
    };
    const onAbort = (): void => {
      const e = new Error('Cancelled.');
      e.name = 'AbortError';
      finish(e);
    };
    const timer = setTimeout(() => {
      const e = Object.assign(new Error(`No answer to GET ${path} within ${Math.round(opts.timeoutMs / 1000)} s.`), { code: 'ETIMEDOUT' });
      finish(e);
    }, opts.timeoutMs);

    const failed = (): void => {
      const text = errorBody ? Buffer.concat(errorBody).toString('utf8') : '';
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
      const message = json && typeof json === 'object' && typeof (json as { message?: unknown }).message === 'string' ? (json as { message: string }).message : text.trim();
      const e: RawHttpError = new Error(`(HTTP code ${status}) ${message || 'no message'}`);
      e.statusCode = status;
      e.json = json ?? (text ? { message: text.trim() } : undefined);
      finish(e);
    };

    /** Body bytes, after de-chunking. Returns false when reading should stop. */
    const body = (buf: Buffer, start: number, end: number): boolean => {
      if (start >= end) return true;
      if (status !== 200) {
        if (errorLength < MAX_ERROR_BODY) {
          const piece = Buffer.from(buf.subarray(start, Math.min(end, start + MAX_ERROR_BODY - errorLength)));
          (errorBody ??= []).push(piece);
          errorLength += piece.length;
        }
        return true;
      }
      return sink(buf, start, end) !== false;
    };

    /** Raw bytes after the head. Returns false when reading should stop (sink said so, or the body ended). */
    const payload = (buf: Buffer, start: number, end: number): boolean => {
      if (!chunked) {
        const stop = length >= 0 ? Math.min(end, start + (length - received)) : end;
        received += stop - start;
        if (!body(buf, start, stop)) return false;
        return length < 0 || received < length;
      }
      let i = start;
      while (i < end) {
        if (chunkState === 'size') {
          const nl = buf.indexOf(0x0a, i);
          const stop = nl < 0 || nl >= end ? end : nl;
          sizeLine += buf.toString('latin1', i, stop);
          if (sizeLine.length > 1024) throw new Error('The engine sent a malformed chunked response.');
          if (stop === end) return true;
          i = stop + 1;
          const size = parseInt(sizeLine.trim().split(';')[0], 16);
          sizeLine = '';
          if (!Number.isFinite(size) || size < 0) throw new Error('The engine sent a malformed chunked response.');
          if (size === 0) {
            chunkState = 'done';
            return false;
          }
          chunkLeft = size;
          chunkState = 'data';
        } else if (chunkState === 'data') {
          const stop = Math.min(end, i + chunkLeft);
          chunkLeft -= stop - i;
          if (!body(buf, i, stop)) return false;
          i = stop;
          if (chunkLeft === 0) {
            chunkState = 'crlf';
            crlfLeft = 2;
          }
        } else if (chunkState === 'crlf') {
          const n = Math.min(crlfLeft, end - i);
          i += n;
          crlfLeft -= n;
          if (crlfLeft === 0) chunkState = 'size';
        } else return false;
      }
      return true;
    };

    const parseHead = (text: string): void => {
      const lines = text.split('\r\n');
      const m = /^HTTP\/1\.[01] (\d{3})/.exec(lines[0] ?? '');
      if (!m) throw new Error('The engine did not answer with HTTP/1.1.');
      status = Number(m[1]);
      for (const line of lines.slice(1)) {
        const colon = line.indexOf(':');
        if (colon < 0) continue;
        const name = line.slice(0, colon).trim().toLowerCase();
        const value = line.slice(colon + 1).trim();
        if (name === 'transfer-encoding' && /chunked/i.test(value)) chunked = true;
        else if (name === 'content-length' && /^\d+$/.test(value)) length = Number(value);
      }
    };

    const onRead = (n: number, buf: Buffer): boolean => {
      if (settled) return false;
      try {
        let start = 0;
        if (head) {
          const prev = head.length;
          head = Buffer.concat([head, buf.subarray(0, n)]);
          const at = head.indexOf('\r\n\r\n');
          if (at < 0) {
            if (head.length > MAX_HEAD) throw new Error('The engine sent a response head that is too long.');
            return true;
          }
          parseHead(head.toString('latin1', 0, at));
          start = at + 4 - prev;
          head = undefined;
          clearTimeout(timer);
        }
        if (!payload(buf, start, n)) {
          if (status !== 200) failed();
          else finish();
          return false;
        }
        return true;
      } catch (err) {
        finish(err instanceof Error ? err : new Error(String(err)));
        return false;
      }
    };

    const connect: net.NetConnectOpts = 'socketPath' in target ? { path: target.socketPath } : { host: target.host, port: target.port };
    const socket = net.connect({ ...connect, onread: { buffer, callback: onRead } });
    if (opts.signal?.aborted) return onAbort();
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    socket.once('connect', () => {
      socket.write(`GET ${path} HTTP/1.1\r\nHost: docker\r\nUser-Agent: ml-containers\r\nAccept: application/x-tar\r\nConnection: close\r\n\r\n`);
    });
    socket.once('error', (err) => finish(err));
    socket.once('end', () => {
      if (head) return finish(new Error('The engine closed the connection before answering.'));
      if (status !== 200) return failed();
      if ((chunked && chunkState !== 'done') || (length >= 0 && received < length)) return finish(new Error('The engine closed the connection before the end of the response.'));
      finish();
    });
    socket.once('close', () => finish(new Error('The connection to the engine closed.')));
  });
}
