// JAX CUDA plugins (S8, table date TABLE_DATES.jax). Since jax 0.4.30 CUDA support is a plugin
// chosen by an extra: `jax[cuda12]` / `jax[cuda13]` (NVIDIA pip wheels) and `…-local` (system CUDA).
import { compareVersions } from './version';

export interface JaxCudaPlugin {
  /** The CUDA major of the extra (`cuda12` → 12). */
  major: number;
  /** Lowest CUDA toolkit `major.minor` the plugin runs with. */
  minCuda: string;
  /** Lowest Linux driver the JAX docs ask for. */
  minDriver: string;
  /** Lowest GPU compute capability. */
  minComputeCapability: string;
  /** First jax release whose extras include it (documented for releases). */
  since: string;
}

export const JAX_CUDA_PLUGINS: readonly JaxCudaPlugin[] = [
  { major: 12, minCuda: '12.1', minDriver: '525', minComputeCapability: '5.2', since: '0.4.26' },
  { major: 13, minCuda: '13.0', minDriver: '580', minComputeCapability: '7.5', since: '0.8.0' },
];

/** The plugin an extra selects: `cuda12`, `cuda12_pip`, `cuda12-local`, `cuda13` → its entry; null otherwise. */
export function jaxPluginOfExtra(extra: string): (JaxCudaPlugin & { local: boolean }) | null {
  const m = /^cuda(\d{2})(?:[_-](pip|local))?$/i.exec(extra.trim());
  if (!m) return null;
  const p = JAX_CUDA_PLUGINS.find((x) => x.major === Number(m[1]));
  return p ? { ...p, local: m[2]?.toLowerCase() === 'local' } : null;
}

/** True when a jax release documents the extra for that CUDA major (unknown versions: null). */
export function jaxHasPlugin(jaxVersion: string, major: number): boolean | null {
  const p = JAX_CUDA_PLUGINS.find((x) => x.major === major);
  if (!p || !/^\d+\.\d+(\.\d+)?$/.test(jaxVersion)) return null;
  return compareVersions(jaxVersion, p.since) >= 0;
}
