// Points a failed compose command at the compose file line it is about: a YAML line number, a
// `services.NAME.key` path, or a service the message names (v1 and v2 wordings). Pure Node.
import { isMap, isScalar, type Node, type Pair } from 'yaml';
import type { Range } from '../lint/types';
import { keyRange, parseYaml, rangeOf, type ParsedYaml } from './yamlText';

export interface ComposeFileText {
  readonly path: string;
  readonly text: string;
}

export interface CliErrorLocation {
  readonly path: string;
  readonly range: Range;
  /** The output line that named the place. */
  readonly message: string;
}

const ERROR_LINE = /(^|\s)(error|invalid|unsupported|refers to undefined|depends on|not allowed|must be|cannot|can't|failed)\b/i;

function stripPrefix(line: string): string {
  return line.replace(/^\s*(ERROR:|Error:|error:)\s*/, '').trim();
}

function servicePair(p: ParsedYaml, name: string): Pair | undefined {
  const services = isMap(p.doc.contents) ? p.doc.contents.get('services', true) : undefined;
  if (!isMap(services)) return undefined;
  return services.items.find((it) => isScalar(it.key) && String(it.key.value) === name);
}

/** The deepest existing node along `keys` under the service, with its pair for a key range. */
function deepest(p: ParsedYaml, svc: Pair, keys: string[]): Range {
  let pair = svc;
  for (const k of keys) {
    const v = pair.value as Node | null;
    if (!isMap(v)) break;
    const next = v.items.find((it) => isScalar(it.key) && String(it.key.value) === k);
    if (!next) break;
    pair = next;
  }
  return keyRange(p, pair);
}

/** Finds the first place in the files that the CLI output names, if any. */
export function locateCliError(output: string, files: readonly ComposeFileText[]): CliErrorLocation | undefined {
  const parsed = files.map((f) => ({ f, p: parseYaml(f.text) }));
  const lines = output.split(/\r?\n/).filter((l) => l.trim());
  const candidates = [...lines.filter((l) => ERROR_LINE.test(l)), ...lines];
  for (const raw of candidates) {
    const line = stripPrefix(raw);
    // A YAML error with a line number (and the file when the CLI names it).
    const ln = /\bline (\d+)(?:,? column (\d+))?/i.exec(line);
    if (ln) {
      const named = parsed.find(({ f }) => line.includes(f.path) || line.includes(f.path.split('/').pop() ?? '\0')) ?? parsed[0];
      if (named) {
        const n = Number(ln[1]);
        const lineStarts = [0, ...[...named.f.text.matchAll(/\n/g)].map((m) => (m.index ?? 0) + 1)];
        const start = lineStarts[Math.min(n, lineStarts.length) - 1] ?? 0;
        const end = named.f.text.indexOf('\n', start);
        return { path: named.f.path, range: rangeOf(named.p, start, end < 0 ? named.f.text.length : end), message: line };
      }
    }
    // `services.api.deploy.resources…` and `Unsupported config option for services.api: 'enviroment'`.
    const dotted = /\bservices\.([A-Za-z0-9_.-]+?)(?::\s*'([^']+)'|\s+Additional propert(?:y|ies) '?([A-Za-z0-9_-]+)|\s|$|:)/.exec(line);
    if (dotted) {
      const segs = dotted[1].split('.');
      for (const { f, p } of parsed) {
        // Service names may contain dots; try the longest name that exists.
        for (let i = segs.length; i >= 1; i--) {
          const svc = servicePair(p, segs.slice(0, i).join('.'));
          if (!svc) continue;
          const extra = dotted[2] ?? dotted[3];
          const keys = [...segs.slice(i), ...(extra ? [extra] : [])];
          return { path: f.path, range: deepest(p, svc, keys), message: line };
        }
      }
    }
    // A service named in prose: `service "api" …`, `Service 'api' depends on …`, `for api  Cannot start service api: …`.
    const named = /\bservice[s]? ["']([A-Za-z0-9_.-]+)["']/i.exec(line) ?? /\bfor ([A-Za-z0-9_.-]+)\s+Cannot\b/.exec(line) ?? /\bservice ([A-Za-z0-9_.-]+)\b/i.exec(line);
    if (named) {
      for (const { f, p } of parsed) {
        const svc = servicePair(p, named[1]);
        if (svc) return { path: f.path, range: keyRange(p, svc), message: line };
      }
    }
  }
  return undefined;
}

/** The range of a service's key in a file (for "reveal service in file"). */
export function serviceRange(text: string, service: string): Range | undefined {
  const p = parseYaml(text);
  const svc = servicePair(p, service);
  return svc ? keyRange(p, svc) : undefined;
}
