// Pure helpers for presenting images: sizes, ages, references, and the CUDA / framework versions an
// ML image declares in its environment or labels. No `vscode` import.
import type { ImageHistoryEntry } from './engine';
import { splitReference } from './reference';

const UNITS = ['B', 'kB', 'MB', 'GB', 'TB'];

/** Decimal units like the docker CLI: 1.23GB → "1.23 GB". */
export function formatSize(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '?';
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  const digits = unit === 0 ? 0 : value < 10 ? 2 : value < 100 ? 1 : 0;
  return `${value.toFixed(digits)} ${UNITS[unit]}`;
}

/** "just now", "5 minutes ago", "3 days ago", "2 years ago". `createdSeconds` is Unix seconds. */
export function formatAge(createdSeconds: number, nowMs: number): string {
  const s = Math.max(0, Math.floor(nowMs / 1000 - createdSeconds));
  const steps: [number, string][] = [
    [365 * 86400, 'year'],
    [30 * 86400, 'month'],
    [7 * 86400, 'week'],
    [86400, 'day'],
    [3600, 'hour'],
    [60, 'minute'],
  ];
  for (const [size, name] of steps) {
    if (s >= size) {
      const n = Math.floor(s / size);
      return `${n} ${name}${n === 1 ? '' : 's'} ago`;
    }
  }
  return s < 10 ? 'just now' : `${s} seconds ago`;
}

export function shortId(id: string): string {
  return id.replace(/^sha256:/, '').slice(0, 12);
}

/** Splits "registry:5000/team/repo:tag" into repository (with its registry) and tag ("latest" when none). */
export function splitRepoTag(ref: string): { repository: string; tag: string } {
  const r = splitReference(ref);
  return { repository: r.registry ? `${r.registry}/${r.repository}` : r.repository, tag: r.tag ?? 'latest' };
}

export function isDanglingTag(ref: string): boolean {
  return ref === '<none>:<none>' || ref === '<none>@<none>';
}

export interface MlVersions {
  cuda?: string;
  cudnn?: string;
  nccl?: string;
  pytorch?: string;
  tensorflow?: string;
  jax?: string;
  python?: string;
  /** e.g. "cuda>=12.1 brand=tesla,driver>=470" */
  nvidiaRequireCuda?: string;
}

const ENV_KEYS: [keyof MlVersions, RegExp][] = [
  ['cuda', /^(CUDA_VERSION|NV_CUDA_CUDART_VERSION_FULL|CUDA_PKG_VERSION)$/],
  ['cudnn', /^(CUDNN_VERSION|NV_CUDNN_VERSION)$/],
  ['nccl', /^(NCCL_VERSION|NV_LIBNCCL_PACKAGE_VERSION)$/],
  ['pytorch', /^(PYTORCH_VERSION|TORCH_VERSION|PYTORCH_BUILD_VERSION)$/],
  ['tensorflow', /^(TF_VERSION|TENSORFLOW_VERSION)$/],
  ['jax', /^(JAX_VERSION)$/],
  ['python', /^(PYTHON_VERSION)$/],
  ['nvidiaRequireCuda', /^NVIDIA_REQUIRE_CUDA$/],
];

const LABEL_KEYS: [keyof MlVersions, RegExp][] = [
  ['cuda', /^com\.nvidia\.cuda\.version$/],
  ['cudnn', /^com\.nvidia\.cudnn\.version$/],
  ['pytorch', /^(com\.nvidia\.pytorch\.version|org\.pytorch\.version|pytorch\.version)$/],
  ['tensorflow', /^(com\.nvidia\.tensorflow\.version|tensorflow\.version)$/],
  ['python', /^python\.version$/],
];

/** Finds the versions an image declares. Env wins over labels (it is what the processes see). */
export function detectMlVersions(env: readonly string[] | null | undefined, labels: Readonly<Record<string, string>> | null | undefined): MlVersions {
  const found: MlVersions = {};
  for (const [key, value] of Object.entries(labels ?? {})) {
    for (const [field, re] of LABEL_KEYS) if (re.test(key) && value && !found[field]) found[field] = value;
  }
  for (const entry of env ?? []) {
    const eq = entry.indexOf('=');
    if (eq <= 0) continue;
    const key = entry.slice(0, eq);
    const value = entry.slice(eq + 1).trim();
    if (!value) continue;
    for (const [field, re] of ENV_KEYS) if (re.test(key)) found[field] = value;
  }
  if (found.cuda) found.cuda = found.cuda.replace(/-\d+$/, ''); // "12.1.105-1" (package version) → "12.1.105"
  return found;
}

/** "CUDA 12.1.1 · cuDNN 8.9 · PyTorch 2.3.0" — or '' when nothing was found. */
export function formatMlVersions(v: MlVersions): string {
  const parts: string[] = [];
  if (v.cuda) parts.push(`CUDA ${v.cuda}`);
  if (v.cudnn) parts.push(`cuDNN ${v.cudnn}`);
  if (v.nccl) parts.push(`NCCL ${v.nccl}`);
  if (v.pytorch) parts.push(`PyTorch ${v.pytorch}`);
  if (v.tensorflow) parts.push(`TensorFlow ${v.tensorflow}`);
  if (v.jax) parts.push(`JAX ${v.jax}`);
  if (v.python) parts.push(`Python ${v.python}`);
  return parts.join(' · ');
}

/** Layers with sizes, newest first, as a read-only text table — where the gigabytes of an ML image come from. */
export function formatHistory(ref: string, history: readonly ImageHistoryEntry[], now: number): string {
  const total = history.reduce((s, h) => s + h.Size, 0);
  const rows = history.map((h) => {
    const by = h.CreatedBy.replace(/^\/bin\/sh -c #\(nop\)\s*/, '').replace(/^\/bin\/sh -c /, 'RUN ').replace(/\s+/g, ' ').trim();
    const id = h.Id && h.Id !== '<missing>' ? shortId(h.Id) : '-';
    return `${formatSize(h.Size).padStart(9)}  ${formatAge(h.Created, now).padEnd(16)}  ${id.padEnd(12)}  ${by}`;
  });
  const biggest = [...history].sort((a, b) => b.Size - a.Size)[0];
  return [
    `History of ${ref} — ${history.length} layers, ${formatSize(total)} in total`,
    biggest ? `Largest layer: ${formatSize(biggest.Size)} (${Math.round((100 * biggest.Size) / Math.max(total, 1))}%)` : '',
    '',
    `${'SIZE'.padStart(9)}  ${'CREATED'.padEnd(16)}  ${'LAYER'.padEnd(12)}  CREATED BY`,
    ...rows,
    '',
  ].join('\n');
}
