// ml-containers-lint: the editor's rules, headless, for CI. Exit 0 (clean), 1 (findings at or above
// the threshold), 2 (usage error or unreadable input) — always with a one-line message, no stack.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { findConfigFile, loadConfigFile } from '../lint/config';
import { lintDockerfile, rules } from '../lint/index';
import { gatherContextFacts } from '../lint/contextFacts';
import { SEVERITIES, type BuildContextFacts, type LintConfig, type Problem, type Severity } from '../lint/types';
import { formatJson, formatSarif, formatTty, type FileResult } from './format';

const USAGE = `usage: ml-containers-lint [--format tty|json|sarif] [--config FILE] [--failure-threshold error|warning|info|style|none] [--no-color] FILE... | -`;
const THRESHOLDS: readonly string[] = [...SEVERITIES, 'none'];
const RANK: Record<string, number> = { error: 4, warning: 3, info: 2, style: 1 };

class UsageError extends Error {}

interface Args {
  format: 'tty' | 'json' | 'sarif';
  config: string | null;
  threshold: string | null;
  color: boolean;
  files: string[];
}

function parseArgs(argv: string[]): Args | 'help' | 'version' {
  const out: Args = { format: 'tty', config: null, threshold: null, color: true, files: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    const name = eq > 0 ? a.slice(0, eq) : a;
    const value = (): string => {
      if (eq > 0) return a.slice(eq + 1);
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${name} needs a value`);
      return v;
    };
    switch (name) {
      case '-h':
      case '--help':
        return 'help';
      case '-v':
      case '--version':
        return 'version';
      case '-f':
      case '--format': {
        const f = value();
        if (f !== 'tty' && f !== 'json' && f !== 'sarif') throw new UsageError(`unknown format "${f}" (use tty, json or sarif)`);
        out.format = f;
        break;
      }
      case '-c':
      case '--config':
        out.config = value();
        break;
      case '-t':
      case '--failure-threshold': {
        const t = value();
        if (!THRESHOLDS.includes(t)) throw new UsageError(`unknown failure threshold "${t}" (use error, warning, info, style or none)`);
        out.threshold = t;
        break;
      }
      case '--no-color':
        out.color = false;
        break;
      default:
        if (a !== '-' && a.startsWith('-')) throw new UsageError(`unknown option ${a}`);
        out.files.push(a);
    }
  }
  if (out.files.length === 0) throw new UsageError('no Dockerfile given (pass a path, or - for standard input)');
  return out;
}

function readStdin(): string {
  return fs.readFileSync(0, 'utf8');
}

export function run(argv: string[], io: { stdout: (s: string) => void; stderr: (s: string) => void; isTTY: boolean; version: string }): number {
  let args: Args | 'help' | 'version';
  try {
    args = parseArgs(argv);
  } catch (err) {
    io.stderr(`ml-containers-lint: ${(err as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (args === 'help') {
    io.stdout(`${USAGE}\n\nLints Dockerfiles with hadolint-compatible DL rules and ML rules (${rules.length} rules).\n`);
    return 0;
  }
  if (args === 'version') {
    io.stdout(`ml-containers-lint ${io.version}\n`);
    return 0;
  }

  let config: LintConfig = {};
  const configFile = args.config ?? findConfigFile(process.cwd());
  if (configFile) {
    if (args.config && !fs.existsSync(args.config)) {
      io.stderr(`ml-containers-lint: config file ${args.config} does not exist\n`);
      return 2;
    }
    const parsed = loadConfigFile(configFile);
    if (parsed.errors.length) {
      const e = parsed.errors[0];
      io.stderr(`ml-containers-lint: ${configFile}:${e.line}:${e.column}: ${e.message}${parsed.errors.length > 1 ? ` (and ${parsed.errors.length - 1} more)` : ''}\n`);
      return 2;
    }
    config = parsed.config;
  }
  const threshold = args.threshold ?? config['failure-threshold'] ?? 'info';

  const results: FileResult[] = [];
  for (const file of args.files) {
    let text: string;
    try {
      text = file === '-' ? readStdin() : fs.readFileSync(file, 'utf8');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder, not a Dockerfile' : code === 'EACCES' ? 'permission denied' : String(code ?? err);
      io.stderr(`ml-containers-lint: cannot read ${file}: ${why}\n`);
      return 2;
    }
    const problems = lintDockerfile(text, { config, fileName: file === '-' ? undefined : path.basename(file), context: contextFactsFor(file) });
    results.push({ file, problems });
  }

  const color = args.color && io.isTTY && !process.env.NO_COLOR;
  if (args.format === 'json') io.stdout(formatJson(results) + '\n');
  else if (args.format === 'sarif') io.stdout(formatSarif(results, io.version) + '\n');
  else io.stdout(formatTty(results, color));

  return failing(results.flatMap((r) => r.problems), threshold) ? 1 : 0;
}

function failing(problems: Problem[], threshold: string): boolean {
  if (threshold === 'none' || threshold === 'ignore') return false;
  const min = RANK[threshold as Severity] ?? RANK.info;
  return problems.some((p) => RANK[p.level] >= min);
}

/** Workspace-aware rules (ML009) look at the build context: the Dockerfile's folder. */
function contextFactsFor(file: string): BuildContextFacts | undefined {
  if (file === '-') return undefined;
  try {
    return gatherContextFacts(path.dirname(path.resolve(file)), path.basename(file));
  } catch {
    return undefined; // an unreadable context only silences ML009
  }
}

declare const ML_CONTAINERS_VERSION: string | undefined;

if (require.main === module) {
  const version = typeof ML_CONTAINERS_VERSION === 'string' ? ML_CONTAINERS_VERSION : '0.0.0-dev';
  try {
    process.exitCode = run(process.argv.slice(2), {
      stdout: (s) => process.stdout.write(s),
      stderr: (s) => process.stderr.write(s),
      isTTY: Boolean(process.stdout.isTTY),
      version,
    });
  } catch (err) {
    process.stderr.write(`ml-containers-lint: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 2;
  }
}
