// ssh:// engines, reached the way the docker CLI reaches them: the system `ssh` client runs
// `docker system dial-stdio` on the remote host, and the Engine API's HTTP travels over the child's
// stdin/stdout. So host keys are checked by OpenSSH itself against known_hosts (hashed entries,
// [host]:port, @revoked, @cert-authority), and ~/.ssh/config (Host patterns, HostName, User, Port,
// IdentityFile, ProxyJump, Include, Match), ssh-agent and certificates all work as in a terminal.
//
// What we add on top of the CLI:
//  - BatchMode=yes: ssh never prompts (there is no terminal); an unknown host key is refused.
//  - StrictHostKeyChecking=no in the user's config is raised to accept-new: a CHANGED key is
//    always refused, because the session carries registry passwords (X-Registry-Auth on push).
//  - -v, read only to name the server's SHA256 fingerprint when a key is refused, and ssh's
//    stderr turned into one clear message (SshError).
// No `vscode` import.
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import * as http from 'node:http';
import { Duplex } from 'node:stream';
import { isSafeRemoteSocket } from './endpoint';
import { EngineUnreachableError, type EndpointLike } from './errors';

export interface SshTarget {
  readonly hostname: string;
  /** Given only when the address names one; otherwise ~/.ssh/config (or 22) decides. */
  readonly port?: number;
  readonly username?: string;
  /** Engine socket on the remote host (`ssh://host/run/user/1000/docker.sock`). */
  readonly remoteSocket?: string;
}

export interface SshOptions {
  /** The ssh executable. Default: `ssh` on PATH. */
  readonly command?: string;
  /** Extra ssh options placed before the destination, e.g. `['-F', configFile]`. */
  readonly extraArgs?: readonly string[];
  /** ssh's ConnectTimeout, as the docker CLI sets it. */
  readonly connectTimeoutSeconds?: number;
  readonly env?: NodeJS.ProcessEnv;
}

export type SshFailureReason =
  | 'unknownHostKey'
  | 'changedHostKey'
  | 'revokedHostKey'
  | 'authentication'
  | 'noDockerCli'
  | 'connect'
  | 'noSshClient'
  | 'closed';

/** Why an ssh connection to the engine failed; the message says what to do. */
export class SshError extends EngineUnreachableError {
  constructor(
    readonly reason: SshFailureReason,
    message: string,
    endpoint: EndpointLike | undefined,
    /** The server's key as OpenSSH prints it (`ssh-ed25519 SHA256:…`), when ssh showed it. */
    readonly fingerprint?: string,
  ) {
    super(message, { endpoint });
    this.name = 'SshError';
  }
}

/** `-l user -p port -- host`: the destination part shared by every ssh call. */
function destination(t: SshTarget): string[] {
  const args: string[] = [];
  if (t.username) args.push('-l', t.username);
  if (t.port !== undefined) args.push('-p', String(t.port));
  args.push('--', t.hostname);
  return args;
}

/** The remote command, as the docker CLI sends it. */
export function remoteCommand(t: SshTarget): string[] {
  if (t.remoteSocket !== undefined && !isSafeRemoteSocket(t.remoteSocket)) {
    throw new Error(`Remote socket path "${t.remoteSocket}" has characters a remote shell would interpret.`);
  }
  return ['docker', ...(t.remoteSocket ? ['--host', `unix://${t.remoteSocket}`] : []), 'system', 'dial-stdio'];
}

/** Arguments for `ssh -G`: the effective configuration for the target, without connecting. */
export function configQueryArgs(t: SshTarget, o: SshOptions = {}): string[] {
  return [...(o.extraArgs ?? []), '-G', ...destination(t)];
}

/** Arguments for the tunnel itself. */
export function dialArgs(t: SshTarget, effective: EffectiveSshConfig | undefined, o: SshOptions = {}): string[] {
  const args = [
    '-o', `ConnectTimeout=${o.connectTimeoutSeconds ?? 30}`,
    '-o', 'BatchMode=yes',
    '-o', 'FingerprintHash=sha256',
    '-T',
    '-v',
  ];
  if (effective?.strictHostKeyChecking === 'false') args.push('-o', 'StrictHostKeyChecking=accept-new');
  return [...args, ...(o.extraArgs ?? []), ...destination(t), ...remoteCommand(t)];
}

export interface EffectiveSshConfig {
  readonly hostname?: string;
  readonly port?: number;
  readonly user?: string;
  /** `true`, `false`, `ask` or `accept-new` (ssh -G spelling). */
  readonly strictHostKeyChecking?: string;
}

/** Reads the lines of `ssh -G` that matter here. */
export function parseEffectiveConfig(text: string): EffectiveSshConfig {
  const out: { hostname?: string; port?: number; user?: string; strictHostKeyChecking?: string } = {};
  for (const line of text.split('\n')) {
    const sp = line.indexOf(' ');
    if (sp <= 0) continue;
    const key = line.slice(0, sp).toLowerCase();
    const value = line.slice(sp + 1).trim();
    if (key === 'hostname') out.hostname = value;
    else if (key === 'port' && /^\d+$/.test(value)) out.port = Number(value);
    else if (key === 'user') out.user = value;
    else if (key === 'stricthostkeychecking') out.strictHostKeyChecking = value.toLowerCase();
  }
  return out;
}

/** `host`, or `[host]:port` for a port other than 22, as known_hosts and OpenSSH's messages write it. */
export function knownHostsName(hostname: string, port: number | undefined): string {
  return port === undefined || port === 22 ? hostname : `[${hostname}]:${port}`;
}

/** What -v adds besides debug lines: the version banner, the login and transfer summaries. */
const VERBOSE_LINE = /^(debug\d: |OpenSSH_|Authenticated to |Transferred: |Bytes per second: |Pseudo-terminal will not be allocated|Warning: Permanently added )/;

/** ssh's stderr (and the remote command's) without what -v adds. */
function plainLines(stderr: string): string[] {
  return stderr
    .split(/\r?\n/)
    .map((l) => l.trimEnd())
    .filter((l) => l && !VERBOSE_LINE.test(l));
}

/**
 * The last server host key that ssh saw (`debug1: Server host key: ssh-ed25519 SHA256:…`) and the host
 * it came from (the `Authenticating to host:port` line before it). With ProxyJump each hop prints
 * both, so the last pair is the hop that failed.
 */
export function serverKeyOf(stderr: string): { key: string; host?: string } | undefined {
  let last: RegExpExecArray | undefined;
  for (const m of stderr.matchAll(/^debug1: Server host key: (\S+) (SHA256:[A-Za-z0-9+/]+)/gm)) last = m as RegExpExecArray;
  if (!last) return undefined;
  let host: string | undefined;
  for (const m of stderr.slice(0, last.index).matchAll(/^debug1: Authenticating to (\S+):(\d+) as /gm)) {
    host = knownHostsName(m[1], Number(m[2]));
  }
  return { key: `${last[1]} ${last[2]}`, host };
}

export interface FailureContext {
  /** What the user named (ssh://me@box). */
  readonly address: string;
  /** Where ssh connected, from `ssh -G` (e.g. `[10.0.0.5]:2222`). */
  readonly knownHostsName: string;
  /** A command that connects the same way in a terminal (to check and accept the key there). */
  readonly terminalCommand: string;
  readonly exitCode: number | null;
  readonly endpoint?: EndpointLike;
}

/** Turns the stderr of a failed ssh into one message that names the cause and the fix. */
export function describeSshFailure(stderr: string, c: FailureContext): SshError {
  const seen = serverKeyOf(stderr);
  const key = seen?.key;
  // The hop whose key was refused (a ProxyJump host, or the engine host itself).
  c = { ...c, knownHostsName: seen?.host ?? c.knownHostsName };
  const lines = plainLines(stderr);
  const text = lines.join('\n');
  const keyText = key ? ` (${key})` : '';
  const offending = /^Offending \S+ key in (\S+)/m.exec(text)?.[1];
  if (/REMOTE HOST IDENTIFICATION HAS CHANGED|Host key for .* has changed/.test(text)) {
    return new SshError(
      'changedHostKey',
      `Refused to connect to ${c.address}: the host key of ${c.knownHostsName} has CHANGED${keyText}` +
        ` and no longer matches ${offending ? offending : 'known_hosts'}. Someone may be impersonating the host, or it was reinstalled.` +
        ` Check the new fingerprint with the host's administrator before replacing the old key (ssh-keygen -R "${c.knownHostsName}").`,
      c.endpoint,
      key,
    );
  }
  if (/marked as revoked|was revoked/.test(text)) {
    return new SshError(
      'revokedHostKey',
      `Refused to connect to ${c.address}: the host key of ${c.knownHostsName}${keyText} is marked @revoked in your known_hosts.` +
        ' The key may be stolen; ask the host\'s administrator.',
      c.endpoint,
      key,
    );
  }
  if (/Host key verification failed|host key is known for .* requested strict checking/.test(text)) {
    return new SshError(
      'unknownHostKey',
      `Refused to connect to ${c.address}: the host key of ${c.knownHostsName}${keyText} is not in your known_hosts.` +
        ` Compare that fingerprint with the one the host's administrator gives you; if it matches, run "${c.terminalCommand}" once in a terminal and accept the key.`,
      c.endpoint,
      key,
    );
  }
  if (/Permission denied \(|Too many authentication failures/.test(text)) {
    return new SshError(
      'authentication',
      `SSH authentication to ${c.address} failed (${lastLine(lines)}). Load your key into ssh-agent (SSH_AUTH_SOCK) or name it with IdentityFile in ~/.ssh/config, and check the user name.` +
        ' Keys with a passphrase must be in the agent: there is no terminal to ask for it.',
      c.endpoint,
      key,
    );
  }
  if (c.exitCode === 127 || /docker: (command )?not found|"docker": executable file not found|unknown command "dial-stdio"|unknown command: docker system dial-stdio/i.test(text)) {
    return new SshError(
      'noDockerCli',
      `Connected to ${c.address}, but the remote host cannot run "docker system dial-stdio" (${lastLine(lines)}). Install the docker CLI (18.09 or newer) on the remote host, on the PATH of a non-interactive ssh session.`,
      c.endpoint,
      key,
    );
  }
  if (/Could not resolve hostname|Connection refused|Connection timed out|No route to host|Network is unreachable|Connection closed by|kex_exchange_identification|banner exchange|connect to host/i.test(text)) {
    return new SshError('connect', `Cannot reach ${c.address} over SSH: ${lastLine(lines)}.`, c.endpoint, key);
  }
  const detail = lastLine(lines);
  return new SshError(
    'closed',
    `The SSH connection to ${c.address} ended${c.exitCode !== null ? ` (ssh exit ${c.exitCode})` : ''}${detail ? `: ${detail}` : ''}.`,
    c.endpoint,
    key,
  );
}

function lastLine(lines: readonly string[]): string {
  return (lines[lines.length - 1] ?? '').replace(/\.$/, '');
}

/** ssh's -v output grows with the session; keep the start (handshake) and the latest lines. */
class StderrLog {
  private head = '';
  private tail = '';
  private static readonly HEAD = 32 * 1024;
  private static readonly TAIL = 16 * 1024;
  push(chunk: string): void {
    if (this.head.length < StderrLog.HEAD) {
      const room = StderrLog.HEAD - this.head.length;
      this.head += chunk.slice(0, room);
      chunk = chunk.slice(room);
    }
    if (chunk) this.tail = (this.tail + chunk).slice(-StderrLog.TAIL);
  }
  text(): string {
    return this.tail ? `${this.head}\n${this.tail}` : this.head;
  }
}

/**
 * A socket-like Duplex over an ssh child's stdin/stdout, as http.Agent#createConnection returns.
 * The readable side ends only after ssh exits, so a failed ssh becomes an SshError rather than a
 * bare "socket hang up".
 */
export class SshChildSocket extends Duplex {
  private readonly stderr = new StderrLog();
  private exited = false;
  private killedByUs = false;
  private idleMs = 0;
  private idleTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly child: ChildProcess,
    /** The error for an ssh that exited non-zero, or could not be started. */
    private readonly failure: (stderr: string, exitCode: number | null, spawnError?: Error) => SshError,
  ) {
    super({ allowHalfOpen: true });
    const { stdin, stdout, stderr } = child;
    if (!stdin || !stdout || !stderr) throw new Error('ssh was started without pipes');
    stdout.on('data', (d: Buffer) => {
      this.touch();
      if (!this.push(d)) stdout.pause();
    });
    stderr.setEncoding('utf8');
    stderr.on('data', (d: string) => this.stderr.push(d));
    stdin.on('error', () => undefined); // EPIPE when ssh has gone: reported by 'close' below
    child.on('error', (err: Error) => {
      if (this.exited) return;
      this.exited = true;
      this.destroy(this.failure(this.stderr.text(), null, err));
    });
    child.on('close', (code: number | null) => {
      this.exited = true;
      this.clearIdle();
      if (this.killedByUs || this.destroyed) return;
      if (code !== 0) return void this.destroy(this.failure(this.stderr.text(), code));
      // Both directions are over: end them so the socket closes and leaves the agent's pool.
      this.push(null);
      this.end();
    });
  }

  override _read(): void {
    this.child.stdout?.resume();
  }

  override _write(chunk: Buffer, encoding: BufferEncoding, cb: (err?: Error | null) => void): void {
    this.touch();
    const stdin = this.child.stdin;
    if (!stdin || stdin.destroyed) return cb();
    stdin.write(chunk, encoding, () => cb());
  }

  override _final(cb: (err?: Error | null) => void): void {
    const stdin = this.child.stdin;
    if (!stdin || stdin.destroyed) return cb();
    stdin.end(() => cb());
  }

  override _destroy(err: Error | null, cb: (err: Error | null) => void): void {
    this.clearIdle();
    if (!this.exited) {
      this.killedByUs = true;
      this.child.kill();
    }
    cb(err);
  }

  // The parts of net.Socket that http.Agent and http.ClientRequest call.
  setKeepAlive(): this {
    return this;
  }
  setNoDelay(): this {
    return this;
  }
  setTimeout(ms: number, cb?: () => void): this {
    this.idleMs = ms;
    if (cb) this.once('timeout', cb);
    this.touch();
    return this;
  }
  ref(): this {
    this.child.ref();
    for (const s of [this.child.stdin, this.child.stdout, this.child.stderr]) (s as unknown as { ref?: () => void } | null)?.ref?.();
    return this;
  }
  unref(): this {
    this.child.unref();
    for (const s of [this.child.stdin, this.child.stdout, this.child.stderr]) (s as unknown as { unref?: () => void } | null)?.unref?.();
    return this;
  }

  private touch(): void {
    this.clearIdle();
    if (this.idleMs > 0 && !this.destroyed) this.idleTimer = setTimeout(() => this.emit('timeout'), this.idleMs);
  }
  private clearIdle(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
  }
}

const IDLE_MS = 30_000;

type Spawn = (command: string, args: readonly string[], options: SpawnOptions) => ChildProcess;

export interface SshAgentInit {
  readonly target: SshTarget;
  /** What the user named, for messages (ssh://me@box). */
  readonly address: string;
  readonly endpoint?: EndpointLike;
  readonly options?: SshOptions;
  /** Replaceable for tests. */
  readonly spawn?: Spawn;
}

/** Runs `ssh -G` for the target: the configuration ssh will use, without connecting. */
export function queryEffectiveConfig(init: SshAgentInit): Promise<EffectiveSshConfig> {
  const o = init.options ?? {};
  const command = o.command ?? 'ssh';
  const run = init.spawn ?? spawn;
  return new Promise((resolve, reject) => {
    let child: ChildProcess;
    try {
      child = run(command, configQueryArgs(init.target, o), { env: o.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true, shell: false });
    } catch (err) {
      reject(noClient(init, command, err));
      return;
    }
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout?.on('data', (d: Buffer) => out.push(d));
    child.stderr?.on('data', (d: Buffer) => err.push(d));
    child.on('error', (e) => reject(noClient(init, command, e)));
    child.on('close', (code) => {
      if (code === 0) return resolve(parseEffectiveConfig(Buffer.concat(out).toString('utf8')));
      const detail = lastLine(plainLines(Buffer.concat(err).toString('utf8')));
      reject(new SshError('connect', `ssh cannot use ${init.address}${detail ? `: ${detail}` : ''}. Check ~/.ssh/config.`, init.endpoint));
    });
  });
}

function noClient(init: SshAgentInit, command: string, err: unknown): SshError {
  const code = (err as NodeJS.ErrnoException)?.code;
  return new SshError(
    'noSshClient',
    code === 'ENOENT'
      ? `${init.address} needs an ssh client, and "${command}" is not on PATH. Install OpenSSH (Debian/Ubuntu: openssh-client; Windows: the OpenSSH Client feature).`
      : `Could not run ${command} for ${init.address}: ${(err as Error)?.message ?? String(err)}.`,
    init.endpoint,
  );
}

/**
 * An http.Agent whose connections are `ssh … docker system dial-stdio` children. Idle connections
 * are kept for reuse (one ssh handshake per connection, not per request); destroy() ends them all.
 */
export function createSshAgent(init: SshAgentInit): http.Agent {
  const o = init.options ?? {};
  const command = o.command ?? 'ssh';
  const run = init.spawn ?? spawn;
  // Idle connections (each a live ssh session) end after IDLE_MS.
  const agent = new http.Agent({ keepAlive: true, maxSockets: 16, maxFreeSockets: 4, timeout: IDLE_MS });
  let effective: Promise<EffectiveSshConfig> | undefined;

  const failureContext = (cfg: EffectiveSshConfig, exitCode: number | null): FailureContext => {
    const hostname = cfg.hostname ?? init.target.hostname;
    const port = cfg.port ?? init.target.port;
    const dest = destination(init.target).filter((a) => a !== '--').join(' ');
    return {
      address: init.address,
      knownHostsName: knownHostsName(hostname, port),
      terminalCommand: `${command} ${dest}`.trim(),
      exitCode,
      endpoint: init.endpoint,
    };
  };

  const connect = (cb: (err: Error | null, socket?: Duplex) => void): void => {
    effective ??= queryEffectiveConfig(init);
    effective.then(
      (cfg) => {
        let child: ChildProcess;
        try {
          child = run(command, dialArgs(init.target, cfg, o), { env: o.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true, shell: false });
        } catch (err) {
          cb(noClient(init, command, err));
          return;
        }
        cb(null, new SshChildSocket(child, (stderr, code, spawnError) =>
          spawnError ? noClient(init, command, spawnError) : describeSshFailure(stderr, failureContext(cfg, code))));
      },
      (err: Error) => {
        effective = undefined; // ask again next time (the user may fix the config meanwhile)
        cb(err);
      },
    );
  };

  // Node's http.Agent takes a callback-style createConnection; the typings only describe the return form.
  (agent as unknown as { createConnection: (opts: unknown, cb: (err: Error | null, socket?: Duplex) => void) => undefined }).createConnection = (
    _opts,
    cb,
  ) => {
    connect(cb);
    return undefined;
  };
  return agent;
}
