// PyTorch releases: which CUDA the plain PyPI wheel is built for, which `cuXYZ` builds its index has,
// Python range and companion versions. Sources: S2 (test-infra promotion commits), S3, S1, S5 — see
// ./sources. Table date: TABLE_DATES.torch. Linux x86_64 only (PyPI has no CUDA torch for arm64).
import { TABLE_DATES } from './sources';
import { inSeries, parseCuTag, parseCuda, type CudaVersion } from './version';

export interface TorchRelease {
  version: string;
  /** Supported CPython `[min, max]` minors (`'3.8'`, `'3.11'`). */
  python: [string, string];
  /**
   * CUDA of `pip install torch` from PyPI on Linux x86_64. More than one entry when the sources
   * disagree (first = the promotion commit on test-infra main / the likelier one).
   */
  pypiCuda: string[];
  /** Official `https://download.pytorch.org/whl/cuXYZ` builds of this version. */
  indexCuda: string[];
  /** Builds seen on the index outside the official matrix. */
  extraIndexCuda: string[];
  torchvision?: string;
  torchaudio?: string;
}

function rows(versions: string[], base: Omit<TorchRelease, 'version' | 'torchvision' | 'torchaudio'>, tv: string[], ta: string[]): TorchRelease[] {
  return versions.map((version, k) => ({ version, ...base, torchvision: tv[k], torchaudio: ta[k] }));
}

export const TORCH_RELEASES: readonly TorchRelease[] = [
  ...rows(['1.13.0', '1.13.1'], { python: ['3.7', '3.10'], pypiCuda: ['11.7'], indexCuda: ['11.6', '11.7'], extraIndexCuda: [] }, ['0.14.0', '0.14.1'], ['0.13.0', '0.13.1']),
  ...rows(['2.0.0', '2.0.1'], { python: ['3.8', '3.11'], pypiCuda: ['11.7'], indexCuda: ['11.7', '11.8'], extraIndexCuda: [] }, ['0.15.1', '0.15.2'], ['2.0.1', '2.0.2']),
  ...rows(['2.1.0', '2.1.1', '2.1.2'], { python: ['3.8', '3.11'], pypiCuda: ['12.1'], indexCuda: ['11.8', '12.1'], extraIndexCuda: [] }, ['0.16.0', '0.16.1', '0.16.2'], ['2.1.0', '2.1.1', '2.1.2']),
  ...rows(['2.2.0', '2.2.1', '2.2.2'], { python: ['3.8', '3.12'], pypiCuda: ['12.1'], indexCuda: ['11.8', '12.1'], extraIndexCuda: [] }, ['0.17.0', '0.17.1', '0.17.2'], ['2.2.0', '2.2.1', '2.2.2']),
  ...rows(['2.3.0', '2.3.1'], { python: ['3.8', '3.12'], pypiCuda: ['12.1'], indexCuda: ['11.8', '12.1'], extraIndexCuda: [] }, ['0.18.0', '0.18.1'], ['2.3.0', '2.3.1']),
  ...rows(['2.4.0', '2.4.1'], { python: ['3.8', '3.12'], pypiCuda: ['12.1'], indexCuda: ['11.8', '12.1', '12.4'], extraIndexCuda: [] }, ['0.19.0', '0.19.1'], ['2.4.0', '2.4.1']),
  ...rows(['2.5.0', '2.5.1'], { python: ['3.9', '3.12'], pypiCuda: ['12.4'], indexCuda: ['11.8', '12.1', '12.4'], extraIndexCuda: [] }, ['0.20.0', '0.20.1'], ['2.5.0', '2.5.1']),
  ...rows(['2.6.0'], { python: ['3.9', '3.13'], pypiCuda: ['12.4'], indexCuda: ['11.8', '12.4', '12.6'], extraIndexCuda: [] }, ['0.21.0'], ['2.6.0']),
  ...rows(['2.7.0', '2.7.1'], { python: ['3.9', '3.13'], pypiCuda: ['12.6'], indexCuda: ['11.8', '12.6', '12.8'], extraIndexCuda: [] }, ['0.22.0', '0.22.1'], ['2.7.0', '2.7.1']),
  ...rows(['2.8.0'], { python: ['3.9', '3.13'], pypiCuda: ['12.8'], indexCuda: ['12.6', '12.8', '12.9'], extraIndexCuda: [] }, ['0.23.0'], ['2.8.0']),
  ...rows(['2.9.0', '2.9.1'], { python: ['3.10', '3.14'], pypiCuda: ['12.8'], indexCuda: ['12.6', '12.8', '13.0'], extraIndexCuda: ['12.9'] }, ['0.24.0', '0.24.1'], ['2.9.0', '2.9.1']),
  ...rows(['2.10.0'], { python: ['3.10', '3.14'], pypiCuda: ['12.8'], indexCuda: ['12.6', '12.8', '13.0'], extraIndexCuda: [] }, ['0.25.0'], ['2.10.0']),
  // test-infra main promoted CUDA 13.0 to PyPI for 2.11; its release/2.11 branch still says 12.8
  ...rows(['2.11.0'], { python: ['3.10', '3.14'], pypiCuda: ['13.0', '12.8'], indexCuda: ['12.6', '12.8', '13.0'], extraIndexCuda: ['12.9'] }, ['0.26.0'], ['2.11.0']),
  ...rows(['2.12.0', '2.12.1'], { python: ['3.10', '3.14'], pypiCuda: ['13.0'], indexCuda: ['12.6', '13.0', '13.2'], extraIndexCuda: ['12.9'] }, ['0.27.0', '0.27.1'], ['2.11.0', '2.11.0']),
  ...rows(['2.13.0'], { python: ['3.10', '3.14'], pypiCuda: ['13.0'], indexCuda: ['12.6', '13.0', '13.2'], extraIndexCuda: ['12.9'] }, ['0.28.0'], ['2.11.0']),
  // RFC #190355 promotes 13.2 to PyPI; test-infra release/2.14 (2026-08-21) still says 13.0
  ...rows(['2.14.0'], { python: ['3.10', '3.15'], pypiCuda: ['13.0', '13.2'], indexCuda: ['12.6', '13.0', '13.2'], extraIndexCuda: [] }, ['0.29.0'], ['2.11.0']),
];

/** The releases a version or version prefix names: `2.1` → 2.1.0–2.1.2, `2.1.2+cu118` → 2.1.2. Empty when unknown. */
export function torchReleases(version: string): TorchRelease[] {
  const v = version.trim().replace(/\+.*$/, '').replace(/\.\*$/, '');
  if (!/^\d+(\.\d+){0,2}$/.test(v)) return [];
  return TORCH_RELEASES.filter((r) => inSeries(r.version, v));
}

/** What a torch wheel's CUDA is known to be. */
export interface TorchWheelCuda {
  /** Candidate CUDA versions, the likelier first; one entry when the sources agree. */
  candidates: CudaVersion[];
  /** The CUDA major all candidates share, null when they do not. */
  major: number | null;
  /** The CUDA `major.minor` when all candidates agree, else null. */
  exact: CudaVersion | null;
  /** Where the fact comes from. */
  source: 'pypi' | 'index' | 'local-version';
  /** The table date the answer relies on (for the pypi source). */
  asOf: string;
}

function wheelCuda(list: CudaVersion[], source: TorchWheelCuda['source']): TorchWheelCuda | null {
  if (!list.length) return null;
  const uniq: CudaVersion[] = [];
  for (const c of list) if (!uniq.some((u) => u.major === c.major && u.minor === c.minor)) uniq.push(c);
  const major = uniq.every((c) => c.major === uniq[0].major) ? uniq[0].major : null;
  return { candidates: uniq, major, exact: uniq.length === 1 ? uniq[0] : null, source, asOf: TABLE_DATES.torch };
}

/** `https://download.pytorch.org/whl/cu121` (also `/nightly/`, `/test/`, `torch-X+cuNNN.html` find-links) → CUDA 12.1; `cpu` → 'cpu'; null otherwise. */
export function torchIndexCuda(url: string): CudaVersion | 'cpu' | 'rocm' | null {
  const m = /\/whl\/(?:nightly\/|test\/)?(cu\d{2,3}|cpu|rocm[\d.]*)(?:[/?#]|$)/.exec(url) ?? /torch-[\d.]+\+(cu\d{2,3}|cpu)\.html/.exec(url);
  if (!m) return null;
  if (m[1] === 'cpu') return 'cpu';
  if (m[1].startsWith('rocm')) return 'rocm';
  return parseCuTag(m[1]);
}

/**
 * CUDA of a torch wheel (shared: read-only): a local version (`2.1.2+cu118`) or a PyTorch index URL decides; otherwise
 * the plain PyPI wheel of that version. Null when the version is unknown to the table, CPU/ROCm, or
 * when a version prefix spans releases built for different CUDA majors and minors.
 */
export function cudaOfTorchWheel(version: string, indexUrl?: string): TorchWheelCuda | null {
  const local = /\+cu(\d{2,3})\b/.exec(version);
  if (local) return wheelCuda([parseCuTag(local[1])!], 'local-version');
  if (/\+(cpu|rocm)/.test(version)) return null;
  if (indexUrl) {
    const ix = torchIndexCuda(indexUrl);
    if (ix && ix !== 'cpu' && ix !== 'rocm') return wheelCuda([ix], 'index');
    if (ix) return null;
  }
  const rels = torchReleases(version);
  if (!rels.length) return null;
  // an exact version (the usual pin) names one release: its answer is built once and shared
  if (rels.length === 1) {
    let w = PYPI_WHEELS.get(rels[0]);
    if (w === undefined) PYPI_WHEELS.set(rels[0], (w = pypiWheel(rels)));
    return w;
  }
  return pypiWheel(rels);
}

function pypiWheel(rels: readonly TorchRelease[]): TorchWheelCuda | null {
  return wheelCuda(rels.flatMap((r) => r.pypiCuda.map((c) => parseCuda(c)!)), 'pypi');
}

/** `cudaOfTorchWheel` of the plain PyPI wheel, per release of the table (at most one entry per row; shared: read-only). */
const PYPI_WHEELS = new Map<TorchRelease, TorchWheelCuda | null>();

/** True when the PyTorch index has a `cuXYZ` build of `version` (official or observed); null when the version is unknown. */
export function torchIndexHas(version: string, cuda: CudaVersion): boolean | null {
  const rels = torchReleases(version);
  if (!rels.length) return null;
  const want = `${cuda.major}.${cuda.minor}`;
  return rels.some((r) => r.indexCuda.includes(want) || r.extraIndexCuda.includes(want));
}

/** The newest torch release in the table. */
export function latestTorch(): TorchRelease {
  return TORCH_RELEASES[TORCH_RELEASES.length - 1];
}
