// The framework pin of the project being built (torch, or TensorFlow's `[and-cuda]` wheels), read from
// the build context's requirements files and pyproject.toml, for the cross-file check ML021 (the base
// image's CUDA against the CUDA of the project's own wheel). Plain Node `fs`, bounded: only files at
// the context root, each at most 256 KiB.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { TABLE_DATES } from '../ml/sources';
import { cudaOfTensorflow } from '../ml/tensorflow';
import { cudaOfTorchWheel } from '../ml/torch';
import type { ProjectTorchPin } from './types';

const MAX_BYTES = 256 * 1024;

/** Reads `torch==X` (with `+cuXYZ`, or a cuXYZ `--index-url`/`--extra-index-url`), else `tensorflow[and-cuda]==X`, from requirements text. */
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
  if (pin) {
    const cuda = cudaOfTorchWheel(pin.version, indexUrl);
    if (cuda && cuda.major !== null) {
      return { file, line: pin.line, package: 'torch', version: pin.version, cudaMajor: cuda.major, cuda: cuda.exact ? `${cuda.exact.major}.${cuda.exact.minor}` : null, source: cuda.source, asOf: cuda.asOf };
    }
  }
  return tensorflowPin(lines, file);
}

/** `tensorflow[and-cuda]==X`: the CUDA TensorFlow X was built and tested with (a plain `tensorflow` brings no CUDA). */
function tensorflowPin(lines: readonly string[], file: string): ProjectTorchPin | undefined {
  for (let i = 0; i < lines.length; i++) {
    const m = /^tensorflow\s*\[[^\]]*\band-cuda\b[^\]]*\]\s*==\s*([0-9][\w.]*)\s*(?:;.*)?$/i.exec(lines[i].replace(/(^|\s)#.*$/, '').trim());
    if (!m) continue;
    const cuda = cudaOfTensorflow(m[1]);
    if (!cuda) return undefined;
    return { file, line: i + 1, package: 'tensorflow', version: m[1], cudaMajor: cuda.major, cuda: `${cuda.major}.${cuda.minor}`, source: 'pypi', asOf: TABLE_DATES.tensorflow };
  }
  return undefined;
}

/** The dependencies of `pyproject.toml` (PEP 621 `[project]`, optional groups too), one per line, for torchPinOf. */
export function pyprojectRequirements(text: string): string | undefined {
  let doc: Record<string, unknown>;
  try {
    doc = parseToml(text) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  const project = doc.project as { dependencies?: unknown; 'optional-dependencies'?: Record<string, unknown> } | undefined;
  const deps: string[] = [];
  const add = (x: unknown) => { if (Array.isArray(x)) for (const d of x) if (typeof d === 'string') deps.push(d.replace(/\s+/g, '')); };
  add(project?.dependencies);
  for (const group of Object.values(project?.['optional-dependencies'] ?? {})) add(group);
  return deps.length ? deps.join('\n') : undefined;
}

/** The first framework pin with a known CUDA in the context's `requirements*.txt` (requirements.txt first), then pyproject.toml. */
export function readProjectTorchPin(contextDir: string): ProjectTorchPin | undefined {
  let names: string[];
  try {
    names = fs.readdirSync(contextDir).filter((n) => /^requirements[\w.-]*\.txt$/i.test(n)).sort((a, b) => (a === 'requirements.txt' ? -1 : b === 'requirements.txt' ? 1 : a.localeCompare(b)));
  } catch {
    return undefined;
  }
  for (const name of [...names, 'pyproject.toml']) {
    const file = path.join(contextDir, name);
    try {
      const st = fs.statSync(file);
      if (!st.isFile() || st.size > MAX_BYTES) continue;
      const text = fs.readFileSync(file, 'utf8');
      const reqs = name === 'pyproject.toml' ? pyprojectRequirements(text) : text;
      const pin = reqs === undefined ? undefined : torchPinOf(reqs, name);
      // a pyproject pin has no line of its own in the joined list: point at the file
      if (pin) return name === 'pyproject.toml' ? { ...pin, line: 1 } : pin;
    } catch {
      // missing or unreadable: nothing to say
    }
  }
  return undefined;
}
