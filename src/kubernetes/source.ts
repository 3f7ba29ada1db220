// What a workload needs, read from a run profile (`.vscode/ml-containers.yaml`) or from a running
// container's inspect JSON, in one shape for plan.ts. Pure: no vscode, no engine calls (the caller
// passes the image's inspect JSON when it has it).
import type { ContainerInspect, ImageInspect } from '../docker/engine';
import { repositoryOf, parseReference, splitReference } from '../docker/reference';
import type { GpuOption, MountOption, PortOption } from '../docker/run/options';
import { exposedPortsOf, parseSize, splitCommand } from '../docker/run/options';
import { secretRefsIn, type RunProfile } from '../docker/run/profiles';
import { isSecretName } from '../docker/secretNames';

/** A literal value, or a key of the workload's Secret (never a value). */
export type EnvEntry =
  | { readonly name: string; readonly value: string }
  | { readonly name: string; readonly secretKey: string; readonly literalDropped?: boolean };

export interface Healthcheck {
  /** Docker's form: ["CMD", argv…], ["CMD-SHELL", "cmd"] or ["NONE"]. */
  readonly test: readonly string[];
  /** Nanoseconds, as in the Engine API. */
  readonly intervalNs?: number;
  readonly timeoutNs?: number;
  readonly retries?: number;
  readonly startPeriodNs?: number;
}

export interface SourceMount extends MountOption {
  /** A named engine volume rather than a host folder. */
  readonly volume?: boolean;
}

export interface WorkloadSource {
  /** Where it came from, for the file's header: `run profile "train" of my-model:1`. */
  readonly origin: string;
  /** Base name for the objects (profile or container name), not yet a valid Kubernetes name. */
  readonly name: string;
  /** The image as the profile or container names it. */
  readonly image: string;
  /** `registry/repo@sha256:…` when the engine knows the image was pushed or pulled by digest. */
  readonly digestRef?: string;
  readonly command?: readonly string[];
  readonly entrypoint?: readonly string[];
  readonly env: readonly EnvEntry[];
  /** A host env file: its contents go to a Secret created from the file, not into the manifest. */
  readonly envFile?: string;
  readonly mounts: readonly SourceMount[];
  /** Ports the profile publishes or the container binds. */
  readonly ports: readonly PortOption[];
  /** Ports the image declares with EXPOSE (used when a model API has no published port). */
  readonly exposedPorts: readonly PortOption[];
  readonly gpus?: GpuOption;
  readonly shmBytes?: number;
  readonly ipcHost?: boolean;
  /** The network the profile or container used: host/none/bridge/… (Kubernetes pods have their own). */
  readonly network?: string;
  readonly workdir?: string;
  readonly user?: string;
  readonly healthcheck?: Healthcheck;
  /** CPUs and memory limits the container ran with (inspect: NanoCpus, Memory). */
  readonly cpus?: number;
  readonly memoryBytes?: number;
}

/** Docker's default /dev/shm: a container that did not ask for more has this. */
const DOCKER_DEFAULT_SHM = 64 * 1024 * 1024;

function obj(x: unknown): Record<string, unknown> | undefined {
  return x && typeof x === 'object' && !Array.isArray(x) ? (x as Record<string, unknown>) : undefined;
}
function strings(x: unknown): string[] | undefined {
  return Array.isArray(x) && x.every((s) => typeof s === 'string') ? (x as string[]) : undefined;
}
function num(x: unknown): number | undefined {
  return typeof x === 'number' && Number.isFinite(x) && x > 0 ? x : undefined;
}

/** `EXPOSE 8000/tcp` keys → ports, by number. */
function exposed(keys: Record<string, unknown> | null | undefined): PortOption[] {
  return exposedPortsOf(Object.keys(keys ?? {})).sort((a, b) => a.container - b.container);
}

function healthcheckOf(config: Record<string, unknown> | undefined): Healthcheck | undefined {
  const h = obj(config?.Healthcheck);
  const test = strings(h?.Test);
  if (!h || !test?.length) return undefined;
  return { test, intervalNs: num(h.Interval), timeoutNs: num(h.Timeout), retries: num(h.Retries), startPeriodNs: num(h.StartPeriod) };
}

/**
 * The pushed form of `image`: `repo@sha256:…` from the image's RepoDigests for the same repository.
 * RepoDigests belong to the image id, so any digest listed for this repository names this image.
 */
export function digestRefFor(image: string, repoDigests: readonly string[] | null | undefined): string | undefined {
  let repo: string;
  try {
    const r = parseReference(image);
    if (r.digest) return repositoryOf(r) + '@' + r.digest;
    repo = repositoryOf(r);
  } catch {
    return undefined;
  }
  for (const d of repoDigests ?? []) {
    const at = d.indexOf('@');
    if (at < 0) continue;
    try {
      if (repositoryOf(parseReference(d.slice(0, at))) === repo) return `${repo}@${d.slice(at + 1)}`;
    } catch {
      // an entry the engine wrote in a form we cannot read: skip it
    }
  }
  return undefined;
}

/** The registry host an image is pulled from (`docker.io` when none is written). */
export function registryOf(image: string): string {
  return splitReference(image).registry ?? 'docker.io';
}

/** True when the reference names a registry that only this machine can reach. */
export function isLocalRegistry(image: string): boolean {
  const host = splitReference(image).registry;
  return !!host && /^(localhost|127\.|\[::1\])/.test(host);
}

/** `${secret:NAME}` (a run profile's reference to VS Code's secret storage) → NAME. */
function secretRefOf(value: string): string | undefined {
  return secretRefsIn({ value })[0];
}

function envEntries(env: Readonly<Record<string, string>>, readRefs: boolean): EnvEntry[] {
  return Object.entries(env).map(([name, value]): EnvEntry => {
    const ref = readRefs ? secretRefOf(value) : undefined;
    if (ref) return { name, secretKey: ref };
    if (value !== '' && isSecretName(name)) return { name, secretKey: name, literalDropped: true };
    return { name, value };
  });
}

/** From a saved run profile; `image` is the image's inspect JSON when the engine has the image. */
export function sourceFromProfile(imageRef: string, p: RunProfile, image?: ImageInspect): WorkloadSource {
  const config = obj(image?.Config);
  const command = p.command === undefined ? undefined : typeof p.command === 'string' ? splitCommand(p.command) : [...p.command];
  let shmBytes: number | undefined;
  if (p.shmSize !== undefined && p.shmSize !== '') shmBytes = parseSize(p.shmSize);
  return {
    origin: `run profile "${p.name}" of ${imageRef}`,
    name: p.containerName || p.name,
    image: imageRef,
    digestRef: digestRefFor(imageRef, image?.RepoDigests),
    command: command?.length ? command : undefined,
    entrypoint: p.entrypoint !== undefined ? [p.entrypoint] : undefined,
    env: envEntries(p.env ?? {}, true),
    envFile: p.envFile,
    mounts: (p.mounts ?? []).map((m) => ({ ...m })),
    ports: (p.ports ?? []).map((x) => ({ ...x })),
    exposedPorts: exposed(obj(config?.ExposedPorts)),
    gpus: p.gpus,
    shmBytes,
    ipcHost: p.ipcHost,
    network: p.network,
    workdir: p.workdir,
    user: p.user,
    // Docker keeps HEALTHCHECK in Config; Podman's own inspect has it beside Config.
    healthcheck: healthcheckOf(config) ?? healthcheckOf(image as Record<string, unknown> | undefined),
  };
}

function gpuFromRequests(requests: unknown): GpuOption | undefined {
  if (!Array.isArray(requests)) return undefined;
  for (const r of requests) {
    const o = obj(r);
    if (!o) continue;
    const caps = Array.isArray(o.Capabilities) ? (o.Capabilities as unknown[]).flat() : [];
    if (!caps.includes('gpu') && o.Driver !== 'nvidia') continue;
    const ids = strings(o.DeviceIDs);
    if (ids?.length) return { kind: 'devices', deviceIds: ids };
    if (o.Count === -1) return { kind: 'all' };
    if (typeof o.Count === 'number' && o.Count > 0) return { kind: 'count', count: o.Count };
  }
  return undefined;
}

function sameList(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  return (a ?? []).length === (b ?? []).length && (a ?? []).every((x, i) => x === b?.[i]);
}

/**
 * From a container's inspect JSON (and its image's, to leave out what the image already sets: its env,
 * command, working directory and user). Malformed or missing fields are skipped, never thrown on.
 */
export function sourceFromContainer(c: ContainerInspect, image?: ImageInspect): WorkloadSource {
  const config = obj(c.Config) ?? {};
  const host = obj(c.HostConfig) ?? {};
  const imageConfig = obj(image?.Config);
  const imageRef = typeof config.Image === 'string' && config.Image ? config.Image : String(c.Image ?? '');
  const imageEnv = new Set(strings(imageConfig?.Env) ?? []);
  const env: Record<string, string> = {};
  for (const e of strings(config.Env) ?? []) {
    if (imageEnv.has(e)) continue;
    const i = e.indexOf('=');
    if (i > 0) env[e.slice(0, i)] = e.slice(i + 1);
  }
  const cmd = strings(config.Cmd);
  const entrypoint = strings(config.Entrypoint);
  const mounts: SourceMount[] = [];
  for (const m of Array.isArray(c.Mounts) ? c.Mounts : []) {
    if (!m || typeof m.Destination !== 'string') continue;
    if (m.Type === 'bind' && m.Source) mounts.push({ source: m.Source, target: m.Destination, readOnly: m.RW === false });
    else if (m.Type === 'volume') mounts.push({ source: m.Name ?? m.Source, target: m.Destination, readOnly: m.RW === false, volume: true });
  }
  const ports: PortOption[] = [];
  for (const [key, bindings] of Object.entries(obj(host.PortBindings) ?? {})) {
    const [p, proto] = key.split('/');
    const container = Number(p);
    if (!Number.isInteger(container) || container <= 0) continue;
    const first = Array.isArray(bindings) ? obj(bindings[0]) : undefined;
    const hostPort = Number(first?.HostPort);
    const port: PortOption = { container };
    if (Number.isInteger(hostPort) && hostPort > 0) port.host = hostPort;
    if (proto === 'udp') port.protocol = 'udp';
    ports.push(port);
  }
  ports.sort((a, b) => a.container - b.container);
  const shm = num(host.ShmSize);
  const name = typeof c.Name === 'string' ? c.Name.replace(/^\//, '') : '';
  const workdir = typeof config.WorkingDir === 'string' && config.WorkingDir !== imageConfig?.WorkingDir ? config.WorkingDir : undefined;
  const user = typeof config.User === 'string' && config.User !== imageConfig?.User ? config.User : undefined;
  const network = typeof host.NetworkMode === 'string' && host.NetworkMode !== 'default' ? host.NetworkMode : undefined;
  return {
    origin: `container ${name || c.Id.slice(0, 12)} (${imageRef})`,
    name: name || 'workload',
    image: imageRef,
    digestRef: digestRefFor(imageRef, image?.RepoDigests),
    command: cmd && !sameList(cmd, strings(imageConfig?.Cmd)) ? cmd : undefined,
    entrypoint: entrypoint && !sameList(entrypoint, strings(imageConfig?.Entrypoint)) ? entrypoint : undefined,
    env: envEntries(env, false),
    mounts,
    ports,
    exposedPorts: exposed(obj(config.ExposedPorts)),
    gpus: gpuFromRequests(host.DeviceRequests),
    shmBytes: shm && shm !== DOCKER_DEFAULT_SHM ? shm : undefined,
    ipcHost: host.IpcMode === 'host' || undefined,
    network,
    workdir: workdir || undefined,
    user: user || undefined,
    healthcheck: healthcheckOf(config),
    cpus: num(host.NanoCpus) !== undefined ? (host.NanoCpus as number) / 1e9 : undefined,
    memoryBytes: num(host.Memory),
  };
}
