// CPython branches' end of life (python/devguide release-cycle data; 3.12+ derived from the
// five-year rule). Table date: TABLE_DATES.python. Status is computed against a date the caller
// passes (ML_DATA_AS_OF by default), never the wall clock, so lint results do not change by day.
import { ML_DATA_AS_OF } from './sources';

export interface PythonBranch {
  version: string;
  /** End of life, `YYYY-MM[-DD]`. */
  eol: string;
}

export const PYTHON_BRANCHES: readonly PythonBranch[] = [
  { version: '2.7', eol: '2020-01-01' },
  { version: '3.5', eol: '2020-09-30' },
  { version: '3.6', eol: '2021-12-23' },
  { version: '3.7', eol: '2023-06-27' },
  { version: '3.8', eol: '2024-10' },
  { version: '3.9', eol: '2025-10-31' },
  { version: '3.10', eol: '2026-10' },
  { version: '3.11', eol: '2027-10' },
  { version: '3.12', eol: '2028-10' },
  { version: '3.13', eol: '2029-10' },
  { version: '3.14', eol: '2030-10' },
];

/** Branch row of `3.9`, `3.9.18`; null when unknown. */
export function pythonBranch(version: string): PythonBranch | null {
  const m = /^(\d)\.(\d{1,2})(?:\.\d+)?$/.exec(version.trim());
  if (!m) return null;
  const key = `${m[1]}.${m[2]}`;
  return PYTHON_BRANCHES.find((b) => b.version === key) ?? null;
}

/** True when the branch is past end of life on `on` (YYYY-MM-DD). A `YYYY-MM` EOL counts from the month after. */
export function pythonIsEol(version: string, on: string = ML_DATA_AS_OF): boolean | null {
  const b = pythonBranch(version);
  if (!b) return null;
  return eolPassed(b.eol, on);
}

function eolPassed(eol: string, on: string): boolean {
  if (eol.length === 7) return on.slice(0, 7) > eol;
  return on > eol;
}

/** The oldest branch still supported on `on`. */
export function oldestSupportedPython(on: string = ML_DATA_AS_OF): PythonBranch {
  return PYTHON_BRANCHES.find((b) => !eolPassed(b.eol, on)) ?? PYTHON_BRANCHES[PYTHON_BRANCHES.length - 1];
}

// Debian releases and Alpine versions the official python images stopped building for: a suggested
// tag keeps the variant (`slim`, `alpine`) but drops these pins, so it names an image that exists.
const OLD_SUFFIXES = /^(?:stretch|buster|bullseye|alpine3\.\d+)$/;

/**
 * The nearest supported official `python` tag for an end-of-life one: `3.9-slim` → `3.11-slim`,
 * `3.8.18-bookworm` → `3.11-bookworm`, `3.9-alpine3.18` → `3.11-alpine`. Null when the tag is not
 * a versioned python tag or its branch is still supported on `on`.
 */
export function nearestSupportedPythonTag(tag: string, on: string = ML_DATA_AS_OF): string | null {
  const m = /^(\d\.\d{1,2})(?:\.\d+)?((?:-[a-z0-9.]+)*)$/.exec(tag.trim());
  if (!m || !pythonIsEol(m[1], on)) return null;
  const target = oldestSupportedPython(on).version;
  const parts = m[2] ? m[2].slice(1).split('-') : [];
  const kept: string[] = [];
  for (const p of parts) {
    if (OLD_SUFFIXES.test(p)) {
      if (p.startsWith('alpine')) kept.push('alpine');
      continue;
    }
    kept.push(p);
  }
  return [target, ...kept].join('-');
}
