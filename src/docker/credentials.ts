// Registry credentials the user already has, found the way the docker CLI finds them:
// $DOCKER_CONFIG/config.json (default ~/.docker): credHelpers[host] → credsStore → auths[host]
// (`auth` = base64 user:pass, or `identitytoken`). Helpers run as `docker-credential-<name> get`
// with the server URL on stdin, without a shell. Secrets are registered with the redactor and never logged.
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { dockerConfigDir } from './endpoint';
import { credentialServerUrl, normaliseRegistryHost } from './reference';
import { SecretRedactor, globalRedactor } from './push/redact';

export interface DockerConfigFile {
  auths?: Record<string, { auth?: string; username?: string; password?: string; identitytoken?: string; email?: string }>;
  credsStore?: string;
  credHelpers?: Record<string, string>;
}

export interface RegistryCredential {
  /** host[:port], docker.io for Docker Hub. */
  registry: string;
  /** The server address to send to the engine. */
  serverAddress: string;
  username?: string;
  password?: string;
  identityToken?: string;
  /** Where it came from, for messages: `config.json auths`, `credential helper "osxkeychain"`, `VS Code secret storage`. */
  source: string;
}

/** The engine's X-Registry-Auth body. */
export interface EngineAuthConfig {
  username?: string;
  password?: string;
  identitytoken?: string;
  serveraddress: string;
}

export class CredentialHelperError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CredentialHelperError';
  }
}

export async function readDockerConfig(dir: string): Promise<DockerConfigFile | undefined> {
  let text: string;
  try {
    text = await fs.promises.readFile(path.join(dir, 'config.json'), 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Do not echo the file or the parser's message (which quotes it): it may hold credentials.
    throw new Error(`${path.join(dir, 'config.json')} is not valid JSON.`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error(`${path.join(dir, 'config.json')} is not a JSON object.`);
  return parsed as DockerConfigFile;
}

export interface HelperOutput { Username: string; Secret: string; ServerURL?: string }

export type HelperRunner = (helper: string, serverUrl: string) => Promise<HelperOutput | undefined>;

/** Runs `docker-credential-<helper> get`; undefined when the helper has no credentials for the server. */
export function runCredentialHelper(
  helper: string, serverUrl: string, env: NodeJS.ProcessEnv = process.env, timeoutMs = 15000,
): Promise<HelperOutput | undefined> {
  if (!/^[A-Za-z0-9_.-]+$/.test(helper)) return Promise.reject(new CredentialHelperError(`Invalid credential helper name "${helper}".`));
  const exe = `docker-credential-${helper}`;
  return new Promise((resolve, reject) => {
    const child = spawn(exe, ['get'], { env, shell: false, stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const timer = setTimeout(() => {
      child.kill();
      reject(new CredentialHelperError(`${exe} did not answer within ${Math.round(timeoutMs / 1000)} s.`));
    }, timeoutMs);
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    child.on('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(new CredentialHelperError(e.code === 'ENOENT'
        ? `The credential helper ${exe} named in your Docker config is not on PATH.`
        : `Could not run ${exe}: ${e.message}`));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      const stdout = Buffer.concat(out).toString('utf8');
      if (code !== 0) {
        const text = (stdout + Buffer.concat(err).toString('utf8')).trim();
        if (/credentials not found|not found in native keychain|no credentials/i.test(text)) return resolve(undefined);
        // The helper failed: its output is an error message, but never trust it not to hold a secret.
        return reject(new CredentialHelperError(`${exe} failed (exit ${code}): ${globalRedactor.redact(text).slice(0, 300)}`));
      }
      try {
        const parsed = JSON.parse(stdout) as HelperOutput;
        if (typeof parsed.Secret !== 'string') return resolve(undefined);
        resolve(parsed);
      } catch {
        reject(new CredentialHelperError(`${exe} returned something that is not JSON.`));
      }
    });
    child.stdin.on('error', () => undefined); // helper exited before reading stdin
    child.stdin.end(serverUrl);
  });
}

export interface CredentialLookup {
  env?: NodeJS.ProcessEnv;
  /** Defaults to dockerConfigDir(env). */
  configDir?: string;
  /** Replaceable for tests. */
  runHelper?: HelperRunner;
  redactor?: SecretRedactor;
}

function decodeAuth(auth: string): { username: string; password: string } | undefined {
  const text = Buffer.from(auth, 'base64').toString('utf8');
  const i = text.indexOf(':');
  if (i < 0) return undefined;
  return { username: text.slice(0, i), password: text.slice(i + 1) };
}

/** Finds credentials for a registry host (any alias or URL form). Undefined if the user has none. */
export async function findCredentials(registry: string, o: CredentialLookup = {}): Promise<RegistryCredential | undefined> {
  const env = o.env ?? process.env;
  const dir = o.configDir ?? dockerConfigDir(env);
  const redactor = o.redactor ?? globalRedactor;
  const host = normaliseRegistryHost(registry);
  const serverUrl = credentialServerUrl(host);
  const cfg = await readDockerConfig(dir);
  if (!cfg) return undefined;
  const runHelper: HelperRunner = o.runHelper ?? ((h, url) => runCredentialHelper(h, url, env));

  const helperFor = Object.entries(cfg.credHelpers ?? {}).find(([k]) => normaliseRegistryHost(k) === host)?.[1];
  const helper = helperFor ?? cfg.credsStore;
  if (helper) {
    const got = await runHelper(helper, serverUrl);
    if (got) {
      const cred: RegistryCredential = { registry: host, serverAddress: serverUrl, source: `credential helper "${helper}"` };
      if (got.Username === '<token>') cred.identityToken = got.Secret;
      else { cred.username = got.Username; cred.password = got.Secret; }
      redactor.addBasic(cred.username, cred.password);
      redactor.add(cred.identityToken);
      return cred;
    }
    if (helperFor) return undefined; // a per-registry helper is authoritative
  }
  const entry = Object.entries(cfg.auths ?? {}).find(([k]) => normaliseRegistryHost(k) === host)?.[1];
  if (!entry || typeof entry !== 'object') return undefined;
  const cred: RegistryCredential = { registry: host, serverAddress: serverUrl, source: 'config.json auths' };
  if (typeof entry.auth === 'string' && entry.auth) {
    const d = decodeAuth(entry.auth);
    if (d) { cred.username = d.username; cred.password = d.password; }
    redactor.add(entry.auth);
  } else if (typeof entry.username === 'string' && typeof entry.password === 'string') {
    cred.username = entry.username;
    cred.password = entry.password;
  }
  if (typeof entry.identitytoken === 'string' && entry.identitytoken) cred.identityToken = entry.identitytoken;
  redactor.addBasic(cred.username, cred.password);
  redactor.add(cred.identityToken);
  if (!cred.password && !cred.identityToken) return undefined;
  return cred;
}

export function toEngineAuth(c: RegistryCredential): EngineAuthConfig {
  if (c.identityToken) return { identitytoken: c.identityToken, serveraddress: c.serverAddress };
  return { username: c.username ?? '', password: c.password ?? '', serveraddress: c.serverAddress };
}
