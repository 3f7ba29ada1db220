// The torch pin of the project being built, read from the build context's requirements files, for the
// cross-file check ML021 (the base image's CUDA against the CUDA of the project's own torch wheel). Plain
// Node `fs`, bounded: only `requirements*.txt` at the context root, each at most 256 KiB.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cudaOfTorchWheel } from '../ml/torch';
import type { ProjectTorchPin } from './types';

const MAX_BYTES = 256 * 1024;

/** Reads `torch==X` (with `+cuXYZ`, or a cuXYZ `--index-url`/`--extra-index-url`) from requirements text. */
export function torchPinOf(text: string, file: string): ProjectTorchPin | undefined {
  let indexUrl: string | undefined;
  let pin: { version: string; line: number } | undefined;
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].replace(/(^|\s)#.*$/, '').trim();
    const ix = /^--(?:extra-)?index-url[=\s]+(\S+)/.exec(line);
    if (ix && /\/whl\/(?:nightly\/|test\/)?cu\d{2,3}\b/.test(ix[1])) indexUrl = ix[1];
    const m = /^torch\s*(?:\[[^\]]*\])?\s*==\s*([0-9][\w.+-]*)\s*(?:;.*)?$/i.exec(line);
    if (m && !pin) pin = { version: m[1], line: i + 1 };
  }
  if (!pin) return undefined;
  const cuda = cudaOfTorchWheel(pin.version, indexUrl);
  if (!cuda || cuda.major === null) return undefined;
  return { file, line: pin.line, version: pin.version, cudaMajor: cuda.major, cuda: cuda.exact ? `${cuda.exact.major}.${cuda.exact.minor}` : null, source: cuda.source, asOf: cuda.asOf };
}

/** The first torch pin with a known CUDA in the context's `requirements*.txt` (requirements.txt first). */
export function readProjectTorchPin(contextDir: string): ProjectTorchPin | undefined {
  let names: string[];
  try {
    names = fs.readdirSync(contextDir).filter((n) => /^requirements[\w.-]*\.txt$/i.test(n)).sort((a, b) => (a === 'requirements.txt' ? -1 : b === 'requirements.txt' ? 1 : a.localeCompare(b)));
  } catch {
    return undefined;
  }
  for (const name of names) {
    const file = path.join(contextDir, name);
    try {
      const st = fs.statSync(file);
      if (!st.isFile() || st.size > MAX_BYTES) continue;
      const pin = torchPinOf(fs.readFileSync(file, 'utf8'), name);
      if (pin) return pin;
    } catch {
      // unreadable: nothing to say
    }
  }
  return undefined;
}
