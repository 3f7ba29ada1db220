// Runs a build through the Engine API: context tar → POST /build → folded progress.
// BuildKit (`version=2`) when wanted and available, else (or on refusal) the classic builder.
import Dockerode from 'dockerode';
import { Readable } from 'stream';
import { packContext, scanContext, ContextScan } from './context';
import { CancelledError, isAbortError } from '../errors';
import { readJsonStream } from '../streams';
import { BuilderKind, BuildMessage, BuildProgress, BuildProgressListener } from './progress';
import { productOf } from '../engineKind';

export interface BuildRequest {
  /** Absolute path of the Dockerfile. */
  dockerfile: string;
  /** Absolute path of the context folder. */
  context: string;
  /** Tags (`name:tag`) to apply. */
  tags: string[];
  buildArgs?: Record<string, string>;
  target?: string;
  platform?: string;
  noCache?: boolean;
  pull?: boolean;
  /** Network for RUN steps: 'none', 'host' or '' (engine default). */
  network?: string;
  labels?: Record<string, string>;
  /** 'auto' (BuildKit, falling back to classic), 'buildkit' or 'classic'. */
  builder?: 'auto' | 'buildkit' | 'classic';
  /** Base64 X-Registry-Config (credentials for pulling base images). Never logged. */
  registryConfig?: string;
}

export interface BuildResult {
  imageId?: string;
  builder: BuilderKind;
  /** Why BuildKit was not used, when the build fell back. */
  fallbackReason?: string;
  contextBytes: number;
  durationMs: number;
  progress: BuildProgress;
}


export class BuildFailedError extends Error {
  constructor(message: string, readonly builder: BuilderKind, readonly progress: BuildProgress) {
    super(message);
    this.name = 'BuildFailedError';
  }
}

/** Messages with which an engine refuses a BuildKit build (old engine, Windows, disabled). */
export function isBuildKitUnavailable(message: string): boolean {
  return /buildkit|builder version|version 2|unsupported.*version|session/i.test(message) &&
    /not supported|unsupported|not enabled|disabled|unknown|invalid|requires/i.test(message);
}

function queryFor(req: BuildRequest, dockerfileName: string, builder: BuilderKind): Record<string, string> {
  const q: Record<string, string> = { dockerfile: dockerfileName, rm: '1', forcerm: '1' };
  if (builder === 'buildkit') q.version = '2';
  if (req.tags.length) q.t = req.tags[0];
  if (req.buildArgs && Object.keys(req.buildArgs).length) q.buildargs = JSON.stringify(req.buildArgs);
  if (req.labels && Object.keys(req.labels).length) q.labels = JSON.stringify(req.labels);
  if (req.target) q.target = req.target;
  if (req.platform) q.platform = req.platform;
  if (req.noCache) q.nocache = '1';
  if (req.pull) q.pull = '1';
  if (req.network) q.networkmode = req.network;
  return q;
}

function dialBuild(
  docker: Dockerode, body: Readable, query: Record<string, string>, extraTags: string[],
  registryConfig: string | undefined, signal: AbortSignal | undefined,
): Promise<Readable> {
  // The `t` parameter repeats for several tags; docker-modem serialises arrays as repeated keys.
  const options: Record<string, unknown> = { ...query };
  if (extraTags.length) options.t = [query.t, ...extraTags];
  return new Promise((resolve, reject) => {
    docker.modem.dial(
      {
        path: '/build?',
        method: 'POST',
        file: body,
        options,
        isStream: true,
        abortSignal: signal,
        headers: { 'Content-Type': 'application/x-tar' },
        ...(registryConfig ? { registryconfig: { base64: registryConfig } } : {}),
        statusCodes: { 200: true, 400: 'bad parameter', 500: 'server error' },
      } as Parameters<typeof docker.modem.dial>[0],
      (err: unknown, stream: unknown) => (err ? reject(err) : resolve(stream as Readable)),
    );
  });
}

function engineMessage(err: unknown): string {
  const e = err as { json?: { message?: string }; message?: string; reason?: string };
  return e?.json?.message ?? e?.message ?? String(err);
}

/** Socket-level failures (engine down, no permission): left for the engine layer to type. */
export function isConnectionError(err: unknown): boolean {
  const code = (err as { code?: string })?.code;
  return code === 'ECONNREFUSED' || code === 'ENOENT' || code === 'EACCES' || code === 'EPERM' || code === 'ECONNRESET' || code === 'ETIMEDOUT' || code === 'EHOSTUNREACH';
}

function isAbort(err: unknown, signal?: AbortSignal): boolean {
  return signal?.aborted === true || isAbortError(err);
}

/**
 * Builds an image. Resolves with the result; rejects with BuildFailedError (engine-reported
 * failure, `progress.failedStep` says where) or CancelledError (signal aborted).
 */
export async function runBuild(
  docker: Dockerode,
  req: BuildRequest,
  listener: BuildProgressListener = {},
  signal?: AbortSignal,
  scan?: ContextScan,
): Promise<BuildResult> {
  const started = Date.now();
  const theScan = scan ?? (await scanContext(req.context, req.dockerfile));
  const wanted = req.builder ?? 'auto';
  let order: BuilderKind[] = wanted === 'classic' ? ['classic'] : wanted === 'buildkit' ? ['buildkit'] : ['buildkit', 'classic'];
  let fallbackReason: string | undefined;
  // Podman's compatible API takes `version=2` but builds with Buildah all the same: never claim BuildKit there.
  const product = await productOf(docker);
  if (product.kind === 'podman' && order.includes('buildkit')) {
    if (wanted === 'buildkit') throw new BuildFailedError(`${product.label} has no BuildKit: build with the classic builder (Buildah), or set mlContainers.build.useBuildKit to "auto".`, 'buildkit', new BuildProgress(listener));
    fallbackReason = `${product.label} has no BuildKit; Buildah builds the image (RUN --mount=type=cache is supported by Buildah).`;
    listener.onLog?.(`${fallbackReason}\n`);
    order = ['classic'];
  }
  for (let attempt = 0; attempt < order.length; attempt++) {
    const builder = order[attempt];
    if (signal?.aborted) throw new CancelledError('Build cancelled.');
    const tar = packContext(theScan, req.dockerfile);
    const progress = new BuildProgress(listener);
    // A packing failure (a file changed since the scan, unreadable) is the cause of whatever the request reports next.
    let packError: Error | undefined;
    tar.stream.on('error', (e: Error) => { packError = e; });
    let stream: Readable;
    try {
      stream = await dialBuild(docker, tar.stream, queryFor(req, tar.dockerfileName, builder), req.tags.slice(1), req.registryConfig, signal);
    } catch (err) {
      tar.stream.destroy();
      if (isAbort(err, signal)) throw new CancelledError('Build cancelled.');
      if (packError) throw new BuildFailedError(packError.message, builder, progress);
      if (isConnectionError(err)) throw err;
      const msg = engineMessage(err);
      if (builder === 'buildkit' && attempt + 1 < order.length && isBuildKitUnavailable(msg)) {
        fallbackReason = msg;
        listener.onLog?.(`BuildKit is not available on this engine (${msg}); using the classic builder.\n`);
        continue;
      }
      throw new BuildFailedError(msg, builder, progress);
    }
    const onAbort = (): void => { stream.destroy(); tar.stream.destroy(); };
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      await readJsonStream<BuildMessage>(stream, (m) => progress.push(m));
    } catch (err) {
      if (isAbort(err, signal)) throw new CancelledError('Build cancelled.');
      throw new BuildFailedError(packError?.message ?? engineMessage(err), builder, progress);
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
    if (signal?.aborted) throw new CancelledError('Build cancelled.');
    if (packError) throw new BuildFailedError(packError.message, builder, progress);
    if (progress.error) {
      if (builder === 'buildkit' && attempt + 1 < order.length && progress.steps.size === 0 && isBuildKitUnavailable(progress.error)) {
        fallbackReason = progress.error;
        listener.onLog?.(`BuildKit is not available on this engine (${progress.error}); using the classic builder.\n`);
        continue;
      }
      throw new BuildFailedError(progress.error, builder, progress);
    }
    return { imageId: progress.imageId, builder, fallbackReason, contextBytes: tar.bytesSent(), durationMs: Date.now() - started, progress };
  }
  throw new Error('unreachable: no builder attempted');
}
