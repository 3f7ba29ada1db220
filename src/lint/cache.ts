// Caches that live for one lint run. `lintWithDocument` drops them before and after each run, so
// they never keep a document alive.
//
// Each run gets fresh Maps (created on first use) instead of clearing long-lived ones: a module-level
// Map ends up in V8's old generation, and `Map.clear()` leaves its old hash table (with the run's keys
// and values still in it) behind in old space, where the write barrier has recorded its pointers to
// young objects. Every minor GC then kept those objects, and everything they point to, alive and
// promoted them: on a 1,000-line file about 40% of the lint time went to copying dead documents.
// Fresh per-run Maps are young and die with the run. (WeakMaps were tried first: V8 keeps entries with
// young keys alive until a full GC, which has the same effect.)

/** A map from objects of one lint run (commands, scripts, stages, …) to facts about them. */
export interface RunCache<K, V> {
  get(key: K): V | undefined;
  set(key: K, value: V): void;
}

/** The current run's maps, by cache slot. */
let maps: (Map<unknown, unknown> | undefined)[] = [];
let slots = 0;

/** A cache emptied around every lint run. */
export function lintRunCache<K, V>(): RunCache<K, V> {
  const slot = slots++;
  return {
    get: (key) => maps[slot]?.get(key) as V | undefined,
    set: (key, value) => {
      (maps[slot] ??= new Map()).set(key, value);
    },
  };
}

/** Drops every lint-run cache (called by the linter around each run). */
export function clearLintRunCaches(): void {
  if (maps.length) maps = [];
}
