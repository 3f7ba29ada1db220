// nvidia/cuda image tags per CUDA release: distros, cuDNN flavours and support status (S11 tag lists
// of 2025-12-15 and EOL chart of 2024-12-03, Cog's Docker Hub scrapes of 2026-05-05/2026-06-18 [S1],
// NVIDIA's support policy). Table date: TABLE_DATES.cudaImages.
//
// Status:
// - `eol` with basis `nvidia`: NVIDIA moved the release to end-of-life itself (EOL chart or
//   `dist/end-of-life`). Its tags get no updates and are scheduled for deletion (some were still
//   pullable in mid-2026).
// - `eol` with basis `policy`: retired by NVIDIA's stated policy of keeping two CUDA majors alive
//   (CUDA 11 was to retire once CUDA 13 shipped, 2025-08), not by a listing.
// - `superseded`: a newer patch of the same minor exists; NVIDIA maintains only the newest patch.
// - `supported`: the newest patch of a live minor (for 12.4/12.5 not confirmed after 2025-12).
// Releases newer than the table are unknown: helpers return null and rules stay silent.
import { TABLE_DATES } from './sources';
import { compareVersions, parseCuda, type CudaVersion } from './version';

export type CudaImageStatus = 'eol' | 'superseded' | 'supported';
export type CudaFlavour = 'base' | 'runtime' | 'devel' | 'cudnn-runtime' | 'cudnn-devel';

export interface CudaImageRelease {
  /** `major.minor.patch` as in the tag. */
  version: string;
  /** OS suffixes seen (`ubuntu22.04`, `ubi9`, …). */
  distros: string[];
  /** The cuDNN word of the tag for this release (`cudnn8`, `cudnn9`, `cudnn`), null when none was published. */
  cudnn: 'cudnn8' | 'cudnn9' | 'cudnn' | null;
  /** Distros without cuDNN images (besides amzn2023, cm2, azl3 which never get them). */
  noCudnnOn?: string[];
  /** Only the `*-cudnn-devel-ubuntu*` tags are confirmed (other flavours unconfirmed). */
  onlyCudnnDevelConfirmed?: boolean;
  status: CudaImageStatus;
  basis: 'nvidia' | 'policy' | 'derived';
  /** When NVIDIA marked it end-of-life (YYYY-MM-DD), when known. */
  eolSince?: string;
}

const U1604 = 'ubuntu16.04', U1804 = 'ubuntu18.04', U2004 = 'ubuntu20.04', U2204 = 'ubuntu22.04', U2404 = 'ubuntu24.04';
const OLD11 = [U1604, U1804, U2004, 'ubi7', 'ubi8', 'centos7', 'rockylinux8'];
const MID11 = [U1804, U2004, 'ubi7', 'ubi8', 'centos7', 'rockylinux8'];
const U22_11 = [U1804, U2004, U2204, 'ubi7', 'ubi8', 'centos7', 'rockylinux8'];
const R12_1 = [U1804, U2004, U2204, 'ubi7', 'ubi8', 'ubi9', 'centos7', 'rockylinux8', 'rockylinux9'];
const R12_2 = [U2004, U2204, 'ubi7', 'ubi8', 'ubi9', 'centos7', 'rockylinux8', 'rockylinux9'];
const R12_4 = [U2004, U2204, 'ubi8', 'ubi9', 'rockylinux8', 'rockylinux9'];
const R12_6 = [U2004, U2204, U2404, 'ubi8', 'ubi9', 'rockylinux8', 'rockylinux9', 'amzn2023', 'cm2'];
const R12_8 = [...R12_6, 'oraclelinux8', 'oraclelinux9'];
const R12_9 = [...R12_8, 'azl3'];
const R13_0 = [U2204, U2404, 'ubi8', 'ubi9', 'ubi10', 'rockylinux8', 'rockylinux9', 'rockylinux10', 'oraclelinux8', 'oraclelinux9', 'amzn2023', 'cm2', 'azl3'];
const R13_0_2 = [U2204, U2404, 'ubi8', 'ubi9', 'rockylinux8', 'rockylinux9', 'oraclelinux8', 'oraclelinux9', 'amzn2023', 'azl3'];
const R13_1 = [U2204, U2404, 'ubi8', 'ubi9', 'ubi10', 'rockylinux8', 'rockylinux9', 'rockylinux10', 'oraclelinux8', 'oraclelinux9', 'amzn2023', 'azl3'];
const UBU = [U2204, U2404];

function rel(version: string, distros: string[], cudnn: CudaImageRelease['cudnn'], status: CudaImageStatus, basis: CudaImageRelease['basis'], extra: Partial<CudaImageRelease> = {}): CudaImageRelease {
  return { version, distros, cudnn, status, basis, ...extra };
}

export const CUDA_IMAGE_RELEASES: readonly CudaImageRelease[] = [
  rel('11.0.3', OLD11, 'cudnn8', 'eol', 'nvidia', { eolSince: '2023-07-01' }),
  rel('11.1.1', OLD11, 'cudnn8', 'eol', 'nvidia', { eolSince: '2023-07-01' }),
  rel('11.2.2', OLD11, 'cudnn8', 'eol', 'nvidia', { eolSince: '2023-07-01' }),
  rel('11.3.1', OLD11, 'cudnn8', 'eol', 'nvidia', { eolSince: '2023-07-01' }),
  rel('11.4.3', MID11, 'cudnn8', 'eol', 'policy'),
  rel('11.5.2', MID11, 'cudnn8', 'eol', 'policy'),
  rel('11.6.1', [U2004, 'ubi7', 'ubi8', 'centos7', 'rockylinux8'], 'cudnn8', 'eol', 'nvidia', { eolSince: '2023-07-01' }),
  rel('11.6.2', MID11, 'cudnn8', 'eol', 'policy'),
  rel('11.7.1', U22_11, 'cudnn8', 'eol', 'policy'),
  rel('11.8.0', U22_11, 'cudnn8', 'eol', 'policy'),
  rel('12.0.0', [U1804, U2004, U2204, 'ubi7', 'ubi8', 'centos7', 'rockylinux8'], 'cudnn8', 'eol', 'nvidia', { eolSince: '2023-02-01' }),
  rel('12.0.1', R12_1, 'cudnn8', 'supported', 'derived'),
  rel('12.1.0', R12_1, 'cudnn8', 'eol', 'nvidia', { eolSince: '2023-04-01' }),
  rel('12.1.1', R12_2, 'cudnn8', 'supported', 'derived'),
  rel('12.2.0', R12_2, null, 'eol', 'nvidia', { eolSince: '2023-10-01' }),
  rel('12.2.2', R12_2, 'cudnn8', 'supported', 'derived'),
  rel('12.3.0', R12_2, null, 'eol', 'nvidia', { eolSince: '2023-12-01' }),
  rel('12.3.1', R12_2, null, 'eol', 'nvidia', { eolSince: '2024-02-01' }),
  rel('12.3.2', R12_2, 'cudnn9', 'supported', 'derived'),
  rel('12.4.0', R12_2, null, 'eol', 'nvidia', { eolSince: '2024-05-31' }),
  rel('12.4.1', R12_4, 'cudnn', 'supported', 'derived'),
  rel('12.5.0', R12_4, null, 'eol', 'nvidia', { eolSince: '2024-07-15' }),
  rel('12.5.1', [...R12_4, U2404], 'cudnn', 'supported', 'derived', { noCudnnOn: [U2404] }),
  rel('12.6.0', R12_6, 'cudnn', 'eol', 'nvidia', { eolSince: '2024-09-05' }),
  rel('12.6.1', R12_6, 'cudnn', 'eol', 'nvidia', { eolSince: '2024-10-14' }),
  rel('12.6.2', R12_6, 'cudnn', 'eol', 'nvidia', { eolSince: '2024-12-03' }),
  rel('12.6.3', R12_6, 'cudnn', 'supported', 'nvidia'),
  rel('12.8.0', R12_8, 'cudnn', 'eol', 'nvidia', { eolSince: '2025-09-10' }),
  rel('12.8.1', R12_8, 'cudnn', 'supported', 'nvidia'),
  rel('12.9.0', R12_9, 'cudnn', 'eol', 'nvidia', { eolSince: '2025-09-10' }),
  rel('12.9.1', R12_9, 'cudnn', 'superseded', 'derived'),
  rel('12.9.2', [U2004, U2204, U2404], 'cudnn', 'supported', 'derived', { onlyCudnnDevelConfirmed: true }),
  rel('13.0.0', R13_0, 'cudnn', 'eol', 'nvidia', { eolSince: '2025-09-10' }),
  rel('13.0.1', R13_0, 'cudnn', 'eol', 'nvidia', { eolSince: '2025-11-05' }),
  rel('13.0.2', R13_0_2, 'cudnn', 'superseded', 'derived'),
  rel('13.0.3', UBU, 'cudnn', 'supported', 'derived', { onlyCudnnDevelConfirmed: true }),
  rel('13.1.0', R13_1, null, 'superseded', 'derived'),
  rel('13.1.1', UBU, 'cudnn', 'superseded', 'derived', { onlyCudnnDevelConfirmed: true }),
  rel('13.1.2', UBU, 'cudnn', 'supported', 'derived', { onlyCudnnDevelConfirmed: true }),
  rel('13.2.0', UBU, 'cudnn', 'superseded', 'derived', { onlyCudnnDevelConfirmed: true }),
  rel('13.2.1', UBU, 'cudnn', 'supported', 'derived', { onlyCudnnDevelConfirmed: true }),
  rel('13.3.0', UBU, 'cudnn', 'supported', 'derived', { onlyCudnnDevelConfirmed: true }),
];

/** Distros that never get cuDNN images. */
const NO_CUDNN = new Set(['amzn2023', 'cm2', 'azl3']);

/** Status of a whole CUDA minor line. */
export interface CudaLine {
  version: string;
  status: 'eol' | 'supported';
  basis: 'nvidia' | 'policy' | 'derived';
  /** The newest patch the table knows (none for lines ≤ 10.2). */
  newestPatch?: string;
  eolSince?: string;
}

/** Newest CUDA `major.minor` in the table; newer versions are unknown. */
export const NEWEST_KNOWN_CUDA = '13.3';

/**
 * Status of a CUDA `major.minor` line: every release ≤ 10.2 and every 11.x line whose releases
 * NVIDIA listed as EOL is `eol`/`nvidia`; the rest of 11.x is `eol`/`policy`; 12.x and 13.x lines
 * are supported. Null for versions the table does not know (newer than NEWEST_KNOWN_CUDA, 12.7…).
 */
export function cudaLine(cuda: CudaVersion | string): CudaLine | null {
  const v = typeof cuda === 'string' ? parseCuda(cuda) : cuda;
  if (!v) return null;
  const key = `${v.major}.${v.minor}`;
  // answers depend on the static table only: each line is worked out once (at most a few hundred keys)
  const known = LINES.get(key);
  if (known !== undefined) return known;
  const line = lineOf(v, key);
  if (LINES.size < 512) LINES.set(key, line);
  return line;
}

const LINES = new Map<string, CudaLine | null>();

function lineOf(v: CudaVersion, key: string): CudaLine | null {
  if (v.major <= 10) return v.major >= 7 ? { version: key, status: 'eol', basis: 'nvidia' } : null;
  const rels = CUDA_IMAGE_RELEASES.filter((r) => r.version.startsWith(key + '.'));
  if (!rels.length) return null;
  const newest = rels[rels.length - 1];
  if (v.major === 11) {
    const allNvidia = rels.every((r) => r.status === 'eol' && r.basis === 'nvidia');
    return { version: key, status: 'eol', basis: allNvidia ? 'nvidia' : 'policy', newestPatch: newest.version, eolSince: allNvidia ? newest.eolSince : undefined };
  }
  return { version: key, status: 'supported', basis: newest.basis, newestPatch: newest.version };
}

/** The table row of an exact `major.minor.patch`; null when not listed. */
export function cudaImageRelease(version: string): CudaImageRelease | null {
  return RELEASE_BY_VERSION.get(version) ?? null;
}

const RELEASE_BY_VERSION = new Map(CUDA_IMAGE_RELEASES.map((r) => [r.version, r]));

/** The cuDNN tag word a release uses (`cudnn8` ≤ 12.2.2, `cudnn9` for 12.3.2, `cudnn` from 12.4.1). */
function cudnnWord(r: CudaImageRelease, distro: string): string | null {
  if (!r.cudnn || NO_CUDNN.has(distro) || r.noCudnnOn?.includes(distro)) return null;
  return r.cudnn;
}

function tagFor(r: CudaImageRelease, flavour: CudaFlavour, distro: string): string | null {
  if (!r.distros.includes(distro)) return null;
  if (r.onlyCudnnDevelConfirmed && flavour !== 'cudnn-devel') return null;
  if (flavour.startsWith('cudnn-')) {
    const word = cudnnWord(r, distro);
    return word ? `${r.version}-${word}-${flavour.slice(6)}-${distro}` : null;
  }
  return `${r.version}-${flavour}-${distro}`;
}

/**
 * The best known `nvidia/cuda` tag for a CUDA `major.minor` (or exact `major.minor.patch`), flavour
 * and distro: the newest patch that is confirmed to exist in that flavour and distro, preferring
 * releases that are not end-of-life. `cudaBaseTag('12.4', 'cudnn-runtime', 'ubuntu22.04')` →
 * `'12.4.1-cudnn-runtime-ubuntu22.04'`. Null when no such tag is known.
 */
export function cudaBaseTag(cuda: string, flavour: CudaFlavour, distro: string): string | null {
  const exact = /^\d+\.\d+\.\d+$/.test(cuda.trim());
  const v = parseCuda(cuda);
  if (!v) return null;
  const prefix = `${v.major}.${v.minor}.`;
  const rels = CUDA_IMAGE_RELEASES.filter((r) => (exact ? r.version === cuda.trim() : r.version.startsWith(prefix)));
  const ranked = [...rels].sort((a, b) => rank(b) - rank(a) || compareVersions(b.version, a.version));
  for (const r of ranked) {
    const t = tagFor(r, flavour, distro);
    if (t) return t;
  }
  return null;
}

function rank(r: CudaImageRelease): number {
  return r.status === 'supported' ? 2 : r.status === 'superseded' ? 1 : 0;
}

/** The newest CUDA `major.minor` whose images the table lists for a distro and flavour (used to suggest upgrades). */
export function newestCudaFor(flavour: CudaFlavour, distro: string): string | null {
  for (let k = CUDA_IMAGE_RELEASES.length - 1; k >= 0; k--) {
    const r = CUDA_IMAGE_RELEASES[k];
    if (r.status === 'supported' && tagFor(r, flavour, distro)) return r.version;
  }
  return null;
}

/**
 * NGC monthly releases (`YY.MM`) of the framework containers (pytorch, tensorflow, tritonserver,
 * jax) and the CUDA `major.minor` they ship, from NVIDIA's framework support matrix as remembered
 * (TABLE_DATES.ngc; not in the fact sheet: rules use it only to learn a base image's CUDA).
 * Months not listed are unknown and skipped by the rules.
 */
export const NGC_CUDA: Readonly<Record<string, string>> = {
  '22.01': '11.6', '22.02': '11.6', '22.03': '11.6', '22.04': '11.6', '22.05': '11.7', '22.06': '11.7',
  '22.07': '11.7', '22.08': '11.7', '22.09': '11.8', '22.10': '11.8', '22.11': '11.8', '22.12': '11.8',
  '23.01': '12.0', '23.02': '12.0', '23.03': '12.1', '23.04': '12.1', '23.05': '12.1', '23.06': '12.1',
  '23.07': '12.1', '23.08': '12.2', '23.09': '12.2', '23.10': '12.2', '23.11': '12.3', '23.12': '12.3',
  '24.01': '12.3', '24.02': '12.3', '24.03': '12.4', '24.04': '12.4', '24.05': '12.4', '24.06': '12.5',
  '24.07': '12.5', '24.08': '12.6', '24.09': '12.6', '24.10': '12.6', '24.11': '12.6', '24.12': '12.6',
  '25.01': '12.8', '25.02': '12.8', '25.03': '12.8', '25.04': '12.9', '25.05': '12.9', '25.06': '12.9',
  '25.08': '13.0', '25.09': '13.0', '25.10': '13.0',
};

/** CUDA of an NGC `YY.MM[-…]` framework tag; null when the month is unknown. */
export function cudaOfNgcTag(tag: string): CudaVersion | null {
  const m = /^(\d\d\.\d\d)/.exec(tag);
  const v = m ? NGC_CUDA[m[1]] : undefined;
  return v ? parseCuda(v) : null;
}

export const CUDA_IMAGES_AS_OF = TABLE_DATES.cudaImages;

/**
 * The `nvidia/cuda` tag grammar: `<major>.<minor>[.<patch>]-[cudnn[N]-](base|runtime|devel)-<os><version>`.
 * Groups: 1 major, 2 minor, 3 patch, 4 cudnn word, 5 flavour, 6 distro.
 */
export const CUDA_IMAGE_TAG_RE = /^(\d{1,2})\.(\d{1,2})(?:\.(\d{1,3}))?-(?:(cudnn\d{0,2})-)?(base|runtime|devel)-([a-z]+\d{1,4}(?:\.\d{1,2})?)$/;

/** The parts of an `nvidia/cuda` tag: `12.4.1-cudnn-runtime-ubuntu22.04` → version, flavour, distro. */
export function parseCudaImageTag(tag: string): { version: string; flavour: CudaFlavour; distro: string } | null {
  const m = CUDA_IMAGE_TAG_RE.exec(tag);
  if (!m) return null;
  const version = m[3] === undefined ? `${m[1]}.${m[2]}` : `${m[1]}.${m[2]}.${m[3]}`;
  const flavour = (m[4] ? `cudnn-${m[5]}` : m[5]) as CudaFlavour;
  return { version, flavour, distro: m[6] };
}

/**
 * For a tag of a patch NVIDIA moved to end-of-life: the same flavour and distro on the newest patch
 * of that minor that is known to exist and is not end-of-life (`12.1.0-devel-ubuntu22.04` →
 * `12.1.1-devel-ubuntu22.04`). Null when there is none or the tag is not end-of-life.
 */
export function maintainedCudaTag(tag: string): string | null {
  const t = parseCudaImageTag(tag);
  if (!t || !/^\d+\.\d+\.\d+$/.test(t.version)) return null;
  const r = cudaImageRelease(t.version);
  if (!r || r.status !== 'eol') return null;
  const next = cudaBaseTag(t.version.replace(/\.\d+$/, ''), t.flavour, t.distro);
  if (!next) return null;
  const nv = next.slice(0, next.indexOf('-'));
  return compareVersions(nv, t.version) > 0 && cudaImageRelease(nv)?.status !== 'eol' ? next : null;
}
