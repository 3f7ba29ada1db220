// Run profiles saved in the workspace (`.vscode/ml-containers.yaml`) so a team can commit them.
// Pure (no vscode): parse, validate, expand `${workspaceFolder}` / `${userHome}`, and write back
// with `yaml`'s document API so comments and other keys in the file survive.
//
//   runProfiles:
//     my-model:latest:
//       - name: train
//         mounts:
//           - { source: ${workspaceFolder}/data, target: /data, readOnly: true }
//           - { source: ${userHome}/.cache/huggingface, target: /root/.cache/huggingface }
//         ports: [ { container: 8888, host: 8888 } ]
//         env: { WANDB_MODE: offline }
//         envFile: ${workspaceFolder}/.env
//         gpus: all            # or a count (2), or a list of device ids ["0", "1"]
//         shmSize: 8g
//         ipcHost: true
//         interactive: true
//         autoRemove: true
//         command: python train.py
//         containerName: trainer
import * as path from 'path';
import { yaml } from '../lazyYaml';
import type { GpuOption, MountOption, PortOption, RunOptions } from './options';

/** A named set of run options; `name` is the profile's name, `containerName` the container's. */
export type RunProfile = Omit<RunOptions, 'image' | 'name'> & { name: string; containerName?: string };

export interface ProfileVars { workspaceFolder: string; userHome: string }

export class ProfileFileError extends Error {}

function expand(s: string, v: ProfileVars): string {
  return s.replace(/\$\{workspaceFolder\}/g, v.workspaceFolder).replace(/\$\{userHome\}/g, v.userHome).replace(/^~(?=\/|$)/, v.userHome);
}
/** Writes paths relative to the workspace or home as variables, so the file is portable. */
export function collapsePath(p: string, v: ProfileVars): string {
  const rel = (base: string, name: string): string | undefined => {
    if (!base) return undefined;
    if (p === base) return `\${${name}}`;
    if (p.startsWith(base + path.sep) || p.startsWith(base + '/')) return `\${${name}}/${p.slice(base.length + 1).split(path.sep).join('/')}`;
    return undefined;
  };
  return rel(v.workspaceFolder, 'workspaceFolder') ?? rel(v.userHome, 'userHome') ?? p;
}

function gpuFrom(x: unknown, where: string): GpuOption | undefined {
  if (x === undefined || x === null || x === false || x === 'none') return undefined;
  if (x === 'all' || x === true) return { kind: 'all' };
  if (typeof x === 'number' && Number.isInteger(x) && x > 0) return { kind: 'count', count: x };
  if (Array.isArray(x) && x.every((d) => typeof d === 'string' || typeof d === 'number')) return { kind: 'devices', deviceIds: x.map(String) };
  throw new ProfileFileError(`${where}: gpus must be "all", a positive count or a list of device ids`);
}
function gpuTo(g: GpuOption | undefined): unknown {
  if (!g) return undefined;
  return g.kind === 'all' ? 'all' : g.kind === 'count' ? g.count : g.deviceIds;
}

function asObj(x: unknown, where: string): Record<string, unknown> {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) throw new ProfileFileError(`${where} must be a mapping`);
  return x as Record<string, unknown>;
}

function profileFrom(raw: unknown, where: string, v: ProfileVars): RunProfile {
  const o = asObj(raw, where);
  if (typeof o.name !== 'string' || !o.name) throw new ProfileFileError(`${where}: a profile needs a name`);
  const p: RunProfile = { name: o.name };
  const str = (k: string): string | undefined => {
    if (o[k] === undefined || o[k] === null) return undefined;
    if (typeof o[k] !== 'string' && typeof o[k] !== 'number') throw new ProfileFileError(`${where}.${k} must be a string`);
    return String(o[k]);
  };
  const bool = (k: string): boolean | undefined => {
    if (o[k] === undefined) return undefined;
    if (typeof o[k] !== 'boolean') throw new ProfileFileError(`${where}.${k} must be true or false`);
    return o[k] as boolean;
  };
  if (o.mounts !== undefined) {
    if (!Array.isArray(o.mounts)) throw new ProfileFileError(`${where}.mounts must be a list`);
    p.mounts = o.mounts.map((m, i): MountOption => {
      const mo = asObj(m, `${where}.mounts[${i}]`);
      if (typeof mo.source !== 'string' || typeof mo.target !== 'string') throw new ProfileFileError(`${where}.mounts[${i}] needs source and target`);
      return { source: expand(mo.source, v), target: mo.target, readOnly: mo.readOnly === true };
    });
  }
  if (o.ports !== undefined) {
    if (!Array.isArray(o.ports)) throw new ProfileFileError(`${where}.ports must be a list`);
    p.ports = o.ports.map((x, i): PortOption => {
      const po = typeof x === 'number' ? { container: x } : asObj(x, `${where}.ports[${i}]`);
      const container = Number(po.container);
      if (!Number.isInteger(container) || container <= 0 || container > 65535) throw new ProfileFileError(`${where}.ports[${i}].container must be a port number`);
      const out: PortOption = { container };
      if (po.host !== undefined) out.host = Number(po.host);
      if (typeof po.hostIp === 'string') out.hostIp = po.hostIp;
      if (po.protocol === 'udp') out.protocol = 'udp';
      return out;
    });
  }
  if (o.env !== undefined) {
    const e = asObj(o.env, `${where}.env`);
    p.env = Object.fromEntries(Object.entries(e).map(([k, val]) => [k, String(val)]));
  }
  const envFile = str('envFile');
  if (envFile) p.envFile = expand(envFile, v);
  p.gpus = gpuFrom(o.gpus, where);
  const shm = str('shmSize');
  if (shm) p.shmSize = shm;
  p.ipcHost = bool('ipcHost');
  p.interactive = bool('interactive');
  p.autoRemove = bool('autoRemove');
  if (Array.isArray(o.command)) p.command = o.command.map(String);
  else p.command = str('command');
  p.entrypoint = str('entrypoint');
  p.network = str('network');
  p.workdir = str('workdir');
  p.user = str('user');
  p.containerName = str('containerName');
  return stripUndefined(p);
}

function stripUndefined<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}

/** Profiles per image reference. Throws ProfileFileError with the path of the bad entry. */
export function parseProfiles(text: string, v: ProfileVars): Map<string, RunProfile[]> {
  const out = new Map<string, RunProfile[]>();
  if (text.trim() === '') return out;
  let doc: unknown;
  try {
    doc = yaml().parse(text);
  } catch (e) {
    throw new ProfileFileError(`.vscode/ml-containers.yaml is not valid YAML: ${(e as Error).message}`);
  }
  if (doc === null || doc === undefined) return out;
  const root = asObj(doc, 'the file');
  if (root.runProfiles === undefined || root.runProfiles === null) return out;
  const rp = asObj(root.runProfiles, 'runProfiles');
  for (const [image, list] of Object.entries(rp)) {
    if (!Array.isArray(list)) throw new ProfileFileError(`runProfiles.${image} must be a list of profiles`);
    out.set(image, list.map((x, i) => profileFrom(x, `runProfiles.${image}[${i}]`, v)));
  }
  return out;
}

function profileTo(p: RunProfile, v: ProfileVars): Record<string, unknown> {
  const o: Record<string, unknown> = { name: p.name };
  if (p.mounts?.length) o.mounts = p.mounts.map((m) => ({ source: collapsePath(m.source, v), target: m.target, ...(m.readOnly ? { readOnly: true } : {}) }));
  if (p.ports?.length) o.ports = p.ports.map((x) => stripUndefined({ container: x.container, host: x.host, hostIp: x.hostIp, protocol: x.protocol }));
  if (p.env && Object.keys(p.env).length) o.env = p.env;
  if (p.envFile) o.envFile = collapsePath(p.envFile, v);
  if (p.gpus) o.gpus = gpuTo(p.gpus);
  if (p.shmSize !== undefined && p.shmSize !== '') o.shmSize = String(p.shmSize);
  if (p.ipcHost) o.ipcHost = true;
  for (const k of ['interactive', 'autoRemove'] as const) if (p[k] !== undefined) o[k] = p[k];
  for (const k of ['command', 'entrypoint', 'network', 'workdir', 'user', 'containerName'] as const) if (p[k] !== undefined && p[k] !== '') o[k] = p[k];
  return o;
}

/** Returns the file text with the profile added or replaced (same image + name), keeping the rest. */
export function upsertProfile(text: string, image: string, profile: RunProfile, v: ProfileVars): string {
  const YAML = yaml();
  const doc = text.trim() === '' ? new YAML.Document({}) : YAML.parseDocument(text);
  if (doc.errors.length) throw new ProfileFileError(`.vscode/ml-containers.yaml is not valid YAML: ${doc.errors[0].message}`);
  if (!doc.contents || !YAML.isMap(doc.contents)) doc.contents = doc.createNode({}) as typeof doc.contents;
  const list = (doc.getIn(['runProfiles', image]) as unknown);
  const node = doc.createNode(profileTo(profile, v));
  if (YAML.isSeq(list)) {
    const i = list.items.findIndex((it) => YAML.isMap(it) && it.get('name') === profile.name);
    if (i >= 0) list.items[i] = node; else list.items.push(node);
  } else {
    doc.setIn(['runProfiles', image], doc.createNode([profileTo(profile, v)]));
  }
  return doc.toString({ lineWidth: 0 });
}

/** The image's options with a profile applied. */
export function applyProfile(image: string, p: RunProfile): RunOptions {
  const { name: _name, containerName, ...rest } = p;
  return containerName ? { image, ...rest, name: containerName } : { image, ...rest };
}

/** `${secret:HF_TOKEN}`: the value lives in the editor's secret storage, not in the committable file. */
const SECRET_REF = /^\$\{secret:([A-Za-z_][A-Za-z0-9_]*)\}$/;

export function secretRef(name: string): string {
  return `\${secret:${name}}`;
}

/** The secret names a profile's env refers to. */
export function secretRefsIn(env: Readonly<Record<string, string>> | undefined): string[] {
  const out: string[] = [];
  for (const v of Object.values(env ?? {})) {
    const m = SECRET_REF.exec(v);
    if (m && !out.includes(m[1])) out.push(m[1]);
  }
  return out;
}

/** The options with every `${secret:NAME}` replaced by its value; a missing value is an error naming it. */
export function resolveSecretRefs(o: RunOptions, values: Readonly<Record<string, string>>): RunOptions {
  if (!o.env) return o;
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(o.env)) {
    const m = SECRET_REF.exec(v);
    if (m && values[m[1]] === undefined) throw new ProfileFileError(`The secret ${m[1]} (for ${k}) is not in this machine's secret storage.`);
    env[k] = m ? values[m[1]] : v;
  }
  return { ...o, env };
}

/**
 * Splits typed env pairs: literal values of secret-looking names (per `isSecret`) come out as `secrets`,
 * replaced by references in `env`; references and empty values stay as they are.
 */
export function separateSecrets(env: Readonly<Record<string, string>>, isSecret: (name: string) => boolean): { env: Record<string, string>; secrets: Record<string, string> } {
  const out: Record<string, string> = {};
  const secrets: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) {
    if (v !== '' && !SECRET_REF.test(v) && isSecret(k)) {
      secrets[k] = v;
      out[k] = secretRef(k);
    } else {
      out[k] = v;
    }
  }
  return { env: out, secrets };
}
