// TensorFlow's tested Linux GPU build configurations (S6, table date TABLE_DATES.tensorflow). Patch
// releases are assumed to keep their minor's CUDA/cuDNN (the source lists only `.0` releases and 2.16.1).
import { inSeries, parseCuda, type CudaVersion } from './version';

export interface TensorflowRelease {
  /** `major.minor` */
  version: string;
  python: [string, string];
  cuda: string;
  cudnn: string;
}

const TF: [string, string, string, string, string][] = [
  ['2.21', '3.10', '3.13', '12.5', '9.3'],
  ['2.20', '3.9', '3.13', '12.5', '9.3'],
  ['2.19', '3.9', '3.12', '12.5', '9.3'],
  ['2.18', '3.9', '3.12', '12.5', '9.3'],
  ['2.17', '3.9', '3.12', '12.3', '8.9'],
  ['2.16', '3.9', '3.12', '12.3', '8.9'],
  ['2.15', '3.9', '3.11', '12.2', '8.9'],
  ['2.14', '3.9', '3.11', '11.8', '8.7'],
  ['2.13', '3.8', '3.11', '11.8', '8.6'],
  ['2.12', '3.8', '3.11', '11.8', '8.6'],
  ['2.11', '3.7', '3.10', '11.2', '8.1'],
  ['2.10', '3.7', '3.10', '11.2', '8.1'],
  ['2.9', '3.7', '3.10', '11.2', '8.1'],
  ['2.8', '3.7', '3.10', '11.2', '8.1'],
  ['2.7', '3.7', '3.9', '11.2', '8.1'],
  ['2.6', '3.6', '3.9', '11.2', '8.1'],
  ['2.5', '3.6', '3.9', '11.2', '8.1'],
  ['2.4', '3.6', '3.8', '11.0', '8.0'],
  ['2.3', '3.5', '3.8', '10.1', '7.6'],
  ['2.2', '3.5', '3.8', '10.1', '7.6'],
  ['2.1', '3.5', '3.7', '10.1', '7.6'],
  ['2.0', '3.3', '3.7', '10.0', '7.4'],
];

export const TENSORFLOW_RELEASES: readonly TensorflowRelease[] = TF.map(([version, lo, hi, cuda, cudnn]) => ({ version, python: [lo, hi], cuda, cudnn }));

/** `tensorflow[and-cuda]` (NVIDIA pip wheels pulled in) exists from this release. */
export const TF_AND_CUDA_SINCE = '2.14';

/** The release row of `2.15`, `2.15.1`, `2.15.*`; null when unknown. */
export function tensorflowRelease(version: string): TensorflowRelease | null {
  const v = version.trim().replace(/\.\*$/, '');
  const mm = /^(\d+)\.(\d+)(?:\.\d+)?(?:\.?(?:rc|post)\d*)?$/.exec(v);
  if (!mm) return null;
  return TENSORFLOW_RELEASES.find((r) => inSeries(`${mm[1]}.${mm[2]}`, r.version)) ?? null;
}

/** The CUDA a TensorFlow release was tested with; null when unknown. */
export function cudaOfTensorflow(version: string): CudaVersion | null {
  const r = tensorflowRelease(version);
  return r ? parseCuda(r.cuda) : null;
}
