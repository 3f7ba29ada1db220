// Keeps the explorer views live without burning CPU. Plain Node (no `vscode` import) so the debounce,
// visibility and reconnect logic are unit-tested with a fake clock.
//
//  - Nothing runs until a view is visible; when the last view is hidden, the events stream is
//    closed, timers are cleared and an in-flight list is aborted: no engine calls while hidden.
//  - Engine events are only a trigger: they mark the affected view dirty and schedule one re-list
//    after `debounceMs` (500) of quiet, at most `maxWaitMs` after the first event of a burst.
//  - A backstop poll re-lists every `pollMs` (≥ 60 s) in case an event was missed.
//  - The events stream reconnects with backoff (EventWatcher); every (re)connect and every drop
//    re-lists, so the views show the unreachable state and recover on their own.
import type { EngineEvent } from '../docker/engine';
import { type Clock, EventWatcher, realClock, type TimerHandle } from '../docker/events';
import type { EngineError } from '../docker/errors';

export type ViewKind = 'images' | 'containers' | 'volumes' | 'networks';
export const ALL_VIEWS: readonly ViewKind[] = ['images', 'containers', 'volumes', 'networks'];

export interface RefreshManagerOptions {
  /** Re-lists the given views (and updates the model). Should record its own errors; a throw is only logged. */
  refresh(views: ReadonlySet<ViewKind>, signal: AbortSignal): Promise<void>;
  /** Opens one events connection. */
  openEvents(signal: AbortSignal): Promise<AsyncIterable<EngineEvent>>;
  clock?: Clock;
  debounceMs?: number;
  maxWaitMs?: number;
  pollMs?: number;
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  log?(message: string): void;
}

/** Container/image actions that do not change what the views show. */
const IGNORED_ACTIONS = /^(exec_create|exec_start|exec_die|exec_detach|attach|detach|resize|top|archive-path|extract-to-dir|copy|export|commit)\b/;

/** Container actions that change who uses a volume or which containers a network lists. */
const MEMBERSHIP_ACTIONS = /^(create|destroy|remove|rename)\b/; // Podman says "remove" where Docker says "destroy"
/** Volume actions that change the list (mount/unmount come with every container start/stop). */
const VOLUME_ACTIONS = /^(create|destroy|remove|prune)\b/;

/** The views an engine event makes stale (empty: none). */
export function viewsForEvent(e: EngineEvent): ViewKind[] {
  const action = e.Action ?? e.status ?? '';
  switch (e.Type) {
    case 'container':
      if (IGNORED_ACTIONS.test(action)) return [];
      return MEMBERSHIP_ACTIONS.test(action) ? ['containers', 'volumes', 'networks'] : ['containers'];
    case 'image':
      return IGNORED_ACTIONS.test(action) ? [] : ['images'];
    case 'volume':
      return VOLUME_ACTIONS.test(action) ? ['volumes'] : [];
    case 'network':
      return ['networks'];
    default:
      return [];
  }
}

export class RefreshManager {
  private readonly clock: Clock;
  private readonly debounceMs: number;
  private readonly maxWaitMs: number;
  private readonly pollMs: number;
  private readonly visible = new Set<ViewKind>();
  private readonly dirty = new Set<ViewKind>();
  private readonly watcher: EventWatcher;
  private debounceTimer: TimerHandle | undefined;
  private burstStart = 0;
  private pollTimer: TimerHandle | undefined;
  private inFlight: { controller: AbortController; done: Promise<void> } | undefined;
  private rerunAfterFlight = false;
  private disposed = false;

  constructor(private readonly opts: RefreshManagerOptions) {
    this.clock = opts.clock ?? realClock;
    this.debounceMs = Math.min(opts.debounceMs ?? 500, 500);
    this.maxWaitMs = opts.maxWaitMs ?? 3_000;
    this.pollMs = Math.max(opts.pollMs ?? 60_000, 60_000);
    this.watcher = new EventWatcher({
      open: (signal) => opts.openEvents(signal),
      onEvent: (e) => this.onEvent(e),
      onConnected: () => {
        this.log('events: connected');
        this.markAllVisibleDirty();
        this.runNow();
      },
      onDisconnected: (err: EngineError | undefined, retryInMs: number) => {
        this.log(`events: ${err ? `failed (${err.message})` : 'stream ended'}; reconnecting in ${retryInMs} ms`);
        this.markAllVisibleDirty();
        this.runNow();
      },
      clock: this.clock,
      initialBackoffMs: opts.initialBackoffMs,
      maxBackoffMs: opts.maxBackoffMs,
    });
  }

  get isActive(): boolean {
    return this.visible.size > 0 && !this.disposed;
  }

  get eventsConnected(): boolean {
    return this.watcher.connected;
  }

  isVisible(view: ViewKind): boolean {
    return this.visible.has(view);
  }

  /** Call from TreeView.onDidChangeVisibility. */
  setVisible(view: ViewKind, visible: boolean): void {
    if (this.disposed) return;
    if (visible) {
      if (this.visible.has(view)) return;
      const wasActive = this.visible.size > 0;
      this.visible.add(view);
      this.dirty.add(view);
      if (!wasActive) {
        // The first list comes from the watcher's onConnected (or onDisconnected on failure).
        this.watcher.start();
      } else {
        this.runNow();
      }
    } else {
      if (!this.visible.delete(view)) return;
      if (this.visible.size === 0) this.sleep();
    }
  }

  /** Re-list now (Retry, after a command, settings change). Also reconnects a broken events stream at once. */
  refreshNow(views: readonly ViewKind[] = ALL_VIEWS): void {
    if (!this.isActive) {
      for (const v of views) this.dirty.add(v);
      return;
    }
    for (const v of views) this.dirty.add(v);
    if (!this.watcher.connected) {
      this.watcher.retryNow(); // its onConnected/onDisconnected re-lists
      return;
    }
    this.runNow();
  }

  /** The engine changed (new endpoint): drop the stream and start over. */
  restart(): void {
    if (!this.isActive) {
      this.markAllDirty();
      return;
    }
    this.abortInFlight();
    this.markAllVisibleDirty();
    this.watcher.stop();
    this.watcher.start();
  }

  /** Resolves when no list is running (tests and the bench). */
  async idle(): Promise<void> {
    while (this.inFlight) await this.inFlight.done;
  }

  dispose(): void {
    this.disposed = true;
    this.sleep();
  }

  private sleep(): void {
    this.log('views hidden: stopping live refresh');
    this.watcher.stop();
    this.clock.clearTimeout(this.debounceTimer);
    this.debounceTimer = undefined;
    this.clock.clearTimeout(this.pollTimer);
    this.pollTimer = undefined;
    this.abortInFlight();
    this.markAllDirty(); // show fresh data when a view comes back
  }

  private abortInFlight(): void {
    this.rerunAfterFlight = false;
    this.inFlight?.controller.abort();
  }

  private markAllDirty(): void {
    for (const v of ALL_VIEWS) this.dirty.add(v);
  }

  private markAllVisibleDirty(): void {
    for (const v of this.visible) this.dirty.add(v);
  }

  private onEvent(e: EngineEvent): void {
    const views = viewsForEvent(e);
    for (const view of views) this.dirty.add(view);
    if (views.some((view) => this.visible.has(view))) this.schedule();
  }

  /** Trailing debounce: `debounceMs` after the last event, but no later than `maxWaitMs` after the first. */
  private schedule(): void {
    const now = this.clock.now();
    if (this.debounceTimer === undefined) this.burstStart = now;
    this.clock.clearTimeout(this.debounceTimer);
    const delay = Math.max(0, Math.min(this.debounceMs, this.burstStart + this.maxWaitMs - now));
    this.debounceTimer = this.clock.setTimeout(() => {
      this.debounceTimer = undefined;
      this.run();
    }, delay);
  }

  private runNow(): void {
    this.clock.clearTimeout(this.debounceTimer);
    this.debounceTimer = undefined;
    this.run();
  }

  private run(): void {
    if (!this.isActive) return;
    if (this.inFlight) {
      this.rerunAfterFlight = true;
      return;
    }
    const targets = new Set([...this.dirty].filter((v) => this.visible.has(v)));
    if (targets.size === 0) return;
    for (const v of targets) this.dirty.delete(v);
    this.clock.clearTimeout(this.pollTimer);
    this.pollTimer = undefined;
    const controller = new AbortController();
    const done = (async () => {
      try {
        await this.opts.refresh(targets, controller.signal);
      } catch (err) {
        this.log(`refresh failed: ${(err as Error).message}`);
      }
    })().finally(() => {
      if (this.inFlight?.controller === controller) this.inFlight = undefined;
      if (!this.isActive) return;
      if (!controller.signal.aborted && this.pollTimer === undefined) {
        this.pollTimer = this.clock.setTimeout(() => {
          this.pollTimer = undefined;
          this.markAllVisibleDirty();
          this.run();
        }, this.pollMs);
      }
      if (this.rerunAfterFlight) {
        this.rerunAfterFlight = false;
        this.run();
      }
    });
    this.inFlight = { controller, done };
  }

  private log(message: string): void {
    this.opts.log?.(message);
  }
}
