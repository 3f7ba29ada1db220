// Compose projects as the Compose view shows them: projects → services → containers, from the
// `com.docker.compose.*` labels of the engine's containers merged with the compose files found in the
// workspace (so a project that is down still shows its services). Kept live by engine events on
// compose-labelled containers. Pure Node (no vscode).
import type { ContainerSummary, Engine, EngineEvent } from '../docker/engine';
import { type Clock, EventWatcher, realClock, type TimerHandle } from '../docker/events';
import { type EngineError, isCancelled, toEngineError } from '../docker/errors';
import type { FoundProject } from './files';

export const LABELS = {
  project: 'com.docker.compose.project',
  service: 'com.docker.compose.service',
  workingDir: 'com.docker.compose.project.working_dir',
  configFiles: 'com.docker.compose.project.config_files',
  number: 'com.docker.compose.container-number',
  oneoff: 'com.docker.compose.oneoff',
} as const;

/** podman-compose labels its containers with these instead. */
const PODMAN_PROJECT = 'io.podman.compose.project';
const PODMAN_SERVICE = 'io.podman.compose.service';

export type ServiceState = 'running' | 'partial' | 'stopped' | 'notCreated';

export interface ComposeService {
  readonly name: string;
  readonly containers: readonly ContainerSummary[];
  /** Declared in a compose file of the workspace. */
  readonly declared: boolean;
  readonly state: ServiceState;
}

export interface ComposeProject {
  readonly name: string;
  /** Folder compose ran in (label) or the folder of the found files. */
  readonly workingDir?: string;
  /** Files compose used (label) or would use (found). */
  readonly configFiles: readonly string[];
  /** The workspace file set this project comes from, when one matches. */
  readonly found?: FoundProject;
  readonly services: readonly ComposeService[];
  readonly running: number;
  readonly total: number;
}

export function projectOf(c: ContainerSummary): string | undefined {
  return c.Labels?.[LABELS.project] ?? c.Labels?.[PODMAN_PROJECT];
}

function serviceOf(c: ContainerSummary): string {
  return c.Labels?.[LABELS.service] ?? c.Labels?.[PODMAN_SERVICE] ?? '(unknown service)';
}

function stateOf(containers: readonly ContainerSummary[]): ServiceState {
  if (!containers.length) return 'notCreated';
  const running = containers.filter((c) => c.State === 'running').length;
  return running === containers.length ? 'running' : running ? 'partial' : 'stopped';
}

function containerNumber(c: ContainerSummary): number {
  return Number(c.Labels?.[LABELS.number] ?? 0) || 0;
}

/** Groups containers by project and service, adding the services and projects declared in `found`. */
export function buildProjects(containers: readonly ContainerSummary[], found: readonly FoundProject[] = []): ComposeProject[] {
  const byProject = new Map<string, ContainerSummary[]>();
  for (const c of containers) {
    const p = projectOf(c);
    if (!p || c.Labels?.[LABELS.oneoff] === 'True') continue;
    (byProject.get(p) ?? byProject.set(p, []).get(p)!).push(c);
  }
  const names = new Set([...byProject.keys(), ...found.map((f) => f.set.projectName)]);
  const projects: ComposeProject[] = [];
  for (const name of names) {
    const cs = byProject.get(name) ?? [];
    const labels = cs[0]?.Labels ?? {};
    const workingDir = labels[LABELS.workingDir];
    const f = found.find((x) => x.set.projectName === name && (!workingDir || x.set.dir === workingDir)) ?? found.find((x) => x.set.projectName === name);
    const byService = new Map<string, ContainerSummary[]>();
    for (const s of f?.services ?? []) byService.set(s, []);
    for (const c of cs) (byService.get(serviceOf(c)) ?? byService.set(serviceOf(c), []).get(serviceOf(c))!).push(c);
    const services: ComposeService[] = [...byService.entries()].map(([svc, list]) => ({
      name: svc,
      containers: [...list].sort((a, b) => containerNumber(a) - containerNumber(b)),
      declared: f?.services.includes(svc) ?? false,
      state: stateOf(list),
    }));
    const configLabel = labels[LABELS.configFiles];
    projects.push({
      name,
      workingDir: workingDir ?? f?.set.dir,
      configFiles: configLabel ? configLabel.split(',') : [...(f?.set.files ?? [])],
      found: f,
      services,
      running: cs.filter((c) => c.State === 'running').length,
      total: cs.length,
    });
  }
  return projects.sort((a, b) => a.name.localeCompare(b.name));
}

export type ComposeState =
  | { readonly status: 'loading' }
  | { readonly status: 'ok'; readonly projects: readonly ComposeProject[] }
  | { readonly status: 'error'; readonly error: EngineError; readonly projects: readonly ComposeProject[] };

/** Container events; only those of compose-labelled containers trigger a re-list (checked here, since
 * Podman's events API matches a `label` filter only with a value). */
export const COMPOSE_EVENT_FILTERS = { type: ['container'] };

const IGNORED_ACTIONS = /^(exec_create|exec_start|exec_die|exec_detach|attach|detach|resize|top|archive-path|extract-to-dir|copy|export|commit)\b/;

/** Whether an engine event can change what the Compose view shows. */
export function isComposeEvent(e: EngineEvent): boolean {
  const attrs = e.Actor?.Attributes ?? {};
  return (attrs[LABELS.project] !== undefined || attrs[PODMAN_PROJECT] !== undefined) && !IGNORED_ACTIONS.test(e.Action ?? e.status ?? '');
}

export interface ComposeModelOptions {
  clock?: Clock;
  /** Quiet time after an event before re-listing. */
  debounceMs?: number;
  initialBackoffMs?: number;
  maxBackoffMs?: number;
}

/**
 * The projects, re-listed on start, on every compose container event (debounced), on every events
 * (re)connect and when asked. `found` (the workspace's compose files) is supplied by the caller.
 */
export class ComposeModel {
  state: ComposeState = { status: 'loading' };
  found: readonly FoundProject[] = [];
  readonly stats = { lists: 0, events: 0 };
  private readonly listeners = new Set<() => void>();
  private readonly clock: Clock;
  private readonly debounceMs: number;
  private readonly watcher: EventWatcher;
  private timer: TimerHandle | undefined;
  private inflight: AbortController | undefined;
  private containers: readonly ContainerSummary[] = [];

  constructor(private readonly getEngine: () => Promise<Engine>, opts: ComposeModelOptions = {}) {
    this.clock = opts.clock ?? realClock;
    this.debounceMs = opts.debounceMs ?? 300;
    this.watcher = new EventWatcher({
      open: async (signal) => (await this.getEngine()).events({ signal, filters: COMPOSE_EVENT_FILTERS }),
      onEvent: (e) => {
        if (!isComposeEvent(e)) return;
        this.stats.events++;
        this.schedule();
      },
      onConnected: () => void this.refresh(),
      onDisconnected: () => void this.refresh(),
      clock: this.clock,
      initialBackoffMs: opts.initialBackoffMs,
      maxBackoffMs: opts.maxBackoffMs,
    });
  }

  /** The projects; before the engine was first listed (view not shown yet), those of the workspace's compose files. */
  get projects(): readonly ComposeProject[] {
    return this.state.status === 'loading' ? buildProjects([], this.found) : this.state.projects;
  }

  get eventsConnected(): boolean {
    return this.watcher.connected;
  }

  onDidChange(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** Starts following events (and lists once connected). */
  start(): void {
    this.watcher.start();
  }

  stop(): void {
    this.watcher.stop();
    this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.inflight?.abort();
  }

  /** Engine changed: forget what was listed and reconnect. */
  reset(): void {
    this.containers = [];
    this.state = { status: 'loading' };
    this.emit();
    if (this.watcher.isRunning) this.watcher.retryNow();
  }

  setFound(found: readonly FoundProject[]): void {
    this.found = found;
    this.state = this.state.status === 'error'
      ? { ...this.state, projects: buildProjects([], found) }
      : this.state.status === 'ok' ? { status: 'ok', projects: buildProjects(this.containers, found) } : this.state;
    this.emit();
  }

  private schedule(): void {
    this.clock.clearTimeout(this.timer);
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      void this.refresh();
    }, this.debounceMs);
  }

  /** Lists the containers now. Never throws. */
  async refresh(): Promise<void> {
    this.inflight?.abort();
    const ac = new AbortController();
    this.inflight = ac;
    try {
      const engine = await this.getEngine();
      this.stats.lists++;
      const list = await engine.listContainers({ all: true, signal: ac.signal });
      if (ac.signal.aborted) return;
      this.containers = list.filter((c) => projectOf(c) !== undefined);
      this.state = { status: 'ok', projects: buildProjects(this.containers, this.found) };
    } catch (err) {
      if (ac.signal.aborted || isCancelled(err)) return;
      this.containers = [];
      this.state = { status: 'error', error: toEngineError(err), projects: buildProjects([], this.found) };
    } finally {
      if (this.inflight === ac) this.inflight = undefined;
    }
    this.emit();
  }

  private emit(): void {
    for (const l of this.listeners) l();
  }
}
