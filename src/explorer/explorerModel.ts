// What the explorer views show, as data: the last list of images and containers, or why there is
// none. Plain Node (no `vscode` import): the tree providers render it, the integration tests and the
// bench drive it against a real engine. Paired with RefreshManager by `createExplorerCore`.
import type { ContainerSummary, Engine, EngineEvent, ImageSummary } from '../docker/engine';
import type { Endpoint } from '../docker/endpoint';
import { type EngineError, isCancelled, toEngineError } from '../docker/errors';
import { RefreshManager, type RefreshManagerOptions, type ViewKind } from './refreshManager';

export type ViewState<T> =
  | { readonly status: 'loading' }
  | { readonly status: 'ok'; readonly items: readonly T[]; readonly at: number }
  | { readonly status: 'error'; readonly error: EngineError; readonly endpoint?: Endpoint };

export type Listener = (views: readonly ViewKind[]) => void;

export class ExplorerModel {
  images: ViewState<ImageSummary> = { status: 'loading' };
  containers: ViewState<ContainerSummary> = { status: 'loading' };
  /** Endpoint of the last engine used (for the view description and error rows). */
  endpoint: Endpoint | undefined;
  private readonly listeners = new Set<Listener>();

  constructor(private readonly getEngine: () => Promise<Engine>) {}

  onDidChange(listener: Listener): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** Lists the given views in parallel and records the result or the error. Never throws. */
  async refresh(views: ReadonlySet<ViewKind>, signal: AbortSignal): Promise<void> {
    let engine: Engine;
    try {
      engine = await this.getEngine();
      this.endpoint = engine.endpoint;
    } catch (err) {
      // No engine (e.g. a bad DOCKER_HOST or a missing context): the error itself says what was tried.
      this.setError(views, toEngineError(err));
      return;
    }
    const tasks: Promise<void>[] = [];
    if (views.has('images')) {
      tasks.push(
        engine.listImages({ signal }).then(
          (items) => this.set('images', { status: 'ok', items, at: Date.now() }),
          (err: unknown) => this.fail('images', err, engine.endpoint),
        ),
      );
    }
    if (views.has('containers')) {
      tasks.push(
        engine.listContainers({ all: true, signal }).then(
          (items) => this.set('containers', { status: 'ok', items, at: Date.now() }),
          (err: unknown) => this.fail('containers', err, engine.endpoint),
        ),
      );
    }
    await Promise.all(tasks);
  }

  private fail(view: ViewKind, err: unknown, endpoint: Endpoint): void {
    if (isCancelled(err)) return; // aborted because hidden or restarted: keep what we had
    this.set(view, { status: 'error', error: toEngineError(err, endpoint), endpoint });
  }

  private setError(views: ReadonlySet<ViewKind>, error: EngineError): void {
    if (error.kind === 'cancelled') return;
    for (const v of views) this.set(v, { status: 'error', error });
  }

  private set(view: ViewKind, state: ViewState<ImageSummary> | ViewState<ContainerSummary>): void {
    if (view === 'images') this.images = state as ViewState<ImageSummary>;
    else this.containers = state as ViewState<ContainerSummary>;
    for (const l of this.listeners) l([view]);
  }

  /** Marks every view as loading (engine changed). */
  reset(): void {
    this.images = { status: 'loading' };
    this.containers = { status: 'loading' };
    for (const l of this.listeners) l(['images', 'containers']);
  }
}

export interface ExplorerCore {
  readonly model: ExplorerModel;
  readonly refresh: RefreshManager;
}

export const EVENT_FILTERS = { type: ['container', 'image'] };

/** The model plus its live refresh, with no editor involved. */
export function createExplorerCore(
  getEngine: () => Promise<Engine>,
  options: Omit<RefreshManagerOptions, 'refresh' | 'openEvents'> = {},
): ExplorerCore {
  const model = new ExplorerModel(getEngine);
  const refresh = new RefreshManager({
    ...options,
    refresh: (views, signal) => model.refresh(views, signal),
    openEvents: async (signal): Promise<AsyncIterable<EngineEvent>> =>
      (await getEngine()).events({ signal, filters: EVENT_FILTERS }),
  });
  return { model, refresh };
}
