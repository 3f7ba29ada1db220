// Tags and pushes an image through the Engine API, folding per-layer progress and turning the
// registry's refusals into clear messages. Credentials travel only in the X-Registry-Auth header.
import Dockerode from 'dockerode';
import { Readable } from 'stream';
import { readJsonStream } from '../streams';
import { CancelledError } from '../errors';
import type { EngineAuthConfig } from '../credentials';
import { globalRedactor } from './redact';
import { productOf } from '../engineKind';
import { familiarName, parseReference, repositoryOf } from '../reference';

export type PushErrorCode = 'unauthorized' | 'denied' | 'unknownRepository' | 'imageMissing' | 'unreachable' | 'invalidReference' | 'engine';

export class PushError extends Error {
  constructor(readonly code: PushErrorCode, message: string) {
    super(message);
    this.name = 'PushError';
  }
}

/** localhost, 127.x.x.x or [::1], with or without a port. */
export function isLoopbackRegistry(domain: string): boolean {
  const host = domain.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

export interface LayerProgress {
  id: string;
  status: string;
  current?: number;
  total?: number;
}

export interface PushListener {
  onLayer?(layer: LayerProgress, all: ReadonlyMap<string, LayerProgress>): void;
  onLog?(text: string): void;
}

export interface PushResult { reference: string; digest?: string; layers: number; durationMs: number }

interface PushMessage {
  status?: string;
  id?: string;
  progressDetail?: { current?: number; total?: number };
  aux?: { Tag?: string; Digest?: string; Size?: number };
  error?: string;
  errorDetail?: { message?: string };
}

/** Classifies a registry/engine push error into a clear, secret-free message. */
export function classifyPushError(raw: string, registry: string, repository: string): PushError {
  const msg = globalRedactor.redact(raw);
  if (/no basic auth credentials|unauthorized|authentication required|401/i.test(msg)) {
    return new PushError('unauthorized', `The registry ${registry} refused the credentials (401 unauthorized). Check the user name and password or token, or log in again.`);
  }
  if (/denied|forbidden|403|insufficient_scope/i.test(msg)) {
    return new PushError('denied', `The registry ${registry} denied the push to ${repository} (403). The account may not have write access to this repository, or the repository name is wrong.`);
  }
  if (/name unknown|repository name not known|NAME_UNKNOWN|repository .* not found|does not exist/i.test(msg)) {
    return new PushError('unknownRepository', `The registry ${registry} does not know the repository ${repository}. Create it first (some registries need that) or check the name.`);
  }
  if (/connection refused|no such host|i\/o timeout|dial tcp|server gave HTTP response to HTTPS client|x509/i.test(msg)) {
    return new PushError('unreachable', `Cannot reach the registry ${registry}: ${msg}`);
  }
  if (/An image does not exist locally|No such image/i.test(msg)) {
    return new PushError('imageMissing', `The image to push is not on this engine: ${msg}`);
  }
  return new PushError('engine', `Push failed: ${msg}`);
}

/** Tags `source` (id or reference) as `target` (validated reference with a tag). */
export async function tagImage(docker: Dockerode, source: string, target: string): Promise<void> {
  let ref;
  try {
    ref = parseReference(target);
  } catch (e) {
    throw new PushError('invalidReference', (e as Error).message);
  }
  try {
    await docker.getImage(source).tag({ repo: repositoryOf(ref), tag: ref.tag ?? 'latest' });
  } catch (err) {
    const code = (err as { statusCode?: number }).statusCode;
    if (code === 404) throw new PushError('imageMissing', `Image "${source}" is not on this engine.`);
    throw new PushError('engine', globalRedactor.redact((err as Error).message));
  }
}

/** Pushes `target` (a reference with registry and tag) with the given auth. */
export async function pushImage(
  docker: Dockerode, target: string, auth: EngineAuthConfig | undefined, listener: PushListener = {}, signal?: AbortSignal,
): Promise<PushResult> {
  const started = Date.now();
  let ref;
  try {
    ref = parseReference(target);
  } catch (e) {
    throw new PushError('invalidReference', (e as Error).message);
  }
  if (ref.digest) throw new PushError('invalidReference', 'Push a tag, not a digest.');
  const repo = repositoryOf(ref);
  const tag = ref.tag ?? 'latest';
  const layers = new Map<string, LayerProgress>();
  let digest: string | undefined;
  let error: string | undefined;
  let stream: Readable;
  try {
    // Docker treats registries on 127.0.0.0/8 as insecure-allowed; Podman needs to be told (tlsVerify=false).
    const loopbackOnPodman = isLoopbackRegistry(ref.domain) && (await productOf(docker)).kind === 'podman';
    stream = (await docker.getImage(repo).push({ tag, authconfig: auth ?? {}, abortSignal: signal, ...(loopbackOnPodman ? { tlsVerify: false } : {}) } as Parameters<Dockerode.Image['push']>[0])) as Readable;
  } catch (err) {
    if (signal?.aborted) throw new CancelledError('Push cancelled.');
    const e = err as { statusCode?: number; json?: { message?: string }; message?: string };
    throw classifyPushError(e.json?.message ?? e.message ?? String(err), ref.domain, repo);
  }
  const onAbort = (): void => { stream.destroy(); };
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    await readJsonStream<PushMessage>(stream, (m) => {
      if (m.errorDetail || m.error) {
        error = m.errorDetail?.message ?? m.error;
        return;
      }
      if (m.aux?.Digest) digest = m.aux.Digest;
      if (m.id && m.status && /^[0-9a-f]{12}$/.test(m.id)) {
        const l: LayerProgress = { id: m.id, status: m.status, current: m.progressDetail?.current, total: m.progressDetail?.total };
        const prev = layers.get(m.id);
        layers.set(m.id, l);
        listener.onLayer?.(l, layers);
        if (!prev || prev.status !== l.status) listener.onLog?.(`${m.id}: ${m.status}\n`);
      } else if (m.status) {
        // Podman sends the digest only in the final status line ("1: digest: sha256:… size: 423").
        digest ??= /\bdigest: (sha256:[0-9a-f]{64})\b/.exec(m.status)?.[1];
        listener.onLog?.(globalRedactor.redact(m.status) + '\n');
      }
    });
  } catch (err) {
    if (signal?.aborted) throw new CancelledError('Push cancelled.');
    throw classifyPushError((err as Error).message, ref.domain, repo);
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
  if (signal?.aborted) throw new CancelledError('Push cancelled.');
  if (error) throw classifyPushError(error, ref.domain, repo);
  return { reference: familiarName(ref), digest, layers: layers.size, durationMs: Date.now() - started };
}
