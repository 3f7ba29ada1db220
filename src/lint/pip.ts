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

/**
 * True when `s` is `prefix` followed by an optional version (`/^prefix(\d+(\.\d+)?)?$/`): `pip`, `pip3`,
 * `pip3.11`, `python3.12`. A character scan: it runs on every command whose name starts with `p`.
 */
function isVersioned(s: string, prefix: string): boolean {
  if (!s.startsWith(prefix)) return false;
  const n = s.length;
  let i = prefix.length;
  if (i === n) return true;
  const d = i;
  while (i < n && isDigit(s.charCodeAt(i))) i++;
  if (i === d) return false;
  if (i === n) return true;
  if (s.charCodeAt(i) !== 46 /* . */) return false;
  const e = ++i;
  while (i < n && isDigit(s.charCodeAt(i))) i++;
  return i > e && i === n;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * Where pip's own arguments start in `cmd.args` (index of the first argument after `pip`), or -1 when
 * `cmd` is not pip at all. The tool follows from the command name (see {@link toolOf}).
 */
function pipArgsStart(cmd: Command): number {
  const base = cmd.base;
  // pip…, pipx, python… or uv: anything else is settled by its first letter
  if (base.charCodeAt(0) !== 112 /* p */) {
    if (base !== 'uv') return -1;
    const a = cmd.args;
    let k = 0;
    while (k < a.length && a[k].text.startsWith('-')) k += PIP_OPTS_WITH_VALUE.has(a[k].text) ? 2 : 1;
    return a[k]?.text === 'pip' ? k + 1 : -1;
  }
  if (base === 'pipx' || isVersioned(base, 'pip')) return 0;
  if (!isVersioned(base, 'python')) return -1;
  const a = cmd.args;
  for (let k = 0; k < a.length; k++) {
    const t = a[k].text;
    if (t === '-m') return k + 1 < a.length && isVersioned(a[k + 1].text, 'pip') ? k + 2 : -1;
    if (t === '-mpip') return k + 1;
    if (!t.startsWith('-') || t === '-c') return -1; // a script or -c code: not pip
    if (t === '-W' || t === '-X') k++;
  }
  return -1;
}

/** The tool of a command that {@link pipArgsStart} accepted. */
function toolOf(cmd: Command): PipInstall['tool'] {
  return cmd.base === 'uv' ? 'uv' : cmd.base === 'pipx' ? 'pipx' : 'pip';
}

/**
 * Parses a `pip install` (or `python -m pip install`, `uv pip install`) command; null for anything
 * else. Cached per command object (several rules ask about the same command); treat as read-only.
 */
export function parsePipInstall(cmd: Command): PipInstall | null {
  // a name not starting with `p` (other than uv) is settled without touching the command's memo
  if (cmd.base.charCodeAt(0) !== 112 /* p */ && cmd.base !== 'uv') return null;
  const m = memoOf(cmd);
  if (m.pip === undefined) m.pip = parsePipInstallUncached(cmd);
  return m.pip as PipInstall | null;
}

// One pass over the arguments, no closures: every RUN command named `p…` comes through here.
function parsePipInstallUncached(cmd: Command): PipInstall | null {
  const at = pipArgsStart(cmd);
  if (at < 0) return null;
  const a = cmd.args;
  const options = new Map<string, string[]>();
  let installWord: Word | null = null;
  // targets are classified as they come (classify reads only its word)
  const targets: PipTarget[] = [];
  for (let k = at; k < a.length; k++) {
    const t = a[k].text;
    if (t.charCodeAt(0) === 45 /* - */ && t.length > 1) {
      if (t === '--' && installWord) {
        for (let j = k + 1; j < a.length; j++) targets.push(classify(a[j], false));
        break;
      }
      if (t.charCodeAt(1) === 45 /* - */ && t.length > 2) {
        const eq = t.indexOf('=');
        if (eq > 0) {
          const name = t.slice(0, eq);
          const value = t.slice(eq + 1);
          addToList(options, name, value);
          if (name === '--editable') targets.push(classify({ ...a[k], text: value }, true));
        } else if (k + 1 < a.length && PIP_OPTS_WITH_VALUE.has(t)) {
          if (t === '--editable') targets.push(classify(a[k + 1], true));
          addToList(options, t, a[++k].text);
        } else addToList(options, t, '');
        continue;
      }
      // a cluster such as `-qU` or `-qr req.txt`: letters up to the first one that takes a value
      for (let c = 1; c < t.length; c++) {
        const letter = t[c];
        // `-r` is its own name: no string to build for a lone option
        const name = t.length === 2 ? t : `-${letter}`;
        if (!SHORT_WITH_VALUE.has(letter)) {
          addToList(options, name, '');
          continue;
        }
        if (c + 1 < t.length) addToList(options, name, t.slice(t.charCodeAt(c + 1) === 61 /* = */ ? c + 2 : c + 1));
        else if (k + 1 < a.length) {
          if (letter === 'e') targets.push(classify(a[k + 1], true));
          addToList(options, name, a[++k].text);
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
    targets.push(classify(a[k], false));
  }
  if (!installWord) return null;
  const tool = toolOf(cmd);
  if (options.size === 0) {
    return { tool, installWord, options, targets, requirementFiles: [], constraintFiles: [], indexUrl: null, extraIndexUrls: [], noCache: false };
  }
  const indexes = tool === 'uv' ? values(options, '-i', '--index-url', '--default-index') : values(options, '-i', '--index-url');
  return {
    tool,
    installWord,
    options,
    targets,
    requirementFiles: values(options, '-r', '--requirement'),
    constraintFiles: values(options, '-c', '--constraint'),
    indexUrl: indexes.length ? indexes[indexes.length - 1] : null,
    extraIndexUrls: tool === 'uv' ? values(options, '--extra-index-url', '--index') : values(options, '--extra-index-url'),
    noCache: tool === 'uv' ? options.has('--no-cache') || options.has('-n') || options.has('--no-cache-dir') : options.has('--no-cache-dir'),
  };
}

/** The values of several options, in the order of the names (not of the command line); a new array. */
function values(options: ReadonlyMap<string, string[]>, a: string, b?: string, c?: string): string[] {
  const x = options.get(a);
  const y = b === undefined ? undefined : options.get(b);
  const z = c === undefined ? undefined : options.get(c);
  if (!y && !z) return x ? x.slice() : [];
  const out = x ? x.slice() : [];
  if (y) for (const v of y) out.push(v);
  if (z) for (const v of z) out.push(v);
  return out;
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

/** Lower case, runs of `-`, `_`, `.` as one `-` (PEP 503); the regex runs only when there is something to replace. */
export function normaliseName(n: string): string {
  const lower = n.toLowerCase();
  const len = lower.length;
  for (let i = 0; i < len; i++) {
    const c = lower.charCodeAt(i);
    if (c === 95 /* _ */ || c === 46 /* . */ || (c === 45 /* - */ && i + 1 < len && lower.charCodeAt(i + 1) === 45)) return lower.replace(/[-_.]+/g, '-');
  }
  return lower;
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

const DIRECT_REFERENCE = /^([A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?\s*@\s*(\S+)$/;

function classify(word: Word, editable: boolean): PipTarget {
  const spec = word.text.trim();
  // PEP 508 direct reference: `name @ url`
  const direct = spec.includes('@') ? DIRECT_REFERENCE.exec(spec) : null;
  if (direct && /[:/]/.test(direct[3])) {
    const inner = classify({ ...word, text: direct[3] }, editable);
    return target(word, spec, editable, inner.kind, normaliseName(direct[1]), splitExtras(direct[2]), inner.specifier, inner.pinned);
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
  // `/^([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?\s*(.*)$/` as a scan: the name, the extras, the rest from `i`
  const n = spec.length;
  let i = 0;
  while (i < n && isNameChar(spec.charCodeAt(i), i === 0)) i++;
  const nameEnd = i;
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
  // no name, or a line end in the rest (`.` does not match one): the regex finds no requirement
  if (nameEnd === 0 || hasLineEnd(spec, i)) return target(word, spec, editable, 'requirement', null, [], '', hasVersionOp(spec));
  const semi = spec.indexOf(';', i);
  const specifier = spec.slice(i, semi < 0 ? n : semi).trim();
  // a variable in the specifier (`torch$TORCH_PIN`) may hold the pin
  return target(word, spec, editable, 'requirement', normaliseName(spec.slice(0, nameEnd)), splitExtras(extras), specifier,
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

/** True when `s[from…]` holds a line terminator. */
function hasLineEnd(s: string, from: number): boolean {
  for (let k = from; k < s.length; k++) if (isLineEnd(s.charCodeAt(k))) return true;
  return false;
}

/** A PipTarget, its properties always in the same order. */
function target(word: Word, spec: string, editable: boolean, kind: PipTargetKind, name: string | null, extras: string[], specifier: string, pinned: boolean): PipTarget {
  return { word, spec, editable, extras, kind, name, specifier, pinned };
}

function splitExtras(s: string | undefined): string[] {
  if (!s) return [];
  return s.slice(1, -1).split(',').map((e) => e.trim()).filter(Boolean);
}
