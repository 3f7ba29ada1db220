// Validates run options against this machine and the engine, then creates and starts the container.
import Dockerode from 'dockerode';
import * as fs from 'fs';
import * as net from 'net';
import { Duplex } from 'stream';
import { parseEnvFile, RunOptions, toCreateBody } from './options';
import { productOf } from '../engineKind';

export type RunProblemCode = 'mountMissing' | 'portTaken' | 'gpuUnavailable' | 'imageMissing' | 'nameConflict' | 'invalidOption' | 'engine';

export class RunError extends Error {
  constructor(readonly code: RunProblemCode, message: string, override readonly cause?: unknown) {
    super(message);
    this.name = 'RunError';
  }
}

export const NVIDIA_HINT =
  'This Docker engine cannot give containers a GPU: it has no NVIDIA runtime. Install the NVIDIA driver and the ' +
  'NVIDIA Container Toolkit on the engine host (https://docs.nvidia.com/datacenter/cloud-native/container-toolkit/latest/install-guide.html), ' +
  'run `sudo nvidia-ctk runtime configure --runtime=docker` and restart Docker — or run without a GPU.';

export const PODMAN_GPU_HINT =
  'Podman\'s Docker-compatible API ignores GPU requests (DeviceRequests), so the container would start without a GPU. ' +
  'Give Podman the GPU through CDI instead: generate the spec with `sudo nvidia-ctk cdi generate --output=/etc/cdi/nvidia.yaml` ' +
  'and run `podman run --device nvidia.com/gpu=all …` — or run without a GPU.';

/** True for the engine's refusals of a GPU DeviceRequest. */
export function isGpuRefusal(message: string): boolean {
  return /could not select device driver .* with capabilities: \[\[gpu\]\]/i.test(message) ||
    /nvidia-container-cli|unknown or invalid runtime name: nvidia|nvidia-container-runtime.*not found/i.test(message);
}

/** Resolves true if something already listens on host:port (tries to bind it). */
export function isPortTaken(port: number, host = '0.0.0.0'): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', (e: NodeJS.ErrnoException) => resolve(e.code === 'EADDRINUSE'));
    srv.listen({ port, host, exclusive: true }, () => srv.close(() => resolve(false)));
  });
}

function engineMessage(err: unknown): string {
  const e = err as { json?: { message?: string } | string; message?: string };
  if (e && typeof e.json === 'object' && e.json?.message) return e.json.message;
  return e?.message ?? String(err);
}
function statusOf(err: unknown): number | undefined {
  return (err as { statusCode?: number })?.statusCode;
}

/** Checks that need no engine: mount sources exist, host ports are free, sizes parse. */
export async function validateLocal(o: RunOptions): Promise<RunError[]> {
  const problems: RunError[] = [];
  for (const m of o.mounts ?? []) {
    if (!m.target.startsWith('/')) {
      problems.push(new RunError('invalidOption', `Mount target "${m.target}" must be an absolute path inside the container.`));
    }
    try {
      await fs.promises.stat(m.source);
    } catch {
      problems.push(new RunError('mountMissing', `Mount source "${m.source}" does not exist on this machine. Create it or pick another folder.`));
    }
  }
  const seen = new Set<string>();
  for (const p of o.ports ?? []) {
    if (!p.host) continue;
    const key = `${p.hostIp ?? ''}:${p.host}/${p.protocol ?? 'tcp'}`;
    if (seen.has(key)) {
      problems.push(new RunError('portTaken', `Host port ${p.host} is published twice.`));
      continue;
    }
    seen.add(key);
    if ((p.protocol ?? 'tcp') === 'tcp' && (await isPortTaken(p.host, p.hostIp || '0.0.0.0'))) {
      problems.push(new RunError('portTaken', `Port ${p.host} is already in use on this machine. Pick another host port or stop what is using it.`));
    }
  }
  return problems;
}

/**
 * dockerode sends the attach options as a JSON request body; Docker ignores it, Podman hands it to the
 * process as its first line of input. Attach with an empty body instead.
 */
function attachWithEmptyBody(docker: Dockerode, id: string): Promise<Duplex> {
  return new Promise((resolve, reject) => {
    docker.modem.dial(
      {
        path: `/containers/${encodeURIComponent(id)}/attach?`,
        method: 'POST',
        options: { stream: true, stdin: true, stdout: true, stderr: true },
        file: Buffer.alloc(0),
        headers: { 'Content-Type': 'text/plain' },
        isStream: true,
        hijack: true,
        openStdin: true,
        statusCodes: { 101: true, 200: true, 404: 'no such container', 500: 'server error' },
      } as Parameters<typeof docker.modem.dial>[0],
      (err: unknown, stream: unknown) => (err ? reject(err) : resolve(stream as Duplex)),
    );
  });
}

export interface StartedContainer {
  id: string;
  /** For interactive runs: the attached TTY stream (stdin + output). */
  stream?: Duplex;
  /** Resizes the container's TTY (interactive runs). */
  resize(rows: number, cols: number): Promise<void>;
  /** Resolves with the exit code once the container stopped (null if unknown). */
  wait(): Promise<number | null>;
}

/**
 * Creates and starts a container. Throws RunError with a clear message for each known problem.
 * A container that was created but could not start is removed again (nothing left behind).
 */
export async function runContainer(docker: Dockerode, o: RunOptions, hostEnv: NodeJS.ProcessEnv = process.env): Promise<StartedContainer> {
  const problems = await validateLocal(o);
  if (problems.length) throw problems[0];
  let envLines: string[] = [];
  if (o.envFile) {
    let text: string;
    try {
      text = await fs.promises.readFile(o.envFile, 'utf8');
    } catch {
      throw new RunError('mountMissing', `Env file "${o.envFile}" does not exist or cannot be read.`);
    }
    try {
      envLines = parseEnvFile(text, hostEnv);
    } catch (e) {
      throw new RunError('invalidOption', (e as Error).message);
    }
  }
  let body: ReturnType<typeof toCreateBody>;
  try {
    body = toCreateBody(o, envLines);
  } catch (e) {
    throw new RunError('invalidOption', (e as Error).message);
  }
  const podman = (await productOf(docker)).kind === 'podman';
  if (podman) {
    if (o.gpus) throw new RunError('gpuUnavailable', PODMAN_GPU_HINT);
    // Podman refuses a shm size with the host's IPC namespace (the container uses the host's /dev/shm then).
    if (o.ipcHost && body.HostConfig) delete body.HostConfig.ShmSize;
  }
  try {
    await docker.getImage(o.image).inspect();
  } catch (err) {
    if (statusOf(err) === 404) {
      throw new RunError('imageMissing', `Image "${o.image}" is not on this engine. Build it or pull it first.`, err);
    }
    throw new RunError('engine', engineMessage(err), err);
  }
  let container: Dockerode.Container;
  try {
    container = await docker.createContainer(body);
  } catch (err) {
    const msg = engineMessage(err);
    if (statusOf(err) === 409) throw new RunError('nameConflict', `A container named "${o.name}" already exists. Choose another name or remove it.`, err);
    if (isGpuRefusal(msg)) throw new RunError('gpuUnavailable', NVIDIA_HINT, err);
    throw new RunError('engine', msg, err);
  }
  let stream: Duplex | undefined;
  try {
    if (o.interactive) {
      stream = podman
        ? await attachWithEmptyBody(docker, container.id)
        : ((await container.attach({ stream: true, stdin: true, stdout: true, stderr: true, hijack: true })) as unknown as Duplex);
    }
    await container.start();
  } catch (err) {
    stream?.destroy();
    await container.remove({ force: true }).catch(() => undefined);
    const msg = engineMessage(err);
    if (isGpuRefusal(msg)) throw new RunError('gpuUnavailable', NVIDIA_HINT, err);
    if (/port is already allocated|address already in use/i.test(msg)) {
      throw new RunError('portTaken', `A published port is already in use: ${msg}`, err);
    }
    if (/no such file or directory/i.test(msg) && /mount|bind/i.test(msg)) throw new RunError('mountMissing', msg, err);
    throw new RunError('engine', msg, err);
  }
  return {
    id: container.id,
    stream,
    resize: async (h, w) => {
      await container.resize({ h, w }).catch(() => undefined); // a container that already exited cannot resize
    },
    wait: async () => {
      try {
        const r = (await container.wait()) as { StatusCode?: number };
        return typeof r.StatusCode === 'number' ? r.StatusCode : null;
      } catch (err) {
        if (statusOf(err) === 404) return null; // auto-removed before we asked
        throw err;
      }
    },
  };
}
