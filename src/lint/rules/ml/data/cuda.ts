// CUDA releases and their container support status, for ML001/ML002/ML005.
//
// Compiled 2026-11-21 for the state as of 2026-11. Sources and assumptions:
// - NVIDIA's CUDA container support policy (gitlab.com/nvidia/container-images/cuda,
//   doc/support-policy.md): tags of an end-of-life CUDA release are removed from Docker Hub and NGC
//   about six months after EOL; deprecated images print a "scheduled for deletion" banner.
// - Deletions reported publicly: 10.2 and older tags gone (docker/docs PR 18898), 11.0–11.7 tags
//   deleted (cupy 7548, LightGBM 6520, AliceVision 1792, abacus-develop 2698).
// - Assumption (not fetched live — this workplace has no network access): 11.8 is past its support
//   window and deprecated but its tags are still published and widely pulled: it is marked
//   "deprecated" and ML002 does not report it (false positives cost more than misses); 12.0–12.9
//   are supported; 13.0 is current.
//   Versions newer than the table are unknown and never reported.
// Refresh this table when NVIDIA updates the support policy; keep the date above in step.

export type CudaStatus = 'eol' | 'deprecated' | 'supported' | 'current';

export interface CudaRelease {
  /** `major.minor` */
  version: string;
  status: CudaStatus;
  /** When the release stopped being supported (YYYY-MM), when known. */
  eol?: string;
}

export const CUDA_TABLE_DATE = '2026-11';

export const CUDA_RELEASES: CudaRelease[] = [
  ...['7.0', '7.5', '8.0', '9.0', '9.1', '9.2', '10.0', '10.1', '10.2'].map((version) => ({ version, status: 'eol' as const })),
  { version: '11.0', status: 'eol', eol: '2023-05' },
  { version: '11.1', status: 'eol', eol: '2023-05' },
  { version: '11.2', status: 'eol', eol: '2023-05' },
  { version: '11.3', status: 'eol', eol: '2023-05' },
  { version: '11.4', status: 'eol', eol: '2023-11' },
  { version: '11.5', status: 'eol', eol: '2023-11' },
  { version: '11.6', status: 'eol', eol: '2023-11' },
  { version: '11.7', status: 'eol', eol: '2024-05' },
  { version: '11.8', status: 'deprecated' },
  ...['12.0', '12.1', '12.2', '12.3', '12.4', '12.5', '12.6', '12.8', '12.9'].map((version) => ({ version, status: 'supported' as const })),
  { version: '13.0', status: 'current' },
];

const BY_VERSION = new Map(CUDA_RELEASES.map((r) => [r.version, r]));

/** The table entry for `major.minor`, or undefined when the release is not in the table. */
export function cudaRelease(major: number, minor: number): CudaRelease | undefined {
  const known = BY_VERSION.get(`${major}.${minor}`);
  if (known) return known;
  // every release of an all-EOL major line (<= 10) is EOL even if it is not listed
  if (major <= 10) return { version: `${major}.${minor}`, status: 'eol' };
  return undefined;
}

/**
 * NGC monthly releases (`YY.MM`) of the framework containers (pytorch, tensorflow, tritonserver, jax)
 * and the CUDA `major.minor` they ship, from NVIDIA's framework support matrix as remembered on the
 * date above. Months not listed are unknown and skipped by the rules.
 */
export const NGC_CUDA: Record<string, string> = {
  '22.01': '11.6', '22.02': '11.6', '22.03': '11.6', '22.04': '11.6', '22.05': '11.7', '22.06': '11.7',
  '22.07': '11.7', '22.08': '11.7', '22.09': '11.8', '22.10': '11.8', '22.11': '11.8', '22.12': '11.8',
  '23.01': '12.0', '23.02': '12.0', '23.03': '12.1', '23.04': '12.1', '23.05': '12.1', '23.06': '12.1',
  '23.07': '12.1', '23.08': '12.2', '23.09': '12.2', '23.10': '12.2', '23.11': '12.3', '23.12': '12.3',
  '24.01': '12.3', '24.02': '12.3', '24.03': '12.4', '24.04': '12.4', '24.05': '12.4', '24.06': '12.5',
  '24.07': '12.5', '24.08': '12.6', '24.09': '12.6', '24.10': '12.6', '24.11': '12.6', '24.12': '12.6',
  '25.01': '12.8', '25.02': '12.8', '25.03': '12.8', '25.04': '12.9', '25.05': '12.9', '25.06': '12.9',
  '25.08': '13.0', '25.09': '13.0', '25.10': '13.0',
};
