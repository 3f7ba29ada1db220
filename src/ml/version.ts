// `major.minor[.patch]` versions as the tables use them.

export interface CudaVersion {
  major: number;
  minor: number;
}

/** `'12.4'`, `'12.4.1'` → `{ major: 12, minor: 4 }`; null for anything else. */
export function parseCuda(v: string): CudaVersion | null {
  const m = /^(\d{1,2})\.(\d{1,2})(?:\.\d{1,3})?$/.exec(v.trim());
  return m ? { major: Number(m[1]), minor: Number(m[2]) } : null;
}

/** `cu121` / `121` → 12.1, `cu118` → 11.8, `cu92` → 9.2, `cu130` → 13.0; null when not a CUDA tag. */
export function parseCuTag(tag: string): CudaVersion | null {
  const m = /^(?:cu)?(\d{2,3})$/.exec(tag);
  if (!m) return null;
  return { major: Number(m[1].slice(0, -1)), minor: Number(m[1].slice(-1)) };
}

export function cudaString(v: CudaVersion): string {
  return `${v.major}.${v.minor}`;
}

/** `cuXYZ` tag of a CUDA version (12.1 → `cu121`). */
export function cuTagOf(v: CudaVersion): string {
  return `cu${v.major}${v.minor}`;
}

/** Numeric parts of a dotted version (`2.1.0` → [2, 1, 0]); null when a part is not a number. */
export function versionParts(v: string): number[] | null {
  const parts = v.split('.');
  const out: number[] = [];
  for (const p of parts) {
    if (!/^\d{1,6}$/.test(p)) return null;
    out.push(Number(p));
  }
  return out;
}

/** Compares dotted numeric versions part by part; missing parts count as 0. */
export function compareVersions(a: string, b: string): number {
  const x = versionParts(a) ?? [];
  const y = versionParts(b) ?? [];
  for (let k = 0; k < Math.max(x.length, y.length); k++) {
    const d = (x[k] ?? 0) - (y[k] ?? 0);
    if (d) return d < 0 ? -1 : 1;
  }
  return 0;
}

/** True when `v` equals `prefix` or starts with `prefix.` (`2.1.2` is in `2.1`). */
export function inSeries(v: string, prefix: string): boolean {
  return v === prefix || v.startsWith(prefix + '.');
}
