// Output formats of the CLI: tty (human), json (hadolint's fields plus ends), SARIF 2.1.0.
import * as path from 'node:path';
import { rules } from '../lint/index';
import type { Problem } from '../lint/types';

export interface FileResult {
  file: string;
  problems: Problem[];
}

export const DOCS_BASE = 'https://github.com/ml-containers/ml-containers/blob/main/docs/rules/';

const COLORS: Record<string, string> = { error: '\x1b[31m', warning: '\x1b[33m', info: '\x1b[36m', style: '\x1b[35m' };

export function formatTty(results: FileResult[], color: boolean): string {
  let out = '';
  for (const r of results) {
    for (const p of r.problems) {
      const level = color ? `${COLORS[p.level]}${p.level}\x1b[0m` : p.level;
      const code = color ? `\x1b[1m${p.code}\x1b[0m` : p.code;
      out += `${r.file}:${p.line}:${p.column} ${code} ${level}: ${p.message}\n`;
    }
  }
  return out;
}

export function formatJson(results: FileResult[]): string {
  return JSON.stringify(results.flatMap((r) => r.problems.map((p) => ({
    file: r.file, line: p.line, column: p.column, code: p.code, level: p.level, message: p.message, endLine: p.endLine, endColumn: p.endColumn,
  }))));
}

const SARIF_LEVEL: Record<string, string> = { error: 'error', warning: 'warning', info: 'note', style: 'note' };

export function formatSarif(results: FileResult[], version: string): string {
  const used = new Set(results.flatMap((r) => r.problems.map((p) => p.code)));
  const ruleList = rules.filter((r) => used.has(r.code));
  const index = new Map(ruleList.map((r, i) => [r.code, i]));
  const uri = (f: string) => (f === '-' ? 'stdin' : path.isAbsolute(f) ? 'file://' + f.split(path.sep).map(encodeURIComponent).join('/') : f.split(path.sep).map(encodeURIComponent).join('/'));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'ml-containers-lint',
          version,
          informationUri: 'https://github.com/ml-containers/ml-containers',
          rules: ruleList.map((r) => ({
            id: r.code,
            name: r.code,
            shortDescription: { text: r.title },
            helpUri: DOCS_BASE + r.code + '.md',
            defaultConfiguration: { level: r.level === 'ignore' ? 'none' : SARIF_LEVEL[r.level] },
          })),
        },
      },
      results: results.flatMap((r) => r.problems.map((p) => ({
        ruleId: p.code,
        ruleIndex: index.get(p.code) ?? 0,
        level: SARIF_LEVEL[p.level],
        message: { text: p.message },
        locations: [{
          physicalLocation: {
            artifactLocation: { uri: uri(r.file) },
            region: { startLine: p.line, startColumn: p.column, endLine: p.endLine, endColumn: Math.max(p.endColumn, p.column) },
          },
        }],
      }))),
    }],
  };
  return JSON.stringify(sarif, null, 2);
}
