// Writes tars for the image-size tests with tar-stream (a second, independent tar implementation).
import * as tar from 'tar-stream';

export type PackEntry = { name: string; size?: number; body?: Buffer; type?: 'file' | 'symlink' | 'directory'; linkname?: string; pax?: Record<string, string> };

/** A tar of `files`; a file without a body gets `size` bytes of `fill`. */
export function packTar(files: PackEntry[], fill = 0): Promise<Buffer> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  pack.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => pack.on('end', () => resolve(Buffer.concat(chunks))));
  for (const f of files) {
    if (f.type === 'symlink') pack.entry({ name: f.name, type: 'symlink', linkname: f.linkname });
    else if (f.type === 'directory') pack.entry({ name: f.name, type: 'directory' });
    // tar-stream writes `pax` records (its type definitions do not list the field).
    else pack.entry({ name: f.name, ...(f.pax ? { pax: f.pax } : {}) } as tar.Headers, f.body ?? Buffer.alloc(f.size ?? 0, fill));
  }
  pack.finalize();
  return done;
}
