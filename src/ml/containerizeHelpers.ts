// Facts containerize needs that the other tables do not hold: the CUDA of vLLM's and
// onnxruntime-gpu's default wheels (fact sheet §7.1 [S15] and §7.2 [S16, S17]; the vLLM table is
// partial and partly from downstream projects' notes). Table date: TABLE_DATES.torch's sources
// (2026-08/09). Versions not in a table give null, and the caller falls back to other pins.
import { compareVersions, parseCuda, type CudaVersion } from './version';

/** vLLM release (first of a range) → CUDA of its default wheel, ascending. */
export const VLLM_WHEEL_CUDA: readonly { since: string; cuda: string }[] = [
  { since: '0.3.3', cuda: '12.1' },
  { since: '0.8.0', cuda: '12.4' },
  { since: '0.9.0', cuda: '12.8' },
  { since: '0.11.1', cuda: '12.9' },
  // PyPI wheels are CUDA 13 builds from 0.26 on
  { since: '0.26.0', cuda: '13.0' },
];

/** onnxruntime-gpu release (first of a range) → CUDA of its PyPI wheel, ascending. */
export const ORT_GPU_WHEEL_CUDA: readonly { since: string; cuda: string }[] = [
  { since: '1.7.0', cuda: '11.0' },
  { since: '1.9.0', cuda: '11.4' },
  { since: '1.13.0', cuda: '11.6' },
  { since: '1.15.0', cuda: '11.8' },
  // from 1.19 the PyPI package is the CUDA 12.x + cuDNN 9 build
  { since: '1.19.0', cuda: '12.4' },
];

function lookup(table: readonly { since: string; cuda: string }[], version: string | undefined): CudaVersion | null {
  if (version === undefined) return parseCuda(table[table.length - 1].cuda);
  if (!/^\d+\.\d+(\.\d+)?$/.test(version) || compareVersions(version, table[0].since) < 0) return null;
  let hit = table[0];
  for (const row of table) if (compareVersions(version, row.since) >= 0) hit = row;
  return parseCuda(hit.cuda);
}

/** CUDA of the vLLM wheel of `version` (undefined: the newest known); null when unknown. */
export function vllmCuda(version?: string): CudaVersion | null {
  return lookup(VLLM_WHEEL_CUDA, version);
}

/**
 * CUDA of onnxruntime-gpu's PyPI wheel (undefined: the newest known); null when unknown. The CUDA 12
 * builds run on any 12.x runtime (minor-version compatibility); 12.4 is a supported image line.
 */
export function onnxruntimeCuda(version?: string): CudaVersion | null {
  return lookup(ORT_GPU_WHEEL_CUDA, version);
}
