// GPU preflight facts and the smoke test after a GPU container starts. Pure parsers for what
// `nvidia-smi` prints (CSV query, default table, `-L`) and for the NVIDIA runtime's image requirements
// (NVIDIA_REQUIRE_* / CUDA_VERSION in the image config), a three-valued evaluator of those requirements,
// and the readers that gather the facts (the host's nvidia-smi, or a short probe container). The verdict
// (block, warn, ok) needs the ML knowledge base's driver table and lives in src/run/gpuPlan.ts.
// Plain Node: no `vscode` import.
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Duplex } from 'node:stream';
import type { Endpoint } from './endpoint';
import type { Engine } from './engine';
import { EngineError } from './errors';
import type { GpuSupport } from './gpu';
import type { GpuOption } from './run/options';

export interface HostGpu {
  readonly name: string;
  readonly memoryMiB?: number;
  /** Compute capability, e.g. "8.0" (CSV query only). */
  readonly computeCap?: string;
}

/** What the engine host's NVIDIA driver reports. */
export interface HostGpuInfo {
  /** e.g. "535.104.05". */
  readonly driver?: string;
  /** The highest CUDA version the driver supports ("CUDA Version: 12.2" in the table header). */
  readonly cuda?: string;
  readonly gpus: readonly HostGpu[];
  /** Where it was read: the host's own nvidia-smi, or a probe container on the engine. */
  readonly source: 'host' | 'probe';
}

// ---------------------------------------------------------------------------------------------
// nvidia-smi output

const DRIVER_RE = /^\d{2,4}(?:\.\d{1,4}){0,3}$/;
const NA_RE = /^\[(?:N\/A|Not Supported|Unknown Error|Insufficient Permissions)\]$|^N\/A$/i;

function lines(text: string): string[] {
  return text.replace(/\r/g, '').split('\n').map((l) => l.trim()).filter((l) => l !== '');
}

/**
 * `nvidia-smi --query-gpu=name,driver_version,memory.total,compute_cap --format=csv,noheader`: one line
 * per GPU, e.g. `NVIDIA A100-SXM4-80GB, 535.104.05, 81920 MiB, 8.0`. The three-field form (without
 * compute_cap, for drivers before it existed) is read too. A GPU name may itself contain ", ", so the
 * fixed fields are taken from the right. Returns a message instead when the text is not that output.
 */
export function parseNvidiaSmiCsv(text: string): { driver: string; gpus: HostGpu[] } | string {
  const rows = lines(text);
  if (!rows.length) return 'nvidia-smi printed nothing';
  const gpus: HostGpu[] = [];
  let driver: string | undefined;
  for (const row of rows) {
    const f = row.split(',').map((s) => s.trim());
    const withCap = f.length >= 4 && DRIVER_RE.test(f[f.length - 3]);
    const fixed = withCap ? 3 : 2;
    if (f.length < fixed + 1) return `unexpected nvidia-smi output: ${row.slice(0, 120)}`;
    const d = f[f.length - fixed];
    if (!DRIVER_RE.test(d)) return `unexpected nvidia-smi output: ${row.slice(0, 120)}`;
    if (driver && driver !== d) return `nvidia-smi reports two driver versions (${driver}, ${d})`;
    driver = d;
    const mem = /^(\d+)\s*MiB$/i.exec(f[f.length - fixed + 1]);
    const cap = withCap ? f[f.length - 1] : undefined;
    gpus.push({
      name: f.slice(0, f.length - fixed).join(', '),
      ...(mem ? { memoryMiB: Number(mem[1]) } : {}),
      ...(cap && /^\d{1,2}\.\d{1,2}$/.test(cap) && !NA_RE.test(cap) ? { computeCap: cap } : {}),
    });
  }
  return { driver: driver!, gpus };
}

/**
 * The default `nvidia-smi` table: the header line `| NVIDIA-SMI 535.104.05   Driver Version: 535.104.05
 * CUDA Version: 12.2 |` and the GPU rows `|   0  NVIDIA A100-SXM4-80GB   On  | 00000000:07:00.0 Off | … |`
 * (names may be truncated by the table). Returns a message when there is no header.
 */
export function parseNvidiaSmiTable(text: string): { driver: string; cuda?: string; gpus: HostGpu[] } | string {
  const driver = /Driver Version:\s*(\d{2,4}(?:\.\d{1,4}){0,3})/.exec(text)?.[1];
  if (!driver) {
    const first = lines(text)[0];
    return first ? `nvidia-smi did not report a driver version: ${first.slice(0, 160)}` : 'nvidia-smi printed nothing';
  }
  const cuda = /CUDA Version:\s*(\d{1,2}\.\d{1,2})\b/.exec(text)?.[1];
  const gpus: HostGpu[] = [];
  for (const l of lines(text)) {
    // A GPU row: "| <index> <name> <persistence On/Off> | <bus id> …"; the process table rows start with the GPU index too, but their second cell is not a bus id.
    const m = /^\|\s+(\d{1,2})\s+(.+?)\s+(?:On|Off)\s+\|\s+[0-9A-Fa-f]{4,8}:[0-9A-Fa-f]{2}:[0-9A-Fa-f]{2}\.\d/.exec(l);
    if (m) gpus.push({ name: m[2].trim() });
  }
  return { driver, ...(cuda ? { cuda } : {}), gpus };
}

/** `nvidia-smi -L`: `GPU 0: NVIDIA A100-SXM4-80GB (UUID: GPU-…)`, plus MIG lines (indented, ignored). */
export function parseNvidiaSmiList(text: string): { index: number; name: string; uuid?: string }[] {
  const out: { index: number; name: string; uuid?: string }[] = [];
  for (const l of text.replace(/\r/g, '').split('\n')) {
    const m = /^GPU (\d{1,3}): (.+?)(?: \(UUID: (GPU-[0-9a-fA-F-]+)\))?\s*$/.exec(l);
    if (m) out.push({ index: Number(m[1]), name: m[2], ...(m[3] ? { uuid: m[3] } : {}) });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Image requirements

/** What an image tells the NVIDIA runtime about the CUDA it needs (from its config's Env). */
export interface ImageCudaNeeds {
  /** Values of every NVIDIA_REQUIRE_* variable (the runtime ANDs them), e.g. "cuda>=12.4 brand=tesla,driver>=470,driver<471 …". */
  readonly requirements: readonly { readonly name: string; readonly value: string }[];
  /** NVIDIA_DISABLE_REQUIRE is set to a true value: the runtime skips the checks. */
  readonly requireDisabled: boolean;
  /** CUDA_VERSION, e.g. "12.4.1" (set by the nvidia/cuda images). */
  readonly cudaVersion?: string;
}

function truthy(v: string): boolean {
  return /^(1|true|yes|on)$/i.test(v.trim());
}

/** Reads the CUDA needs from an image config's Env lines (later entries win, as in the engine). */
export function imageCudaNeeds(config: { Env?: string[] | null } | null | undefined, extraEnv: Record<string, string> = {}): ImageCudaNeeds {
  const env = new Map<string, string>();
  for (const e of config?.Env ?? []) {
    const eq = e.indexOf('=');
    if (eq > 0) env.set(e.slice(0, eq), e.slice(eq + 1));
  }
  for (const [k, v] of Object.entries(extraEnv)) env.set(k, v);
  const requirements = [...env].filter(([k, v]) => /^NVIDIA_REQUIRE_/.test(k) && v.trim() !== '').map(([name, value]) => ({ name, value: value.trim() }));
  const cuda = env.get('CUDA_VERSION')?.trim();
  return {
    requirements,
    requireDisabled: truthy(env.get('NVIDIA_DISABLE_REQUIRE') ?? ''),
    ...(cuda && /^\d{1,2}\.\d{1,2}(?:\.\d{1,3})?$/.test(cuda) ? { cudaVersion: cuda } : {}),
  };
}

/** One `key op value` of a requirement, e.g. `driver>=470`. */
export interface Constraint {
  readonly key: string;
  readonly op: '>=' | '<=' | '>' | '<' | '=';
  readonly value: string;
  readonly text: string;
}

/**
 * A requirement expression as the NVIDIA Container Toolkit reads it: space-separated alternatives are
 * ORed, comma-separated constraints inside one alternative are ANDed. Malformed constraints are kept
 * with key '' (they evaluate to "unknown").
 */
export function parseRequirement(value: string): Constraint[][] {
  return value.trim().split(/\s+/).filter(Boolean).map((alt) =>
    alt.split(',').filter(Boolean).map((c): Constraint => {
      const m = /^([a-z]+)(>=|<=|==|=|>|<)([A-Za-z0-9._-]+)$/.exec(c);
      if (!m) return { key: '', op: '=', value: '', text: c };
      return { key: m[1], op: m[2] === '==' ? '=' : (m[2] as Constraint['op']), value: m[3], text: c };
    }),
  );
}

/** Host facts the requirements are checked against. Missing facts make constraints "unknown". */
export interface HostFacts {
  readonly driver?: string;
  /** The driver's CUDA version when nvidia-smi printed it. */
  readonly cuda?: string;
  /** A CUDA version the driver certainly supports (derived from its version), when `cuda` is unknown. */
  readonly cudaAtLeast?: string;
  /** Compute capabilities of the GPUs. */
  readonly archs?: readonly string[];
  /** Product brands of the GPUs (lower case, e.g. "tesla", "geforce"), when known. */
  readonly brands?: readonly string[];
}

/** true = holds, false = fails, undefined = cannot tell from what is known. */
export type Tri = boolean | undefined;

function nums(v: string): number[] {
  return v.split('.').map((p) => Number(p) || 0);
}
export function cmpDotted(a: string, b: string): number {
  const x = nums(a);
  const y = nums(b);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d) return d < 0 ? -1 : 1;
  }
  return 0;
}
function holds(actual: string, op: Constraint['op'], wanted: string): boolean {
  const c = cmpDotted(actual, wanted);
  switch (op) {
    case '>=': return c >= 0;
    case '<=': return c <= 0;
    case '>': return c > 0;
    case '<': return c < 0;
    case '=': return c === 0;
  }
}

function all(values: Tri[]): Tri {
  if (values.some((v) => v === false)) return false;
  return values.every((v) => v === true) ? true : undefined;
}

export function evaluateConstraint(c: Constraint, host: HostFacts): Tri {
  switch (c.key) {
    case 'cuda':
      if (host.cuda) return holds(host.cuda, c.op, c.value);
      // Only a lower bound is known: it can prove ">=" / ">" but never refute anything.
      if (host.cudaAtLeast && (c.op === '>=' || c.op === '>') && holds(host.cudaAtLeast, c.op, c.value)) return true;
      return undefined;
    case 'driver':
      return host.driver ? holds(host.driver, c.op, c.value) : undefined;
    case 'arch':
      // Checked for every GPU the container gets; with all GPUs known, all must satisfy it.
      return host.archs?.length ? all(host.archs.map((a) => holds(a, c.op, c.value))) : undefined;
    case 'brand':
      if (!host.brands?.length || c.op !== '=') return undefined;
      return all(host.brands.map((b) => b === c.value.toLowerCase()));
    default:
      return undefined;
  }
}

export interface RequirementVerdict {
  readonly result: Tri;
  /** The alternative that holds (when result is true), as written. */
  readonly satisfiedBy?: string;
  /** For a failing requirement: the constraints that failed, one per alternative, as written. */
  readonly failed: readonly string[];
  /** When the result is unknown only because the GPU brand is: the alternative that holds if the brand matches. */
  readonly holdsIfBrand?: string;
}

/** Evaluates one NVIDIA_REQUIRE_* value: OR over alternatives, AND within one. */
export function evaluateRequirement(value: string, host: HostFacts): RequirementVerdict {
  const alts = parseRequirement(value);
  if (!alts.length) return { result: true, failed: [] };
  let unknown = false;
  let holdsIfBrand: string | undefined;
  const failed: string[] = [];
  for (const alt of alts) {
    const values = alt.map((c) => evaluateConstraint(c, host));
    const r = all(values);
    if (r === true) return { result: true, satisfiedBy: alt.map((c) => c.text).join(','), failed: [] };
    if (r === undefined) {
      unknown = true;
      if (!holdsIfBrand && alt.every((c, i) => values[i] === true || c.key === 'brand')) holdsIfBrand = alt.map((c) => c.text).join(',');
    } else failed.push(alt[values.indexOf(false)].text);
  }
  return unknown ? { result: undefined, failed, ...(holdsIfBrand ? { holdsIfBrand } : {}) } : { result: false, failed };
}

// ---------------------------------------------------------------------------------------------
// Reading the facts

export const CSV_QUERY = ['--query-gpu=name,driver_version,memory.total,compute_cap', '--format=csv,noheader'];
const MAX_OUTPUT = 256 * 1024;

/** The first executable `name` in PATH, or undefined. */
export function findOnPath(name: string, pathVar: string | undefined = process.env.PATH): string | undefined {
  for (const dir of (pathVar ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const p = path.join(dir, name);
    try {
      fs.accessSync(p, fs.constants.X_OK);
      if (fs.statSync(p).isFile()) return p;
    } catch {
      // not here
    }
  }
  return undefined;
}

function run(file: string, args: string[], timeoutMs: number): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile(file, args, { timeout: timeoutMs, maxBuffer: MAX_OUTPUT, windowsHide: true }, (error, stdout, stderr) => {
      const code = error ? (typeof (error as NodeJS.ErrnoException & { code?: unknown }).code === 'number' ? ((error as unknown as { code: number }).code) : null) : 0;
      resolve({ code, out: String(stdout), err: String(stderr) || (error && code === null ? error.message : '') });
    });
  });
}

/**
 * The engine host's driver from its own `nvidia-smi` (argument arrays, no shell): the CSV query for the
 * GPUs and compute capabilities, then the table for the CUDA version. Only meaningful when the engine
 * runs on this machine. Undefined when nvidia-smi is not on PATH; a message when it fails.
 */
export async function readLocalNvidiaSmi(opts: { timeoutMs?: number; pathVar?: string } = {}): Promise<HostGpuInfo | string | undefined> {
  const exe = findOnPath('nvidia-smi', opts.pathVar ?? process.env.PATH);
  if (!exe) return undefined;
  const timeoutMs = opts.timeoutMs ?? 10_000;
  let csv = await run(exe, CSV_QUERY, timeoutMs);
  // Drivers before compute_cap existed reject the field: ask again without it.
  if (csv.code !== 0 && /compute_cap/.test(csv.out + csv.err)) csv = await run(exe, ['--query-gpu=name,driver_version,memory.total', '--format=csv,noheader'], timeoutMs);
  const table = await run(exe, [], timeoutMs);
  const fromCsv = csv.code === 0 ? parseNvidiaSmiCsv(csv.out) : undefined;
  const fromTable = table.code === 0 ? parseNvidiaSmiTable(table.out) : undefined;
  const csvOk = fromCsv && typeof fromCsv !== 'string' ? fromCsv : undefined;
  const tableOk = fromTable && typeof fromTable !== 'string' ? fromTable : undefined;
  if (!csvOk && !tableOk) {
    const why = (typeof fromTable === 'string' ? fromTable : '') || (csv.err || table.err || csv.out).trim().split('\n')[0] || `exit code ${table.code ?? csv.code ?? '?'}`;
    return `nvidia-smi failed: ${why.slice(0, 200)}`;
  }
  return {
    driver: csvOk?.driver ?? tableOk?.driver,
    ...(tableOk?.cuda ? { cuda: tableOk.cuda } : {}),
    gpus: csvOk?.gpus ?? tableOk?.gpus ?? [],
    source: 'host',
  };
}

/** Reads a stream to its end (or `max` bytes), as text. */
function collect(stream: Duplex, max = MAX_OUTPUT): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (): void => resolve(Buffer.concat(chunks).toString('utf8'));
    stream.on('data', (c: Buffer) => {
      if (size < max) chunks.push(c);
      size += c.length;
    });
    stream.once('end', done);
    stream.once('close', done);
    stream.once('error', done);
  });
}

/** Resolves with `p`, or with `onTimeout()` after `ms`. */
function within<T>(p: Promise<T>, ms: number, onTimeout: () => T): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => resolve(onTimeout()), ms);
    p.then((v) => { clearTimeout(t); resolve(v); }, (e: unknown) => { clearTimeout(t); reject(e instanceof Error ? e : new Error(String(e))); });
  });
}

/**
 * The driver as a GPU container on this engine sees it: a short container from `image` (already on the
 * engine, so nothing is pulled) that runs the `nvidia-smi` the NVIDIA runtime mounts in, with the image's
 * own CUDA requirement switched off for the probe, no network, attached before it starts and removed
 * when it exits. Time-bounded: a probe that does not finish in `timeoutMs` is removed.
 */
export async function probeHostGpu(
  engine: Engine,
  image: string,
  /** `gpus`: what the probe requests (default all GPUs; null = none, for testing the probe on a GPU-less engine). */
  opts: { timeoutMs?: number; gpus?: GpuOption | null } = {},
): Promise<HostGpuInfo | string> {
  const timeoutMs = opts.timeoutMs ?? 30_000;
  let timedOut = false;
  const gpus = opts.gpus === undefined ? { kind: 'all' as const } : opts.gpus ?? undefined;
  const started = engine.run({
    image,
    entrypoint: '',
    command: ['nvidia-smi'],
    ...(gpus ? { gpus } : {}),
    env: { NVIDIA_DISABLE_REQUIRE: '1', NVIDIA_DRIVER_CAPABILITIES: 'utility' },
    network: 'none',
    autoRemove: true,
    interactive: true,
  });
  const work = (async (): Promise<HostGpuInfo | string> => {
    const s = await started;
    if (!s.stream) return 'the probe container has no output stream';
    const out = await collect(s.stream);
    const code = await s.wait().catch(() => null);
    const parsed = parseNvidiaSmiTable(out);
    if (typeof parsed === 'string') return code === 0 ? parsed : `nvidia-smi in a probe container failed (exit ${code ?? '?'}): ${out.trim().split(/\r?\n/)[0]?.slice(0, 200) ?? ''}`;
    return { driver: parsed.driver, ...(parsed.cuda ? { cuda: parsed.cuda } : {}), gpus: parsed.gpus, source: 'probe' };
  })();
  try {
    return await within(work, timeoutMs, () => {
      timedOut = true;
      return `the probe container did not finish within ${Math.round(timeoutMs / 1000)} s`;
    });
  } catch (e) {
    return `the probe container failed: ${(e as Error).message.slice(0, 300)}`;
  } finally {
    if (timedOut) {
      void started.then((s) => { s.stream?.destroy(); return engine.removeContainer(s.id, { force: true }); }).catch(() => undefined);
    }
  }
}

/**
 * True when the engine runs on this machine, so this machine's nvidia-smi reports its driver: a unix
 * socket, except Docker Desktop's, whose engine lives in a VM.
 */
export function isLocalEngine(endpoint: Pick<Endpoint, 'protocol' | 'socketPath'>): boolean {
  return endpoint.protocol === 'unix' && !/\/\.docker\/desktop\//.test(endpoint.socketPath ?? '');
}

/** Everything the preflight decision needs, gathered from the engine and the host. */
export interface GpuFacts {
  /** Undefined when the engine could not be asked. */
  readonly support?: GpuSupport;
  readonly host?: HostGpuInfo;
  /** Why the host driver is unknown (nvidia-smi missing or failing, probe failing). */
  readonly hostProblem?: string;
  readonly image?: ImageCudaNeeds;
}

/**
 * Gathers the facts for a GPU run of `image`: the engine's GPU runtime first (nothing more is asked
 * when there is none), the image config, then the driver — from this machine's nvidia-smi when the
 * engine is local (a unix socket here), else from a probe container.
 */
export async function gatherGpuFacts(engine: Engine, image: string, opts: { extraEnv?: Record<string, string>; timeoutMs?: number; pathVar?: string } = {}): Promise<GpuFacts> {
  let support: GpuSupport | undefined;
  try {
    support = await engine.gpuSupport({ timeoutMs: opts.timeoutMs });
  } catch {
    support = undefined;
  }
  if (support && !support.available) return { support };
  const inspect = await engine.inspectImage(image, { timeoutMs: opts.timeoutMs }).catch(() => undefined);
  const needs = inspect ? imageCudaNeeds(inspect.Config, opts.extraEnv) : undefined;
  const local = isLocalEngine(engine.endpoint);
  let host: HostGpuInfo | string | undefined;
  if (local) host = await readLocalNvidiaSmi({ timeoutMs: opts.timeoutMs, pathVar: opts.pathVar });
  if (!host && support?.available && inspect) host = await probeHostGpu(engine, image, { timeoutMs: opts.timeoutMs });
  const hostProblem = typeof host === 'string' ? host : host ? undefined : local ? 'nvidia-smi is not on PATH here' : 'the engine could not be probed';
  return { support, ...(host && typeof host !== 'string' ? { host } : {}), ...(hostProblem ? { hostProblem } : {}), ...(needs ? { image: needs } : {}) };
}

// ---------------------------------------------------------------------------------------------
// Smoke test inside a started GPU container

export interface SmokeResult {
  /** GPUs `nvidia-smi -L` lists inside the container; undefined when it could not run. */
  readonly gpus?: readonly { index: number; name: string }[];
  readonly nvidiaSmiProblem?: string;
  /** torch's view, when the image has torch. */
  readonly torch?: { readonly cudaAvailable: boolean; readonly deviceCount: number };
  /** Why nothing was tested (the container is no longer running). */
  readonly skipped?: string;
}

export const TORCH_CHECK = 'import torch; print("torch-cuda", torch.cuda.is_available(), torch.cuda.device_count())';

/** The line our torch check prints, e.g. `torch-cuda True 2`; undefined when absent. */
export function parseTorchCheck(out: string): SmokeResult['torch'] {
  const m = /^torch-cuda (True|False) (\d{1,3})\s*$/m.exec(out.replace(/\r/g, ''));
  return m ? { cudaAvailable: m[1] === 'True', deviceCount: Number(m[2]) } : undefined;
}

/** One line for the tree and the output, e.g. "GPU ok: 2 × NVIDIA A100 · torch sees 2". */
export function formatSmoke(r: SmokeResult): { text: string; ok: boolean } {
  const parts: string[] = [];
  let ok = true;
  if (r.gpus?.length) {
    const names = [...new Set(r.gpus.map((g) => g.name))];
    parts.push(`${r.gpus.length} GPU${r.gpus.length > 1 ? 's' : ''} (${names.join(', ')})`);
  } else {
    ok = false;
    parts.push(r.nvidiaSmiProblem ? `nvidia-smi: ${r.nvidiaSmiProblem}` : 'no GPU visible');
  }
  if (r.torch) {
    if (r.torch.cudaAvailable) parts.push(`torch sees ${r.torch.deviceCount}`);
    else {
      ok = false;
      parts.push('torch.cuda.is_available() is False');
    }
  }
  return { text: `${ok ? 'GPU ok' : 'GPU problem'}: ${parts.join(' · ')}`, ok };
}

async function execOutput(engine: Engine, id: string, cmd: string[], timeoutMs: number): Promise<{ code: number | null; out: string } | { gone: string } | string> {
  try {
    const session = await engine.exec(id, { cmd, tty: true, timeoutMs });
    const result = (async () => {
      const out = await collect(session.stream, 64 * 1024);
      return { code: await session.exited(), out };
    })();
    return await within<{ code: number | null; out: string } | { gone: string } | string>(result, timeoutMs, () => {
      session.close();
      return `no answer within ${Math.round(timeoutMs / 1000)} s`;
    });
  } catch (e) {
    // The container stopped (or went away) before the test could run: nothing to test.
    if (e instanceof EngineError && (e.kind === 'conflict' || e.kind === 'notFound')) return { gone: e.message.slice(0, 200) };
    return (e as Error).message.slice(0, 200);
  }
}

/**
 * Runs `nvidia-smi -L` inside the container, then the torch check with python3 (or python) when the
 * image has torch. Never throws; a container that exited meanwhile gives a problem text.
 */
export async function gpuSmokeTest(engine: Engine, id: string, opts: { timeoutMs?: number } = {}): Promise<SmokeResult> {
  const timeoutMs = opts.timeoutMs ?? 60_000;
  const smi = await execOutput(engine, id, ['nvidia-smi', '-L'], timeoutMs);
  let gpus: SmokeResult['gpus'];
  let nvidiaSmiProblem: string | undefined;
  if (typeof smi !== 'string' && 'gone' in smi) return { skipped: smi.gone };
  if (typeof smi === 'string') nvidiaSmiProblem = smi;
  else {
    const listed = parseNvidiaSmiList(smi.out);
    if (listed.length) gpus = listed;
    else nvidiaSmiProblem = smi.out.trim().split('\n')[0]?.slice(0, 200) || `exit code ${smi.code ?? '?'}`;
  }
  let torch: SmokeResult['torch'];
  for (const py of ['python3', 'python']) {
    const r = await execOutput(engine, id, [py, '-c', TORCH_CHECK], timeoutMs);
    if (typeof r === 'string' || 'gone' in r) continue;
    torch = parseTorchCheck(r.out);
    // python ran: either it printed the line or torch is not installed; no need to try the other name.
    if (torch || /No module named .?torch/.test(r.out) || r.code === 0) break;
  }
  return { ...(gpus ? { gpus } : {}), ...(nvidiaSmiProblem ? { nvidiaSmiProblem } : {}), ...(torch ? { torch } : {}) };
}
