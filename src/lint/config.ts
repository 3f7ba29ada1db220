// `.hadolint.yaml` / `.hadolint.yml`: parsing (with the `yaml` package), validation and lookup.
// Lookup uses node:fs but nothing from the editor.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type * as Yaml from 'yaml';
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

let yamlModule: typeof Yaml | undefined;
/** `yaml` is loaded on the first config that is parsed, not when the extension activates. */
function yaml(): typeof Yaml {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (yamlModule ??= require('yaml') as typeof Yaml);
}

/** Parses and validates config text. Never throws: problems come back in `errors`, valid parts are kept. */
export function parseConfig(text: string): ParsedConfig {
  const errors: ConfigError[] = [];
  const { LineCounter, parseDocument } = yaml();
  const lc = new LineCounter();
  let doc;
  try {
    doc = parseDocument(text, { lineCounter: lc, prettyErrors: false });
  } catch (err) {
    return { config: {}, errors: [{ message: `Cannot read the config: ${err instanceof Error ? err.message : String(err)}`, line: 1, column: 1 }] };
  }
  for (const e of doc.errors) {
    const pos = lc.linePos(e.pos[0]);
    errors.push({ message: `YAML error: ${e.message.split('\n')[0]}`, line: pos.line, column: pos.col });
  }
  if (doc.errors.length) return { config: {}, errors };
  const at = (keyPath: (string | number)[]): { line: number; column: number } => {
    const node = doc.getIn(keyPath, true) as { range?: [number, number, number] } | undefined;
    if (node && node.range) {
      const p = lc.linePos(node.range[0]);
      return { line: p.line, column: p.col };
    }
    return { line: 1, column: 1 };
  };
  const raw: unknown = doc.toJS();
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
      errors.push({ message: `Unknown key "${k}". Known keys: ${[...KNOWN_KEYS].slice(0, 6).join(', ')}, allowModelWeights.`, ...at([k]) });
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
  let dir = path.resolve(startDir);
  const stop = stopDir ? path.resolve(stopDir) : null;
  for (let guard = 0; guard < 64; guard++) {
    for (const name of CONFIG_NAMES) {
      const p = path.join(dir, name);
      if (isFile(p)) return p;
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
    for (const p of [c, c.replace(/\.yaml$/, '.yml')]) if (isFile(p)) return p;
  }
  return null;
}

function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

/** Reads and parses a config file; unreadable files become one error. */
export function loadConfigFile(file: string): ParsedConfig {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    return { config: {}, errors: [{ message: `Cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`, line: 1, column: 1 }] };
  }
  return parseConfig(text);
}
