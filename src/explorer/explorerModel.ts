// What the explorer views show, as data: the last list of images, containers, volumes and networks,
// or why there is none. The volumes and networks views also need the containers (who mounts a volume,
// who is attached to a network), so listing them lists the containers too. Plain Node (no `vscode` import): the tree providers render it, the integration tests and the
// bench drive it against a real engine. Paired with RefreshManager by `createExplorerCore`.
import type { ContainerSummary, Engine, EngineEvent, ImageSummary, NetworkSummary, VolumeSummary, VolumeUsageData } from '../docker/engine';
import type { Endpoint } from '../docker/endpoint';
import { type EngineError, isCancelled, toEngineError } from '../docker/errors';
import { ALL_VIEWS, RefreshManager, type RefreshManagerOptions, type ViewKind } from './refreshManager';
import { volumeUsageByName } from './volumesTree';

export type ViewState<T> =
  | { readonly status: 'loading' }
  | { readonly status: 'ok'; readonly items: readonly T[]; readonly at: number }
  | { readonly status: 'error'; readonly error: EngineError; readonly endpoint?: Endpoint };

export type Listener = (views: readonly ViewKind[]) => void;

export interface ExplorerModelOptions {
  /** Whether listing volumes also reads their sizes (GET /system/df, slow on big data roots). */
  readonly volumeSizes?: () => boolean;
}

/** How long a /system/df read on hover is reused. */
const USAGE_MAX_AGE_MS = 30_000;

export class ExplorerModel {
  images: ViewState<ImageSummary> = { status: 'loading' };
  containers: ViewState<ContainerSummary> = { status: 'loading' };
  volumes: ViewState<VolumeSummary> = { status: 'loading' };
  networks: ViewState<NetworkSummary> = { status: 'loading' };
  /** Volume sizes by name, when read (with the volumes list when the setting asks, or on hover). */
  volumeUsage: { readonly at: number; readonly sizes: ReadonlyMap<string, VolumeUsageData> } | undefined;
  /** Endpoint of the last engine used (for the view description and error rows). */
  endpoint: Endpoint | undefined;
  private readonly listeners = new Set<Listener>();
  private usageInFlight: Promise<ReadonlyMap<string, VolumeUsageData>> | undefined;

  constructor(
    private readonly getEngine: () => Promise<Engine>,
    private readonly options: ExplorerModelOptions = {},
  ) {}

  state(view: ViewKind): ViewState<unknown> {
    switch (view) {
      case 'images':
        return this.images;
      case 'containers':
        return this.containers;
      case 'volumes':
        return this.volumes;
      case 'networks':
        return this.networks;
    }
  }

  /** The containers when the last list worked, else undefined: who uses what is not known. */
  get containerItems(): readonly ContainerSummary[] | undefined {
    return this.containers.status === 'ok' ? this.containers.items : undefined;
  }

  /** Volume sizes, read now unless a read is recent or already running. Never throws: sizes are optional. */
  async loadVolumeUsage(signal?: AbortSignal): Promise<ReadonlyMap<string, VolumeUsageData>> {
    if (this.volumeUsage && Date.now() - this.volumeUsage.at < USAGE_MAX_AGE_MS) return this.volumeUsage.sizes;
    this.usageInFlight ??= (async () => {
      try {
        const engine = await this.getEngine();
        const sizes = volumeUsageByName(await engine.diskUsage({ signal }));
        this.volumeUsage = { at: Date.now(), sizes };
        return sizes;
      } catch {
        return this.volumeUsage?.sizes ?? new Map<string, VolumeUsageData>();
      } finally {
        this.usageInFlight = undefined;
      }
    })();
    return this.usageInFlight;
  }

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
    if (views.has('containers') || views.has('volumes') || views.has('networks')) {
      tasks.push(
        engine.listContainers({ all: true, signal }).then(
          (items) => this.set('containers', { status: 'ok', items, at: Date.now() }),
          (err: unknown) => this.fail('containers', err, engine.endpoint),
        ),
      );
    }
    if (views.has('volumes')) {
      const withSizes = this.options.volumeSizes?.() ?? false;
      const sizes = withSizes ? engine.diskUsage({ signal }).then(volumeUsageByName, () => undefined) : Promise.resolve(undefined);
      tasks.push(
        Promise.all([engine.listVolumes({ signal }), sizes]).then(
          ([items, usage]) => {
            this.volumeUsage = usage ? { at: Date.now(), sizes: usage } : undefined;
            this.set('volumes', { status: 'ok', items, at: Date.now() });
          },
          (err: unknown) => this.fail('volumes', err, engine.endpoint),
        ),
      );
    }
    if (views.has('networks')) {
      tasks.push(
        engine.listNetworks({ signal }).then(
          (items) => this.set('networks', { status: 'ok', items, at: Date.now() }),
          (err: unknown) => this.fail('networks', err, engine.endpoint),
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

  private set(view: ViewKind, state: ViewState<unknown>): void {
    switch (view) {
      case 'images':
        this.images = state as ViewState<ImageSummary>;
        break;
      case 'containers':
        this.containers = state as ViewState<ContainerSummary>;
        break;
      case 'volumes':
        this.volumes = state as ViewState<VolumeSummary>;
        break;
      case 'networks':
        this.networks = state as ViewState<NetworkSummary>;
        break;
    }
    for (const l of this.listeners) l([view]);
  }

  /** Marks every view as loading (engine changed). */
  reset(): void {
    this.images = { status: 'loading' };
    this.containers = { status: 'loading' };
    this.volumes = { status: 'loading' };
    this.networks = { status: 'loading' };
    this.volumeUsage = undefined;
    for (const l of this.listeners) l(ALL_VIEWS);
  }
}

export interface ExplorerCore {
  readonly model: ExplorerModel;
  readonly refresh: RefreshManager;
}

export const EVENT_FILTERS = { type: ['container', 'image', 'volume', 'network'] };

/** The model plus its live refresh, with no editor involved. */
export function createExplorerCore(
  getEngine: () => Promise<Engine>,
  options: Omit<RefreshManagerOptions, 'refresh' | 'openEvents'> & ExplorerModelOptions = {},
): ExplorerCore {
  const model = new ExplorerModel(getEngine, { volumeSizes: options.volumeSizes });
  const refresh = new RefreshManager({
    ...options,
    refresh: (views, signal) => model.refresh(views, signal),
    openEvents: async (signal): Promise<AsyncIterable<EngineEvent>> =>
      (await getEngine()).events({ signal, filters: EVENT_FILTERS }),
  });
  return { model, refresh };
}
