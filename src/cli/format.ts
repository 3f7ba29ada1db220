// Output formats of the CLI: tty (human), json (hadolint's fields plus ends), SARIF 2.1.0. Each is
// produced as a sequence of chunks, so the output of any number of findings is never one string
// (V8 caps a string at ~512 MiB, which ~800,000 SARIF results reach).
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';
import { rules } from '../lint/index';
import type { Problem } from '../lint/types';

export interface FileResult {
  file: string;
  problems: Problem[];
}

export const DOCS_BASE = 'https://github.com/ml-containers/ml-containers/blob/main/docs/rules/';
export const SHELLCHECK_DOCS_BASE = 'https://www.shellcheck.net/wiki/';

/** Chunks are gathered up to about this many characters before they are handed out. */
const CHUNK = 64 * 1024;

const COLORS: Record<string, string> = { error: '\x1b[31m', warning: '\x1b[33m', info: '\x1b[36m', style: '\x1b[35m' };

/** Joins small pieces into chunks of about CHUNK characters. */
function* chunked(pieces: Iterable<string>): Generator<string> {
  let buf = '';
  for (const p of pieces) {
    buf += p;
    if (buf.length >= CHUNK) {
      yield buf;
      buf = '';
    }
  }
  if (buf) yield buf;
}

export function formatTty(results: FileResult[], color: boolean): Generator<string> {
  return chunked((function* () {
    for (const r of results) {
      for (const p of r.problems) {
        const level = color ? `${COLORS[p.level]}${p.level}\x1b[0m` : p.level;
        const code = color ? `\x1b[1m${p.code}\x1b[0m` : p.code;
        yield `${r.file}:${p.line}:${p.column} ${code} ${level}: ${p.message}\n`;
      }
    }
  })());
}

export function formatJson(results: FileResult[]): Generator<string> {
  return chunked((function* () {
    yield '[';
    let first = true;
    for (const r of results) {
      for (const p of r.problems) {
        yield (first ? '' : ',') + JSON.stringify({
          file: r.file, line: p.line, column: p.column, code: p.code, level: p.level, message: p.message, endLine: p.endLine, endColumn: p.endColumn,
        });
        first = false;
      }
    }
    yield ']\n';
  })());
}

const SARIF_LEVEL: Record<string, Sarif.Result.level> = { error: 'error', warning: 'warning', info: 'note', style: 'note' };

/**
 * The artifact URI of a file: `file:` URLs for absolute paths (`pathToFileURL`, so `C:\a b\x` becomes
 * `file:///C:/a%20b/x`), relative paths as relative URI references with `/` separators.
 */
export function sarifUri(file: string, platform: NodeJS.Platform = process.platform): string {
  if (file === '-') return 'stdin';
  const p = platform === 'win32' ? path.win32 : path.posix;
  if (p.isAbsolute(file)) return pathToFileURL(file, { windows: platform === 'win32' }).href;
  return file.split(platform === 'win32' ? /[\\/]/ : '/').map(encodeURIComponent).join('/');
}

function ruleDescriptor(code: string): Sarif.ReportingDescriptor {
  const info = rules.find((r) => r.code === code);
  if (info) {
    return {
      id: info.code,
      name: info.code,
      shortDescription: { text: info.title },
      helpUri: DOCS_BASE + info.code + '.md',
      defaultConfiguration: { level: info.level === 'ignore' ? 'none' : SARIF_LEVEL[info.level] },
    };
  }
  // ShellCheck codes (SCxxxx), and anything else without a rule of ours
  return { id: code, name: code, shortDescription: { text: `ShellCheck ${code}` }, ...(code.startsWith('SC') ? { helpUri: SHELLCHECK_DOCS_BASE + code } : {}) };
}

/** Marks where the results go in the serialised log. */
const RESULTS_SLOT = '\u0000results\u0000';

export function formatSarif(results: FileResult[], version: string, platform: NodeJS.Platform = process.platform): Generator<string> {
  const used: string[] = [];
  const index = new Map<string, number>();
  for (const r of results) {
    for (const p of r.problems) {
      if (!index.has(p.code)) {
        index.set(p.code, used.length);
        used.push(p.code);
      }
    }
  }
  const log: Sarif.Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'ml-containers-lint',
          version,
          informationUri: 'https://github.com/ml-containers/ml-containers',
          rules: used.map(ruleDescriptor),
        },
      },
      results: [RESULTS_SLOT as unknown as Sarif.Result], // replaced by the streamed results below
    }],
  };
  const text = JSON.stringify(log, null, 2);
  const slot = text.indexOf(JSON.stringify(RESULTS_SLOT));
  const head = text.slice(0, slot);
  const tail = text.slice(slot + JSON.stringify(RESULTS_SLOT).length);
  return chunked((function* () {
    yield head;
    let first = true;
    for (const r of results) {
      const uri = sarifUri(r.file, platform);
      for (const p of r.problems) {
        const result: Sarif.Result = {
          ruleId: p.code,
          ruleIndex: index.get(p.code) ?? 0,
          level: SARIF_LEVEL[p.level],
          message: { text: p.message },
          locations: [{
            physicalLocation: {
              artifactLocation: { uri },
              region: { startLine: p.line, startColumn: p.column, endLine: p.endLine, endColumn: Math.max(p.endColumn, p.column) },
            },
          }],
        };
        yield (first ? '' : ',\n        ') + JSON.stringify(result);
        first = false;
      }
    }
    yield tail + '\n';
  })());
}
