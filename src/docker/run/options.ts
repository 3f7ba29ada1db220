// Run options as a data scientist thinks of them, turned into the Engine API create body and into
// the equivalent `docker run …` command line.
import { isSecretName } from '../secretNames';
import { shellQuote } from '../shellQuote';

import type { ContainerCreateOptions } from 'dockerode';

export interface MountOption {
  /** Host path (absolute). */
  source: string;
  /** Path inside the container (absolute). */
  target: string;
  readOnly?: boolean;
}

export interface PortOption {
  container: number;
  /** Host port; 0 or undefined lets the engine choose. */
  host?: number;
  /** Host address to bind, e.g. 127.0.0.1 (default: all addresses). */
  hostIp?: string;
  protocol?: 'tcp' | 'udp';
}

export type GpuOption =
  | { kind: 'all' }
  | { kind: 'count'; count: number }
  | { kind: 'devices'; deviceIds: string[] };

export interface RunOptions {
  image: string;
  name?: string;
  /** Command override: an argv array, or a shell string split on spaces with quotes honoured. */
  command?: string[] | string;
  entrypoint?: string;
  mounts?: MountOption[];
  ports?: PortOption[];
  /** KEY=VALUE pairs. */
  env?: Record<string, string>;
  /** Path of an env file (KEY=VALUE lines, `#` comments, bare KEY taken from the host env). */
  envFile?: string;
  gpus?: GpuOption;
  /** Shared-memory size: bytes, or a string such as `8g`, `512m`. */
  shmSize?: string | number;
  ipcHost?: boolean;
  /** Attach a terminal with a TTY and stdin (docker run -it); otherwise detached. */
  interactive?: boolean;
  autoRemove?: boolean;
  /** 'host', 'none', 'bridge' or a network name. */
  network?: string;
  workdir?: string;
  user?: string;
}

/** Parses `8g`, `512m`, `1024k`, `100b`, `2gb`, plain bytes. Throws on nonsense. */
/** The container ports of an image's `ExposedPorts` keys (`8000/tcp`, `53/udp`), in their order; keys that are not a port are skipped. */
export function exposedPortsOf(keys: Iterable<string>): PortOption[] {
  const out: PortOption[] = [];
  for (const k of keys) {
    const [p, proto] = k.split('/');
    const container = Number(p);
    if (Number.isInteger(container) && container > 0 && container < 65536) out.push(proto === 'udp' ? { container, protocol: 'udp' } : { container });
  }
  return out;
}

export function parseSize(v: string | number): number {
  if (typeof v === 'number') {
    if (!Number.isFinite(v) || v < 0) throw new Error(`Invalid size: ${v}`);
    return Math.floor(v);
  }
  const m = /^\s*(\d+(?:\.\d+)?)\s*([bkmgt]?)i?b?\s*$/i.exec(v);
  if (!m) throw new Error(`Invalid size "${v}": use a number with an optional unit, e.g. 8g or 512m`);
  const mult: Record<string, number> = { '': 1, b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 };
  return Math.floor(Number(m[1]) * mult[m[2].toLowerCase()]);
}

/** Parses an env file like docker does. Bare names take their value from `hostEnv` (skipped if unset). */
export function parseEnvFile(text: string, hostEnv: NodeJS.ProcessEnv = {}): string[] {
  const out: string[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = raw.replace(/^\s+/, '');
    if (line === '' || line.startsWith('#')) return;
    const eq = line.indexOf('=');
    const name = eq >= 0 ? line.slice(0, eq) : line.trimEnd();
    if (name === '' || /\s/.test(name)) throw new Error(`env file line ${i + 1}: variable name "${name}" is empty or contains whitespace`);
    if (eq >= 0) out.push(line);
    else if (hostEnv[name] !== undefined) out.push(`${name}=${hostEnv[name]}`);
  });
  return out;
}

/** Splits a command string into argv honouring single and double quotes and backslashes. */
export function splitCommand(s: string): string[] {
  const out: string[] = [];
  let cur = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"' && i + 1 < s.length && '"\\$`'.includes(s[i + 1])) cur += s[++i];
      else cur += c;
      continue;
    }
    if (c === '"' || c === "'") { quote = c; inWord = true; continue; }
    if (c === '\\' && i + 1 < s.length) { cur += s[++i]; inWord = true; continue; }
    if (/\s/.test(c)) {
      if (inWord) { out.push(cur); cur = ''; inWord = false; }
      continue;
    }
    cur += c;
    inWord = true;
  }
  if (quote) throw new Error(`The command ${JSON.stringify(s)} opens a ${quote === '"' ? 'double' : 'single'} quote it never closes`);
  if (inWord) out.push(cur);
  return out;
}

function commandArgv(cmd: string[] | string | undefined): string[] | undefined {
  if (cmd === undefined) return undefined;
  const argv = typeof cmd === 'string' ? splitCommand(cmd) : cmd;
  return argv.length ? argv : undefined;
}

export function gpuDeviceRequests(g: GpuOption): NonNullable<ContainerCreateOptions['HostConfig']>['DeviceRequests'] {
  const base = { Driver: '', Capabilities: [['gpu']], Options: {} };
  switch (g.kind) {
    case 'all': return [{ ...base, Count: -1 }];
    case 'count': return [{ ...base, Count: g.count }];
    case 'devices': return [{ ...base, Count: 0, DeviceIDs: g.deviceIds }];
  }
}

function portKey(p: PortOption): string {
  return `${p.container}/${p.protocol ?? 'tcp'}`;
}

/** The Engine API body for POST /containers/create. `envFileLines` are the parsed env-file entries. */
export function toCreateBody(o: RunOptions, envFileLines: string[] = []): ContainerCreateOptions {
  const env = [...envFileLines, ...Object.entries(o.env ?? {}).map(([k, v]) => `${k}=${v}`)];
  const exposed: Record<string, object> = {};
  const bindings: Record<string, { HostIp: string; HostPort: string }[]> = {};
  for (const p of o.ports ?? []) {
    const k = portKey(p);
    exposed[k] = {};
    (bindings[k] ??= []).push({ HostIp: p.hostIp ?? '', HostPort: p.host ? String(p.host) : '' });
  }
  const hostConfig: NonNullable<ContainerCreateOptions['HostConfig']> = {
    Binds: (o.mounts ?? []).map((m) => `${m.source}:${m.target}${m.readOnly ? ':ro' : ''}`),
    PortBindings: bindings,
    AutoRemove: o.autoRemove ?? false,
  };
  if (o.gpus) hostConfig.DeviceRequests = gpuDeviceRequests(o.gpus);
  if (o.shmSize !== undefined && o.shmSize !== '') hostConfig.ShmSize = parseSize(o.shmSize);
  if (o.ipcHost) hostConfig.IpcMode = 'host';
  if (o.network) hostConfig.NetworkMode = o.network;
  const interactive = o.interactive ?? false;
  const body: ContainerCreateOptions = {
    Image: o.image,
    Env: env,
    ExposedPorts: exposed,
    HostConfig: hostConfig,
    Tty: interactive,
    OpenStdin: interactive,
    StdinOnce: interactive,
    AttachStdin: interactive,
    AttachStdout: interactive,
    AttachStderr: interactive,
  };
  if (o.name) body.name = o.name;
  const cmd = commandArgv(o.command);
  if (cmd) body.Cmd = cmd;
  if (o.entrypoint !== undefined) body.Entrypoint = o.entrypoint === '' ? [''] : [o.entrypoint];
  if (o.workdir) body.WorkingDir = o.workdir;
  if (o.user) body.User = o.user;
  return body;
}


function gpuFlag(g: GpuOption): string {
  switch (g.kind) {
    case 'all': return 'all';
    case 'count': return String(g.count);
    // The CLI's csv parser needs the device list quoted inside the value.
    case 'devices': return `"device=${g.deviceIds.join(',')}"`;
  }
}

const MASK = '********';

/**
 * The equivalent `docker run …` line (copyable into a POSIX shell). Values of secret-looking variables
 * (HF_TOKEN, WANDB_API_KEY, …) are masked unless `revealSecrets` is set: the line is shown and logged.
 */
export function toDockerRunCommand(o: RunOptions, revealSecrets = false): string {
  const a: string[] = ['docker', 'run'];
  if (o.interactive) a.push('-it'); else a.push('-d');
  if (o.autoRemove) a.push('--rm');
  if (o.name) a.push('--name', o.name);
  if (o.gpus) a.push('--gpus', gpuFlag(o.gpus));
  if (o.shmSize !== undefined && o.shmSize !== '') a.push('--shm-size', String(o.shmSize));
  if (o.ipcHost) a.push('--ipc', 'host');
  if (o.network) a.push('--network', o.network);
  for (const m of o.mounts ?? []) a.push('-v', `${m.source}:${m.target}${m.readOnly ? ':ro' : ''}`);
  for (const p of o.ports ?? []) {
    const hostPort = p.host ? String(p.host) : '';
    const spec = p.hostIp ? `${p.hostIp}:${hostPort}:${p.container}` : hostPort ? `${hostPort}:${p.container}` : String(p.container);
    a.push('-p', `${spec}${p.protocol && p.protocol !== 'tcp' ? '/' + p.protocol : ''}`);
  }
  if (o.envFile) a.push('--env-file', o.envFile);
  for (const [k, v] of Object.entries(o.env ?? {})) a.push('-e', `${k}=${!revealSecrets && isSecretName(k) && v ? MASK : v}`);
  if (o.workdir) a.push('-w', o.workdir);
  if (o.user) a.push('-u', o.user);
  if (o.entrypoint !== undefined) a.push('--entrypoint', o.entrypoint);
  a.push(o.image);
  const cmd = commandArgv(o.command);
  if (cmd) a.push(...cmd);
  return a.map(shellQuote).join(' ');
}
