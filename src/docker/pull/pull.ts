// Pulls an image through the Engine API (POST /images/create), folding per-layer progress and turning
// the registry's refusals into clear messages. Credentials travel only in the X-Registry-Auth header.
import type Dockerode from 'dockerode';
import type { Readable } from 'node:stream';
import type { EngineAuthConfig } from '../credentials';
import { CancelledError } from '../errors';
import { globalRedactor } from '../push/redact';
import { familiarName, parseReference, type ImageReference } from '../reference';
import { readJsonStream } from '../streams';

export type PullErrorCode = 'unauthorized' | 'notFound' | 'unreachable' | 'invalidReference' | 'engine';

export class PullError extends Error {
  constructor(readonly code: PullErrorCode, message: string) {
    super(message);
    this.name = 'PullError';
  }
}

export interface PullListener {
  /** Layers seen so far and how many are complete. */
  onProgress?(done: number, total: number, status: string): void;
}

export interface PullResult {
  reference: string;
  digest?: string;
}

interface PullMessage {
  status?: string;
  id?: string;
  error?: string;
  errorDetail?: { message?: string };
}

/** A registry's or engine's pull refusal as one clear, secret-free sentence. */
export function classifyPullError(raw: string, ref: string): PullError {
  const msg = globalRedactor.redact(raw);
  if (/pull access denied|unauthorized|authentication required|denied/i.test(msg)) {
    return new PullError('unauthorized', `The registry refused ${ref}: it does not exist, or it is private and needs credentials (docker login). ${msg}`);
  }
  if (/manifest unknown|not found|manifest for .* not found|name unknown/i.test(msg)) {
    return new PullError('notFound', `${ref} is not in the registry: check the name and the tag. ${msg}`);
  }
  if (/server gave HTTP response to HTTPS client/i.test(msg)) {
    return new PullError('unreachable', `The registry for ${ref} speaks plain HTTP: mark it insecure on the engine (Docker: "insecure-registries" in daemon.json; Podman: insecure = true for it in registries.conf). ${msg}`);
  }
  if (/no such host|connection refused|i\/o timeout|dial tcp|TLS handshake|x509/i.test(msg)) {
    return new PullError('unreachable', `Cannot reach the registry for ${ref}: ${msg}`);
  }
  return new PullError('engine', msg);
}

async function repoDigest(docker: Dockerode, name: string): Promise<string | undefined> {
  try {
    const info = (await docker.getImage(name).inspect()) as { RepoDigests?: string[] };
    const repo = name.replace(/[:@][^/]*$/, '');
    const hit = (info.RepoDigests ?? []).find((d) => d.split('@')[0] === repo || d.split('@')[0].endsWith(`/${repo}`));
    return hit?.split('@')[1];
  } catch {
    return undefined;
  }
}

export async function pullImage(
  docker: Dockerode, reference: string, auth: EngineAuthConfig | undefined, listener: PullListener = {}, signal?: AbortSignal,
): Promise<PullResult> {
  let ref: ImageReference;
  try {
    ref = parseReference(reference);
  } catch (e) {
    throw new PullError('invalidReference', (e as Error).message);
  }
  const name = familiarName({ ...ref, tag: ref.digest ? ref.tag : (ref.tag ?? 'latest') });
  let stream: Readable;
  try {
    stream = (await docker.pull(name, { authconfig: auth, abortSignal: signal } as object)) as Readable;
  } catch (err) {
    if (signal?.aborted) throw new CancelledError('Pull cancelled.');
    const e = err as { json?: { message?: string }; message?: string };
    throw classifyPullError(e.json?.message ?? e.message ?? String(err), name);
  }
  const onAbort = (): void => { stream.destroy(); };
  signal?.addEventListener('abort', onAbort, { once: true });
  const layers = new Map<string, string>();
  let digest: string | undefined;
  let error: string | undefined;
  try {
    await readJsonStream<PullMessage>(stream, (m) => {
      if (m.errorDetail || m.error) {
        error = m.errorDetail?.message ?? m.error;
        return;
      }
      const d = /^Digest: (\S+)/.exec(m.status ?? '');
      if (d) digest = d[1];
      if (m.id && m.status && /^[0-9a-f]{12}$/.test(m.id)) {
        layers.set(m.id, m.status);
        const done = [...layers.values()].filter((s) => /Pull complete|Already exists/i.test(s)).length;
        listener.onProgress?.(done, layers.size, m.status);
      }
    });
  } catch (err) {
    if (signal?.aborted) throw new CancelledError('Pull cancelled.');
    throw classifyPullError((err as Error).message, name);
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
  if (signal?.aborted) throw new CancelledError('Pull cancelled.');
  if (error) throw classifyPullError(error, name);
  // Podman's compatible API reports no digest in the stream: read it from the pulled image.
  digest ??= await repoDigest(docker, name);
  return { reference: name, digest };
}
