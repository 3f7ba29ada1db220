// Small-array helpers for hot paths.

/**
 * Appends `x` to `list`, or starts the list with it. V8 gives an empty array 16 slots on its first
 * push (about 130 bytes more than `[x]`), and most of the linter's lists hold one or two items.
 */
export function append<T>(list: T[] | null, x: T): T[] {
  if (list === null) return [x];
  list.push(x);
  return list;
}
