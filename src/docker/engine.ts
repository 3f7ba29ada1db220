// The engine client interface: everything the extension asks of a Docker (or Podman) engine.
// Implemented with dockerode in dockerodeEngine.ts; tests and views only see this interface.
// Pure Node: no `vscode` import, and no runtime dependency on dockerode (types here are our own,
// shaped like the Engine API's JSON so recorded responses can be used directly as fixtures).
//
// Every call takes `CallOptions`: an optional AbortSignal and a timeout (defaults per call kind).
// Every failure is an EngineError from ./errors (unreachable, permissionDenied, notFound, conflict,
// unauthorized, apiTooOld, timeout, cancelled, …).
import type { Duplex, Readable } from 'node:stream';
import type { Endpoint } from './endpoint';
import type { LogChunk } from './streams';
import type { EngineProduct } from './engineKind';
import type { BuildRequest, BuildResult } from './build/build';
import type { BuildProgressListener } from './build/progress';
import type { EngineAuthConfig } from './credentials';
import type { PullListener, PullResult } from './pull/pull';
import type { PushListener, PushResult } from './push/push';
import type { RunOptions } from './run/options';
import type { StartedContainer } from './run/run';
import type { GpuSupport } from './gpu';

export interface CallOptions {
  /** Aborting rejects the call with CancelledError. */
  readonly signal?: AbortSignal;
  /** Milliseconds before the call rejects with EngineTimeoutError. Defaults: see DEFAULT_TIMEOUTS. */
  readonly timeoutMs?: number;
}

export const DEFAULT_TIMEOUTS = {
  /** ping, version, inspect, list, tag, start, … */
  quick: 20_000,
  /** stop/restart (the engine waits for the container's stop timeout), remove, prune. */
  slow: 120_000,
  /** Opening a stream (logs, events, exec attach) — time to first byte only, not the stream's life. */
  open: 20_000,
} as const;

// ---------------------------------------------------------------------------------------------
// Engine API shapes (subset of the fields; names as in the API JSON)

export interface EngineVersion {
  Version: string;
  ApiVersion: string;
  MinAPIVersion?: string;
  Os: string;
  Arch: string;
  KernelVersion?: string;
  /** e.g. [{ Name: 'Podman Engine', … }] — used to tell Podman from Docker. */
  Components?: { Name: string; Version: string }[];
}

export interface ImageSummary {
  Id: string;
  ParentId: string;
  RepoTags: string[] | null;
  RepoDigests: string[] | null;
  /** Unix seconds. */
  Created: number;
  Size: number;
  SharedSize?: number;
  Labels: Record<string, string> | null;
  Containers: number;
}

export interface ImageInspect {
  Id: string;
  RepoTags: string[];
  RepoDigests: string[];
  /** RFC 3339. */
  Created: string;
  Size: number;
  Architecture: string;
  Os: string;
  Variant?: string;
  Author?: string;
  Config: {
    Env?: string[] | null;
    Labels?: Record<string, string> | null;
    Cmd?: string[] | null;
    Entrypoint?: string[] | null;
    WorkingDir?: string;
    User?: string;
    ExposedPorts?: Record<string, object> | null;
  } | null;
  RootFS?: { Type: string; Layers?: string[] };
  [key: string]: unknown;
}

export interface ImageHistoryEntry {
  Id: string;
  Created: number;
  CreatedBy: string;
  Tags: string[] | null;
  Size: number;
  Comment: string;
}

export interface ImageDeleteItem {
  Untagged?: string;
  Deleted?: string;
}

export interface PruneImagesResult {
  ImagesDeleted: ImageDeleteItem[] | null;
  SpaceReclaimed: number;
}

export interface PortBinding {
  IP?: string;
  PrivatePort: number;
  PublicPort?: number;
  Type: string;
}

export interface MountPoint {
  Type: string;
  Name?: string;
  Source: string;
  Destination: string;
  Mode?: string;
  RW: boolean;
}

export type ContainerState = 'created' | 'running' | 'paused' | 'restarting' | 'removing' | 'exited' | 'dead';

export interface ContainerSummary {
  Id: string;
  Names: string[];
  Image: string;
  ImageID: string;
  Command: string;
  /** Unix seconds. */
  Created: number;
  Ports: PortBinding[];
  Labels: Record<string, string> | null;
  State: ContainerState | string;
  /** e.g. "Up 3 minutes (healthy)", "Exited (0) 2 hours ago". */
  Status: string;
  HostConfig?: { NetworkMode?: string };
  Mounts: MountPoint[];
  /** The networks the container is attached to, by network name. */
  NetworkSettings?: { Networks?: Record<string, { NetworkID?: string; IPAddress?: string } | null> | null } | null;
}

export interface DeviceRequest {
  Driver?: string;
  Count?: number;
  DeviceIDs?: string[] | null;
  Capabilities?: string[][] | null;
  Options?: Record<string, string> | null;
}

export interface ContainerInspect {
  Id: string;
  Name: string;
  Created: string;
  Image: string;
  State: {
    Status: string;
    Running: boolean;
    Paused: boolean;
    Restarting: boolean;
    Dead: boolean;
    ExitCode: number;
    StartedAt: string;
    FinishedAt: string;
    Error?: string;
    Health?: { Status: string };
  };
  Config: { Image: string; Env?: string[] | null; Labels?: Record<string, string> | null; Tty?: boolean };
  HostConfig: { DeviceRequests?: DeviceRequest[] | null; NetworkMode?: string; Runtime?: string };
  Mounts: MountPoint[];
  [key: string]: unknown;
}

/** GET /volumes item and GET /volumes/{name}. */
export interface VolumeSummary {
  Name: string;
  Driver: string;
  Mountpoint: string;
  /** RFC 3339; missing on some drivers and on Podman's older APIs. */
  CreatedAt?: string;
  Labels: Record<string, string> | null;
  Scope: 'local' | 'global' | string;
  Options?: Record<string, string> | null;
  Status?: Record<string, unknown> | null;
  /** Only from GET /system/df: `Size` -1 when the engine does not know it. */
  UsageData?: VolumeUsageData | null;
}

export interface VolumeUsageData {
  /** Bytes; -1 when unknown. */
  Size: number;
  /** Containers referencing the volume; -1 when unknown. */
  RefCount: number;
}

export interface VolumeCreateRequest {
  /** Empty or missing: the engine makes up an anonymous name. */
  readonly Name?: string;
  readonly Driver?: string;
  readonly DriverOpts?: Readonly<Record<string, string>>;
  readonly Labels?: Readonly<Record<string, string>>;
}

export interface PruneVolumesResult {
  VolumesDeleted: string[] | null;
  SpaceReclaimed: number;
}

/** GET /system/df, the part the explorer reads. */
export interface DiskUsage {
  Volumes?: VolumeSummary[] | null;
  LayersSize?: number;
}

export interface NetworkSummary {
  Name: string;
  Id: string;
  /** RFC 3339. */
  Created?: string;
  Scope: 'local' | 'swarm' | 'global' | string;
  Driver: string;
  EnableIPv6?: boolean;
  Internal?: boolean;
  Attachable?: boolean;
  Ingress?: boolean;
  IPAM?: { Driver?: string; Config?: { Subnet?: string; Gateway?: string; IPRange?: string }[] | null } | null;
  Options?: Record<string, string> | null;
  Labels: Record<string, string> | null;
  /** Filled by inspect only (the list returns an empty map): endpoint id → attached container. */
  Containers?: Record<string, { Name?: string; IPv4Address?: string; IPv6Address?: string; MacAddress?: string }> | null;
}

export interface NetworkInspect extends NetworkSummary {
  [key: string]: unknown;
}

export interface PruneNetworksResult {
  NetworksDeleted: string[] | null;
}

/** One message of GET /events. */
export interface EngineEvent {
  Type: string;
  Action: string;
  Actor: { ID: string; Attributes?: Record<string, string> };
  scope?: string;
  time: number;
  timeNano: number;
  /** Legacy fields. */
  status?: string;
  id?: string;
  from?: string;
}

// ---------------------------------------------------------------------------------------------
// Streams

export type { LogChunk } from './streams';

/** A running logs request. Iterate it; `close()` (or aborting the signal) ends it. */
export interface LogStream extends AsyncIterable<LogChunk> {
  close(): void;
}

export interface LogsOptions extends CallOptions {
  /** Keep streaming new output. */
  readonly follow?: boolean;
  /** Lines from the end; 'all' by default. */
  readonly tail?: number | 'all';
  readonly timestamps?: boolean;
}

/** Raw events stream of one connection; ends (or errors) when the engine goes away. See events.ts for reconnects. */
export interface EventStream extends AsyncIterable<EngineEvent> {
  close(): void;
}

export interface EventsOptions extends CallOptions {
  /** Unix seconds: replay events since then (used after a reconnect). */
  readonly since?: number;
  /** e.g. { type: ['container', 'image'] } */
  readonly filters?: Record<string, string[]>;
}

export interface ExecOptions extends CallOptions {
  readonly cmd: string[];
  readonly tty?: boolean;
  readonly env?: string[];
  readonly workingDir?: string;
  readonly user?: string;
  readonly rows?: number;
  readonly cols?: number;
}

/** An exec session with a TTY: raw bytes both ways on `stream`. */
export interface ExecSession {
  readonly id: string;
  /** Duplex to the process: write stdin, read stdout (with tty: the terminal's output). */
  readonly stream: Duplex;
  resize(rows: number, cols: number): Promise<void>;
  /** Resolves with the exit code once the process ended (null if unknown). */
  exited(): Promise<number | null>;
  close(): void;
}

// ---------------------------------------------------------------------------------------------

export interface Engine {
  /** Where this engine lives and where that came from (for tooltips and error rows). */
  readonly endpoint: Endpoint;

  ping(opts?: CallOptions): Promise<void>;
  version(opts?: CallOptions): Promise<EngineVersion>;
  /** Docker or Podman and its version (e.g. "Podman Engine 4.3.1"), for the UI and the adaptations. */
  product?(): Promise<EngineProduct>;
  /** Whether a GPU request can work here (GET /info: NVIDIA runtime or CDI devices). */
  gpuSupport(opts?: CallOptions): Promise<GpuSupport>;

  // images
  listImages(opts?: CallOptions & { readonly all?: boolean; readonly danglingOnly?: boolean }): Promise<ImageSummary[]>;
  inspectImage(ref: string, opts?: CallOptions): Promise<ImageInspect>;
  imageHistory(ref: string, opts?: CallOptions): Promise<ImageHistoryEntry[]>;
  /**
   * GET /images/{ref}/get: the image as a tar (of layer tars), streamed. The timeout covers only the
   * time to the response; destroy the stream (or abort the signal) to stop the engine's export.
   */
  exportImage(ref: string, opts?: CallOptions): Promise<Readable>;
  /**
   * The same export, pushed to `sink` piece by piece; `buf` may be reused once `sink` returns, so
   * the sink must copy what it keeps. `sink` returning false stops the export (and resolves).
   * Optional: engines without it are read through exportImage.
   */
  exportImageTo?(ref: string, sink: (buf: Buffer, start: number, end: number) => boolean | void, opts?: CallOptions): Promise<void>;
  /** `repo` may include a registry host/port; `tag` defaults to 'latest'. */
  tagImage(ref: string, repo: string, tag?: string, opts?: CallOptions): Promise<void>;
  removeImage(ref: string, opts?: CallOptions & { readonly force?: boolean; readonly noPrune?: boolean }): Promise<ImageDeleteItem[]>;
  /** Dangling images only unless `all` (then every unused image). */
  pruneImages(opts?: CallOptions & { readonly all?: boolean }): Promise<PruneImagesResult>;

  // containers
  listContainers(opts?: CallOptions & { readonly all?: boolean }): Promise<ContainerSummary[]>;
  inspectContainer(id: string, opts?: CallOptions): Promise<ContainerInspect>;
  startContainer(id: string, opts?: CallOptions): Promise<void>;
  /** `graceSeconds`: time before SIGKILL (engine default 10). */
  stopContainer(id: string, opts?: CallOptions & { readonly graceSeconds?: number }): Promise<void>;
  /** SIGKILL (or `killSignal`) now, without the grace period of stop. */
  killContainer(id: string, opts?: CallOptions & { readonly killSignal?: string }): Promise<void>;
  restartContainer(id: string, opts?: CallOptions & { readonly graceSeconds?: number }): Promise<void>;
  removeContainer(id: string, opts?: CallOptions & { readonly force?: boolean; readonly volumes?: boolean }): Promise<void>;
  logs(id: string, opts?: LogsOptions): Promise<LogStream>;
  exec(id: string, opts: ExecOptions): Promise<ExecSession>;

  // volumes
  listVolumes(opts?: CallOptions): Promise<VolumeSummary[]>;
  inspectVolume(name: string, opts?: CallOptions): Promise<VolumeSummary>;
  /** `force` also removes a volume whose driver fails to clean up; volumes in use are never removed (ConflictError). */
  removeVolume(name: string, opts?: CallOptions & { readonly force?: boolean }): Promise<void>;
  /**
   * Removes unused volumes. Engines with API 1.42 and newer remove only anonymous ones unless `all`;
   * older ones always remove every unused volume, so there `all: false` is refused (EngineError
   * `badRequest`) rather than deleting named volumes the caller meant to keep.
   */
  pruneVolumes(opts?: CallOptions & { readonly all?: boolean }): Promise<PruneVolumesResult>;
  createVolume(req: VolumeCreateRequest, opts?: CallOptions): Promise<VolumeSummary>;
  /** Whether `pruneVolumes({ all: false })` works here (API 1.42+). */
  canPruneAnonymousVolumesOnly(opts?: CallOptions): Promise<boolean>;
  /** GET /system/df for volumes: sizes and reference counts. Slow on big data roots (it walks them). */
  diskUsage(opts?: CallOptions): Promise<DiskUsage>;

  // networks
  listNetworks(opts?: CallOptions): Promise<NetworkSummary[]>;
  inspectNetwork(idOrName: string, opts?: CallOptions): Promise<NetworkInspect>;
  /** Built-in networks (bridge, host, none) and networks with containers attached are refused (ConflictError). */
  removeNetwork(idOrName: string, opts?: CallOptions): Promise<void>;
  /** Removes custom networks no container uses. */
  pruneNetworks(opts?: CallOptions): Promise<PruneNetworksResult>;

  // events
  events(opts?: EventsOptions): Promise<EventStream>;

  /** Frees sockets/agents. The engine must not be used afterwards. */
  dispose(): void;

  // Build, create/run and push (issue 4): implemented over the dockerode client in src/docker/{build,run,push}.
  // They throw their own typed errors (BuildFailedError, RunError, PushError; CancelledError when aborted);
  // connection failures are EngineErrors like every other call. No timeout: these run as long as the work does.
  build(req: BuildRequest, listener?: BuildProgressListener, opts?: CallOptions): Promise<BuildResult>;
  run(options: RunOptions, opts?: CallOptions): Promise<StartedContainer>;
  push(target: string, auth: EngineAuthConfig | undefined, listener?: PushListener, opts?: CallOptions): Promise<PushResult>;
  /** Pulls `reference` (`:latest` when it names no tag or digest). Throws PullError with a clear message. */
  pull(reference: string, auth: EngineAuthConfig | undefined, listener?: PullListener, opts?: CallOptions): Promise<PullResult>;
}

