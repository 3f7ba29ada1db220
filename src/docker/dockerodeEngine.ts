// The Engine interface implemented with dockerode. Loaded lazily (engineManager imports this module
// with `await import(...)`), so dockerode is not evaluated at activation. ssh:// engines go through the
// system ssh client (./ssh.ts), not dockerode's built-in ssh2 transport, which accepts any host key.
// Every call: a combined AbortSignal (caller + timeout) is handed to dockerode AND raced, so a call
// always settles; every failure goes through toEngineError. No `vscode` import.
import * as fs from 'node:fs';
import type * as http from 'node:http';
import * as https from 'node:https';
import { Readable, type Duplex } from 'node:stream';
import Docker from 'dockerode';
import type {
  CallOptions,
  ContainerInspect,
  ContainerSummary,
  DiskUsage,
  Engine,
  EngineEvent,
  EngineVersion,
  EventStream,
  EventsOptions,
  ExecOptions,
  ExecSession,
  ImageDeleteItem,
  ImageHistoryEntry,
  ImageInspect,
  ImageSummary,
  LogChunk,
  LogStream,
  LogsOptions,
  NetworkInspect,
  NetworkSummary,
  PruneImagesResult,
  PruneNetworksResult,
  PruneVolumesResult,
  VolumeCreateRequest,
  VolumeSummary,
} from './engine';
import { DEFAULT_TIMEOUTS } from './engine';
import type { Endpoint } from './endpoint';
import {
  ApiTooOldError,
  CancelledError,
  ConflictError,
  EngineConfigError,
  EngineError,
  EngineTimeoutError,
  toEngineError,
} from './errors';
import { JsonLinesParser, LogDemuxer, RawDecoder } from './streams';
import { rawGet, type RawTarget } from './rawGet';
import { familiarImageName, productOf, type EngineProduct } from './engineKind';
import { isConnectionError, runBuild, type BuildRequest, type BuildResult } from './build/build';
import type { BuildProgressListener } from './build/progress';
import type { EngineAuthConfig } from './credentials';
import { pullImage, type PullListener, type PullResult } from './pull/pull';
import { pushImage, type PushListener, type PushResult } from './push/push';
import type { RunOptions } from './run/options';
import { runContainer, type StartedContainer } from './run/run';
import { gpuSupportFromInfo, type GpuSupport } from './gpu';
import { createSshAgent, type SshOptions } from './ssh';

export interface DockerodeEngineOptions {
  /** How ssh:// endpoints run ssh (tests point it at their own config and known_hosts). */
  readonly ssh?: SshOptions;
}

/** First Engine API whose volume prune keeps named volumes unless asked (`all` filter). */
export const ANONYMOUS_PRUNE_API_VERSION = '1.42';

/** Oldest Engine API we accept: DeviceRequests (GPUs) need 1.40; Docker 20.10 speaks 1.41. */
export const MIN_API_VERSION = '1.40';

export function compareApiVersions(a: string, b: string): number {
  const pa = a.split('.').map((x) => Number(x) || 0);
  const pb = b.split('.').map((x) => Number(x) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d) return d;
  }
  return 0;
}

/** dockerode options for an endpoint. Every key is set explicitly so docker-modem's own env defaults never leak in. */
export function dockerodeOptions(endpoint: Endpoint, options: DockerodeEngineOptions = {}): Docker.DockerOptions {
  const read = (file: string | undefined): Buffer | undefined => {
    if (!file) return undefined;
    try {
      return fs.readFileSync(file);
    } catch (err) {
      throw new EngineConfigError(`Cannot read TLS file ${file}: ${(err as Error).message}.`, {
        endpoint,
        cause: err,
      });
    }
  };
  const base: Docker.DockerOptions = {
    socketPath: undefined,
    host: undefined,
    port: undefined,
    protocol: undefined,
    ca: undefined,
    cert: undefined,
    key: undefined,
    timeout: undefined,
  };
  switch (endpoint.protocol) {
    case 'unix':
    case 'npipe':
      return { ...base, socketPath: endpoint.socketPath };
    case 'ssh': {
      if (!endpoint.hostname) throw new EngineConfigError(`${endpoint.host}: no host name.`, { endpoint });
      // Plain HTTP over the ssh child's stdio; the host name is only the HTTP Host header.
      const agent = createSshAgent({
        target: { hostname: endpoint.hostname, port: endpoint.port, username: endpoint.username, remoteSocket: endpoint.remoteSocket },
        address: endpoint.host,
        endpoint,
        options: options.ssh,
      });
      // docker-modem hands `agent` to http.request; @types/dockerode does not list it.
      const viaSsh: Docker.DockerOptions & { agent: http.Agent } = { ...base, host: 'docker.example.com', port: 80, protocol: 'http', agent };
      return viaSsh;
    }
    case 'tcp': {
      const tls = endpoint.tls;
      if (!tls) return { ...base, host: endpoint.hostname, port: endpoint.port, protocol: 'http' };
      return {
        ...base,
        host: endpoint.hostname,
        port: endpoint.port,
        protocol: 'https',
        ca: read(tls.ca),
        cert: read(tls.cert),
        key: read(tls.key),
        // dockerode passes these straight to https.request; without verification, accept any server certificate.
        ...(tls.verify ? {} : { agent: new https.Agent({ rejectUnauthorized: false }) }),
      };
    }
  }
}

interface Deadline {
  readonly signal: AbortSignal;
  /** Throws the right typed error if the deadline or the caller aborted. */
  check(err: unknown): EngineError;
  dispose(): void;
  /** Rejects when aborted; race it with the call so the call always settles. */
  readonly aborted: Promise<never>;
}

export class DockerodeEngine implements Engine {
  private readonly docker: Docker;
  private disposed = false;

  constructor(readonly endpoint: Endpoint, options: DockerodeEngineOptions = {}) {
    try {
      this.docker = new Docker(dockerodeOptions(endpoint, options));
    } catch (err) {
      if (err instanceof EngineError) throw err;
      throw new EngineConfigError(`Cannot set up a client for ${endpoint.host}: ${(err as Error).message}`, { endpoint, cause: err });
    }
  }

  private deadline(opts: CallOptions | undefined, defaultMs: number, what: string): Deadline {
    const controller = new AbortController();
    let reason: 'timeout' | 'cancelled' | undefined;
    let rejectAborted: (e: unknown) => void = () => undefined;
    const aborted = new Promise<never>((_, reject) => (rejectAborted = reject));
    aborted.catch(() => undefined); // observed by race(); avoid unhandled rejection when unused
    const ms = opts?.timeoutMs ?? defaultMs;
    const endpoint = this.endpoint;
    const make = (): EngineError =>
      reason === 'timeout'
        ? new EngineTimeoutError(
            `${what} on ${endpoint.host} (from ${endpoint.sourceLabel}) took longer than ${Math.round(ms / 1000)} s. Is the engine responsive?`,
            { endpoint },
          )
        : new CancelledError('Cancelled.', { endpoint });
    const abort = (r: 'timeout' | 'cancelled') => {
      if (reason) return;
      reason = r;
      controller.abort();
      rejectAborted(make());
    };
    const timer = ms > 0 && Number.isFinite(ms) ? setTimeout(() => abort('timeout'), ms) : undefined;
    const onCallerAbort = () => abort('cancelled');
    if (opts?.signal?.aborted) abort('cancelled');
    else opts?.signal?.addEventListener('abort', onCallerAbort, { once: true });
    return {
      signal: controller.signal,
      aborted,
      check: (err) => (reason ? make() : toEngineError(err, endpoint)),
      dispose: () => {
        if (timer) clearTimeout(timer);
        opts?.signal?.removeEventListener('abort', onCallerAbort);
      },
    };
  }

  /** Runs one request/response call with a deadline and typed errors. */
  private async call<T>(what: string, opts: CallOptions | undefined, defaultMs: number, fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
    if (this.disposed) throw new CancelledError('The engine client was disposed.', { endpoint: this.endpoint });
    const d = this.deadline(opts, defaultMs, what);
    try {
      return await Promise.race([fn(d.signal), d.aborted]);
    } catch (err) {
      throw d.check(err);
    } finally {
      d.dispose();
    }
  }

  async ping(opts?: CallOptions): Promise<void> {
    await this.call('Ping', opts, DEFAULT_TIMEOUTS.quick, (abortSignal) => loose(this.docker).ping({ abortSignal }));
  }

  /** Docker or Podman, and which version: asked once per client. */
  product(): Promise<EngineProduct> {
    return productOf(this.docker);
  }

  async version(opts?: CallOptions): Promise<EngineVersion> {
    const v = (await this.call('Version', opts, DEFAULT_TIMEOUTS.quick, (abortSignal) =>
      loose(this.docker).version({ abortSignal }),
    )) as EngineVersion;
    if (v.ApiVersion && compareApiVersions(v.ApiVersion, MIN_API_VERSION) < 0) {
      throw new ApiTooOldError(
        `The engine at ${this.endpoint.host} speaks Engine API ${v.ApiVersion} (version ${v.Version}); ML Containers needs ${MIN_API_VERSION} or newer. Upgrade Docker (20.10+) or Podman (4+).`,
        { endpoint: this.endpoint },
      );
    }
    return v;
  }

  listImages(opts?: CallOptions & { all?: boolean; danglingOnly?: boolean }): Promise<ImageSummary[]> {
    return this.call('Listing images', opts, DEFAULT_TIMEOUTS.quick, async (abortSignal) => {
      // Podman answers an empty `filters=` with 500 "unexpected end of JSON input": send it only when set.
      const list = await this.docker.listImages({ all: opts?.all ?? false, ...(opts?.danglingOnly ? { filters: { dangling: ['true'] } } : {}), abortSignal });
      return (list as unknown as ImageSummary[]).map(withFamiliarNames);
    });
  }

  inspectImage(ref: string, opts?: CallOptions): Promise<ImageInspect> {
    return this.call(`Inspecting image ${ref}`, opts, DEFAULT_TIMEOUTS.quick, async (abortSignal) =>
      (await loose(this.docker.getImage(ref)).inspect({ abortSignal })) as ImageInspect,
    );
  }

  imageHistory(ref: string, opts?: CallOptions): Promise<ImageHistoryEntry[]> {
    return this.call(`Reading the history of ${ref}`, opts, DEFAULT_TIMEOUTS.quick, async (abortSignal) =>
      // dockerode's Image.history() takes no options (an options object would be taken for the
      // callback), so dial the endpoint directly to pass the abort signal.
      new Promise<ImageHistoryEntry[]>((resolve, reject) =>
        (this.docker.modem as unknown as ModemDial).dial(
          { path: `/images/${ref}/history`, method: 'GET', abortSignal, statusCodes: { 200: true, 404: 'no such image', 500: 'server error' } },
          (err, data) => (err ? reject(err) : resolve(data as ImageHistoryEntry[])),
        ),
      ),
    );
  }

  async exportImage(ref: string, opts?: CallOptions): Promise<Readable> {
    const source = await this.openStream(`Exporting image ${ref}`, opts, (abortSignal) =>
      new Promise<unknown>((resolve, reject) =>
        (this.docker.modem as unknown as ModemDial).dial(
          { path: `/images/${ref}/get`, method: 'GET', isStream: true, abortSignal, statusCodes: { 200: true, 404: 'no such image', 500: 'server error' } },
          (err, data) => (err ? reject(err) : resolve(data)),
        ),
      ),
    );
    const { stream, close } = source;
    stream.once('close', close);
    return stream;
  }

  /**
   * Over a unix socket or plain TCP, the export is read through one reused buffer (rawGet): Node's
   * HTTP client would allocate a Buffer per read, and for a GB-sized export tens of MB of them wait
   * for the garbage collector. Over TLS or SSH (or for an unusual reference) through exportImage.
   */
  async exportImageTo(ref: string, sink: (buf: Buffer, start: number, end: number) => boolean | void, opts?: CallOptions): Promise<void> {
    const e = this.endpoint;
    const target: RawTarget | undefined =
      e.protocol === 'unix' && e.socketPath ? { socketPath: e.socketPath }
        : e.protocol === 'tcp' && !e.tls && e.hostname && e.port ? { host: e.hostname, port: e.port }
          : undefined;
    if (!target || !/^[\w.:@/-]+$/.test(ref)) {
      const stream = await this.exportImage(ref, opts);
      try {
        for await (const chunk of stream as AsyncIterable<Buffer>) if (sink(chunk, 0, chunk.length) === false) break;
      } catch (err) {
        throw opts?.signal?.aborted ? new CancelledError('Cancelled.', { endpoint: e }) : toEngineError(err, e);
      } finally {
        stream.destroy();
      }
      return;
    }
    if (this.disposed) throw new CancelledError('The engine client was disposed.', { endpoint: e });
    try {
      await rawGet(target, `/images/${ref}/get`, sink, { signal: opts?.signal, timeoutMs: opts?.timeoutMs ?? DEFAULT_TIMEOUTS.open });
    } catch (err) {
      if ((err as { code?: unknown }).code === 'ETIMEDOUT') {
        throw new EngineTimeoutError(`Exporting image ${ref} on ${e.host} (from ${e.sourceLabel}) took longer than ${Math.round((opts?.timeoutMs ?? DEFAULT_TIMEOUTS.open) / 1000)} s. Is the engine responsive?`, { endpoint: e });
      }
      throw toEngineError(err, e);
    }
  }

  async tagImage(ref: string, repo: string, tag = 'latest', opts?: CallOptions): Promise<void> {
    await this.call(`Tagging ${ref}`, opts, DEFAULT_TIMEOUTS.quick, (abortSignal) =>
      this.docker.getImage(ref).tag({ repo, tag, abortSignal }),
    );
  }

  removeImage(ref: string, opts?: CallOptions & { force?: boolean; noPrune?: boolean }): Promise<ImageDeleteItem[]> {
    return this.call(`Removing image ${ref}`, opts, DEFAULT_TIMEOUTS.slow, async (abortSignal) => {
      const r = (await this.docker.getImage(ref).remove({ force: opts?.force ?? false, noprune: opts?.noPrune ?? false, abortSignal })) as unknown;
      return Array.isArray(r) ? (r as ImageDeleteItem[]).map(withDigestPrefix) : [];
    });
  }

  pruneImages(opts?: CallOptions & { all?: boolean }): Promise<PruneImagesResult> {
    return this.call('Pruning images', opts, DEFAULT_TIMEOUTS.slow, async (abortSignal) => {
      const filters = { dangling: [opts?.all ? 'false' : 'true'] };
      const r = (await this.docker.pruneImages({ filters, abortSignal })) as unknown as PruneImagesResult;
      return { ImagesDeleted: (r.ImagesDeleted ?? []).map(withDigestPrefix), SpaceReclaimed: r.SpaceReclaimed ?? 0 };
    });
  }

  listContainers(opts?: CallOptions & { all?: boolean }): Promise<ContainerSummary[]> {
    return this.call('Listing containers', opts, DEFAULT_TIMEOUTS.quick, async (abortSignal) =>
      (await this.docker.listContainers({ all: opts?.all ?? true, abortSignal })) as unknown as ContainerSummary[],
    );
  }

  inspectContainer(id: string, opts?: CallOptions): Promise<ContainerInspect> {
    return this.call(`Inspecting container ${id}`, opts, DEFAULT_TIMEOUTS.quick, async (abortSignal) =>
      (await this.docker.getContainer(id).inspect({ abortSignal })) as unknown as ContainerInspect,
    );
  }

  async startContainer(id: string, opts?: CallOptions): Promise<void> {
    await this.call(`Starting container ${id}`, opts, DEFAULT_TIMEOUTS.quick, (abortSignal) =>
      this.docker.getContainer(id).start({ abortSignal }),
    );
  }

  async gpuSupport(opts?: CallOptions): Promise<GpuSupport> {
    const info = await this.call('Reading engine info', opts, DEFAULT_TIMEOUTS.quick, (abortSignal) =>
      loose(this.docker).info({ abortSignal }) as Promise<Parameters<typeof gpuSupportFromInfo>[0]>,
    );
    return gpuSupportFromInfo(info);
  }

  async stopContainer(id: string, opts?: CallOptions & { graceSeconds?: number }): Promise<void> {
    await this.call(`Stopping container ${id}`, opts, DEFAULT_TIMEOUTS.slow, async (abortSignal) => {
      try {
        await this.docker.getContainer(id).stop({ t: opts?.graceSeconds, abortSignal });
      } catch (err) {
        // 304: already stopped — that is what the user wanted.
        if ((err as { statusCode?: number }).statusCode !== 304) throw err;
      }
    });
  }

  async killContainer(id: string, opts?: CallOptions & { killSignal?: string }): Promise<void> {
    await this.call(`Killing container ${id}`, opts, DEFAULT_TIMEOUTS.quick, (abortSignal) =>
      this.docker.getContainer(id).kill({ signal: opts?.killSignal ?? 'SIGKILL', abortSignal }),
    );
  }

  async restartContainer(id: string, opts?: CallOptions & { graceSeconds?: number }): Promise<void> {
    await this.call(`Restarting container ${id}`, opts, DEFAULT_TIMEOUTS.slow, (abortSignal) =>
      this.docker.getContainer(id).restart({ t: opts?.graceSeconds, abortSignal }),
    );
  }

  async removeContainer(id: string, opts?: CallOptions & { force?: boolean; volumes?: boolean }): Promise<void> {
    await this.call(`Removing container ${id}`, opts, DEFAULT_TIMEOUTS.slow, (abortSignal) =>
      this.docker.getContainer(id).remove({ force: opts?.force ?? false, v: opts?.volumes ?? false, abortSignal }),
    );
  }

  // volumes

  listVolumes(opts?: CallOptions): Promise<VolumeSummary[]> {
    return this.call('Listing volumes', opts, DEFAULT_TIMEOUTS.quick, async (abortSignal) => {
      const r = (await this.docker.listVolumes({ abortSignal })) as unknown as { Volumes?: unknown } | null;
      return Array.isArray(r?.Volumes) ? (r.Volumes as VolumeSummary[]) : [];
    });
  }

  inspectVolume(name: string, opts?: CallOptions): Promise<VolumeSummary> {
    return this.call(`Inspecting volume ${name}`, opts, DEFAULT_TIMEOUTS.quick, (abortSignal) =>
      this.dial<VolumeSummary>({ path: `/volumes/${encodeURIComponent(name)}`, method: 'GET', abortSignal, statusCodes: { 200: true, 404: 'no such volume', 500: 'server error' } }),
    );
  }

  async removeVolume(name: string, opts?: CallOptions & { force?: boolean }): Promise<void> {
    await this.call(`Removing volume ${name}`, opts, DEFAULT_TIMEOUTS.slow, (abortSignal) =>
      this.dial<unknown>({
        path: `/volumes/${encodeURIComponent(name)}?`,
        method: 'DELETE',
        abortSignal,
        options: opts?.force ? { force: true } : {},
        statusCodes: { 204: true, 404: 'no such volume', 409: 'volume is in use', 500: 'server error' },
      }),
    );
  }

  async canPruneAnonymousVolumesOnly(opts?: CallOptions): Promise<boolean> {
    return compareApiVersions(await this.readApiVersion(opts), ANONYMOUS_PRUNE_API_VERSION) >= 0;
  }

  async pruneVolumes(opts?: CallOptions & { all?: boolean }): Promise<PruneVolumesResult> {
    const all = opts?.all ?? false;
    const version = await this.readApiVersion(opts);
    const anonymousOnly = compareApiVersions(version, ANONYMOUS_PRUNE_API_VERSION) >= 0;
    if (!all && !anonymousOnly) {
      throw new EngineError(
        'badRequest',
        `This engine (API ${version}) can only prune every unused volume, named ones included; it cannot keep the named ones. Remove anonymous volumes one by one, or prune all unused volumes.`,
        { endpoint: this.endpoint },
      );
    }
    return this.call('Pruning volumes', opts, DEFAULT_TIMEOUTS.slow, async (abortSignal) => {
      // Before 1.42 the engine rejects the `all` filter (and already prunes named volumes).
      const filters = all && anonymousOnly ? { all: ['true'] } : undefined;
      const r = (await this.docker.pruneVolumes({ ...(filters ? { filters } : {}), abortSignal })) as unknown as Partial<PruneVolumesResult>;
      return { VolumesDeleted: r.VolumesDeleted ?? [], SpaceReclaimed: r.SpaceReclaimed ?? 0 };
    });
  }

  createVolume(req: VolumeCreateRequest, opts?: CallOptions): Promise<VolumeSummary> {
    return this.call(`Creating volume ${req.Name ?? ''}`.trim(), opts, DEFAULT_TIMEOUTS.quick, (abortSignal) =>
      this.dial<VolumeSummary>({
        path: '/volumes/create',
        method: 'POST',
        abortSignal,
        options: { Name: req.Name ?? '', Driver: req.Driver ?? 'local', DriverOpts: req.DriverOpts ?? {}, Labels: req.Labels ?? {} },
        statusCodes: { 201: true, 409: 'conflict', 500: 'server error' },
      }),
    );
  }

  diskUsage(opts?: CallOptions): Promise<DiskUsage> {
    return this.call('Reading volume sizes', opts, DEFAULT_TIMEOUTS.slow, (abortSignal) =>
      // `type` (API 1.42+) limits the walk to volumes; older engines ignore it and report everything.
      this.dial<DiskUsage>({ path: '/system/df?', method: 'GET', abortSignal, options: { type: 'volume' }, statusCodes: { 200: true, 500: 'server error' } }),
    );
  }

  // networks

  listNetworks(opts?: CallOptions): Promise<NetworkSummary[]> {
    return this.call('Listing networks', opts, DEFAULT_TIMEOUTS.quick, async (abortSignal) => {
      const list = (await this.docker.listNetworks({ abortSignal })) as unknown;
      return Array.isArray(list) ? (list as NetworkSummary[]) : [];
    });
  }

  inspectNetwork(idOrName: string, opts?: CallOptions): Promise<NetworkInspect> {
    // dockerode's Network.inspect() sends every option as a query parameter and ignores the abort signal.
    return this.call(`Inspecting network ${idOrName}`, opts, DEFAULT_TIMEOUTS.quick, (abortSignal) =>
      this.dial<NetworkInspect>({ path: `/networks/${encodeURIComponent(idOrName)}`, method: 'GET', abortSignal, statusCodes: { 200: true, 404: 'no such network', 500: 'server error' } }),
    );
  }

  async removeNetwork(idOrName: string, opts?: CallOptions): Promise<void> {
    await this.call(`Removing network ${idOrName}`, opts, DEFAULT_TIMEOUTS.slow, async (abortSignal) => {
      try {
        await this.dial<unknown>({
          path: `/networks/${encodeURIComponent(idOrName)}`,
          method: 'DELETE',
          abortSignal,
          statusCodes: { 200: true, 204: true, 403: 'operation not permitted', 404: 'no such network', 409: 'conflict', 500: 'server error' },
        });
      } catch (err) {
        // 403 here means a pre-defined network or one with containers attached, not a registry login.
        const e = toEngineError(err, this.endpoint);
        if (e.statusCode === 403) {
          throw new ConflictError(`${e.engineMessage ?? `${idOrName} cannot be removed`}.`, { endpoint: this.endpoint, statusCode: 403, engineMessage: e.engineMessage, cause: err });
        }
        throw e;
      }
    });
  }

  pruneNetworks(opts?: CallOptions): Promise<PruneNetworksResult> {
    return this.call('Pruning networks', opts, DEFAULT_TIMEOUTS.slow, async (abortSignal) => {
      const r = (await this.docker.pruneNetworks({ abortSignal })) as unknown as Partial<PruneNetworksResult>;
      return { NetworksDeleted: r.NetworksDeleted ?? [] };
    });
  }

  /** Read afresh for every prune: the engine behind an endpoint may have been upgraded or replaced meanwhile. */
  private readApiVersion(opts?: CallOptions): Promise<string> {
    return this.call('Version', opts, DEFAULT_TIMEOUTS.quick, async (abortSignal) =>
      ((await loose(this.docker).version({ abortSignal })) as EngineVersion).ApiVersion ?? '0',
    );
  }

  /** One docker-modem request (for calls dockerode does not expose with an abort signal). */
  private dial<T>(options: { path: string; method: string; abortSignal: AbortSignal; options?: object; statusCodes: Record<number, true | string> }): Promise<T> {
    return new Promise<T>((resolve, reject) =>
      (this.docker.modem as unknown as ModemDial).dial(options, (err, data) => (err ? reject(err) : resolve(data as T))),
    );
  }

  async logs(id: string, opts?: LogsOptions): Promise<LogStream> {
    const info = await this.inspectContainer(id, opts);
    const tty = info.Config.Tty === true;
    const follow = opts?.follow ?? false;
    const source = await this.openStream(`Opening the logs of ${id}`, opts, async (abortSignal) => {
      const r = (await this.docker.getContainer(id).logs({
        follow: follow as true,
        stdout: true,
        stderr: true,
        timestamps: opts?.timestamps ?? false,
        tail: (opts?.tail ?? 'all') as number, // the API takes a number or "all"; the typings only know numbers
        abortSignal,
      })) as unknown;
      return r;
    });
    const decoder = tty ? new RawDecoder() : new LogDemuxer();
    return streamIterable<LogChunk>(source.stream, (c) => decoder.push(c), () => [], source.close, opts?.signal, this.endpoint);
  }

  async exec(id: string, opts: ExecOptions): Promise<ExecSession> {
    const container = this.docker.getContainer(id);
    const tty = opts.tty ?? true;
    const exec = await this.call(`Starting a shell in ${id}`, opts, DEFAULT_TIMEOUTS.quick, (abortSignal) =>
      container.exec({
        Cmd: opts.cmd,
        AttachStdin: true,
        AttachStdout: true,
        AttachStderr: true,
        Tty: tty,
        Env: opts.env,
        WorkingDir: opts.workingDir,
        User: opts.user,
        ...(opts.rows && opts.cols ? { ConsoleSize: [opts.rows, opts.cols] } : {}),
        abortSignal,
      } as Docker.ExecCreateOptions),
    );
    const stream = await this.call(`Attaching to the shell in ${id}`, opts, DEFAULT_TIMEOUTS.open, (abortSignal) =>
      exec.start({ hijack: true, stdin: true, Tty: tty, abortSignal } as Docker.ExecStartOptions),
    ) as Duplex;
    if (opts.rows && opts.cols) {
      await exec.resize({ h: opts.rows, w: opts.cols }).catch(() => undefined);
    }
    const ended = new Promise<void>((resolve) => {
      stream.once('close', () => resolve());
      stream.once('end', () => resolve());
      stream.once('error', () => resolve());
    });
    const call = this.call.bind(this);
    const endpoint = this.endpoint;
    return {
      id: exec.id,
      stream,
      async resize(rows: number, cols: number) {
        try {
          await exec.resize({ h: rows, w: cols });
        } catch (err) {
          throw toEngineError(err, endpoint);
        }
      },
      async exited() {
        await ended;
        try {
          const info = (await call('Reading the exit code', undefined, DEFAULT_TIMEOUTS.quick, () => exec.inspect())) as { ExitCode?: number | null; Running?: boolean };
          return info.ExitCode ?? null;
        } catch {
          return null;
        }
      },
      close() {
        stream.destroy();
      },
    };
  }

  async events(opts?: EventsOptions): Promise<EventStream> {
    const source = await this.openStream('Subscribing to engine events', opts, async (abortSignal) =>
      (await this.docker.getEvents({
        since: opts?.since,
        filters: opts?.filters as unknown as string, // @types/dockerode types filters as a string; dockerode JSON-encodes objects
        abortSignal,
      })) as unknown,
    );
    const parser = new JsonLinesParser<EngineEvent>();
    return streamIterable<EngineEvent>(source.stream, (c) => parser.push(c), () => parser.flush(), source.close, opts?.signal, this.endpoint);
  }

  /** Opens a streaming response: the deadline covers only the time to the response headers. */
  private async openStream(
    what: string,
    opts: CallOptions | undefined,
    fn: (signal: AbortSignal) => Promise<unknown>,
  ): Promise<{ stream: Readable; close: () => void }> {
    // The stream's own lifetime is bound to the caller's signal, not to the opening deadline.
    const life = new AbortController();
    const onAbort = () => life.abort();
    if (opts?.signal?.aborted) throw new CancelledError('Cancelled.', { endpoint: this.endpoint });
    opts?.signal?.addEventListener('abort', onAbort, { once: true });
    const result = await this.call(what, { signal: opts?.signal, timeoutMs: opts?.timeoutMs ?? DEFAULT_TIMEOUTS.open }, DEFAULT_TIMEOUTS.open, () =>
      fn(life.signal),
    ).catch((err: unknown) => {
      opts?.signal?.removeEventListener('abort', onAbort);
      life.abort();
      throw err;
    });
    let stream: Readable;
    if (Buffer.isBuffer(result)) {
      stream = Readable.from([result]);
    } else {
      stream = result as Readable;
    }
    const close = () => {
      opts?.signal?.removeEventListener('abort', onAbort);
      stream.destroy();
      life.abort();
    };
    return { stream, close };
  }

  // Build / run / push (issue 4): the feature modules drive the dockerode client themselves (streams,
  // cancellation and their typed errors); socket-level failures are turned into EngineErrors here.
  async build(req: BuildRequest, listener?: BuildProgressListener, opts?: CallOptions): Promise<BuildResult> {
    return this.feature(() => runBuild(this.docker, req, listener, opts?.signal));
  }

  async run(options: RunOptions, opts?: CallOptions): Promise<StartedContainer> {
    return this.feature(() => runContainer(this.docker, options), opts);
  }

  async push(target: string, auth: EngineAuthConfig | undefined, listener?: PushListener, opts?: CallOptions): Promise<PushResult> {
    return this.feature(() => pushImage(this.docker, target, auth, listener, opts?.signal));
  }

  async pull(reference: string, auth: EngineAuthConfig | undefined, listener?: PullListener, opts?: CallOptions): Promise<PullResult> {
    return this.feature(() => pullImage(this.docker, reference, auth, listener, opts?.signal));
  }

  private async feature<T>(fn: () => Promise<T>, opts?: CallOptions): Promise<T> {
    if (this.disposed) throw new CancelledError('The engine client was disposed.', { endpoint: this.endpoint });
    if (opts?.signal?.aborted) throw new CancelledError('Cancelled.', { endpoint: this.endpoint });
    try {
      return await fn();
    } catch (err) {
      throw isConnectionError(err) ? toEngineError(err, this.endpoint) : err;
    }
  }

  dispose(): void {
    this.disposed = true;
    const agent = (this.docker.modem as unknown as { agent?: { destroy?: () => void } }).agent;
    agent?.destroy?.();
  }
}

/**
 * @types/dockerode (v4 typings for dockerode 5) lacks the `abortSignal` option on some methods that
 * dockerode 5 does support. This narrow view names only the calls used that way.
 */
interface LooseCalls {
  ping(o: object): Promise<unknown>;
  version(o: object): Promise<unknown>;
  info(o: object): Promise<unknown>;
  inspect(o: object): Promise<unknown>;
}

/** docker-modem's request primitive (untyped in @types/dockerode). */
interface ModemDial {
  dial(options: object, callback: (err: unknown, data: unknown) => void): void;
}
function loose(x: object): LooseCalls {
  return x as unknown as LooseCalls;
}

/** Podman reports deleted image ids as bare hex; Docker (and the rest of the extension) as sha256:…. */
function withDigestPrefix(d: ImageDeleteItem): ImageDeleteItem {
  return d.Deleted && /^[0-9a-f]{64}$/.test(d.Deleted) ? { ...d, Deleted: `sha256:${d.Deleted}` } : d;
}

/** Podman names the images it builds through this API `docker.io/library/x`; show them as the docker CLI does. */
function withFamiliarNames(i: ImageSummary): ImageSummary {
  if (!i.RepoTags?.some((t) => t.startsWith('docker.io/')) && !i.RepoDigests?.some((t) => t.startsWith('docker.io/'))) return i;
  return { ...i, RepoTags: i.RepoTags?.map(familiarImageName) ?? null, RepoDigests: i.RepoDigests?.map(familiarImageName) ?? null };
}

/** Wraps a byte stream as an AsyncIterable of parsed items; ends quietly when closed by us. */
function streamIterable<T>(
  stream: Readable,
  parse: (chunk: Buffer) => T[],
  flush: () => T[],
  close: () => void,
  signal: AbortSignal | undefined,
  endpoint: Endpoint,
): AsyncIterable<T> & { close(): void } {
  let closed = false;
  const doClose = () => {
    closed = true;
    close();
  };
  async function* iterate(): AsyncGenerator<T> {
    try {
      for await (const chunk of stream) {
        const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
        for (const item of parse(buf)) yield item;
      }
      for (const item of flush()) yield item;
    } catch (err) {
      if (closed || signal?.aborted) return;
      throw toEngineError(err, endpoint);
    } finally {
      if (!closed) doClose();
    }
  }
  return { [Symbol.asyncIterator]: iterate, close: doClose };
}
