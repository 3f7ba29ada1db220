// `.hadolint.yaml` / `.hadolint.yml`: parsing (with the `yaml` package), validation and lookup.
// Lookup uses node:fs but nothing from the editor.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { yaml } from '../docker/lazyYaml';
import { SEVERITIES, type LintConfig, type Severity } from './types';

export interface ConfigError {
  message: string;
  /** 1-based; 1 when the position is unknown. */
  line: number;
  column: number;
}

export interface ParsedConfig {
  config: LintConfig;
  errors: ConfigError[];
}

const LABEL_TYPES = ['text', 'url', 'rfc3339', 'semver', 'hash', 'spdx', 'email'];
const KNOWN_KEYS = new Set([
  'ignored', 'override', 'trustedRegistries', 'label-schema', 'strict-labels', 'failure-threshold',
  // hadolint keys we accept and do not need
  'no-fail', 'no-color', 'format', 'verbose', 'disable-ignore-pragma',
  // ours
  'allowModelWeights',
]);
const CODE_RE = /^(DL|SC|ML)\d{3,4}$/i;
const KNOWN_KEYS_TEXT = `${[...KNOWN_KEYS].slice(0, 6).join(', ')}, allowModelWeights`;
/** At most this many problems are listed for one config; the rest are counted in the last one. */
const MAX_ERRORS = 50;

/** Config files larger than this are refused (hadolint configs are a few hundred bytes). */
export const CONFIG_MAX_BYTES = 1024 * 1024;
/** YAML aliases allowed when the config is read (yaml's `maxAliasCount`); more is refused. */
export const CONFIG_MAX_ALIASES = 100;

type YamlNode = { range?: [number, number, number] | null; items?: unknown[] };
type YamlPair = { key: unknown; value: unknown };

/** The key of a map entry as a string (scalar keys only; anything else has no string key). */
function keyText(key: unknown): string | null {
  if (key && typeof key === 'object' && 'value' in key) {
    const v = (key as { value: unknown }).value;
    return v === null || typeof v === 'object' ? null : String(v);
  }
  return key === null || typeof key === 'object' ? null : String(key);
}

function refused(message: string): ParsedConfig {
  return { config: {}, errors: [{ message, line: 1, column: 1 }] };
}

/**
 * Parses and validates config text. Never throws: problems come back in `errors`, valid parts are kept.
 * Linear in the size of the text: yaml's own duplicate-key check compares each key with every earlier
 * one, so it is off and duplicates are found here with a hash map per mapping, and error positions
 * come from the same per-mapping index instead of a scan per lookup.
 */
export function parseConfig(text: string): ParsedConfig {
  if (text.length > CONFIG_MAX_BYTES) {
    return refused(`The config is larger than ${CONFIG_MAX_BYTES / 1024} KiB; it is not read and the defaults are used.`);
  }
  const errors: ConfigError[] = [];
  const { LineCounter, parseDocument } = yaml();
  const lc = new LineCounter();
  let doc;
  try {
    doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: false });
  } catch (err) {
    return refused(`Cannot read the config: ${err instanceof Error ? err.message : String(err)}`);
  }
  for (const e of doc.errors) {
    const pos = lc.linePos(e.pos[0]);
    errors.push({ message: `YAML error: ${e.message.split('\n')[0]}`, line: pos.line, column: pos.col });
  }
  if (doc.errors.length) return { config: {}, errors };
  const posOf = (node: YamlNode | null | undefined): { line: number; column: number } => {
    if (node && node.range) {
      const p = lc.linePos(node.range[0]);
      return { line: p.line, column: p.col };
    }
    return { line: 1, column: 1 };
  };
  // Each mapping's entries by key, built once when first needed; duplicates are reported there.
  const indexes = new Map<YamlNode, Map<string, YamlPair>>();
  const indexOf = (node: YamlNode): Map<string, YamlPair> => {
    let index = indexes.get(node);
    if (index) return index;
    index = new Map();
    indexes.set(node, index);
    for (const item of node.items ?? []) {
      const pair = item as YamlPair;
      if (!pair || typeof pair !== 'object' || !('key' in pair)) continue;
      const k = keyText(pair.key);
      if (k === null) continue;
      if (index.has(k)) errors.push({ message: `"${k}" is given twice; a key may appear only once.`, ...posOf(pair.key as YamlNode) });
      index.set(k, pair);
    }
    return index;
  };
  const nodeAt = (keyPath: (string | number)[]): YamlNode | null => {
    let node = doc.contents as YamlNode | null;
    for (const k of keyPath) {
      if (!node || !Array.isArray(node.items)) return null;
      if (typeof k === 'number') node = (node.items[k] as YamlNode | undefined) ?? null;
      else {
        const pair = indexOf(node).get(k);
        node = pair ? ((pair.value ?? pair.key) as YamlNode | null) : null;
      }
    }
    return node;
  };
  const at = (keyPath: (string | number)[]): { line: number; column: number } => posOf(nodeAt(keyPath));
  const checkDuplicates = (keyPath: string[]): void => {
    const node = nodeAt(keyPath);
    if (node && Array.isArray(node.items)) indexOf(node);
  };
  checkDuplicates([]);
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: CONFIG_MAX_ALIASES });
  } catch (err) {
    const many = err instanceof Error && /alias/i.test(err.message);
    return refused(many
      ? `The config expands more than ${CONFIG_MAX_ALIASES} YAML aliases; it is not read and the defaults are used.`
      : `Cannot read the config: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (raw === null || raw === undefined) return { config: {}, errors };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    return { config: {}, errors: [{ message: 'The config must be a mapping of keys (ignored, override, trustedRegistries, …).', line: 1, column: 1 }] };
  }
  const obj = raw as Record<string, unknown>;
  const config: LintConfig = {};
  const codeList = (key: (string | number)[], v: unknown): string[] | undefined => {
    if (!Array.isArray(v)) {
      errors.push({ message: `"${key.join('.')}" must be a list of rule codes, e.g. [DL3008, ML006].`, ...at(key) });
      return undefined;
    }
    const out: string[] = [];
    v.forEach((c, i) => {
      if (typeof c === 'string' && CODE_RE.test(c.trim())) out.push(c.trim().toUpperCase());
      else errors.push({ message: `"${String(c)}" in "${key.join('.')}" is not a rule code (DLnnnn, SCnnnn or MLnnn).`, ...at([...key, i]) });
    });
    return out;
  };
  for (const [k, v] of Object.entries(obj)) {
    if (!KNOWN_KEYS.has(k)) {
      errors.push({ message: `Unknown key "${k}". Known keys: ${KNOWN_KEYS_TEXT}.`, ...at([k]) });
      continue;
    }
    switch (k) {
      case 'ignored': {
        const list = codeList([k], v);
        if (list) config.ignored = list;
        break;
      }
      case 'override': {
        if (!v || typeof v !== 'object' || Array.isArray(v)) {
          errors.push({ message: '"override" must map severities (error, warning, info, style) to lists of rule codes.', ...at([k]) });
          break;
        }
        checkDuplicates([k]);
        const ov: Partial<Record<Severity, string[]>> = {};
        for (const [sev, list] of Object.entries(v as Record<string, unknown>)) {
          if (!SEVERITIES.includes(sev as Severity)) {
            errors.push({ message: `"${sev}" is not a severity; use one of ${SEVERITIES.join(', ')}.`, ...at([k, sev]) });
            continue;
          }
          const codes = codeList([k, sev], list);
          if (codes) ov[sev as Severity] = codes;
        }
        config.override = ov;
        break;
      }
      case 'trustedRegistries': {
        if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) errors.push({ message: '"trustedRegistries" must be a list of registry host names.', ...at([k]) });
        else config.trustedRegistries = v as string[];
        break;
      }
      case 'label-schema': {
        if (!v || typeof v !== 'object' || Array.isArray(v)) {
          errors.push({ message: '"label-schema" must map label names to a type (text, url, rfc3339, semver, hash, spdx, email).', ...at([k]) });
          break;
        }
        checkDuplicates([k]);
        const schema: Record<string, string> = {};
        for (const [label, type] of Object.entries(v as Record<string, unknown>)) {
          if (typeof type !== 'string' || !LABEL_TYPES.includes(type)) {
            errors.push({ message: `Label "${label}" has type "${String(type)}"; use one of ${LABEL_TYPES.join(', ')}.`, ...at([k, label]) });
          } else schema[label] = type;
        }
        config['label-schema'] = schema;
        break;
      }
      case 'strict-labels':
      case 'allowModelWeights':
      case 'no-fail':
      case 'no-color':
      case 'verbose':
      case 'disable-ignore-pragma': {
        if (typeof v !== 'boolean') errors.push({ message: `"${k}" must be true or false.`, ...at([k]) });
        else if (k === 'strict-labels') config['strict-labels'] = v;
        else if (k === 'allowModelWeights') config.allowModelWeights = v;
        break;
      }
      case 'failure-threshold': {
        if (typeof v !== 'string' || ![...SEVERITIES, 'none'].includes(v)) errors.push({ message: '"failure-threshold" must be one of error, warning, info, style, ignore, none.', ...at([k]) });
        else config['failure-threshold'] = v as Severity | 'none';
        break;
      }
      default:
        break;
    }
  }
  if (errors.length > MAX_ERRORS) {
    const more = errors.length - MAX_ERRORS;
    errors.length = MAX_ERRORS;
    errors.push({ message: `… and ${more} more problems in this config.`, line: errors[MAX_ERRORS - 1].line, column: errors[MAX_ERRORS - 1].column });
  }
  return { config, errors };
}

export const CONFIG_NAMES = ['.hadolint.yaml', '.hadolint.yml'];

/**
 * Finds the config the way hadolint does, extended for editors: first in the Dockerfile's folder and
 * its parents up to `stopDir` (the workspace folder), then the user locations hadolint reads
 * (`$XDG_CONFIG_HOME/hadolint.yaml`, `~/.config/hadolint.yaml`, `~/.hadolint/hadolint.yaml`,
 * `~/hadolint/hadolint.yaml`, `~/.hadolint.yaml`, each also as `.yml`).
 */
export function findConfigFile(startDir: string, stopDir?: string, home = os.homedir(), env: NodeJS.ProcessEnv = process.env): string | null {
  for (const p of configCandidates(startDir, stopDir, home, env)) if (isFile(p)) return p;
  return null;
}

/** The places `findConfigFile` looks, in order. */
function configCandidates(startDir: string, stopDir: string | undefined, home: string, env: NodeJS.ProcessEnv): string[] {
  const out: string[] = [];
  let dir = path.resolve(startDir);
  const stop = stopDir ? path.resolve(stopDir) : null;
  for (let guard = 0; guard < 64; guard++) {
    for (const name of CONFIG_NAMES) {
      out.push(path.join(dir, name));
    }
    if (stop === null || dir === stop) break;
    const parent = path.dirname(dir);
    if (parent === dir || !(parent + path.sep).startsWith(stop + path.sep) && parent !== stop) break;
    dir = parent;
  }
  const xdg = env.XDG_CONFIG_HOME || path.join(home, '.config');
  const candidates = [
    path.join(xdg, 'hadolint.yaml'),
    path.join(home, '.config', 'hadolint.yaml'),
    path.join(home, '.hadolint', 'hadolint.yaml'),
    path.join(home, 'hadolint', 'hadolint.yaml'),
    path.join(home, '.hadolint.yaml'),
  ];
  for (const c of candidates) {
    out.push(c, c.replace(/\.yaml$/, '.yml'));
  }
  return out;
}

function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

/**
 * Why a config path is not read at all, or null when it may be: on Windows a UNC or device path
 * (`\\\\server\\share\\…`, `//server/…`, `\\\\?\\…`) would reach out to another host when opened.
 */
export function configPathRefusal(file: string, platform: NodeJS.Platform = process.platform): string | null {
  if (platform === 'win32' && /^[\\/]{2}/.test(file)) {
    return `${file} is a network or device path; only config files on this computer are read.`;
  }
  return null;
}

function describeStat(st: fs.Stats, file: string, maxBytes: number): string | null {
  if (!st.isFile()) return `${file} is not a regular file; only regular files are read as a config.`;
  if (st.size > maxBytes) return `${file} is larger than ${Math.round(maxBytes / 1024)} KiB; it is not read and the defaults are used.`;
  return null;
}

function readError(file: string, err: unknown): ParsedConfig {
  return refused(`Cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
}

/**
 * Opened without blocking (a FIFO would otherwise wait for a writer), then checked on the open handle:
 * only a regular file under the size cap is read, and never more than the cap.
 */
const OPEN_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0);

/** Reads and parses a config file; unreadable or refused files become one error (and the defaults). */
export function loadConfigFile(file: string, maxBytes = CONFIG_MAX_BYTES): ParsedConfig {
  const why = configPathRefusal(file);
  if (why) return refused(why);
  let fd: number | undefined;
  try {
    const pre = describeStat(fs.statSync(file), file, maxBytes);
    if (pre) return refused(pre);
    fd = fs.openSync(file, OPEN_FLAGS);
    const st = fs.fstatSync(fd);
    const bad = describeStat(st, file, maxBytes);
    if (bad) return refused(bad);
    const buf = Buffer.alloc(Math.min(st.size, maxBytes) + 1);
    let n = 0;
    while (n < buf.length) {
      const got = fs.readSync(fd, buf, n, buf.length - n, n);
      if (got === 0) break;
      n += got;
    }
    if (n > maxBytes) return refused(`${file} is larger than ${Math.round(maxBytes / 1024)} KiB; it is not read and the defaults are used.`);
    return parseConfig(buf.toString('utf8', 0, n));
  } catch (err) {
    return readError(file, err);
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** `loadConfigFile` without blocking the caller's thread. */
export async function readConfigFile(file: string, maxBytes = CONFIG_MAX_BYTES): Promise<ParsedConfig> {
  const why = configPathRefusal(file);
  if (why) return refused(why);
  let fh: fs.promises.FileHandle | undefined;
  try {
    const pre = describeStat(await fs.promises.stat(file), file, maxBytes);
    if (pre) return refused(pre);
    fh = await fs.promises.open(file, OPEN_FLAGS);
    const st = await fh.stat();
    const bad = describeStat(st, file, maxBytes);
    if (bad) return refused(bad);
    const buf = Buffer.alloc(Math.min(st.size, maxBytes) + 1);
    let n = 0;
    while (n < buf.length) {
      const { bytesRead } = await fh.read(buf, n, buf.length - n, n);
      if (bytesRead === 0) break;
      n += bytesRead;
    }
    if (n > maxBytes) return refused(`${file} is larger than ${Math.round(maxBytes / 1024)} KiB; it is not read and the defaults are used.`);
    return parseConfig(buf.toString('utf8', 0, n));
  } catch (err) {
    return readError(file, err);
  } finally {
    await fh?.close();
  }
}

async function isFileAsync(p: string): Promise<boolean> {
  try {
    return (await fs.promises.stat(p)).isFile();
  } catch {
    return false;
  }
}

/** `findConfigFile` with asynchronous file checks (same order of places). */
export async function findConfigFileAsync(startDir: string, stopDir?: string, home = os.homedir(), env: NodeJS.ProcessEnv = process.env): Promise<string | null> {
  for (const p of configCandidates(startDir, stopDir, home, env)) if (await isFileAsync(p)) return p;
  return null;
}

/**
 * Parsed configs by path, re-read only when the file's size, modification time or identity changed,
 * so a lint waits at most for one `stat`. Reads of the same file at the same time share one promise.
 */
export class ConfigCache {
  private readonly entries = new Map<string, { stamp: string; result: Promise<ParsedConfig> }>();

  constructor(private readonly read: (file: string) => Promise<ParsedConfig> = readConfigFile) {}

  async get(file: string): Promise<ParsedConfig> {
    let stamp: string;
    try {
      const st = await fs.promises.stat(file);
      stamp = `${st.dev}:${st.ino}:${st.size}:${st.mtimeMs}:${st.isFile()}`;
    } catch (err) {
      this.entries.delete(file);
      return readError(file, err);
    }
    const hit = this.entries.get(file);
    if (hit && hit.stamp === stamp) return hit.result;
    const result = this.read(file);
    this.entries.set(file, { stamp, result });
    return result;
  }

  clear(): void {
    this.entries.clear();
  }
}
