// A self-healing subscription to the engine's /events stream: when the stream ends or fails (engine
// restart, socket gone), it reconnects with exponential backoff and reports each (re)connect, so the
// caller can re-list. Pure Node (no `vscode` import); the clock is injectable for tests.
import type { EngineEvent } from './engine';
import { type EngineError, isCancelled, toEngineError } from './errors';

export interface TimerHandle {
  readonly __timer?: never;
}

/** The bits of time the watchers and the refresh manager need; tests pass a fake one. */
export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle | undefined): void;
}

export const realClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms);
    t.unref?.();
    return t as unknown as TimerHandle;
  },
  clearTimeout: (h) => {
    if (h) clearTimeout(h as unknown as NodeJS.Timeout);
  },
};

export interface EventWatcherOptions {
  /** Opens one events connection (e.g. `engine.events({ signal, filters })`). */
  open(signal: AbortSignal): Promise<AsyncIterable<EngineEvent>>;
  onEvent(event: EngineEvent): void;
  /** After every successful (re)connect. */
  onConnected?(): void;
  /** The stream ended (`error` undefined) or failed; a reconnect is scheduled in `retryInMs`. */
  onDisconnected?(error: EngineError | undefined, retryInMs: number): void;
  clock?: Clock;
  initialBackoffMs?: number;
  maxBackoffMs?: number;
}

export class EventWatcher {
  private readonly clock: Clock;
  private readonly initialBackoff: number;
  private readonly maxBackoff: number;
  private backoff: number;
  private running = false;
  private controller: AbortController | undefined;
  private retryTimer: TimerHandle | undefined;
  private generation = 0;
  private _connected = false;

  constructor(private readonly opts: EventWatcherOptions) {
    this.clock = opts.clock ?? realClock;
    this.initialBackoff = opts.initialBackoffMs ?? 500;
    this.maxBackoff = opts.maxBackoffMs ?? 30_000;
    this.backoff = this.initialBackoff;
  }

  get connected(): boolean {
    return this._connected;
  }

  get isRunning(): boolean {
    return this.running;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.backoff = this.initialBackoff;
    void this.connect(++this.generation);
  }

  stop(): void {
    this.running = false;
    this.generation++;
    this._connected = false;
    this.clock.clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.controller?.abort();
    this.controller = undefined;
  }

  /** Reconnect now (e.g. the user pressed Retry), skipping the backoff wait. */
  retryNow(): void {
    if (!this.running) return;
    this.stop();
    this.start();
  }

  private async connect(gen: number): Promise<void> {
    const controller = new AbortController();
    this.controller = controller;
    let failure: EngineError | undefined;
    try {
      const stream = await this.opts.open(controller.signal);
      if (gen !== this.generation) return;
      this._connected = true;
      this.backoff = this.initialBackoff;
      this.opts.onConnected?.();
      for await (const event of stream) {
        if (gen !== this.generation) return;
        this.opts.onEvent(event);
      }
    } catch (err) {
      if (gen !== this.generation || isCancelled(err)) return;
      failure = toEngineError(err);
    } finally {
      controller.abort();
    }
    if (gen !== this.generation || !this.running) return;
    this._connected = false;
    const wait = this.backoff;
    this.backoff = Math.min(this.backoff * 2, this.maxBackoff);
    this.opts.onDisconnected?.(failure, wait);
    if (gen !== this.generation || !this.running) return;
    this.retryTimer = this.clock.setTimeout(() => {
      this.retryTimer = undefined;
      if (gen === this.generation && this.running) void this.connect(gen);
    }, wait);
  }
}
