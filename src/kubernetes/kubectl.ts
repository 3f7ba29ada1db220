// Apply to Cluster through the user's own `kubectl`: argument arrays (never a shell), the context
// passed explicitly, output streamed line by line; what a manifest file starts (Deployments, Jobs, …)
// and how to find its pods; `kubectl get pods -w` lines parsed to know when to follow a pod's logs;
// kubectl's failures turned into one clear message. Pure Node (no vscode).
import { spawn } from 'child_process';
import * as YAML from 'yaml';

export const KUBECTL = 'kubectl';

/** Common flags: the context (and namespace) always explicit, so a later `kubectl config use-context` changes nothing here. */
function target(context: string | undefined, namespace?: string): string[] {
  return [...(context ? ['--context', context] : []), ...(namespace ? ['--namespace', namespace] : [])];
}

export const kubectlArgs = {
  contexts: (): string[] => ['config', 'get-contexts', '-o', 'name'],
  currentContext: (): string[] => ['config', 'current-context'],
  apply: (file: string, context?: string): string[] => ['apply', '-f', file, ...target(context)],
  /** Pods matching a selector, then one line per change until stopped. */
  watchPods: (selector: string, context?: string, namespace?: string): string[] => ['get', 'pods', '-l', selector, '-w', ...target(context, namespace)],
  /** One pod's logs, all containers, following. */
  followLogs: (pod: string, context?: string, namespace?: string): string[] => ['logs', '-f', `pod/${pod}`, '--all-containers', '--prefix', ...target(context, namespace)],
};

/** A workload in a manifest whose pods Apply to Cluster follows. */
export interface Workload {
  readonly kind: 'Deployment' | 'Job' | 'StatefulSet' | 'DaemonSet' | 'Pod';
  readonly name: string;
  readonly namespace?: string;
  /** A label selector for its pods (`k=v,k2=v2`). */
  readonly selector: string;
}

function labelSelector(labels: unknown): string | undefined {
  if (!labels || typeof labels !== 'object' || Array.isArray(labels)) return undefined;
  const pairs = Object.entries(labels as Record<string, unknown>).filter(([, v]) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean');
  return pairs.length ? pairs.map(([k, v]) => `${k}=${String(v)}`).join(',') : undefined;
}

/**
 * The workloads a manifest file defines. Deployments/StatefulSets/DaemonSets by their
 * selector.matchLabels, Jobs by the `job-name` label Kubernetes puts on their pods, Pods by their labels.
 * Documents that are not YAML mappings, or lack a name, are skipped.
 */
export function workloadsIn(text: string): Workload[] {
  const out: Workload[] = [];
  let docs: YAML.Document.Parsed[];
  try {
    docs = YAML.parseAllDocuments(text) as YAML.Document.Parsed[];
  } catch {
    return out;
  }
  if (!Array.isArray(docs)) return out;
  for (const d of docs) {
    if (d.errors.length) continue;
    const o = d.toJS() as Record<string, unknown> | null;
    if (!o || typeof o !== 'object') continue;
    const meta = (o.metadata ?? {}) as Record<string, unknown>;
    const spec = (o.spec ?? {}) as Record<string, unknown>;
    const name = typeof meta.name === 'string' ? meta.name : undefined;
    if (!name) continue;
    const namespace = typeof meta.namespace === 'string' ? meta.namespace : undefined;
    const kind = o.kind;
    let selector: string | undefined;
    if (kind === 'Deployment' || kind === 'StatefulSet' || kind === 'DaemonSet') selector = labelSelector((spec.selector as Record<string, unknown> | undefined)?.matchLabels);
    else if (kind === 'Job') selector = `job-name=${name}`;
    else if (kind === 'Pod') selector = labelSelector(meta.labels);
    if (selector && (kind === 'Deployment' || kind === 'StatefulSet' || kind === 'DaemonSet' || kind === 'Job' || kind === 'Pod')) out.push({ kind, name, namespace, selector });
  }
  return out;
}

/** One row of `kubectl get pods -w`. */
export interface PodRow {
  readonly name: string;
  readonly ready: string;
  readonly status: string;
}

/** Statuses after which a pod's logs can be read (it has started at least once). */
const STARTED = new Set(['Running', 'Completed', 'Succeeded', 'Error', 'Failed', 'CrashLoopBackOff', 'OOMKilled', 'Terminating']);

/** `NAME READY STATUS RESTARTS AGE` rows; the header and anything else give undefined. */
export function parsePodRow(line: string): PodRow | undefined {
  const cols = line.trim().split(/\s+/);
  if (cols.length < 3 || cols[0] === 'NAME') return undefined;
  if (!/^\d+\/\d+$/.test(cols[1])) return undefined;
  return { name: cols[0], ready: cols[1], status: cols[2] };
}

export function hasStarted(row: PodRow): boolean {
  return STARTED.has(row.status) || /^[1-9]/.test(row.ready);
}

/** True for statuses a Job's pod does not leave. */
export function isFinished(row: PodRow): boolean {
  return row.status === 'Completed' || row.status === 'Succeeded' || row.status === 'Error' || row.status === 'Failed';
}

/** `deployment.apps/serve created` → { resource: 'deployment.apps', name: 'serve', action: 'created' }. */
export function parseApplyLine(line: string): { resource: string; name: string; action: string } | undefined {
  const m = /^([a-z0-9.-]+)\/([a-z0-9.-]+) (created|configured|unchanged|serverside-applied)(?: \(.*\))?$/.exec(line.trim());
  return m ? { resource: m[1], name: m[2], action: m[3] } : undefined;
}

export type KubectlProblem = 'missing' | 'unreachable' | 'noContext' | 'forbidden' | 'invalid' | 'failed';

export class KubectlError extends Error {
  constructor(readonly problem: KubectlProblem, message: string) {
    super(message);
    this.name = 'KubectlError';
  }
}

/** kubectl's stderr (and exit) → one message a user can act on. */
export function classifyFailure(stderr: string, context: string | undefined): KubectlError {
  const first = stderr.split('\n').map((l) => l.trim()).find((l) => l) ?? 'kubectl failed';
  const where = context ? `the cluster of context "${context}"` : 'the cluster';
  if (/current-context is not set|no configuration has been provided|context was not found|context "[^"]*" does not exist|no context exists/i.test(stderr)) {
    return new KubectlError('noContext', `kubectl has no usable context: ${first.replace(/^error: /, '')}. Pick a context from your kubeconfig, or add one (kubectl config set-context).`);
  }
  if (/Unable to connect to the server|connection refused|was refused|no such host|i\/o timeout|dial tcp|couldn't get current server API group list|TLS handshake timeout|server has asked for the client to provide credentials|net\/http: request canceled/i.test(stderr)) {
    // kubectl wraps the cause in layers (validation → openapi download → Get …): show the network part.
    const cause = /dial tcp [^;\n]*|no such host|i\/o timeout|TLS handshake timeout|Unable to connect to the server: [^\n]*/i.exec(stderr)?.[0] ?? first.replace(/^(E\d{4} [^\]]*\] |error: )/, '');
    return new KubectlError('unreachable', `Cannot reach ${where} (${cause.trim()}). Check that the cluster is running and that your kubeconfig points at it.`);
  }
  if (/forbidden|Unauthorized/i.test(stderr)) return new KubectlError('forbidden', `${where[0].toUpperCase()}${where.slice(1)} refused the request: ${first}`);
  if (/error validating|error parsing|is invalid|unknown field|cannot unmarshal|strict decoding error/i.test(stderr)) return new KubectlError('invalid', `The cluster rejected the manifest: ${first}`);
  return new KubectlError('failed', first);
}

export const KUBECTL_MISSING = 'kubectl was not found on PATH. Install kubectl (https://kubernetes.io/docs/tasks/tools/) and make sure VS Code sees it, then try again.';

export interface RunOptions {
  readonly kubectl?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly signal?: AbortSignal;
  /** Each output line as it arrives. */
  onLine?(line: string, stream: 'stdout' | 'stderr'): void;
}

export interface RunResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs kubectl with `args` (no shell), streaming lines. Resolves when it exits (also after an abort,
 * which ends it with SIGTERM); rejects only with KubectlError('missing') when kubectl cannot be started.
 */
export function runKubectl(args: readonly string[], o: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    if (o.signal?.aborted) {
      resolve({ code: null, stdout: '', stderr: '' });
      return;
    }
    const child = spawn(o.kubectl ?? KUBECTL, [...args], { env: o.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'], shell: false });
    const out = { stdout: '', stderr: '' };
    const partial = { stdout: '', stderr: '' };
    const feed = (stream: 'stdout' | 'stderr', chunk: Buffer): void => {
      const text = chunk.toString('utf8');
      out[stream] += text;
      const lines = (partial[stream] + text).split(/\r?\n/);
      partial[stream] = lines.pop() ?? '';
      for (const l of lines) o.onLine?.(l, stream);
    };
    child.stdout.on('data', (c: Buffer) => feed('stdout', c));
    child.stderr.on('data', (c: Buffer) => feed('stderr', c));
    const onAbort = (): void => {
      child.kill('SIGTERM');
    };
    o.signal?.addEventListener('abort', onAbort, { once: true });
    child.on('error', (e: NodeJS.ErrnoException) => {
      o.signal?.removeEventListener('abort', onAbort);
      if (e.code === 'ENOENT') reject(new KubectlError('missing', KUBECTL_MISSING));
      else reject(new KubectlError('failed', `kubectl could not be started: ${e.message}`));
    });
    child.on('close', (code) => {
      o.signal?.removeEventListener('abort', onAbort);
      for (const s of ['stdout', 'stderr'] as const) if (partial[s]) o.onLine?.(partial[s], s);
      resolve({ code, ...out });
    });
  });
}

/** The kubeconfig's contexts and the current one. Throws KubectlError (missing, noContext). */
export async function listContexts(o: RunOptions = {}): Promise<{ contexts: string[]; current?: string }> {
  const r = await runKubectl(kubectlArgs.contexts(), { ...o, onLine: undefined });
  if (r.code !== 0) throw classifyFailure(r.stderr, undefined);
  const contexts = r.stdout.split('\n').map((l) => l.trim()).filter(Boolean);
  if (!contexts.length) throw new KubectlError('noContext', 'Your kubeconfig has no contexts: add a cluster (for example with your cloud\'s "get-credentials" command, or kind/minikube) and try again.');
  const cur = await runKubectl(kubectlArgs.currentContext(), { ...o, onLine: undefined });
  const current = cur.code === 0 ? cur.stdout.trim() || undefined : undefined;
  return { contexts, current };
}

export type KubectlRunner = (args: readonly string[], o: RunOptions) => Promise<RunResult>;

export interface FollowOptions {
  readonly context?: string;
  readonly signal: AbortSignal;
  /** Every line to show, already prefixed with where it came from. */
  onLine(line: string): void;
  /** A pod's status changed. */
  onStatus?(row: PodRow): void;
  readonly run?: KubectlRunner;
  readonly kubectl?: string;
}

/**
 * Follows a workload's pods: `kubectl get pods -w` rows, and each pod's logs (`logs -f`) once it has
 * started. Ends when `signal` aborts, when the watch ends, or, for a Job, once a pod has finished and
 * its logs are read to the end.
 */
export async function followWorkload(w: Workload, o: FollowOptions): Promise<void> {
  const run = o.run ?? runKubectl;
  const label = `${w.kind.toLowerCase()}/${w.name}`;
  const stop = new AbortController();
  const onAbort = (): void => stop.abort();
  if (o.signal.aborted) return;
  o.signal.addEventListener('abort', onAbort, { once: true });
  const following = new Map<string, Promise<unknown>>();
  const finished = new Set<string>();
  try {
    await run(kubectlArgs.watchPods(w.selector, o.context, w.namespace), {
      kubectl: o.kubectl,
      signal: stop.signal,
      onLine: (line, stream) => {
        if (!line.trim()) return;
        o.onLine(`[${label}] ${line}`);
        if (stream !== 'stdout') return;
        const row = parsePodRow(line);
        if (!row) return;
        o.onStatus?.(row);
        if (hasStarted(row) && !following.has(row.name)) {
          following.set(row.name, run(kubectlArgs.followLogs(row.name, o.context, w.namespace), {
            kubectl: o.kubectl,
            signal: stop.signal,
            onLine: (l) => o.onLine(`[${row.name}] ${l}`),
          }).catch((e: unknown) => o.onLine(`[${row.name}] ${(e as Error).message}`)));
        }
        if (w.kind === 'Job' && isFinished(row) && !finished.has(row.name)) {
          finished.add(row.name);
          void (following.get(row.name) ?? Promise.resolve()).then(() => {
            o.onLine(`[${label}] ${row.name}: ${row.status}`);
            stop.abort();
          });
        }
      },
    });
  } finally {
    o.signal.removeEventListener('abort', onAbort);
    stop.abort();
    await Promise.all(following.values());
  }
}
