// Typed errors at the engine boundary. Everything the engine client throws is an EngineError; callers
// branch on `kind` (or instanceof the subclasses) and show `message`, which already says what to do.
// Pure Node: no `vscode` import.

/** Where the engine was looked for — enough to say what was tried. Mirrors `Endpoint` in endpoint.ts. */
export interface EndpointLike {
  /** Normalised host, e.g. `unix:///var/run/docker.sock`, `tcp://10.0.0.2:2376`, `ssh://me@box`. */
  readonly host: string;
  /** Human description of where the host came from, e.g. `DOCKER_HOST`, `context "remote"`. */
  readonly sourceLabel: string;
}

export type EngineErrorKind =
  | 'unreachable'
  | 'permissionDenied'
  | 'notFound'
  | 'conflict'
  | 'unauthorized'
  | 'apiTooOld'
  | 'timeout'
  | 'cancelled'
  | 'badRequest'
  | 'config'
  | 'engine';

export interface EngineErrorInit {
  readonly endpoint?: EndpointLike;
  readonly statusCode?: number;
  /** The engine's own message (from the JSON body), when there is one. */
  readonly engineMessage?: string;
  readonly cause?: unknown;
}

export class EngineError extends Error {
  readonly kind: EngineErrorKind;
  readonly endpoint?: EndpointLike;
  readonly statusCode?: number;
  readonly engineMessage?: string;
  override readonly cause?: unknown;

  constructor(kind: EngineErrorKind, message: string, init: EngineErrorInit = {}) {
    super(message);
    this.name = 'EngineError';
    this.kind = kind;
    this.endpoint = init.endpoint;
    this.statusCode = init.statusCode;
    this.engineMessage = init.engineMessage;
    this.cause = init.cause;
  }
}

/** The engine could not be reached at all (no socket, connection refused, DNS, TLS handshake…). */
export class EngineUnreachableError extends EngineError {
  constructor(message: string, init: EngineErrorInit = {}) {
    super('unreachable', message, init);
    this.name = 'EngineUnreachableError';
  }
}

/** The socket exists but this user may not open it (EACCES/EPERM). */
export class EnginePermissionError extends EngineError {
  constructor(message: string, init: EngineErrorInit = {}) {
    super('permissionDenied', message, init);
    this.name = 'EnginePermissionError';
  }
}

export class NotFoundError extends EngineError {
  constructor(message: string, init: EngineErrorInit = {}) {
    super('notFound', message, init);
    this.name = 'NotFoundError';
  }
}

export class ConflictError extends EngineError {
  constructor(message: string, init: EngineErrorInit = {}) {
    super('conflict', message, init);
    this.name = 'ConflictError';
  }
}

export class UnauthorizedError extends EngineError {
  constructor(message: string, init: EngineErrorInit = {}) {
    super('unauthorized', message, init);
    this.name = 'UnauthorizedError';
  }
}

export class ApiTooOldError extends EngineError {
  constructor(message: string, init: EngineErrorInit = {}) {
    super('apiTooOld', message, init);
    this.name = 'ApiTooOldError';
  }
}

export class EngineTimeoutError extends EngineError {
  constructor(message: string, init: EngineErrorInit = {}) {
    super('timeout', message, init);
    this.name = 'EngineTimeoutError';
  }
}

/** The caller aborted. Never shown to the user. */
export class CancelledError extends EngineError {
  constructor(message = 'Cancelled.', init: EngineErrorInit = {}) {
    super('cancelled', message, init);
    this.name = 'CancelledError';
  }
}

/** The endpoint could not even be resolved (bad DOCKER_HOST, missing context, unreadable TLS files). */
export class EngineConfigError extends EngineError {
  constructor(message: string, init: EngineErrorInit = {}) {
    super('config', message, init);
    this.name = 'EngineConfigError';
  }
}

export function isCancelled(err: unknown): boolean {
  return err instanceof EngineError ? err.kind === 'cancelled' : isAbortError(err);
}

export function isAbortError(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false;
  const e = err as { name?: unknown; code?: unknown };
  return e.name === 'AbortError' || e.code === 'ABORT_ERR';
}

function where(endpoint: EndpointLike | undefined): string {
  return endpoint ? `${endpoint.host} (from ${endpoint.sourceLabel})` : 'the Docker engine';
}

interface RawError {
  code?: unknown;
  errno?: unknown;
  syscall?: unknown;
  statusCode?: unknown;
  reason?: unknown;
  json?: unknown;
  message?: unknown;
  level?: unknown;
}

/** The engine's message from a dockerode/docker-modem error (`json.message`), else the error's own message. */
function engineMessageOf(e: RawError): string | undefined {
  const json = e.json;
  if (json && typeof json === 'object' && typeof (json as { message?: unknown }).message === 'string') {
    return (json as { message: string }).message;
  }
  if (typeof json === 'string' && json.trim()) return json.trim();
  if (Buffer.isBuffer(json) && json.length) return json.toString('utf8').trim();
  if (typeof e.message === 'string') {
    // docker-modem formats "(HTTP code 404) no such container - No such container: x "
    const m = /^\(HTTP code \d+\) [^-]*- (.*)$/s.exec(e.message);
    return (m ? m[1] : e.message).trim();
  }
  return undefined;
}

const UNREACHABLE_CODES = new Set([
  'ENOENT',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENOTSOCK',
  'ECONNABORTED',
  'ERR_SOCKET_CLOSED',
  'UND_ERR_SOCKET',
]);

const TLS_CODES = /^(ERR_TLS_|ERR_SSL_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE|CERT_)/;

/**
 * Turns anything thrown by dockerode, docker-modem, ssh2 or node's net/http into a typed EngineError
 * with a message that says what to do. Idempotent: an EngineError is returned unchanged.
 */
export function toEngineError(err: unknown, endpoint?: EndpointLike): EngineError {
  if (err instanceof EngineError) return err;
  if (isAbortError(err)) return new CancelledError('Cancelled.', { endpoint, cause: err });
  const e: RawError = err && typeof err === 'object' ? (err as RawError) : { message: String(err) };
  const code = typeof e.code === 'string' ? e.code : undefined;
  const at = where(endpoint);
  const init = (extra: Partial<EngineErrorInit> = {}): EngineErrorInit => ({ endpoint, cause: err, ...extra });

  if (code === 'EACCES' || code === 'EPERM') {
    return new EnginePermissionError(
      `Permission denied connecting to ${at}. Add your user to the "docker" group (then log out and in), ` +
        `use rootless Docker or Podman, or point "mlContainers.engine.host" at an engine you may use.`,
      init(),
    );
  }
  if (code === 'ETIMEDOUT' || code === 'ESOCKETTIMEDOUT') {
    return new EngineTimeoutError(`${at} did not answer in time. Is the engine busy or the network slow?`, init());
  }
  if (code && TLS_CODES.test(code)) {
    return new EngineUnreachableError(
      `TLS handshake with ${at} failed (${code}). Check the CA, client certificate and key ` +
        `(DOCKER_CERT_PATH or the context's TLS files) and DOCKER_TLS_VERIFY.`,
      init(),
    );
  }
  if (code && UNREACHABLE_CODES.has(code)) {
    const hint =
      code === 'ENOENT'
        ? 'the socket does not exist'
        : code === 'ECONNREFUSED'
          ? 'the connection was refused'
          : code === 'ENOTFOUND' || code === 'EAI_AGAIN'
            ? 'the host name does not resolve'
            : `the connection failed (${code})`;
    return new EngineUnreachableError(
      `Cannot reach ${at}: ${hint}. Is Docker running? Start it, or set "mlContainers.engine.host" / DOCKER_HOST / the docker context to a running engine.`,
      init(),
    );
  }
  // ssh2 errors carry `level` ('client-authentication', 'client-socket', 'client-timeout', …).
  if (typeof e.level === 'string' && e.level.startsWith('client-')) {
    if (e.level === 'client-authentication') {
      return new EnginePermissionError(
        `SSH authentication to ${at} failed. Load your key into ssh-agent (SSH_AUTH_SOCK) and check the user name.`,
        init(),
      );
    }
    return new EngineUnreachableError(`Cannot reach ${at} over SSH: ${String(e.message)}.`, init());
  }

  const status = typeof e.statusCode === 'number' ? e.statusCode : undefined;
  const engineMessage = engineMessageOf(e);
  if (status !== undefined) {
    const msg = engineMessage ?? `HTTP ${status}`;
    const i = init({ statusCode: status, engineMessage: msg });
    if (status === 404) return new NotFoundError(`${msg}. It may have been removed meanwhile — refresh the view.`, i);
    if (status === 409) return new ConflictError(`${msg}.`, i);
    // Podman answers 500 where Docker answers 409 for a running container.
    if (/container state improper/i.test(msg)) return new ConflictError(`${msg} (a running container must be stopped or force-removed).`, i);
    if (status === 401 || status === 403) {
      return new UnauthorizedError(`${msg}. Log in to the registry (docker login) or check the credentials.`, i);
    }
    if (status === 400 && /client version .* too (old|new)|minimum supported API version/i.test(msg)) {
      return new ApiTooOldError(`${msg}. Upgrade Docker (or Podman) to an engine that speaks API 1.41 or newer.`, i);
    }
    if (status === 400) return new EngineError('badRequest', `${msg}.`, i);
    if (/unauthorized|authentication required|no basic auth credentials|denied: /i.test(msg)) {
      return new UnauthorizedError(`${msg}. Log in to the registry (docker login) or check the credentials.`, i);
    }
    return new EngineError('engine', `The engine reported an error: ${msg}`, i);
  }
  const message = typeof e.message === 'string' && e.message ? e.message : String(err);
  if (/socket hang up|connect E|ECONNREFUSED|ENOENT/.test(message)) {
    return new EngineUnreachableError(`Cannot reach ${at}: ${message}. Is Docker running?`, init());
  }
  return new EngineError('engine', message, init());
}

/** One line for a tree row or a notification. User cancellation yields undefined (stay silent). */
export function describeError(err: unknown): string | undefined {
  const e = toEngineError(err);
  return e.kind === 'cancelled' ? undefined : e.message;
}
