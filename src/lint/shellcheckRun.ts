// Runs the `shellcheck` binary for the jobs of src/lint/shellcheck.ts: spawned with an argument array
// (no shell), the script on stdin, `--format=json1`; results cached per (shell, script); a bounded
// number of processes at a time, each killed after a time limit, and all of it cancelled through an
// AbortSignal when the text they were for has changed. Node only; nothing from the editor.
import { spawn } from 'node:child_process';
import type { Dockerfile } from './parser';
import { finishShellcheckProblems, parseJson1, problemsFromComments, shellcheckJobs, type ShellcheckComment, type ShellcheckJob } from './shellcheck';
import type { LintOptions, Problem } from './types';

export interface ShellcheckRunnerOptions {
  /** The executable; found on PATH when it is a bare name. */
  command?: string;
  /** A run taking longer is killed and its script reports nothing. */
  timeoutMs?: number;
  /** Processes at most at once. */
  concurrency?: number;
  /** Scripts whose results are kept (least recently used are dropped). */
  cacheSize?: number;
  /** Told about runs that failed (timeout, crash, unreadable output); never about cancellations. */
  onError?: (message: string) => void;
}

export class ShellcheckAbortError extends Error {
  constructor() {
    super('ShellCheck run cancelled');
  }
}

/** Owns the processes, the cache and the queue. One per editor session or CLI run. */
export class ShellcheckRunner {
  private readonly command: string;
  private readonly timeoutMs: number;
  private readonly concurrency: number;
  private readonly cacheSize: number;
  private readonly onError: (message: string) => void;
  private readonly cache = new Map<string, ShellcheckComment[]>();
  private readonly inflight = new Map<string, Promise<ShellcheckComment[] | null>>();
  private readonly queue: (() => void)[] = [];
  private running = 0;
  private availability: Promise<string | null> | undefined;
  /** Processes started so far (for tests and logs). */
  spawned = 0;

  constructor(options: ShellcheckRunnerOptions = {}) {
    this.command = options.command ?? 'shellcheck';
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.concurrency = Math.max(1, options.concurrency ?? 2);
    this.cacheSize = Math.max(1, options.cacheSize ?? 500);
    this.onError = options.onError ?? (() => undefined);
  }

  /** ShellCheck's version when the binary runs, else null. Asked once. */
  version(): Promise<string | null> {
    this.availability ??= this.exec(['--version'], '', undefined).then(
      (r) => (r.code === 0 ? /version:\s*(\S+)/.exec(r.stdout)?.[1] ?? 'unknown' : null),
      () => null,
    );
    return this.availability;
  }

  /**
   * The SC problems of a document, with the same controls as every other code (see
   * finishShellcheckProblems). Empty when ShellCheck is not installed. Rejects with
   * ShellcheckAbortError when `signal` aborts.
   */
  async problems(doc: Dockerfile, options: LintOptions = {}, signal?: AbortSignal): Promise<Problem[]> {
    if (!(await this.version())) return [];
    const jobs = shellcheckJobs(doc);
    const found = await Promise.all(jobs.map(async (job) => {
      const comments = await this.comments(job, signal);
      return comments ? problemsFromComments(job, comments) : [];
    }));
    return finishShellcheckProblems(doc, found.flat(), options);
  }

  /** ShellCheck's comments for one job (cached), or null when the run failed. */
  async comments(job: ShellcheckJob, signal?: AbortSignal): Promise<ShellcheckComment[] | null> {
    const key = `${job.shell}\0${job.input}`;
    const hit = this.cache.get(key);
    if (hit) {
      this.cache.delete(key);
      this.cache.set(key, hit);
      return hit;
    }
    let pending = this.inflight.get(key);
    if (!pending) {
      pending = this.runQueued(job, signal).finally(() => this.inflight.delete(key));
      this.inflight.set(key, pending);
    }
    let result: ShellcheckComment[] | null;
    try {
      result = await pending;
    } catch (err) {
      // a run shared with a caller that was cancelled: run again for this one
      if (err instanceof ShellcheckAbortError && !signal?.aborted) return this.comments(job, signal);
      throw err;
    }
    if (result) {
      this.cache.set(key, result);
      if (this.cache.size > this.cacheSize) this.cache.delete(this.cache.keys().next().value as string);
    }
    return result;
  }

  private async runQueued(job: ShellcheckJob, signal?: AbortSignal): Promise<ShellcheckComment[] | null> {
    await this.slot(signal);
    try {
      if (signal?.aborted) throw new ShellcheckAbortError();
      const r = await this.exec(['--format=json1', '--norc', '-s', job.shell, '-'], job.input, signal);
      if (r.timedOut) {
        this.onError(`shellcheck took longer than ${this.timeoutMs} ms on a RUN at line ${job.instr.range.line}; it was stopped`);
        return null;
      }
      const comments = parseJson1(r.stdout);
      if (!comments) {
        this.onError(`shellcheck exited with ${r.code ?? r.signal} without a result: ${r.stderr.split('\n')[0].slice(0, 200)}`);
        return null;
      }
      return comments;
    } catch (err) {
      if (err instanceof ShellcheckAbortError) throw err;
      this.onError(`shellcheck could not run: ${err instanceof Error ? err.message : String(err)}`);
      return null;
    } finally {
      this.release();
    }
  }

  private slot(signal?: AbortSignal): Promise<void> {
    if (this.running < this.concurrency) {
      this.running++;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const go = (): void => {
        signal?.removeEventListener('abort', cancel);
        this.running++;
        resolve();
      };
      const cancel = (): void => {
        const i = this.queue.indexOf(go);
        if (i >= 0) this.queue.splice(i, 1);
        reject(new ShellcheckAbortError());
      };
      if (signal?.aborted) return cancel();
      signal?.addEventListener('abort', cancel, { once: true });
      this.queue.push(go);
    });
  }

  private release(): void {
    this.running--;
    this.queue.shift()?.();
  }

  private exec(args: string[], input: string, signal: AbortSignal | undefined): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string; timedOut: boolean }> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(new ShellcheckAbortError());
      this.spawned++;
      const child = spawn(this.command, args, { stdio: ['pipe', 'pipe', 'pipe'], shell: false, windowsHide: true });
      let stdout = '';
      let stderr = '';
      let timedOut = false;
      let settled = false;
      const finish = (fn: () => void): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        fn();
      };
      // On a timeout or an abort the answer is given at once: a killed process whose children still
      // hold its pipes would otherwise keep the caller waiting.
      const stop = (): void => {
        child.kill('SIGKILL');
        child.stdout.destroy();
        child.stderr.destroy();
      };
      const timer = setTimeout(() => {
        timedOut = true;
        stop();
        finish(() => resolve({ code: null, signal: 'SIGKILL', stdout: '', stderr, timedOut }));
      }, this.timeoutMs);
      const onAbort = (): void => {
        stop();
        finish(() => reject(new ShellcheckAbortError()));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
      child.stderr.setEncoding('utf8').on('data', (d: string) => {
        if (stderr.length < 4096) stderr += d;
      });
      child.stdin.on('error', () => undefined); // a child that exits early closes its stdin: not our error
      child.on('error', (err) => finish(() => reject(err)));
      child.on('close', (code, sig) => finish(() => resolve({ code, signal: sig, stdout, stderr, timedOut })));
      child.stdin.end(input);
    });
  }
}
