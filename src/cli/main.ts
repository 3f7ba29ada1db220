// ml-containers-lint: the editor's rules, headless, for CI. Exit 0 (clean), 1 (findings at or above
// the threshold), 2 (usage error, unreadable input or output) — always with a one-line message, no
// stack. A reader that stops early (`| head`) ends the output quietly.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs as parseArgv } from 'node:util';
import { findConfigFile, loadConfigFile } from '../lint/config';
import { gatherContextFacts } from '../lint/contextFacts';
import { decodeDockerfile } from '../lint/encoding';
import { lintWithDocument, rules } from '../lint/index';
import { ShellcheckRunner } from '../lint/shellcheckRun';
import { SEVERITIES, type BuildContextFacts, type LintConfig, type Problem, type Severity } from '../lint/types';
import { formatJson, formatSarif, formatTty, type FileResult } from './format';

const USAGE = `usage: ml-containers-lint [--format tty|json|sarif] [--config FILE] [--failure-threshold error|warning|info|style|none] [--shellcheck auto|off] [--no-color] FILE... | -`;
const THRESHOLDS: readonly string[] = [...SEVERITIES, 'none'];
const RANK: Record<string, number> = { error: 4, warning: 3, info: 2, style: 1 };
/** Larger inputs are refused (the largest real Dockerfiles are a few hundred KiB). */
export const MAX_DOCKERFILE_BYTES = 16 * 1024 * 1024;

class UsageError extends Error {}
/** The reader of our output went away (EPIPE): stop writing, say nothing. */
class OutputClosed extends Error {}

interface Args {
  format: 'tty' | 'json' | 'sarif';
  config: string | null;
  threshold: string | null;
  color: boolean;
  shellcheck: 'auto' | 'off';
  files: string[];
}

const OPTIONS = {
  format: { type: 'string', short: 'f' },
  config: { type: 'string', short: 'c' },
  'failure-threshold': { type: 'string', short: 't' },
  shellcheck: { type: 'string' },
  'no-color': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

/** parseArgs' own messages are several sentences; ours name the option in a few words. */
function usageMessage(err: unknown): string {
  const e = err as { code?: string; message?: string };
  const named = /'([^']+)'/.exec(e.message ?? '')?.[1] ?? '';
  switch (e.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${named}`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return `option ${named.replace(/^-\w, /, '').split(' ')[0]} needs a value`;
    default:
      return (e.message ?? String(err)).split('\n')[0];
  }
}

function parseArgs(argv: string[]): Args | 'help' | 'version' {
  let parsed;
  try {
    parsed = parseArgv({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError(usageMessage(err));
  }
  const v = parsed.values;
  if (v.help) return 'help';
  if (v.version) return 'version';
  const format = v.format ?? 'tty';
  if (format !== 'tty' && format !== 'json' && format !== 'sarif') throw new UsageError(`unknown format "${format}" (use tty, json or sarif)`);
  const threshold = v['failure-threshold'] ?? null;
  if (threshold !== null && !THRESHOLDS.includes(threshold)) throw new UsageError(`unknown failure threshold "${threshold}" (use error, warning, info, style or none)`);
  const shellcheck = v.shellcheck ?? 'auto';
  if (shellcheck !== 'auto' && shellcheck !== 'off') throw new UsageError(`unknown --shellcheck value "${shellcheck}" (use auto or off)`);
  if (parsed.positionals.length === 0) throw new UsageError('no Dockerfile given (pass a path, or - for standard input)');
  return { format, config: v.config ?? null, threshold, color: !v['no-color'], shellcheck, files: parsed.positionals };
}

function tooLarge(): Error {
  return Object.assign(new Error('too large'), { code: 'EFBIG' });
}

/** Reads at most MAX_DOCKERFILE_BYTES (+1 to know it is more) from a file, FIFO or device. */
function readFileCapped(file: string): Buffer {
  const fd = fs.openSync(file, 'r');
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buf = Buffer.allocUnsafe(Math.min(1024 * 1024, MAX_DOCKERFILE_BYTES + 1 - total));
      const n = fs.readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      chunks.push(buf.subarray(0, n));
      total += n;
      if (total > MAX_DOCKERFILE_BYTES) throw tooLarge();
    }
    return Buffer.concat(chunks, total);
  } finally {
    fs.closeSync(fd);
  }
}

/** Standard input, read as a stream (a pipe or terminal may not have its data yet), with the same cap. */
async function readStdinCapped(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of process.stdin) {
    const b = chunk as Buffer;
    chunks.push(b);
    total += b.length;
    if (total > MAX_DOCKERFILE_BYTES) {
      process.stdin.destroy();
      throw tooLarge();
    }
  }
  return Buffer.concat(chunks, total);
}

function readInput(file: string): Buffer | Promise<Buffer> {
  return file === '-' ? readStdinCapped() : readFileCapped(file);
}

function readError(file: string, err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  const why = code === 'ENOENT' ? 'no such file'
    : code === 'EISDIR' ? 'is a folder, not a Dockerfile'
      : code === 'EACCES' ? 'permission denied'
        : code === 'EFBIG' ? `larger than ${MAX_DOCKERFILE_BYTES / 1024 / 1024} MiB, not a Dockerfile`
          : String(code ?? err);
  return `cannot read ${file}: ${why}`;
}

export interface CliIo {
  /** Writes a chunk of the report; a returned promise is awaited (back-pressure). */
  stdout: (s: string) => void | Promise<void>;
  stderr: (s: string) => void;
  isTTY: boolean;
  version: string;
  /** Reads a file or '-' (tests replace it). */
  readFile?: (file: string) => Buffer | Promise<Buffer>;
  /** ShellCheck runs through this (tests replace it); null: never. */
  shellcheck?: ShellcheckRunner | null;
}

export async function run(argv: string[], io: CliIo): Promise<number> {
  let args: Args | 'help' | 'version';
  try {
    args = parseArgs(argv);
  } catch (err) {
    io.stderr(`ml-containers-lint: ${(err as Error).message} (ml-containers-lint --help shows the usage)\n`);
    return 2;
  }
  if (args === 'help') {
    await io.stdout(`${USAGE}\n\nLints Dockerfiles with hadolint-compatible DL rules and ML rules (${rules.length} rules), and with ShellCheck when it is installed.\n`);
    return 0;
  }
  if (args === 'version') {
    await io.stdout(`ml-containers-lint ${io.version}\n`);
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

  const shellcheck = args.shellcheck === 'off' ? null
    : io.shellcheck !== undefined ? io.shellcheck
      : new ShellcheckRunner({ onError: (m) => io.stderr(`ml-containers-lint: warning: ${m}\n`) });
  const read = io.readFile ?? readInput;
  const results: FileResult[] = [];
  for (const file of args.files) {
    let bytes: Buffer;
    try {
      bytes = await read(file);
    } catch (err) {
      io.stderr(`ml-containers-lint: ${readError(file, err)}\n`);
      return 2;
    }
    const decoded = decodeDockerfile(bytes);
    if (decoded.text === null) {
      results.push({ file, problems: [decoded.problem] });
      continue;
    }
    const lintOptions = { config, fileName: file === '-' ? undefined : path.basename(file), context: contextFactsFor(file) };
    const { problems, doc } = lintWithDocument(decoded.text, lintOptions);
    if (shellcheck) {
      const sc = await shellcheck.problems(doc, lintOptions);
      for (const p of sc) problems.push(p);
      problems.sort((a, b) => a.line - b.line || a.column - b.column || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
    }
    results.push({ file, problems });
  }

  const color = args.color && io.isTTY && !process.env.NO_COLOR;
  const chunks = args.format === 'json' ? formatJson(results) : args.format === 'sarif' ? formatSarif(results, io.version) : formatTty(results, color);
  const code = failing(results, threshold) ? 1 : 0;
  try {
    for (const chunk of chunks) await io.stdout(chunk);
  } catch (err) {
    if (err instanceof OutputClosed) return code;
    throw err;
  }
  return code;
}

function failing(results: FileResult[], threshold: string): boolean {
  if (threshold === 'none' || threshold === 'ignore') return false;
  const min = RANK[threshold as Severity] ?? RANK.info;
  return results.some((r) => r.problems.some((p: Problem) => RANK[p.level] >= min));
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

/** Writes to a stream, waiting for the chunk to be handed over; EPIPE becomes OutputClosed. */
export function streamWriter(stream: NodeJS.WritableStream): (s: string) => Promise<void> {
  let closed = false;
  // Without a listener a failed write (EPIPE, ENOSPC) would be thrown as an uncaught 'error' event.
  stream.on('error', () => undefined);
  return (s) => new Promise<void>((resolve, reject) => {
    if (closed) return reject(new OutputClosed());
    stream.write(s, (err?: Error | null) => {
      if (!err) return resolve();
      if ((err as NodeJS.ErrnoException).code === 'EPIPE') {
        closed = true;
        return reject(new OutputClosed());
      }
      reject(err);
    });
  });
}

function describeWriteError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOSPC') return 'cannot write the report: no space left on the device';
  if (code === 'EDQUOT') return 'cannot write the report: disk quota exceeded';
  if (code) return `cannot write the report: ${code}`;
  return `internal error: ${err instanceof Error ? err.message : String(err)}`;
}

declare const ML_CONTAINERS_VERSION: string | undefined;

async function main(): Promise<void> {
  const version = typeof ML_CONTAINERS_VERSION === 'string' ? ML_CONTAINERS_VERSION : '0.0.0-dev';
  process.stderr.on('error', () => undefined);
  try {
    process.exitCode = await run(process.argv.slice(2), {
      stdout: streamWriter(process.stdout),
      stderr: (s) => process.stderr.write(s),
      isTTY: Boolean(process.stdout.isTTY),
      version,
    });
  } catch (err) {
    process.stderr.write(`ml-containers-lint: ${describeWriteError(err)}\n`);
    process.exitCode = 2;
  }
}

if (require.main === module) void main();
