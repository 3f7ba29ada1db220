// Reading one PEP 508 requirement (`torch[cuda]==2.3.1+cu121 ; python_version >= "3.10"`) without
// resolving anything. Linear scans only: requirement text comes from the user's files.
import type { PyDep } from './types';

/** PEP 503 normalised name: lower case, runs of `-_.` become `-`. */
export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

const NAME = /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?/;

/** Splits `==2.3.1+cu121` into exact version and local label when the spec is a single `==`/`===`. */
export function exactOf(spec: string): { exact?: string; local?: string } {
  const s = spec.trim();
  if (s.includes(',')) return {};
  const m = /^===?\s*([0-9][0-9A-Za-z.!*]*)(?:\+([0-9A-Za-z.]+))?$/.exec(s);
  if (!m || m[1].includes('*')) return {};
  return { exact: m[1], ...(m[2] ? { local: m[2].toLowerCase() } : {}) };
}

/** One requirement; undefined when the text is not a requirement (URLs, paths, garbage). */
export function parseRequirement(text: string, from: string): PyDep | undefined {
  let rest = text.trim();
  let marker: string | undefined;
  const semi = rest.indexOf(';');
  if (semi >= 0) {
    marker = rest.slice(semi + 1).trim() || undefined;
    rest = rest.slice(0, semi).trim();
  }
  const m = NAME.exec(rest);
  if (!m) return undefined;
  const name = normalizeName(m[0]);
  rest = rest.slice(m[0].length).trimStart();
  let extras: string[] = [];
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']');
    if (close < 0) return undefined;
    extras = rest.slice(1, close).split(',').map((e) => normalizeName(e.trim())).filter(Boolean);
    rest = rest.slice(close + 1).trimStart();
  }
  if (rest.startsWith('@')) {
    // direct reference: keep the URL as the spec; a wheel file name may still carry a version
    const url = rest.slice(1).trim();
    const wheel = /-([0-9][0-9A-Za-z.]*)(?:%2B|\+)([0-9A-Za-z.]+)-[^/]*\.whl$/i.exec(url);
    return { name, spec: '@ ' + url, extras, from, ...(marker ? { marker } : {}), ...(wheel ? { exact: wheel[1], local: wheel[2].toLowerCase() } : {}) };
  }
  if (rest.startsWith('(') && rest.endsWith(')')) rest = rest.slice(1, -1).trim();
  if (rest !== '' && !/^[<>=!~]/.test(rest)) return undefined;
  const spec = rest.replace(/\s+/g, '');
  return { name, spec, extras, from, ...exactOf(spec), ...(marker ? { marker } : {}) };
}

/** Poetry-style constraint (`^2.1`, `~1.2`, `2.3.1`, `*`) as a PEP 440 spec, for display and exact pins. */
export function fromPoetryConstraint(c: string): string {
  const s = c.trim();
  if (s === '' || s === '*') return '';
  if (/^[0-9]/.test(s)) return '==' + s;
  return s;
}
