// Readers for the other dependency files: pyproject.toml (PEP 621, Poetry, uv), uv.lock,
// poetry.lock, Pipfile / Pipfile.lock, conda environment.yml, setup.py / setup.cfg, and the R
// files (renv.lock, DESCRIPTION). Each returns what it could read and a note for what it could
// not; none throws on malformed input.
import { parse as parseToml } from 'smol-toml';
import { parse as parseYaml } from 'yaml';
import { exactOf, fromPoetryConstraint, normalizeName, parseRequirement } from './pep508';
import type { PyDep, PyIndex } from './types';

export interface ManifestResult {
  deps: PyDep[];
  indexes: PyIndex[];
  python?: string;
  requiresPython?: string;
  scripts?: string[];
  notes: string[];
}

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);
const str = (x: unknown): string | undefined => (typeof x === 'string' ? x : undefined);

function empty(): ManifestResult {
  return { deps: [], indexes: [], notes: [] };
}

function firstLine(e: unknown): string {
  return String(e instanceof Error ? e.message : e).split('\n')[0];
}

function tomlOf(text: string, file: string, notes: string[]): Obj | undefined {
  try {
    return parseToml(text) as Obj;
  } catch (e) {
    notes.push(`${file} is not valid TOML (${firstLine(e)}); it was skipped`);
    return undefined;
  }
}

function addReqList(list: unknown, file: string, out: PyDep[]): void {
  if (!Array.isArray(list)) return;
  for (const x of list) {
    const d = typeof x === 'string' ? parseRequirement(x, file) : undefined;
    if (d) out.push(d);
  }
}

/** Poetry/Pipfile dependency tables: `name = "^1.2"` or `name = { version = "…", extras = […], source = "…" }`. */
function addTable(table: unknown, file: string, out: PyDep[], skip: string[] = []): void {
  if (!isObj(table)) return;
  for (const [rawName, v] of Object.entries(table)) {
    const name = normalizeName(rawName);
    if (skip.includes(name)) continue;
    const entries = Array.isArray(v) ? v : [v];
    for (const e of entries) {
      let spec = '';
      let extras: string[] = [];
      let marker: string | undefined;
      if (typeof e === 'string') spec = fromPoetryConstraint(e);
      else if (isObj(e)) {
        spec = fromPoetryConstraint(str(e.version) ?? '');
        if (Array.isArray(e.extras)) extras = e.extras.filter((x): x is string => typeof x === 'string').map(normalizeName);
        marker = str(e.markers);
      } else continue;
      out.push({ name, spec, extras, from: file, ...exactOf(spec), ...(marker ? { marker } : {}) });
      break;
    }
  }
}

export function readPyproject(text: string, file = 'pyproject.toml'): ManifestResult {
  const r = empty();
  const doc = tomlOf(text, file, r.notes);
  if (!doc) return r;
  const project = isObj(doc.project) ? doc.project : undefined;
  if (project) {
    addReqList(project.dependencies, file, r.deps);
    r.requiresPython = str(project['requires-python']);
    if (isObj(project.scripts)) r.scripts = Object.keys(project.scripts);
  }
  const tool = isObj(doc.tool) ? doc.tool : {};
  const poetry = isObj(tool.poetry) ? tool.poetry : undefined;
  if (poetry) {
    const deps = isObj(poetry.dependencies) ? poetry.dependencies : undefined;
    if (deps && r.requiresPython === undefined) {
      const py = deps.python;
      const pyc = typeof py === 'string' ? py : isObj(py) ? str(py.version) : undefined;
      if (pyc) r.requiresPython = fromPoetryConstraint(pyc);
    }
    addTable(deps, file, r.deps, ['python']);
    if (Array.isArray(poetry.source)) {
      for (const s of poetry.source) {
        if (!isObj(s) || typeof s.url !== 'string') continue;
        const prio = str(s.priority);
        r.indexes.push({ url: s.url, kind: prio === 'primary' || prio === 'default' || s.default === true ? 'index' : 'extra', from: file });
      }
    }
    if (!r.scripts && isObj(poetry.scripts)) r.scripts = Object.keys(poetry.scripts);
  }
  const uv = isObj(tool.uv) ? tool.uv : undefined;
  if (uv) {
    const idx = Array.isArray(uv.index) ? uv.index : [];
    for (const s of idx) {
      if (!isObj(s) || typeof s.url !== 'string') continue;
      r.indexes.push({ url: s.url, kind: s.default === true ? 'index' : 'extra', from: file });
    }
    if (typeof uv['index-url'] === 'string') r.indexes.push({ url: uv['index-url'], kind: 'index', from: file });
    if (Array.isArray(uv['extra-index-url'])) for (const u of uv['extra-index-url']) if (typeof u === 'string') r.indexes.push({ url: u, kind: 'extra', from: file });
  }
  return r;
}

/** uv.lock: exact versions of every package, and `requires-python`. */
export function readUvLock(text: string, file = 'uv.lock'): ManifestResult {
  const r = empty();
  const doc = tomlOf(text, file, r.notes);
  if (!doc) return r;
  r.requiresPython = str(doc['requires-python']);
  if (Array.isArray(doc.package)) {
    for (const p of doc.package) {
      if (!isObj(p) || typeof p.name !== 'string' || typeof p.version !== 'string') continue;
      const src = isObj(p.source) ? p.source : {};
      if (typeof src.editable === 'string' || typeof src.virtual === 'string') continue; // the project itself
      const ex = exactOf('==' + p.version);
      r.deps.push({ name: normalizeName(p.name), spec: '==' + p.version, extras: [], from: file, ...ex });
      const reg = str(src.registry);
      if (reg && !/^https:\/\/pypi\.org\/simple\/?$/.test(reg) && !r.indexes.some((i) => i.url === reg)) r.indexes.push({ url: reg, kind: 'extra', from: file });
    }
  }
  return r;
}

/** poetry.lock: exact versions and `metadata.python-versions`. */
export function readPoetryLock(text: string, file = 'poetry.lock'): ManifestResult {
  const r = empty();
  const doc = tomlOf(text, file, r.notes);
  if (!doc) return r;
  if (isObj(doc.metadata)) r.requiresPython = fromPoetryConstraint(str(doc.metadata['python-versions']) ?? '') || undefined;
  if (Array.isArray(doc.package)) {
    for (const p of doc.package) {
      if (!isObj(p) || typeof p.name !== 'string' || typeof p.version !== 'string') continue;
      r.deps.push({ name: normalizeName(p.name), spec: '==' + p.version, extras: [], from: file, ...exactOf('==' + p.version) });
      const src = isObj(p.source) ? p.source : undefined;
      if (src && typeof src.url === 'string' && src.type === 'legacy' && !r.indexes.some((i) => i.url === src.url)) r.indexes.push({ url: src.url, kind: 'extra', from: file });
    }
  }
  return r;
}

export function readPipfile(text: string, file = 'Pipfile'): ManifestResult {
  const r = empty();
  const doc = tomlOf(text, file, r.notes);
  if (!doc) return r;
  addTable(doc.packages, file, r.deps);
  if (isObj(doc.requires)) r.python = str(doc.requires.python_full_version) ?? str(doc.requires.python_version);
  if (Array.isArray(doc.source)) {
    for (const s of doc.source) if (isObj(s) && typeof s.url === 'string' && !/pypi\.org\/simple/.test(s.url)) r.indexes.push({ url: s.url, kind: 'extra', from: file });
  }
  return r;
}

export function readPipfileLock(text: string, file = 'Pipfile.lock'): ManifestResult {
  const r = empty();
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    r.notes.push(`${file} is not valid JSON (${firstLine(e)}); it was skipped`);
    return r;
  }
  if (!isObj(doc)) return r;
  const meta = isObj(doc._meta) ? doc._meta : {};
  if (isObj(meta.requires)) r.python = str(meta.requires.python_full_version) ?? str(meta.requires.python_version);
  if (isObj(doc.default)) {
    for (const [name, v] of Object.entries(doc.default)) {
      const spec = isObj(v) ? str(v.version) ?? '' : '';
      r.deps.push({ name: normalizeName(name), spec, extras: [], from: file, ...exactOf(spec) });
    }
  }
  return r;
}

/** Conda environment.yml: conda packages (`python=3.11`, `pytorch-cuda=12.1`) and its `pip:` list. */
export function readCondaEnv(text: string, file = 'environment.yml'): ManifestResult & { condaPackages: { name: string; version?: string }[]; channels: string[] } {
  const r = { ...empty(), condaPackages: [] as { name: string; version?: string }[], channels: [] as string[] };
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (e) {
    r.notes.push(`${file} is not valid YAML (${firstLine(e)}); it was skipped`);
    return r;
  }
  if (!isObj(doc)) return r;
  if (Array.isArray(doc.channels)) r.channels = doc.channels.filter((c): c is string => typeof c === 'string');
  if (!Array.isArray(doc.dependencies)) return r;
  for (const d of doc.dependencies) {
    if (typeof d === 'string') {
      // `name`, `name=1.2`, `name==1.2`, `name>=1.2`, `channel::name=1.2`, `name=1.2=build`
      const bare = d.includes('::') ? d.slice(d.indexOf('::') + 2) : d;
      const m = /^([A-Za-z0-9_.-]+)\s*(?:(==?|>=|<=|>|<|!=)\s*([^=\s]+))?/.exec(bare.trim());
      if (!m) continue;
      const name = normalizeName(m[1]);
      const version = m[3];
      r.condaPackages.push({ name, ...(version ? { version } : {}) });
      if (name === 'python' && version) r.python = version;
      else if (name !== 'pip') {
        const spec = version ? (m[2] === '=' ? '==' + version : m[2] + version) : '';
        r.deps.push({ name, spec, extras: [], from: file, ...exactOf(spec) });
      }
    } else if (isObj(d) && Array.isArray(d.pip)) {
      for (const p of d.pip) {
        if (typeof p !== 'string') continue;
        if (p.startsWith('--index-url') || p.startsWith('--extra-index-url')) {
          const url = p.replace(/^--(?:extra-)?index-url[=\s]+/, '').trim();
          if (url) r.indexes.push({ url, kind: p.startsWith('--index-url') ? 'index' : 'extra', from: file });
          continue;
        }
        const dep = parseRequirement(p, file);
        if (dep) r.deps.push(dep);
      }
    }
  }
  return r;
}

/** setup.cfg `[options] install_requires` and `python_requires` (INI, read line by line). */
export function readSetupCfg(text: string, file = 'setup.cfg'): ManifestResult {
  const r = empty();
  let section = '';
  let key = '';
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/\s[#;].*$/, '');
    if (/^\[.*\]\s*$/.test(line)) {
      section = line.trim().slice(1, -1).trim();
      key = '';
      continue;
    }
    if (section !== 'options') continue;
    const kv = /^([A-Za-z_]+)\s*=\s*(.*)$/.exec(line);
    if (kv) {
      key = kv[1];
      if (key === 'python_requires') r.requiresPython = kv[2].trim();
      if (key === 'install_requires' && kv[2].trim()) {
        const d = parseRequirement(kv[2], file);
        if (d) r.deps.push(d);
      }
      continue;
    }
    if (key === 'install_requires' && /^\s+\S/.test(line)) {
      const d = parseRequirement(line, file);
      if (d) r.deps.push(d);
    }
  }
  return r;
}

/**
 * setup.py: the string literals of a literal `install_requires=[…]` list and `python_requires`.
 * Python is not run; a computed list is reported as unreadable.
 */
export function readSetupPy(text: string, file = 'setup.py'): ManifestResult {
  const r = empty();
  const at = text.indexOf('install_requires');
  if (at >= 0) {
    const open = text.indexOf('[', at);
    const close = open >= 0 ? text.indexOf(']', open) : -1;
    const between = open >= 0 ? text.slice(at + 'install_requires'.length, open) : '';
    if (open < 0 || close < 0 || !/^\s*=\s*$/.test(between)) r.notes.push(`${file}: install_requires is not a literal list; its dependencies were not read`);
    else {
      for (const m of text.slice(open + 1, close).matchAll(/(["'])([^"'\n]*)\1/g)) {
        const d = parseRequirement(m[2], file);
        if (d) r.deps.push(d);
      }
    }
  }
  const py = /python_requires\s*=\s*(["'])([^"'\n]*)\1/.exec(text);
  if (py) r.requiresPython = py[2];
  return r;
}

/** `.python-version`: the first non-comment line (`3.11`, `3.11.9`, `cpython-3.12`). */
export function readPythonVersionFile(text: string): string | undefined {
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const m = /(\d+\.\d+(?:\.\d+)?)/.exec(line);
    return m ? m[1] : undefined;
  }
  return undefined;
}

export interface RResult {
  version?: string;
  renvVersion?: string;
  packages: string[];
  notes: string[];
}

export function readRenvLock(text: string, file = 'renv.lock'): RResult {
  const r: RResult = { packages: [], notes: [] };
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    r.notes.push(`${file} is not valid JSON (${firstLine(e)}); it was skipped`);
    return r;
  }
  if (!isObj(doc)) return r;
  if (isObj(doc.R)) r.version = str(doc.R.Version);
  if (isObj(doc.Packages)) {
    r.packages = Object.keys(doc.Packages).sort();
    const renv = doc.Packages.renv;
    if (isObj(renv) && typeof renv.Version === 'string' && /^[0-9][0-9.-]*$/.test(renv.Version)) r.renvVersion = renv.Version;
  }
  return r;
}

/** DESCRIPTION (Debian control format): package names from Depends and Imports, without R itself. */
export function readDescription(text: string): RResult {
  const r: RResult = { packages: [], notes: [] };
  const fields = new Map<string, string>();
  let cur = '';
  for (const line of text.split(/\r?\n/)) {
    const m = /^([A-Za-z][A-Za-z0-9/@-]*):(.*)$/.exec(line);
    if (m) {
      cur = m[1];
      fields.set(cur, m[2].trim());
    } else if (cur && /^\s/.test(line)) fields.set(cur, `${fields.get(cur) ?? ''} ${line.trim()}`);
  }
  for (const f of ['Depends', 'Imports']) {
    for (const part of (fields.get(f) ?? '').split(',')) {
      const name = /^\s*([A-Za-z][A-Za-z0-9.]*)/.exec(part)?.[1];
      if (!name) continue;
      if (name === 'R') {
        const v = /\(\s*>=\s*([0-9.]+)\s*\)/.exec(part);
        if (v) r.version = v[1];
      } else if (!r.packages.includes(name)) r.packages.push(name);
    }
  }
  return r;
}
