// Caches that live for one lint run. `lintWithDocument` empties them before and after each run, so
// they never keep a document alive. They are plain Maps rather than WeakMaps on purpose: V8 keeps
// WeakMap entries with young keys alive until a full GC, which made every lint's objects survive
// the minor GCs (and cost ~10% of the lint time in GC).
const caches: Map<unknown, unknown>[] = [];

/** A Map emptied around every lint run; keys are objects of the run (commands, scripts, stages, …). */
export function lintRunCache<K, V>(): Map<K, V> {
  const m = new Map<K, V>();
  caches.push(m as Map<unknown, unknown>);
  return m;
}

/** Empties every lint-run cache (called by the linter around each run). */
export function clearLintRunCaches(): void {
  for (const m of caches) if (m.size) m.clear();
}
