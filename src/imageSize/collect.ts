// Gathers what the size report needs from an engine: inspect (id, RootFS layers), history, and the
// contents of the largest layers from the export stream. Pure Node: no `vscode` import; the editor
// part (ui.ts), the integration tests and the bench all call this.
import type { Engine } from '../docker/engine';
import { ExportScanner, scanImageLayers, type LayerContents } from './layers';
import { layerEntries } from './mapping';
import { buildSizeReport, type SizeReport, type SizeSnapshot } from './report';

export interface CollectOptions {
  readonly dockerfile?: { readonly path: string; readonly text: string };
  readonly previous?: SizeSnapshot;
  /** How many of the largest layers to open (0: history only). Default 3. */
  readonly topLayers?: number;
  readonly signal?: AbortSignal;
  /** Time allowed for the engine to start sending the export (it may write the image out first). */
  readonly exportTimeoutMs?: number;
}

/** Diff IDs of the `n` largest layers and the smallest of their sizes, or undefined when history and layers do not align. */
export function largestLayers(history: Parameters<typeof layerEntries>[0], rootFsLayers: readonly string[], n: number): { wanted: Set<string>; minSize: number } | undefined {
  const idx = layerEntries(history, rootFsLayers.length);
  if (!idx || n <= 0) return undefined;
  const ranked = idx
    .map((hi, k) => ({ diffId: rootFsLayers[k], size: history[hi].Size }))
    .filter((l) => l.size > 0)
    .sort((a, b) => b.size - a.size)
    .slice(0, n);
  if (!ranked.length) return undefined;
  return { wanted: new Set(ranked.map((l) => l.diffId)), minSize: ranked[ranked.length - 1].size };
}

export async function collectSizeReport(engine: Engine, ref: string, opts: CollectOptions = {}): Promise<SizeReport> {
  const inspect = await engine.inspectImage(ref, { signal: opts.signal });
  const history = await engine.imageHistory(inspect.Id, { signal: opts.signal });
  const rootFsLayers = inspect.RootFS?.Layers ?? [];
  let contents: Map<string, LayerContents> | undefined;
  const target = largestLayers(history, rootFsLayers, opts.topLayers ?? 3);
  if (target) {
    const callOpts = { signal: opts.signal, timeoutMs: opts.exportTimeoutMs ?? 600_000 };
    // A layer tar is never smaller than the bytes of its files: smaller tars are skipped unread.
    const scan = { wanted: target.wanted, minTarSize: target.minSize, signal: opts.signal };
    if (engine.exportImageTo) {
      const scanner = new ExportScanner(scan);
      await engine.exportImageTo(inspect.Id, (buf, start, end) => scanner.push(buf, start, end), callOpts);
      if (scanner.invalid) throw new Error('The image export is not a tar archive.');
      contents = scanner.found;
    } else {
      contents = await scanImageLayers(await engine.exportImage(inspect.Id, callOpts), scan);
    }
  }
  return buildSizeReport({ ref, imageId: inspect.Id, history, dockerfile: opts.dockerfile, rootFsLayers, contents, previous: opts.previous });
}
