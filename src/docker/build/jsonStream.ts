// Splits the engine's newline-delimited JSON progress stream into objects.
import { Readable } from 'stream';

/** Calls `onMessage` for each JSON object; resolves when the stream ends, rejects on stream errors. */
export function readJsonStream<T>(stream: Readable, onMessage: (msg: T) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    let buf = '';
    const flush = (final: boolean): void => {
      let nl = buf.indexOf('\n');
      while (nl >= 0) {
        const line = buf.slice(0, nl).trim();
        buf = buf.slice(nl + 1);
        if (line) emit(line);
        nl = buf.indexOf('\n');
      }
      if (final && buf.trim()) emit(buf.trim());
    };
    const emit = (line: string): void => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch {
        return; // not JSON: ignore (the engine only sends JSON here)
      }
      onMessage(parsed as T);
    };
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      buf += chunk;
      flush(false);
    });
    stream.on('end', () => {
      flush(true);
      resolve();
    });
    stream.on('error', reject);
    stream.on('close', () => {
      // A destroyed socket (abort) closes without 'end'.
      if (!stream.readableEnded) reject(Object.assign(new Error('stream closed'), { name: 'AbortError' }));
    });
  });
}
