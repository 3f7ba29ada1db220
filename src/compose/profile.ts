// "Add to compose file": a run profile (`.vscode/ml-containers.yaml`, the shape of RunOptions plus a
// profile name) becomes a service of a compose file — ports, mounts, env, GPUs, shared memory, IPC,
// command — written with `yaml`'s document API so the file's comments and other services survive.
// Pure Node.
import * as path from 'node:path';
import { isMap, parseDocument, Document, YAMLMap } from 'yaml';
import type { GpuOption, RunOptions } from '../docker/run/options';
import { isSecretName } from '../docker/secretNames';

/** A profile's reference to a value in the editor's secret storage: `${secret:HF_TOKEN}`. */
const SECRET_REF = /^\$\{secret:([A-Za-z_][A-Za-z0-9_]*)\}$/;

/** A saved run profile: run options without the image, a profile name and an optional container name. */
export type ProfileLike = Omit<RunOptions, 'image' | 'name'> & { name: string; containerName?: string };

export class ComposeEditError extends Error {}

export interface PathBase {
  /** Folder of the compose file: sources under it become `./relative`. */
  readonly composeDir: string;
  /** Home folder: sources under it become `~/…`. */
  readonly home?: string;
}

/** A compose service name from a profile name (compose allows [a-zA-Z0-9._-]). */
export function serviceNameFor(profileName: string): string {
  const n = profileName.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[-._]+|[-._]+$/g, '');
  return n || 'app';
}

function relPath(p: string, base: PathBase): string {
  const rel = path.relative(base.composeDir, p);
  if (rel === '') return '.';
  if (!rel.startsWith('..') && !path.isAbsolute(rel)) return `./${rel.split(path.sep).join('/')}`;
  if (base.home) {
    const h = path.relative(base.home, p);
    if (h === '') return '~';
    if (!h.startsWith('..') && !path.isAbsolute(h)) return `~/${h.split(path.sep).join('/')}`;
  }
  return p;
}

function gpuReservation(g: GpuOption): Record<string, unknown> {
  const req: Record<string, unknown> = { driver: 'nvidia' };
  if (g.kind === 'all') req.count = 'all';
  else if (g.kind === 'count') req.count = g.count;
  else req.device_ids = g.deviceIds;
  req.capabilities = ['gpu'];
  return req;
}

export interface ServiceFromProfile {
  readonly service: Record<string, unknown>;
  /**
   * Variables the service reads from the shell or the project's .env instead of the file: secrets
   * (stored references and literal values of secret-looking names) never land in a compose file.
   */
  readonly fromEnvironment: readonly string[];
}

/** The compose service for an image run with a profile, as plain data in compose's key order. */
export function profileToService(image: string, p: ProfileLike, base: PathBase): ServiceFromProfile {
  const fromEnvironment: string[] = [];
  const s: Record<string, unknown> = { image };
  if (p.containerName) s.container_name = p.containerName;
  if (p.command !== undefined && p.command !== '' && !(Array.isArray(p.command) && !p.command.length)) s.command = p.command;
  if (p.entrypoint !== undefined) s.entrypoint = p.entrypoint;
  if (p.workdir) s.working_dir = p.workdir;
  if (p.user) s.user = p.user;
  if (p.ports?.length) {
    s.ports = p.ports.map((x) => {
      const proto = x.protocol && x.protocol !== 'tcp' ? `/${x.protocol}` : '';
      const host = x.host ? String(x.host) : '';
      const ip = x.hostIp ? (x.hostIp.includes(':') ? `[${x.hostIp}]:` : `${x.hostIp}:`) : '';
      return host ? `${ip}${host}:${x.container}${proto}` : ip ? `${ip}:${x.container}${proto}` : `${x.container}${proto}`;
    });
  }
  if (p.mounts?.length) s.volumes = p.mounts.map((m) => `${relPath(m.source, base)}:${m.target}${m.readOnly ? ':ro' : ''}`);
  if (p.envFile) s.env_file = [relPath(p.envFile, base)];
  if (p.env && Object.keys(p.env).length) {
    const environment: Record<string, string> = {};
    for (const [k, v] of Object.entries(p.env)) {
      const ref = SECRET_REF.exec(v)?.[1];
      if (ref || (v !== '' && isSecretName(k) && !v.includes('${'))) {
        environment[k] = `\${${ref ?? k}}`;
        fromEnvironment.push(ref ?? k);
      } else environment[k] = v.replace(/\$/g, '$$$$');
    }
    s.environment = environment;
  }
  if (p.network) s.network_mode = p.network;
  if (p.shmSize !== undefined && p.shmSize !== '') s.shm_size = typeof p.shmSize === 'number' ? p.shmSize : String(p.shmSize);
  if (p.ipcHost) s.ipc = 'host';
  if (p.interactive) {
    s.stdin_open = true;
    s.tty = true;
  }
  if (p.gpus) s.deploy = { resources: { reservations: { devices: [gpuReservation(p.gpus)] } } };
  return { service: s, fromEnvironment };
}

export interface AddResult {
  readonly text: string;
  /** A service of that name existed and was replaced. */
  readonly replaced: boolean;
}

/** The compose file text with `service` added (or replacing one of the same name). Throws ComposeEditError. */
export function addServiceToCompose(text: string, name: string, service: Record<string, unknown>): AddResult {
  const doc = text.trim() === '' ? new Document({}) : parseDocument(text);
  if (doc.errors.length) throw new ComposeEditError(`The compose file is not valid YAML: ${doc.errors[0].message.split('\n')[0]}`);
  if (doc.contents === null || !isMap(doc.contents)) {
    if (doc.contents !== null && text.trim() !== '') throw new ComposeEditError('The compose file is not a mapping: cannot add a service to it.');
    doc.contents = doc.createNode({}) as unknown as typeof doc.contents;
  }
  let services = doc.get('services', true);
  if (services === undefined || services === null || (!isMap(services) && (services as { value?: unknown }).value === null)) {
    doc.set('services', doc.createNode({}));
    services = doc.get('services', true);
  }
  if (!isMap(services)) throw new ComposeEditError('`services` in the compose file is not a mapping: cannot add a service to it.');
  const replaced = (services as YAMLMap).has(name);
  (services as YAMLMap).set(name, doc.createNode(service));
  return { text: doc.toString({ lineWidth: 0 }), replaced };
}
