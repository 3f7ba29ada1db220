// Resolves which engine to talk to, the way the docker CLI does, and remembers where the answer came
// from (shown in tooltips and error rows). Pure Node: no `vscode` import; all inputs are injectable.
//
// Order (docker CLI `resolveContextName` + `getServerHost`):
//   1. the `mlContainers.engine.host` setting (like `docker -H`)
//   2. DOCKER_HOST
//   3. DOCKER_CONTEXT, else `currentContext` in $DOCKER_CONFIG/config.json (default ~/.docker),
//      resolved through $DOCKER_CONFIG/contexts/meta/<sha256(name)>/meta.json, TLS material from
//      $DOCKER_CONFIG/contexts/tls/<sha256(name)>/docker/{ca,cert,key}.pem
//   4. the default socket (/var/run/docker.sock), when it exists
//   5. a Podman socket ($XDG_RUNTIME_DIR/podman/podman.sock, /run/podman/podman.sock), when it exists
//   6. the default socket anyway (so the error names what a user expects)
// For 1 and 2 (and the default context), TLS comes from DOCKER_TLS_VERIFY / DOCKER_TLS / DOCKER_CERT_PATH
// as in the CLI: TLS is on when either is set; verification only with DOCKER_TLS_VERIFY; the
// certificates are ca.pem/cert.pem/key.pem in DOCKER_CERT_PATH (default: the config folder).
// An https:// address always means TLS: verified against DOCKER_CERT_PATH's ca.pem when there is one,
// else against the system CAs (only DOCKER_TLS without DOCKER_TLS_VERIFY turns verification off).
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EngineConfigError } from './errors';

export type EndpointSource = 'setting' | 'DOCKER_HOST' | 'DOCKER_CONTEXT' | 'currentContext' | 'default' | 'podman';

export interface TlsFiles {
  /** Paths, not contents: read when the engine is created so changes are picked up on re-resolve. */
  readonly ca?: string;
  readonly cert?: string;
  readonly key?: string;
  /** false = `--tls` without `--tlsverify` / context SkipTLSVerify. */
  readonly verify: boolean;
}

export interface Endpoint {
  /** Normalised host URL: unix:///path, tcp://host:port, ssh://user@host:port, npipe:////./pipe/x. */
  readonly host: string;
  readonly protocol: 'unix' | 'tcp' | 'ssh' | 'npipe';
  /** unix/npipe only. */
  readonly socketPath?: string;
  /** tcp/ssh only. For ssh, absent unless the address names it (then ~/.ssh/config or 22 decides). */
  readonly hostname?: string;
  readonly port?: number;
  /** ssh only. */
  readonly username?: string;
  /** ssh only: the engine socket on the remote host, when the address has a path. */
  readonly remoteSocket?: string;
  /** tcp with TLS only. */
  readonly tls?: TlsFiles;
  readonly source: EndpointSource;
  /** The docker context the endpoint came from, if any. */
  readonly contextName?: string;
  /** e.g. `DOCKER_HOST`, `context "remote" (DOCKER_CONTEXT)`, `setting mlContainers.engine.host`. */
  readonly sourceLabel: string;
}

export interface ResolveInput {
  /** Value of the `mlContainers.engine.host` setting ('' = unset). */
  readonly settingHost?: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Home directory (for ~/.docker). Default: os.homedir(). */
  readonly homeDir?: string;
  /** Override for tests: does a socket/file exist? Default: fs.existsSync. */
  readonly exists?: (p: string) => boolean;
  /** Override for tests: the platform default socket. */
  readonly defaultSocket?: string;
  /** Override for tests: the /run/podman/podman.sock fallback. */
  readonly systemPodmanSocket?: string;
}

export const DEFAULT_UNIX_SOCKET = '/var/run/docker.sock';
const SYSTEM_PODMAN_SOCKET = '/run/podman/podman.sock';

export function contextDirName(name: string): string {
  return createHash('sha256').update(name).digest('hex');
}

/** $DOCKER_CONFIG, else ~/.docker: where config.json, contexts and credentials settings live. */
export function dockerConfigDir(env: ResolveInput['env'] = process.env, homeDir: string = env.HOME || os.homedir()): string {
  return env.DOCKER_CONFIG && env.DOCKER_CONFIG.trim() ? env.DOCKER_CONFIG : path.join(homeDir, '.docker');
}

/**
 * Parses a JSON file. A syntax error names the file and the position only: JavaScript's own message
 * quotes the text around the error, and config.json holds registry credentials.
 */
export function readJsonFile(file: string, what = file): unknown {
  const text = fs.readFileSync(file, 'utf8');
  try {
    return JSON.parse(text);
  } catch (err) {
    const msg = err instanceof Error ? err.message : '';
    const pos = /at position (\d+)/.exec(msg);
    const lc = /\(line (\d+) column (\d+)\)/.exec(msg);
    let where = '';
    if (lc) where = ` at line ${lc[1]}, column ${lc[2]}`;
    else if (pos) {
      const before = text.slice(0, Number(pos[1]));
      const line = before.split('\n').length;
      where = ` at line ${line}, column ${before.length - before.lastIndexOf('\n')}`;
    } else if (/end of JSON input/.test(msg)) where = ' (it ends too early)';
    throw new EngineConfigError(`${what} is not valid JSON${where}. Fix or remove it.`);
  }
}

const SAFE_SOCKET_PATH = /^\/[A-Za-z0-9._/+@-]*$/;

/** A remote socket path must be plain: it becomes part of the command line the remote shell runs. */
export function isSafeRemoteSocket(p: string): boolean {
  return SAFE_SOCKET_PATH.test(p) && !p.includes('//');
}

interface ParsedHost {
  host: string;
  protocol: Endpoint['protocol'];
  socketPath?: string;
  hostname?: string;
  port?: number;
  username?: string;
  remoteSocket?: string;
  /** The address said https://: TLS even without DOCKER_TLS*. */
  httpsScheme?: boolean;
}

/**
 * Parses a host string as the docker CLI's `opts.ParseHost` does:
 * '' → default socket (or tcp://localhost:2376 with TLS); 'host:port' → tcp; 'tcp://' → localhost:2375;
 * unix://, npipe://, ssh://, fd:// (rejected: not usable from an extension).
 */
export function parseHost(raw: string, withTls: boolean, defaultSocket = DEFAULT_UNIX_SOCKET): ParsedHost {
  let value = raw.trim();
  if (!value) value = withTls ? 'tcp://localhost:2376' : `unix://${defaultSocket}`;
  let [scheme, rest] = value.includes('://') ? (value.split(/:\/\/(.*)/s, 2) as [string, string]) : ['tcp', value];
  scheme = scheme.toLowerCase();
  rest = rest ?? '';
  switch (scheme) {
    case 'unix': {
      const socketPath = rest || defaultSocket;
      return { host: `unix://${socketPath}`, protocol: 'unix', socketPath };
    }
    case 'npipe': {
      const socketPath = rest || '//./pipe/docker_engine';
      return { host: `npipe://${socketPath}`, protocol: 'npipe', socketPath };
    }
    case 'tcp':
    case 'http':
    case 'https': {
      let url: URL;
      try {
        url = new URL(`tcp://${rest.startsWith(':') ? `localhost${rest}` : rest || 'localhost:2375'}`);
      } catch {
        throw new EngineConfigError(`"${raw}" is not a valid engine address. Use unix:///path, tcp://host:port or ssh://user@host.`);
      }
      if (url.pathname && url.pathname !== '/' && url.pathname !== '') {
        throw new EngineConfigError(`"${raw}": an engine address must not have a path.`);
      }
      const hostname = stripBrackets(url.hostname) || 'localhost';
      const port = url.port ? Number(url.port) : scheme === 'https' ? 2376 : 2375;
      return { host: `tcp://${formatHostPort(hostname, port)}`, protocol: 'tcp', hostname, port, ...(scheme === 'https' ? { httpsScheme: true } : {}) };
    }
    case 'ssh': {
      let url: URL;
      try {
        url = new URL(`ssh://${rest}`);
      } catch {
        throw new EngineConfigError(`"${raw}" is not a valid ssh address. Use ssh://user@host[:port].`);
      }
      const hostname = stripBrackets(url.hostname);
      if (!hostname) throw new EngineConfigError(`"${raw}": no host name in the ssh address.`);
      if (url.password) throw new EngineConfigError(`"${raw}": a password in the ssh address is not supported; use ssh-agent.`);
      let username: string | undefined;
      try {
        username = decodeURIComponent(url.username) || undefined;
      } catch {
        throw new EngineConfigError(`"${raw}": the user name in the ssh address is not valid.`);
      }
      // Passed to ssh as separate arguments after "--", but never let them look like options.
      if (hostname.startsWith('-') || username?.startsWith('-') || /[\s\0]/.test(hostname + (username ?? ''))) {
        throw new EngineConfigError(`"${raw}": the ssh host and user must not start with "-" or contain spaces.`);
      }
      const port = url.port ? Number(url.port) : undefined;
      let remoteSocket: string | undefined;
      if (url.pathname && url.pathname !== '/') {
        remoteSocket = decodeURIComponent(url.pathname);
        if (!isSafeRemoteSocket(remoteSocket)) {
          throw new EngineConfigError(`"${raw}": the remote socket path may only hold letters, digits and . _ - + @ /.`);
        }
      }
      const userPart = username ? `${encodeURIComponent(username)}@` : '';
      return {
        host: `ssh://${userPart}${formatHostPort(hostname, port)}${remoteSocket ?? ''}`,
        protocol: 'ssh',
        hostname,
        port,
        username,
        remoteSocket,
      };
    }
    case 'fd':
      throw new EngineConfigError(`"${raw}": fd:// hosts only work inside the engine's own service; use a unix socket.`);
    default:
      throw new EngineConfigError(`"${raw}": unknown scheme "${scheme}". Use unix://, tcp://, ssh:// or npipe://.`);
  }
}

function stripBrackets(h: string): string {
  return h.startsWith('[') && h.endsWith(']') ? h.slice(1, -1) : h;
}

function formatHostPort(hostname: string, port: number | undefined): string {
  const h = hostname.includes(':') ? `[${hostname}]` : hostname;
  return port === undefined ? h : `${h}:${port}`;
}

/** TLS from DOCKER_TLS_VERIFY / DOCKER_TLS / DOCKER_CERT_PATH, as for `docker -H` and the default context. */
function envTls(env: ResolveInput['env'], configDir: string, exists: (p: string) => boolean): TlsFiles | undefined {
  const verify = !!env.DOCKER_TLS_VERIFY;
  const tls = verify || !!env.DOCKER_TLS;
  if (!tls) return undefined;
  const certDir = env.DOCKER_CERT_PATH || configDir;
  const file = (n: string) => {
    const p = path.join(certDir, n);
    return exists(p) ? p : undefined;
  };
  return { ca: file('ca.pem'), cert: file('cert.pem'), key: file('key.pem'), verify };
}

/**
 * TLS for an address given by the setting or DOCKER_HOST. https:// always gets TLS: DOCKER_CERT_PATH's
 * files when present, otherwise the system CAs.
 */
function addressTls(parsed: ParsedHost, env: ResolveInput['env'], configDir: string, exists: (p: string) => boolean): TlsFiles | undefined {
  if (parsed.protocol !== 'tcp') return undefined;
  const tls = envTls(env, configDir, exists);
  if (!parsed.httpsScheme) return requireCa(tls, env, configDir);
  if (tls) return tls;
  const certDir = env.DOCKER_CERT_PATH;
  const file = (n: string) => {
    if (!certDir) return undefined;
    const p = path.join(certDir, n);
    return exists(p) ? p : undefined;
  };
  return { ca: file('ca.pem'), cert: file('cert.pem'), key: file('key.pem'), verify: true };
}

/** The CLI refuses to verify a server without a CA; say so now rather than with a TLS error later. */
function requireCa(tls: TlsFiles | undefined, env: ResolveInput['env'], configDir: string): TlsFiles | undefined {
  if (tls && tls.verify && !tls.ca) {
    const where = path.join(env.DOCKER_CERT_PATH || configDir, 'ca.pem');
    throw new EngineConfigError(
      `DOCKER_TLS_VERIFY is set but ${where} does not exist. Set DOCKER_CERT_PATH to the folder with ca.pem, cert.pem and key.pem, or unset DOCKER_TLS_VERIFY.`,
    );
  }
  return tls;
}

interface DockerConfigJson {
  currentContext?: unknown;
}

interface ContextMeta {
  Name?: unknown;
  Endpoints?: { docker?: { Host?: unknown; SkipTLSVerify?: unknown } };
}

function fromParsed(parsed: ParsedHost, rest: Omit<Endpoint, keyof ParsedHost>): Endpoint {
  const { httpsScheme: _https, ...endpoint } = parsed;
  return { ...endpoint, ...rest };
}

/** Resolves the endpoint. Throws EngineConfigError (with the source in the message) when it cannot. */
export function resolveEndpoint(input: ResolveInput): Endpoint {
  const env = input.env;
  const homeDir = input.homeDir ?? os.homedir();
  const exists = input.exists ?? ((p: string) => fs.existsSync(p));
  const defaultSocket = input.defaultSocket ?? DEFAULT_UNIX_SOCKET;
  const configDir = dockerConfigDir(env, homeDir);
  const configFile = path.join(configDir, 'config.json');

  const setting = input.settingHost?.trim();
  if (setting) {
    const withTls = !!envTls(env, configDir, exists);
    const parsed = withSource(() => parseHost(setting, withTls, defaultSocket), 'setting mlContainers.engine.host');
    return fromParsed(parsed, {
      source: 'setting',
      sourceLabel: 'setting mlContainers.engine.host',
      tls: addressTls(parsed, env, configDir, exists),
    });
  }

  const dockerHost = env.DOCKER_HOST?.trim();
  if (dockerHost) {
    const withTls = !!envTls(env, configDir, exists);
    const parsed = withSource(() => parseHost(dockerHost, withTls, defaultSocket), 'DOCKER_HOST');
    return fromParsed(parsed, {
      source: 'DOCKER_HOST',
      sourceLabel: 'DOCKER_HOST',
      tls: addressTls(parsed, env, configDir, exists),
    });
  }

  // Which context? DOCKER_CONTEXT wins over config.json's currentContext.
  let contextName: string | undefined;
  let contextSource: 'DOCKER_CONTEXT' | 'currentContext' | undefined;
  if (env.DOCKER_CONTEXT?.trim()) {
    contextName = env.DOCKER_CONTEXT.trim();
    contextSource = 'DOCKER_CONTEXT';
  } else if (exists(configFile)) {
    const config = readJsonFile(configFile) as DockerConfigJson | null;
    if (config && typeof config.currentContext === 'string' && config.currentContext.trim()) {
      contextName = config.currentContext.trim();
      contextSource = 'currentContext';
    }
  }

  if (contextName && contextName !== 'default' && contextSource) {
    const label = `context "${contextName}" (${contextSource === 'DOCKER_CONTEXT' ? 'DOCKER_CONTEXT' : `currentContext in ${configFile}`})`;
    const dirName = contextDirName(contextName);
    const metaFile = path.join(configDir, 'contexts', 'meta', dirName, 'meta.json');
    const tlsDir = path.join(configDir, 'contexts', 'tls', dirName, 'docker');
    if (!exists(metaFile)) {
      throw new EngineConfigError(
        `Docker ${label} does not exist (no ${metaFile}). Run "docker context ls" and "docker context use <name>", or unset it.`,
        { endpoint: { host: '(none)', sourceLabel: label } },
      );
    }
    const meta = readJsonFile(metaFile, `${metaFile} (${label})`) as ContextMeta | null;
    const docker = meta?.Endpoints?.docker;
    const hostValue = typeof docker?.Host === 'string' ? docker.Host : '';
    const ca = path.join(tlsDir, 'ca.pem');
    const cert = path.join(tlsDir, 'cert.pem');
    const key = path.join(tlsDir, 'key.pem');
    const hasTls = [ca, cert, key].some(exists);
    const parsed = withSource(() => parseHost(hostValue, hasTls, defaultSocket), label);
    const tls: TlsFiles | undefined =
      parsed.protocol === 'tcp' && (hasTls || parsed.httpsScheme)
        ? {
            ca: exists(ca) ? ca : undefined,
            cert: exists(cert) ? cert : undefined,
            key: exists(key) ? key : undefined,
            verify: docker?.SkipTLSVerify !== true,
          }
        : undefined;
    return fromParsed(parsed, {
      source: contextSource,
      sourceLabel: label,
      contextName,
      tls,
    });
  }

  // The default context: DOCKER_TLS* still apply (tcp://localhost:2376 when TLS is requested).
  const tls = envTls(env, configDir, exists);
  if (tls) {
    const parsed = parseHost('', true, defaultSocket);
    return fromParsed(parsed, {
      source: 'default',
      sourceLabel: 'default context (DOCKER_TLS_VERIFY/DOCKER_TLS)',
      tls: requireCa(tls, env, configDir),
    });
  }
  if (exists(defaultSocket)) {
    return fromParsed(parseHost('', false, defaultSocket), { source: 'default', sourceLabel: 'default socket' });
  }
  const podman = [
    env.XDG_RUNTIME_DIR ? path.join(env.XDG_RUNTIME_DIR, 'podman', 'podman.sock') : undefined,
    input.systemPodmanSocket ?? SYSTEM_PODMAN_SOCKET,
  ].filter((p): p is string => !!p);
  for (const sock of podman) {
    if (exists(sock)) {
      return fromParsed(parseHost(`unix://${sock}`, false, defaultSocket), {
        source: 'podman',
        sourceLabel: 'Podman socket (no Docker socket found)',
      });
    }
  }
  return fromParsed(parseHost('', false, defaultSocket), {
    source: 'default',
    sourceLabel: 'default socket',
  });
}

function withSource<T>(fn: () => T, label: string): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof EngineConfigError) {
      throw new EngineConfigError(`${err.message} (from ${label})`, { endpoint: { host: '(invalid)', sourceLabel: label } });
    }
    throw err;
  }
}

/** One line for a tooltip or status: `unix:///var/run/docker.sock — from DOCKER_HOST`. */
export function describeEndpoint(e: Endpoint): string {
  const tls = e.tls ? (e.tls.verify ? ', TLS' : ', TLS without verification') : '';
  return `${e.host} — from ${e.sourceLabel}${tls}`;
}
