// CUDA toolkit → minimum NVIDIA Linux driver (S9 "Table 3"; 13.3 from secondary copies of NVIDIA's
// notes) and the floors for minor-version compatibility per major ("Table 2"). Table date:
// TABLE_DATES.drivers. Versions here: `major.minor.patch`, patch = "Update N" (12.6.3 = 12.6 Update 3).
import { compareVersions, parseCuda } from './version';

/** Linux x86_64 driver each toolkit release ships with / needs for all its features. */
export const TOOLKIT_DRIVERS: Readonly<Record<string, string>> = {
  '13.3.1': '610.43.02', '13.3.0': '610.43.02',
  '13.2.2': '595.71.05', '13.2.1': '595.58.03', '13.2.0': '595.45.04',
  '13.1.1': '590.48.01', '13.1.0': '590.44.01',
  '13.0.2': '580.95.05', '13.0.1': '580.82.07', '13.0.0': '580.65.06',
  '12.9.1': '575.57.08', '12.9.0': '575.51.03',
  '12.8.1': '570.124.06', '12.8.0': '570.26',
  '12.6.3': '560.35.05', '12.6.2': '560.35.03', '12.6.1': '560.35.03', '12.6.0': '560.28.03',
  '12.5.1': '555.42.06', '12.5.0': '555.42.02',
  '12.4.1': '550.54.15', '12.4.0': '550.54.14',
  '12.3.1': '545.23.08', '12.3.0': '545.23.06',
  '12.2.2': '535.104.05', '12.2.1': '535.86.09', '12.2.0': '535.54.03',
  '12.1.1': '530.30.02', '12.1.0': '530.30.02',
  '12.0.1': '525.85.12', '12.0.0': '525.60.13',
  '11.8.0': '520.61.05',
  '11.7.1': '515.48.07', '11.7.0': '515.43.04',
  '11.6.2': '510.47.03', '11.6.1': '510.47.03', '11.6.0': '510.39.01',
  '11.5.2': '495.29.05', '11.5.1': '495.29.05', '11.5.0': '495.29.05',
  '11.4.4': '470.82.01', '11.4.3': '470.82.01', '11.4.2': '470.57.02', '11.4.1': '470.57.02', '11.4.0': '470.42.01',
  '11.3.1': '465.19.01', '11.3.0': '465.19.01',
  '11.2.2': '460.32.03', '11.2.1': '460.32.03', '11.2.0': '460.27.03',
  '11.1.1': '455.32', '11.1.0': '455.23',
  '11.0.3': '450.51.06', '11.0.2': '450.51.05',
};

/** Lowest driver that runs binaries of any minor of a CUDA major (minor-version compatibility). */
export const MINOR_COMPAT_DRIVERS: Readonly<Record<number, string>> = {
  11: '450.80.02',
  12: '525.60.13',
  13: '580.65.06',
};

/**
 * Minimum Linux driver for a CUDA version. `'12.4.1'` → that release's driver; `'12.4'` → the GA
 * release's. With `minorCompat`, the floor for any minor of the major (what frameworks built for
 * that major need). Null when the table does not know the version.
 */
export function minDriverFor(cuda: string, opts: { minorCompat?: boolean } = {}): string | null {
  const v = parseCuda(cuda);
  if (!v) return null;
  if (opts.minorCompat) return MINOR_COMPAT_DRIVERS[v.major] ?? null;
  const full = /^\d+\.\d+\.\d+$/.test(cuda.trim()) ? cuda.trim() : `${v.major}.${v.minor}.0`;
  return TOOLKIT_DRIVERS[full] ?? null;
}

/** True when `driver` is at least `min` (dotted numeric comparison). */
export function driverAtLeast(driver: string, min: string): boolean {
  return compareVersions(driver, min) >= 0;
}
