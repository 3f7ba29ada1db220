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

/** Adds `value` to the list of `key` in `index`, starting the list as `[value]` (see {@link append}). */
export function addToList<K, V>(index: Map<K, V[]>, key: K, value: V): void {
  const list = index.get(key);
  if (list) list.push(value);
  else index.set(key, [value]);
}
