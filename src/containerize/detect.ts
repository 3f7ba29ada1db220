// Project detection: which dependency files exist and what they declare, the Python or R
// version, what the project runs, whether it wants a GPU, and what to keep out of the image.
import { detectApp } from './app';
import { detectGpu } from './gpu';
import {
  readCondaEnv, readDescription, readPipfile, readPipfileLock, readPoetryLock, readPyproject, readPythonVersionFile,
  readRenvLock, readSetupCfg, readSetupPy, readUvLock, type ManifestResult,
} from './manifests';
import { readRequirements } from './requirements';
import type { ProjectFiles } from './projectFiles';
import { DEFAULT_PYTHON } from './defaults';
import type { Detected, DepSource, PyDep, PyIndex, PythonVersion, RProject } from './types';

const WEIGHT_EXT = ['.ckpt', '.safetensors', '.pt', '.pth', '.gguf'];
/** Weight formats the .dockerignore template excludes. */
const MODEL_EXT = [...WEIGHT_EXT, '.onnx', '.h5'];
const DATA_DIRS = new Set(['data', 'datasets', 'dataset', 'checkpoints', 'ckpt', 'weights', 'mlruns', 'mlartifacts', 'wandb', 'runs', 'outputs', 'lightning_logs', 'logs', 'tb_logs', 'artifacts']);

/** Requirement files at the top level, the plain `requirements.txt` first. */
function requirementFiles(files: ProjectFiles): string[] {
  const top = files.files.filter((f) => /^requirements[^/]*\.(txt|in)$/.test(f));
  const inReqDir = files.files.filter((f) => /^requirements\/[^/]+\.txt$/.test(f));
  const rank = (f: string): number =>
    f === 'requirements.txt' ? 0 : /(^|[-_/])(prod|production|base|main|runtime|serve|inference)\b/.test(f) ? 1 : /(dev|test|lint|docs|ci)\b/.test(f) ? 9 : f.endsWith('.in') ? 8 : 5;
  return [...top, ...inReqDir].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : 1));
}

function mergeDeps(into: PyDep[], more: PyDep[]): void {
  for (const d of more) {
    const i = into.findIndex((x) => x.name === d.name);
    if (i < 0) into.push(d);
    else if (!into[i].exact && d.exact) into[i] = { ...into[i], spec: d.spec, exact: d.exact, ...(d.local ? { local: d.local } : {}) };
  }
}

function mergeIndexes(into: PyIndex[], more: PyIndex[]): void {
  for (const ix of more) if (!into.some((x) => x.url === ix.url)) into.push(ix);
}

const minorNum = (v: string): number => {
  const [a, b] = v.split('.').map(Number);
  return a * 100 + (b || 0);
};

/**
 * The Python minor to use for a `requires-python` spec: `preferred` when the spec allows it, else
 * the lowest minor it allows. `>=3.9` → 3.12 (preferred), `>=3.8,<3.11` → 3.8, `==3.10.*` → 3.10.
 * Undefined when the spec has no version in it.
 */
export function pythonForSpec(spec: string, preferred: string): string | undefined {
  let lo: number | undefined;
  let hi = Infinity;
  let exact: string | undefined;
  for (const part of spec.split(',')) {
    const m = /^\s*(>=|<=|>|<|==|~=|\^|~)?\s*(\d+)(?:\.(\d+))?/.exec(part);
    if (!m) continue;
    const v = Number(m[2]) * 100 + Number(m[3] ?? 0);
    const op = m[1] ?? '==';
    if (op === '==') exact = `${m[2]}.${m[3] ?? 0}`;
    else if (op === '>=' || op === '>') lo = Math.max(lo ?? 0, v);
    else if (op === '<') hi = Math.min(hi, v - 1);
    else if (op === '<=') hi = Math.min(hi, v);
    else if (op === '^' || op === '~=') {
      lo = Math.max(lo ?? 0, v);
      hi = Math.min(hi, Number(m[2]) * 100 + 99);
    } else if (op === '~') {
      lo = Math.max(lo ?? 0, v);
      hi = Math.min(hi, v);
    }
  }
  if (exact) return exact;
  if (lo === undefined && hi === Infinity) return undefined;
  const p = minorNum(preferred);
  if ((lo === undefined || p >= lo) && p <= hi) return preferred;
  if (lo !== undefined) return `${Math.floor(lo / 100)}.${lo % 100}`;
  return `${Math.floor(hi / 100)}.${hi % 100}`;
}

export function detect(files: ProjectFiles): Detected {
  const notes: string[] = [];
  const deps: PyDep[] = [];
  const indexes: PyIndex[] = [];
  const manifestFiles: string[] = [];
  let source: DepSource = { kind: 'none' };
  let python: PythonVersion | undefined;
  let requiresPython: string | undefined;
  let scripts: string[] | undefined;
  let conda: { name: string; version?: string }[] = [];
  const take = (r: ManifestResult, file: string): void => {
    mergeDeps(deps, r.deps);
    mergeIndexes(indexes, r.indexes);
    notes.push(...r.notes);
    if (r.requiresPython && !requiresPython) requiresPython = r.requiresPython;
    if (r.python && !python) python = { version: r.python, from: file };
    if (r.scripts && !scripts) scripts = r.scripts;
  };
  const read = (f: string): string | undefined => (files.has(f) ? files.read(f) : undefined);

  const pyVersionFile = read('.python-version');
  if (pyVersionFile !== undefined) {
    const v = readPythonVersionFile(pyVersionFile);
    if (v) python = { version: v, from: '.python-version' };
  }

  // pyproject first: it names the tool (uv / Poetry) and the project's own scripts
  const pyproject = read('pyproject.toml');
  const pp = pyproject !== undefined ? readPyproject(pyproject) : undefined;
  const uvLock = read('uv.lock');
  const poetryLock = read('poetry.lock');
  const pipfile = read('Pipfile');
  const pipfileLock = read('Pipfile.lock');
  const condaFile = ['environment.yml', 'environment.yaml', 'conda.yml', 'conda.yaml'].find((f) => files.has(f));
  const reqFiles = requirementFiles(files);

  if (uvLock !== undefined && pp) {
    source = { kind: 'uv', lock: true };
    take(pp, 'pyproject.toml');
    take(readUvLock(uvLock), 'uv.lock');
    manifestFiles.push('pyproject.toml', 'uv.lock');
  } else if (pp && (poetryLock !== undefined || (pyproject ?? '').includes('[tool.poetry'))) {
    source = { kind: 'poetry', lock: poetryLock !== undefined };
    take(pp, 'pyproject.toml');
    manifestFiles.push('pyproject.toml');
    if (poetryLock !== undefined) {
      take(readPoetryLock(poetryLock), 'poetry.lock');
      manifestFiles.push('poetry.lock');
    }
  } else if (pipfile !== undefined) {
    source = { kind: 'pipenv', lock: pipfileLock !== undefined };
    take(readPipfile(pipfile), 'Pipfile');
    manifestFiles.push('Pipfile');
    if (pipfileLock !== undefined) {
      take(readPipfileLock(pipfileLock), 'Pipfile.lock');
      manifestFiles.push('Pipfile.lock');
    }
  } else if (condaFile) {
    const c = readCondaEnv(read(condaFile) ?? '', condaFile);
    source = { kind: 'conda', file: condaFile };
    take(c, condaFile);
    conda = c.condaPackages;
    manifestFiles.push(condaFile);
  } else if (reqFiles.length) {
    const r = readRequirements(files, reqFiles[0]);
    source = { kind: 'requirements', files: r.files };
    take({ deps: r.deps, indexes: r.indexes, notes: r.notes }, reqFiles[0]);
    manifestFiles.push(...r.files);
    if (pp) take({ ...pp, deps: [] }, 'pyproject.toml');
  } else if (pp && pp.deps.length) {
    source = { kind: 'pyproject' };
    take(pp, 'pyproject.toml');
    manifestFiles.push('pyproject.toml');
  } else if (files.has('setup.cfg') || files.has('setup.py')) {
    const file = files.has('setup.cfg') && readSetupCfg(read('setup.cfg') ?? '').deps.length ? 'setup.cfg' : files.has('setup.py') ? 'setup.py' : 'setup.cfg';
    const r = file === 'setup.cfg' ? readSetupCfg(read(file) ?? '') : readSetupPy(read(file) ?? '');
    source = { kind: 'setup', file };
    take(r, file);
  }
  if (pp && !scripts && pp.scripts) scripts = pp.scripts;
  if (pp && !requiresPython && pp.requiresPython) requiresPython = pp.requiresPython;
  if (!python && requiresPython) {
    const v = pythonForSpec(requiresPython, DEFAULT_PYTHON);
    if (v) python = { version: v, from: `requires-python ${requiresPython}` };
  }

  // R
  let r: RProject | undefined;
  const renv = read('renv.lock');
  const description = read('DESCRIPTION');
  if (renv !== undefined) {
    const x = readRenvLock(renv);
    notes.push(...x.notes);
    r = { ...(x.version ? { version: x.version } : {}), ...(x.renvVersion ? { renvVersion: x.renvVersion } : {}), packages: x.packages, renvLock: true, from: 'renv.lock' };
    if (source.kind === 'none') source = { kind: 'renv' };
    manifestFiles.push('renv.lock');
  } else if (description !== undefined) {
    const x = readDescription(description);
    r = { ...(x.version ? { version: x.version } : {}), packages: x.packages, renvLock: false, from: 'DESCRIPTION' };
    if (source.kind === 'none') source = { kind: 'description' };
  }
  const hasR = r !== undefined || files.files.some((f) => /(^|\/)plumber\.R$/.test(f));
  if (hasR && !r) {
    // a plumber API with neither renv.lock nor DESCRIPTION: packages from library() calls
    r = { packages: rLibraries(files), renvLock: false, from: 'library() calls' };
  }
  const language: Detected['language'] = deps.length || source.kind !== 'none' && source.kind !== 'renv' && source.kind !== 'description' ? 'python' : hasR ? 'r' : files.files.some((f) => f.endsWith('.py') || f.endsWith('.ipynb')) ? 'python' : 'unknown';
  const app = detectApp(files, deps, scripts);
  const gpu = detectGpu(deps, indexes, conda);
  return {
    language,
    source,
    deps,
    indexes,
    ...(python ? { python } : {}),
    ...(requiresPython ? { requiresPython } : {}),
    ...(language === 'r' && r ? { r } : {}),
    app,
    gpu,
    exclude: excludes(files),
    weights: files.files.filter((f) => MODEL_EXT.some((e) => f.toLowerCase().endsWith(e))).slice(0, 20),
    manifestFiles,
    notes,
  };
}

function rLibraries(files: ProjectFiles): string[] {
  const out: string[] = [];
  for (const f of files.files.filter((x) => /\.R$/.test(x)).slice(0, 20)) {
    const text = files.read(f, 200 * 1024) ?? '';
    for (const m of text.matchAll(/\b(?:library|require)\(\s*["']?([A-Za-z][A-Za-z0-9.]*)/g)) if (!out.includes(m[1])) out.push(m[1]);
  }
  if (!out.includes('plumber') && files.files.some((f) => f.endsWith('plumber.R'))) out.unshift('plumber');
  return out;
}

/** What to keep out of the build context: what the walk skipped or found, as .dockerignore lines. */
function excludes(files: ProjectFiles): string[] {
  const out = new Set<string>();
  for (const d of files.skippedDirs) {
    const top = d.split('/')[0];
    const name = d.slice(d.lastIndexOf('/') + 1);
    if (d === top) out.add(top);
    else if (DATA_DIRS.has(name) || name === '.ipynb_checkpoints' || name === '__pycache__') out.add(`**/${name}`);
  }
  for (const v of files.venvDirs) out.add(v);
  for (const f of files.files) {
    const dot = f.lastIndexOf('.');
    const ext = dot >= 0 ? f.slice(dot).toLowerCase() : '';
    if (WEIGHT_EXT.includes(ext)) out.add(`**/*${ext}`);
    if (f === '.env' || f.endsWith('/.env')) out.add('.env');
  }
  return [...out].sort();
}
