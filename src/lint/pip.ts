// Reading `pip install` command lines, shared by the pip rules (DL3013, DL3042) and the ML rules.
//
//   isPipInstall(cmd)      → is this simple command a pip install? Recognises `pip`, `pip3`, `pip3.11`, `pipx`,
//                            `/usr/bin/pip3`, `python -m pip`, `python3 -m pip`, `python3.11 -u -m pip`
//                            and `uv pip install`, with pip's global options before `install`.
//   parsePipInstall(cmd)   → the whole call: tool, the `install` word, options, targets, files, indexes.
//   pipInstallTargets(cmd) → just the things to install (requirement specifiers, URLs, paths), each with
//                            its project name, version specifier and whether it counts as pinned.
//
// `cmd` is a simple command from shell.ts, normally already unwrapped (`commandsOf` drops sudo/env/…).
import { addToList } from './arrays';
import { memoOf, type Command, type Word } from './shell';

/** pip options (global and `install`) that take a separate value. Their values are never targets. */
export const PIP_OPTS_WITH_VALUE = new Set([
  // install
  '-r', '--requirement', '-c', '--constraint', '-e', '--editable', '-t', '--target', '--platform', '--python-version',
  '--implementation', '--abi', '--root', '--prefix', '--src', '--upgrade-strategy', '--progress-bar', '--root-user-action',
  '--report', '--config-settings', '-C', '--global-option', '--install-option', '--no-binary', '--only-binary',
  '-i', '--index-url', '--extra-index-url', '-f', '--find-links', '--group',
  // global
  '--python', '--log', '--log-file', '--proxy', '--retries', '--timeout', '--exists-action', '--trusted-host', '--cert',
  '--client-cert', '--cache-dir', '--use-feature', '--use-deprecated', '--keyring-provider', '--resume-retries',
  // pipx
  '--pip-args', '--suffix', '--preinstall', '--backend',
  // uv pip
  '--index', '--default-index', '--cache-dir', '--python-platform', '--override', '--build-constraint', '--index-strategy', '--torch-backend',
]);

/** Options that take a value glued to a one-letter option (`-rreq.txt`). */
const SHORT_WITH_VALUE = new Set(['r', 'c', 'e', 't', 'i', 'f', 'C']);

export type PipTargetKind = 'requirement' | 'vcs' | 'url' | 'path';

export interface PipTarget {
  /** The shell word (offsets in the RUN script). */
  word: Word;
  /** The target as pip sees it (quotes removed). */
  spec: string;
  /** `requirement`: `name[extras]<specifier>`; `vcs`: `git+…`; `url`: an archive URL; `path`: a local dir/file. */
  kind: PipTargetKind;
  /** Normalised project name (lower case, `_`/`.` → `-`), when one can be told; null otherwise. */
  name: string | null;
  /** Extras, e.g. `['cuda12']` for `jax[cuda12]`. */
  extras: string[];
  /** Version specifier, e.g. `==2.3.1`, `>=1,<2`, '' when none. For VCS targets: the `@ref`, '' when none. */
  specifier: string;
  /** Given with `-e` / `--editable`. */
  editable: boolean;
  /** True when the version is fixed or bounded the way hadolint counts it (any specifier, a VCS ref, a file or path). */
  pinned: boolean;
}

export interface PipInstall {
  tool: 'pip' | 'uv' | 'pipx';
  /** The `install` word. */
  installWord: Word;
  /** Options given (after the pip word), name → values ('' for a switch), `--opt=value` split. */
  options: Map<string, string[]>;
  targets: PipTarget[];
  /** `-r` / `--requirement` files. */
  requirementFiles: string[];
  /** `-c` / `--constraint` files. */
  constraintFiles: string[];
  /** `-i` / `--index-url` (or uv `--index-url`/`--default-index`), null when not given. */
  indexUrl: string | null;
  extraIndexUrls: string[];
  /** `--no-cache-dir` (pip) or `--no-cache` / `-n` (uv). */
  noCache: boolean;
}

const PYTHON_RE = /^python(\d+(\.\d+)?)?$/;
const PIP_RE = /^pip(\d+(\.\d+)?)?$/;

/**
 * Where pip's own arguments start in `cmd.args` (index of the first argument after `pip`), or -1 when
 * `cmd` is not pip at all.
 */
function pipArgsStart(cmd: Command): { at: number; tool: 'pip' | 'uv' | 'pipx' } | null {
  // pip…, pipx, python… or uv: anything else is settled by its first letter
  if (cmd.base[0] !== 'p' && cmd.base !== 'uv') return null;
  if (PIP_RE.test(cmd.base)) return { at: 0, tool: 'pip' };
  if (cmd.base === 'pipx') return { at: 0, tool: 'pipx' };
  const a = cmd.args;
  if (PYTHON_RE.test(cmd.base)) {
    for (let k = 0; k < a.length; k++) {
      const t = a[k].text;
      if (t === '-m') return a[k + 1] && PIP_RE.test(a[k + 1].text) ? { at: k + 2, tool: 'pip' } : null;
      if (t === '-mpip') return { at: k + 1, tool: 'pip' };
      if (!t.startsWith('-') || t === '-c') return null; // a script or -c code: not pip
      if (t === '-W' || t === '-X') k++;
    }
    return null;
  }
  if (cmd.base === 'uv') {
    let k = 0;
    while (k < a.length && a[k].text.startsWith('-')) k += PIP_OPTS_WITH_VALUE.has(a[k].text) ? 2 : 1;
    return a[k]?.text === 'pip' ? { at: k + 1, tool: 'uv' } : null;
  }
  return null;
}

/**
 * Parses a `pip install` (or `python -m pip install`, `uv pip install`) command; null for anything
 * else. Cached per command object (several rules ask about the same command); treat as read-only.
 */
export function parsePipInstall(cmd: Command): PipInstall | null {
  const m = memoOf(cmd);
  if (m.pip === undefined) m.pip = parsePipInstallUncached(cmd);
  return m.pip as PipInstall | null;
}

function parsePipInstallUncached(cmd: Command): PipInstall | null {
  const start = pipArgsStart(cmd);
  if (!start) return null;
  const a = cmd.args;
  const options = new Map<string, string[]>();
  const add = (k: string, v: string) => addToList(options, k, v);
  let installWord: Word | null = null;
  const positional: { word: Word; editable: boolean }[] = [];
  for (let k = start.at; k < a.length; k++) {
    const t = a[k].text;
    if (t === '--' && installWord) {
      for (const w of a.slice(k + 1)) positional.push({ word: w, editable: false });
      break;
    }
    if (t.startsWith('--') && t.length > 2) {
      const eq = t.indexOf('=');
      const name = eq > 0 ? t.slice(0, eq) : t;
      if (eq > 0) {
        add(name, t.slice(eq + 1));
        if (name === '--editable') positional.push({ word: { ...a[k], text: t.slice(eq + 1) }, editable: true });
      }
      else if (PIP_OPTS_WITH_VALUE.has(name) && k + 1 < a.length) {
        if (name === '--editable') positional.push({ word: a[k + 1], editable: true });
        add(name, a[++k].text);
      } else add(name, '');
      continue;
    }
    if (t.startsWith('-') && t.length > 1) {
      // a cluster such as `-qU` or `-qr req.txt`: letters up to the first one that takes a value
      for (let c = 1; c < t.length; c++) {
        const letter = t[c];
        if (!SHORT_WITH_VALUE.has(letter)) {
          add(`-${letter}`, '');
          continue;
        }
        if (c + 1 < t.length) add(`-${letter}`, t.slice(c + 1).replace(/^=/, ''));
        else if (k + 1 < a.length) {
          if (letter === 'e') positional.push({ word: a[k + 1], editable: true });
          add(`-${letter}`, a[++k].text);
        }
        break;
      }
      continue;
    }
    if (!installWord) {
      if (t !== 'install') return null;
      installWord = a[k];
      continue;
    }
    positional.push({ word: a[k], editable: false });
  }
  if (!installWord) return null;
  // the values of several options, in the order of the names (not of the command line)
  const get = (a: string, b?: string, c?: string): string[] => {
    const x = options.get(a);
    const y = b === undefined ? undefined : options.get(b);
    const z = c === undefined ? undefined : options.get(c);
    if (!y && !z) return x ? x.slice() : [];
    return [...(x ?? []), ...(y ?? []), ...(z ?? [])];
  };
  const targets: PipTarget[] = positional.length ? positional.map((p) => classify(p.word, p.editable)) : [];
  const uv = start.tool === 'uv';
  const indexes = options.size ? (uv ? get('-i', '--index-url', '--default-index') : get('-i', '--index-url')) : [];
  return {
    tool: start.tool,
    installWord,
    options,
    targets,
    requirementFiles: options.size ? get('-r', '--requirement') : [],
    constraintFiles: options.size ? get('-c', '--constraint') : [],
    indexUrl: indexes.length ? indexes[indexes.length - 1] : null,
    extraIndexUrls: !options.size ? [] : uv ? get('--extra-index-url', '--index') : get('--extra-index-url'),
    noCache: start.tool === 'uv' ? options.has('--no-cache') || options.has('-n') || options.has('--no-cache-dir') : options.has('--no-cache-dir'),
  };
}

/** True for `pip install …`, `pip3.11 install …`, `python3 -m pip install …`, `uv pip install …`. */
export function isPipInstall(cmd: Command): boolean {
  return parsePipInstall(cmd) !== null;
}

/** The targets of a pip install command (empty when `cmd` is not one). See {@link PipTarget}. */
export function pipInstallTargets(cmd: Command): PipTarget[] {
  return parsePipInstall(cmd)?.targets ?? [];
}

const ARCHIVE_RE = /\.(whl|tar\.gz|tgz|tar\.bz2|tar\.xz|zip)$/i;

const NEEDS_NORMALISING = /[_.]|--/;

export function normaliseName(n: string): string {
  const lower = n.toLowerCase();
  return NEEDS_NORMALISING.test(lower) ? lower.replace(/[-_.]+/g, '-') : lower;
}

/** `@ref` of a VCS URL, after the host part (user@host does not count); '' when none. */
function vcsRef(url: string): string {
  const noFrag = url.split('#')[0];
  const scheme = noFrag.indexOf('://');
  const afterScheme = scheme >= 0 ? noFrag.slice(scheme + 3) : noFrag;
  const slash = afterScheme.indexOf('/');
  if (slash < 0) return '';
  const path = afterScheme.slice(slash);
  const at = path.lastIndexOf('@');
  return at >= 0 ? path.slice(at) : '';
}

function classify(word: Word, editable: boolean): PipTarget {
  const spec = word.text.trim();
  // PEP 508 direct reference: `name @ url`
  const direct = spec.includes('@') ? /^([A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?\s*@\s*(\S+)$/.exec(spec) : null;
  if (direct && /[:/]/.test(direct[3])) {
    const inner = classify({ ...word, text: direct[3] }, editable);
    return { ...inner, word, spec, name: normaliseName(direct[1]), extras: splitExtras(direct[2]) };
  }
  const eggMatch = spec.includes('#egg=') ? /#egg=([A-Za-z0-9._-]+)/.exec(spec) : null;
  const egg = eggMatch ? normaliseName(eggMatch[1]) : null;
  if (spec.includes('+') && /^(git|hg|svn|bzr)\+/i.test(spec)) {
    const ref = vcsRef(spec);
    return target(word, spec, editable, 'vcs', egg, [], ref, ref !== '');
  }
  if (spec.includes('://') && /^[a-z][a-z0-9+.-]*:\/\//i.test(spec)) {
    return target(word, spec, editable, 'url', egg, [], '', true);
  }
  // a local project, with extras or not: `.`, `..[dev]`, `./pkg`, `/src/x[all]`
  const bare = spec.endsWith(']') ? spec.replace(/\[[^\]]*\]$/, '') : spec;
  if (bare === '.' || bare === '..' || startsLikePath(bare) || isArchive(spec) || (spec.includes('/') && !/[<>=!~]/.test(spec))) {
    return target(word, spec, editable, 'path', null, bare === spec ? [] : splitExtras(spec.slice(bare.length)), '', true);
  }
  // a variable (`$PKG`, `"${PKGS[@]}"`) holds what it holds: maybe a pin, maybe a list; nothing to judge
  if (spec.charCodeAt(0) === 36 /* $ */) return target(word, spec, editable, 'requirement', null, [], '', true);
  const req = splitRequirement(spec);
  if (!req) return target(word, spec, editable, 'requirement', null, [], '', hasVersionOp(spec));
  const semi = req.rest.indexOf(';');
  const specifier = (semi < 0 ? req.rest : req.rest.slice(0, semi)).trim();
  // a variable in the specifier (`torch$TORCH_PIN`) may hold the pin
  return target(word, spec, editable, 'requirement', normaliseName(req.name), splitExtras(req.extras), specifier,
    specifier.includes('$') || hasVersionOp(specifier));
}

/** `/^(\.{1,2}\/|\/|~\/)/.test(s)`: `./`, `../`, `/` or `~/` at the start. */
function startsLikePath(s: string): boolean {
  const c0 = s.charCodeAt(0);
  if (c0 === 47 /* / */) return true;
  const c1 = s.charCodeAt(1);
  if (c0 === 126 /* ~ */) return c1 === 47;
  return c0 === 46 /* . */ && (c1 === 47 || (c1 === 46 && s.charCodeAt(2) === 47));
}

/** ARCHIVE_RE, tested only when the last letter can end one of its extensions (`l`, `z`, `2`, `p`). */
function isArchive(spec: string): boolean {
  const last = spec.charCodeAt(spec.length - 1) | 0x20;
  return (last === 0x6c || last === 0x7a || last === 0x32 || last === 0x70) && ARCHIVE_RE.test(spec);
}

/** True when a specifier holds one of pip's version operators (`===`, `==`, `~=`, `!=`, `<=`, `>=`, `<`, `>`). */
function hasVersionOp(s: string): boolean {
  return s.includes('<') || s.includes('>') || s.includes('==') || s.includes('~=') || s.includes('!=');
}

/** JavaScript's `\s`. */
function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || (c > 127 && /\s/.test(String.fromCharCode(c)));
}

/** Line terminators, which `.` does not match. */
function isLineEnd(c: number): boolean {
  return c === 10 || c === 13 || c === 0x2028 || c === 0x2029;
}

function isNameChar(c: number, first: boolean): boolean {
  return (c >= 48 && c <= 57) || ((c | 0x20) >= 97 && (c | 0x20) <= 122) || (!first && (c === 46 || c === 95 || c === 45));
}

/**
 * `/^([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?\s*(.*)$/.exec(spec)` as a scan: the name, the extras
 * (with brackets, undefined when none) and the rest; null where the regex finds no match (no name, or
 * a line end in the rest).
 */
function splitRequirement(spec: string): { name: string; extras: string | undefined; rest: string } | null {
  const n = spec.length;
  let i = 0;
  while (i < n && isNameChar(spec.charCodeAt(i), i === 0)) i++;
  if (i === 0) return null;
  const name = spec.slice(0, i);
  while (i < n && isSpace(spec.charCodeAt(i))) i++;
  let extras: string | undefined;
  if (spec.charCodeAt(i) === 91 /* [ */) {
    const close = spec.indexOf(']', i + 1);
    if (close >= 0) {
      extras = spec.slice(i, close + 1);
      i = close + 1;
      while (i < n && isSpace(spec.charCodeAt(i))) i++;
    }
  }
  for (let k = i; k < n; k++) if (isLineEnd(spec.charCodeAt(k))) return null;
  return { name, extras, rest: spec.slice(i) };
}

/** A PipTarget, its properties always in the same order. */
function target(word: Word, spec: string, editable: boolean, kind: PipTargetKind, name: string | null, extras: string[], specifier: string, pinned: boolean): PipTarget {
  return { word, spec, editable, extras, kind, name, specifier, pinned };
}

function splitExtras(s: string | undefined): string[] {
  if (!s) return [];
  return s.slice(1, -1).split(',').map((e) => e.trim()).filter(Boolean);
}
