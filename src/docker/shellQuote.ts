// POSIX shell quoting, the one implementation: the `docker run …` line shown for a run profile, the
// compose command lines, and the lint core reading an exec-form RUN as the script it stands for.

/** Bare when safe, else single quotes with `'\''` for embedded quotes. */
export function shellQuote(s: string): string {
  if (s === '') return "''";
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(s)) return s;
  return `'${s.replace(/'/g, `'\\''`)}'`;
}
