// Runs the real compose: the `docker compose` v2 plugin when `docker compose version` answers, else
// the standalone `docker-compose` (v1 or v2). Always spawned with an argument array (no shell), pointed
// at the endpoint the extension resolved (DOCKER_HOST + the TLS variables), output streamed by line,
// cancelled by signalling the child this module started. Pure Node.
import { spawn as nodeSpawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import * as path from 'node:path';
import type { Endpoint } from '../docker/endpoint';
import { shellQuote } from '../docker/shellQuote';
import type { ComposeFileSet } from './files';

export type Spawn = (command: string, args: readonly string[], options: SpawnOptions) => ChildProcess;

export interface ComposeCli {
  /** `docker` for the plugin, `docker-compose` for the standalone binary. */
  readonly command: string;
  /** Arguments before the compose subcommand: `['compose']` for the plugin. */
  readonly prefix: readonly string[];
  readonly kind: 'plugin' | 'standalone';
  /** As reported by `version --short` (e.g. 2.29.7, 1.29.2). */
  readonly version: string;
}

export interface RunResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** Everything the CLI printed (stdout and stderr interleaved by arrival). */
  readonly output: string;
  readonly cancelled: boolean;
}

export class ComposeNotFoundError extends Error {
  constructor(details: string) {
    super(`Neither "docker compose" nor "docker-compose" could be run (${details}). Install the Docker Compose plugin or docker-compose.`);
    this.name = 'ComposeNotFoundError';
  }
}

/**
 * The environment for the CLI: the caller's, with the engine endpoint the extension resolved.
 * DOCKER_CONTEXT is dropped so the CLI cannot pick a different engine than the explorer shows.
 */
export function composeEnv(endpoint: Endpoint | undefined, base: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...base };
  if (!endpoint) return env;
  delete env.DOCKER_CONTEXT;
  delete env.DOCKER_TLS_VERIFY;
  delete env.DOCKER_TLS;
  delete env.DOCKER_CERT_PATH;
  env.DOCKER_HOST = endpoint.host;
  const tls = endpoint.tls;
  if (endpoint.protocol === 'tcp' && tls) {
    if (tls.verify) env.DOCKER_TLS_VERIFY = '1';
    else env.DOCKER_TLS = '1';
    const dir = tls.cert ?? tls.ca ?? tls.key;
    if (dir) env.DOCKER_CERT_PATH = path.dirname(dir);
  }
  // Plain progress lines instead of cursor movements: the output goes to a log, not a terminal.
  env.COMPOSE_ANSI = 'never';
  env.COMPOSE_PROGRESS = 'plain';
  env.COMPOSE_INTERACTIVE_NO_CLI = '1';
  return env;
}

/** Whether the TLS files can be handed over as DOCKER_CERT_PATH (the CLI wants ca.pem/cert.pem/key.pem in one folder). */
export function certPathUsable(endpoint: Endpoint): boolean {
  const t = endpoint.tls;
  if (!t) return true;
  const files = [t.ca, t.cert, t.key].filter((f): f is string => !!f);
  const dirs = new Set(files.map((f) => path.dirname(f)));
  const named = (f: string | undefined, n: string) => !f || path.basename(f) === n;
  return dirs.size <= 1 && named(t.ca, 'ca.pem') && named(t.cert, 'cert.pem') && named(t.key, 'key.pem');
}

function capture(spawn: Spawn, command: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<{ code: number | null; out: string; error?: Error }> {
  return new Promise((resolve) => {
    let out = '';
    let child: ChildProcess;
    try {
      child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (error) {
      resolve({ code: null, out, error: error as Error });
      return;
    }
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout?.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr?.on('data', (b: Buffer) => (out += b.toString()));
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ code: null, out, error });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, out });
    });
  });
}

/** Finds the compose CLI: the plugin first, then docker-compose. Throws ComposeNotFoundError. */
export async function detectCompose(env: NodeJS.ProcessEnv, spawn: Spawn = nodeSpawn): Promise<ComposeCli> {
  const plugin = await capture(spawn, 'docker', ['compose', 'version', '--short'], env, 15_000);
  if (plugin.code === 0 && plugin.out.trim()) {
    return { command: 'docker', prefix: ['compose'], kind: 'plugin', version: plugin.out.trim().split(/\s+/)[0] };
  }
  const standalone = await capture(spawn, 'docker-compose', ['version', '--short'], env, 15_000);
  if (standalone.code === 0 && standalone.out.trim()) {
    return { command: 'docker-compose', prefix: [], kind: 'standalone', version: standalone.out.trim().split(/\s+/)[0] };
  }
  const why = [plugin.error ? `docker: ${plugin.error.message}` : `docker compose: ${firstLine(plugin.out) || `exit ${plugin.code}`}`,
    standalone.error ? `docker-compose: ${standalone.error.message}` : `docker-compose: ${firstLine(standalone.out) || `exit ${standalone.code}`}`];
  throw new ComposeNotFoundError(why.join('; '));
}

function firstLine(s: string): string {
  return s.trim().split('\n')[0] ?? '';
}

export interface Target {
  readonly set: Pick<ComposeFileSet, 'dir' | 'files' | 'projectName'>;
  /** Extra `-f` files (overrides chosen by the user), after `set.files`. */
  readonly extraFiles?: readonly string[];
}

/** Full argument list: `[compose] -p NAME -f a -f b … SUBCOMMAND …`. */
export function composeArgs(cli: ComposeCli, target: Target, sub: readonly string[]): string[] {
  const files = [...target.set.files, ...(target.extraFiles ?? [])];
  return [...cli.prefix, '--project-name', target.set.projectName, ...files.flatMap((f) => ['-f', f]), ...sub];
}

/** The subcommands the extension runs. Service names come from the file or the labels, never from free text. */
export const sub = {
  up: (services: readonly string[] = []): string[] => ['up', '--detach', '--build', ...services],
  down: (volumes: boolean): string[] => ['down', ...(volumes ? ['--volumes'] : [])],
  restart: (services: readonly string[] = []): string[] => ['restart', ...services],
  build: (services: readonly string[] = []): string[] => ['build', ...services],
  logs: (follow: boolean, services: readonly string[] = [], tail = 200): string[] => ['logs', ...(follow ? ['--follow'] : []), '--tail', String(tail), ...services],
  ps: (): string[] => ['ps'],
  shell: (service: string, shellCmd = 'sh'): string[] => ['exec', service, shellCmd],
};

export interface RunOptions {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  readonly signal?: AbortSignal;
  /** Called once per complete line (without the newline), in arrival order. */
  onLine?(line: string, stream: 'stdout' | 'stderr'): void;
  /** Milliseconds between SIGINT and SIGKILL when cancelled. */
  readonly killGraceMs?: number;
  readonly spawn?: Spawn;
}

/** Runs the CLI to its end (or until cancelled). Resolves with the exit status; rejects only when it cannot start. */
export function runCompose(cli: ComposeCli, args: readonly string[], opts: RunOptions): Promise<RunResult> {
  const spawn = opts.spawn ?? nodeSpawn;
  return new Promise((resolve, reject) => {
    if (opts.signal?.aborted) {
      resolve({ code: null, signal: null, output: '', cancelled: true });
      return;
    }
    let child: ChildProcess;
    try {
      child = spawn(cli.command, args, { cwd: opts.cwd, env: opts.env, stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (err) {
      reject(err as Error);
      return;
    }
    let output = '';
    let cancelled = false;
    let killTimer: NodeJS.Timeout | undefined;
    const partial = { stdout: '', stderr: '' };
    const feed = (stream: 'stdout' | 'stderr') => (b: Buffer) => {
      const text = b.toString();
      output += text;
      const parts = (partial[stream] + text).split(/\r?\n/);
      partial[stream] = parts.pop() ?? '';
      for (const line of parts) opts.onLine?.(line, stream);
    };
    child.stdout?.on('data', feed('stdout'));
    child.stderr?.on('data', feed('stderr'));
    const onAbort = () => {
      cancelled = true;
      // This child only (by its PID), gently first: compose stops what it started on SIGINT.
      child.kill('SIGINT');
      killTimer = setTimeout(() => child.kill('SIGKILL'), opts.killGraceMs ?? 5_000);
    };
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    let started = true;
    child.on('error', (err) => {
      started = false;
      opts.signal?.removeEventListener('abort', onAbort);
      if (killTimer) clearTimeout(killTimer);
      reject(err);
    });
    child.on('close', (code, signal) => {
      if (!started) return;
      opts.signal?.removeEventListener('abort', onAbort);
      if (killTimer) clearTimeout(killTimer);
      for (const s of ['stdout', 'stderr'] as const) if (partial[s]) opts.onLine?.(partial[s], s);
      resolve({ code, signal, output, cancelled });
    });
  });
}

/** One line of the command for the log, as a user would type it (quoted where needed). */
export function describeCommand(cli: ComposeCli, args: readonly string[]): string {
  return [cli.command, ...args].map(shellQuote).join(' ');
}
