// Where the ML knowledge base comes from and how current it is. Every table in src/ml cites the ids
// below; messages that rely on a table name its date (`TABLE_DATES`).
//
// Compiled from ../shared/reference/ml-compat.md (a fact sheet of public sources, newest items dated
// 2026-09-18; Python status read on 2026-12-03). No value here is fetched at run time: the extension
// works offline, and refreshing the data means editing these files and their dates.

/** The date the knowledge base as a whole describes (YYYY-MM-DD). */
export const ML_DATA_AS_OF = '2026-12-03';

/** The date each table's newest source was read, for messages ("torch table of 2026-08-21"). */
export const TABLE_DATES = {
  torch: '2026-08-21',
  tensorflow: '2026-03-11',
  jax: '2026-08-08',
  drivers: '2026-06',
  cudaImages: '2026-06-18',
  archs: '2026-08-21',
  python: '2026-12-03',
  ngc: '2026-11',
} as const;

export type TableName = keyof typeof TABLE_DATES;

export interface Source {
  id: string;
  what: string;
  where: string;
}

export const SOURCES: readonly Source[] = [
  { id: 'S1', what: 'Cog compatibility matrices (torch, TensorFlow, CUDA base images)', where: 'github.com/replicate/cog pkg/config/{torch,tf,cuda}_compatibility.json @73ee77bc (2026-05-07), regeneration branch @c0dea56f (2026-06-18)' },
  { id: 'S2', what: 'PyTorch binary build matrix and release promotion commits', where: 'github.com/pytorch/test-infra tools/scripts/generate_binary_build_matrix.py @61a77570 and release/2.1 … release/2.14' },
  { id: 'S3', what: 'PyTorch release compatibility matrix and CUDA support matrix', where: 'github.com/pytorch/pytorch RELEASE.md (2.14 row, PR #194367, 2026-08-21)' },
  { id: 'S5', what: 'torchvision ↔ torch table', where: 'github.com/pytorch/vision README.md' },
  { id: 'S6', what: 'TensorFlow tested build configurations', where: 'github.com/tensorflow/docs site/en/install/source.md @7c365021 (2026-03-11)' },
  { id: 'S8', what: 'JAX installation docs, CUDA plugins and changelog', where: 'github.com/jax-ml/jax @cec06d11 (2026-08-08)' },
  { id: 'S9', what: 'CUDA toolkit ↔ driver tables 2 and 3', where: 'docs.nvidia.com/cuda/archive/13.2.2/cuda-toolkit-release-notes' },
  { id: 'S11', what: 'nvidia/cuda supported and unsupported tags, support policy, EOL chart', where: 'gitlab.com/nvidia/container-images/cuda (mirror @e3c1b680, 2025-12-15); policy issue #177' },
  { id: 'S12', what: 'NVIDIA compute capability tables', where: 'developer.nvidia.com/cuda-gpus' },
  { id: 'PY', what: 'CPython release cycle', where: 'github.com/python/devguide include/release-cycle.json; python/peps release_management/python-releases.toml' },
];
