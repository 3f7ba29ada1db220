// The "Image Size" report: layers by size with the instruction that made them, per stage, the base
// image, the biggest paths in the largest layers, what the lint rules say about each big layer, and
// the change since the previous build of the same tag. Pure Node: no `vscode` import.
import { formatSize, shortId } from '../docker/imageInfo';
import type { ImageHistoryEntry } from '../docker/engine';
import { lintDockerfile } from '../lint/index';
import type { Problem } from '../lint/types';
import type { LayerContents, PathSize } from './layers';
import { entryLabel, layerEntries, mapHistory, snapshotOf, type MappedEntry, type SizeMapping, type SizeSnapshot } from './mapping';

export type { SizeSnapshot } from './mapping';
export { entryLabel, snapshotOf };

/** Lint codes that are about bytes left in a layer (caches, weights, toolchains, extra packages). */
export const SIZE_CODES: ReadonlySet<string> = new Set(['DL3009', 'DL3015', 'DL3019', 'DL3042', 'DL3060', 'ML004', 'ML006', 'ML008', 'ML009', 'ML010']);

export interface SizeReportInput {
  readonly ref: string;
  readonly imageId: string;
  readonly history: readonly ImageHistoryEntry[];
  readonly dockerfile?: { readonly path: string; readonly text: string };
  /** The image's RootFS diff IDs (oldest first), to match layer contents to history entries. */
  readonly rootFsLayers?: readonly string[];
  readonly contents?: ReadonlyMap<string, LayerContents>;
  readonly previous?: SizeSnapshot;
  /** Layers at or above this share of the image get lint findings and path hints (default 0.1). */
  readonly bigShare?: number;
}

export interface PathHint {
  readonly title: string;
  readonly advice: string;
  readonly size: number;
  readonly paths: string[];
}

export interface ReportLayer {
  readonly entry: MappedEntry;
  readonly label: string;
  readonly contents?: LayerContents;
  readonly findings: Problem[];
  readonly hints: PathHint[];
}

export interface SizeReport {
  readonly ref: string;
  readonly imageId: string;
  readonly mapping: SizeMapping;
  /** Layers with bytes, biggest first. */
  readonly layers: ReportLayer[];
  readonly baseFindings: Problem[];
  readonly snapshot: SizeSnapshot;
  readonly previous?: SizeSnapshot;
  readonly dockerfilePath?: string;
}

interface HintRule {
  readonly title: string;
  readonly advice: string;
  readonly test: (path: string) => boolean;
}

const WEIGHTS = /\.(safetensors|pt|pth|ckpt|onnx|gguf|h5|msgpack|tflite)$/i;
const HINTS: readonly HintRule[] = [
  { title: 'pip cache left in the layer', advice: 'Use `pip install --no-cache-dir`, or `RUN --mount=type=cache,target=/root/.cache/pip` (BuildKit).', test: (p) => /\/\.cache\/pip\//.test(p) },
  { title: 'uv cache left in the layer', advice: 'Use `uv pip install --no-cache`, or a BuildKit cache mount on /root/.cache/uv.', test: (p) => /\/\.cache\/uv\//.test(p) },
  { title: 'conda package cache left in the layer', advice: 'Run `conda clean -afy` (or `micromamba clean -afy`) in the same RUN.', test: (p) => /\/(conda|miniconda3|mambaforge|miniforge3|micromamba)\/pkgs\//.test(p) },
  { title: 'apt package lists left in the layer', advice: 'End the RUN with `rm -rf /var/lib/apt/lists/*`.', test: (p) => p.startsWith('/var/lib/apt/lists/') },
  { title: 'apt archives left in the layer', advice: 'Run `apt-get clean` in the same RUN (or use a cache mount on /var/cache/apt).', test: (p) => p.startsWith('/var/cache/apt/') },
  { title: 'model weights baked into the image', advice: 'Mount the weights at run time or download them at start, unless the image must be self-contained (then say so with `allowModelWeights`).', test: (p) => WEIGHTS.test(p) || /\/\.cache\/huggingface\//.test(p) },
  { title: 'CUDA devel toolchain shipped', advice: 'Compile in a `-devel` stage and copy the results into a `-runtime` (or `-base`) final stage.', test: (p) => /^\/usr\/local\/cuda[^/]*\/(bin\/(nvcc|ptxas|cicc)|nvvm\/|lib64\/[^/]*_static\.a$)/.test(p) },
];

/** Hints that are certain: the paths are in the layer. */
export function pathHints(contents: LayerContents): PathHint[] {
  const out: PathHint[] = [];
  for (const rule of HINTS) {
    const hits = contents.biggestFiles.filter((f) => rule.test(f.path));
    if (hits.length) out.push({ title: rule.title, advice: rule.advice, size: hits.reduce((a, f) => a + f.size, 0), paths: hits.map((f) => f.path) });
  }
  return out;
}

export function buildSizeReport(input: SizeReportInput): SizeReport {
  const mapping = mapHistory(input.history, input.dockerfile?.text);
  const bigShare = input.bigShare ?? 0.1;
  const problems = input.dockerfile ? lintDockerfile(input.dockerfile.text).filter((p) => SIZE_CODES.has(p.code)) : [];
  // History entry (newest-first index) → contents of its layer.
  const contentsOf = new Map<number, LayerContents>();
  if (input.contents && input.rootFsLayers) {
    const idx = layerEntries(input.history, input.rootFsLayers.length);
    if (idx) input.rootFsLayers.forEach((diffId, k) => {
      const c = input.contents!.get(diffId);
      if (c) contentsOf.set(idx[k], c);
    });
  }
  const layers: ReportLayer[] = mapping.entries
    .filter((e) => e.size > 0)
    .sort((a, b) => b.size - a.size || a.historyIndex - b.historyIndex)
    .map((entry) => {
      const big = entry.size >= bigShare * Math.max(mapping.total, 1);
      const contents = contentsOf.get(entry.historyIndex);
      const i = entry.instruction;
      const findings = big && i ? problems.filter((p) => p.line >= i.line && p.line <= i.endLine) : [];
      return { entry, label: entryLabel(entry), contents, findings, hints: contents ? pathHints(contents) : [] };
    });
  const fromLines = new Set(mapping.stages.map((st) => st.fromLine));
  const baseFindings = problems.filter((p) => fromLines.has(p.line));
  return {
    ref: input.ref,
    imageId: input.imageId,
    mapping,
    layers,
    baseFindings,
    snapshot: snapshotOf(input.imageId, mapping),
    previous: input.previous,
    dockerfilePath: input.dockerfile?.path,
  };
}

export interface SizeChange {
  readonly label: string;
  readonly before: number;
  readonly after: number;
}

/** What changed between two builds, by instruction; biggest change first. Unchanged rows are left out. */
export function diffSnapshots(before: SizeSnapshot, after: SizeSnapshot): SizeChange[] {
  const sum = (s: SizeSnapshot): Map<string, number> => {
    const m = new Map<string, number>();
    for (const r of s.rows) m.set(r.label, (m.get(r.label) ?? 0) + r.size);
    return m;
  };
  const a = sum(before);
  const b = sum(after);
  const labels = new Set([...a.keys(), ...b.keys()]);
  return [...labels]
    .map((label) => ({ label, before: a.get(label) ?? 0, after: b.get(label) ?? 0 }))
    .filter((c) => c.before !== c.after)
    .sort((x, y) => Math.abs(y.after - y.before) - Math.abs(x.after - x.before));
}

const mdCell = (s: string): string => s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/`/g, "'").replace(/[\r\n]+/g, ' ');
const code = (s: string): string => `\`${mdCell(s)}\``;
const pct = (part: number, total: number): string => `${total > 0 ? Math.round((100 * part) / total) : 0}%`;
const signed = (n: number): string => (n >= 0 ? `+${formatSize(n)}` : `−${formatSize(-n)}`);

function pathTable(title: string, items: readonly PathSize[]): string[] {
  if (!items.length) return [];
  return [`*${title}*`, '', '| Size | Path |', '|---:|---|', ...items.map((f) => `| ${formatSize(f.size)} | ${code(f.path)} |`), ''];
}

/** The report as Markdown, for a read-only preview. */
export function formatSizeReport(r: SizeReport): string {
  const m = r.mapping;
  const out: string[] = [];
  out.push(`# Image size: ${mdCell(r.ref)}`, '');
  const source = r.dockerfilePath && !m.historyOnly ? `built from ${code(r.dockerfilePath)}` : 'from the image history alone (no matching Dockerfile)';
  out.push(`**${formatSize(m.total)}** in ${r.layers.length} layer${r.layers.length === 1 ? '' : 's'} with content · image ${code(shortId(r.imageId))} · ${source}`, '');
  if (m.baseSize > 0 || m.baseImage) out.push(`Base image${m.baseImage ? ` ${code(m.baseImage)}` : ''}: **${formatSize(m.baseSize)}** (${pct(m.baseSize, m.total)}).`, '');
  for (const f of r.baseFindings) out.push(`- ${f.code} (line ${f.line}): ${mdCell(f.message)}`);
  if (r.baseFindings.length) out.push('');

  if (m.stages.length > 1 || (m.stages.length === 1 && !m.historyOnly)) {
    out.push('## Per stage', '', '| Stage | From | Added | Layers |', '|---|---|---:|---:|');
    for (const s of m.stages) out.push(`| ${s.name ? code(s.name) : `#${s.index}`} | ${code(s.image)} | ${formatSize(s.size)} | ${s.layers} |`);
    out.push('');
  }

  out.push('## Layers by size', '', '| Size | Share | Line | Instruction |', '|---:|---:|---:|---|');
  for (const l of r.layers) {
    const where = l.entry.instruction ? String(l.entry.instruction.line) : l.entry.origin === 'base' ? 'base' : '–';
    out.push(`| ${formatSize(l.entry.size)} | ${pct(l.entry.size, m.total)} | ${where} | ${code(l.entry.instruction?.summary ?? l.label)} |`);
  }
  out.push('');

  const detailed = r.layers.filter((l) => l.findings.length || l.hints.length || l.contents);
  if (detailed.length) {
    out.push('## The largest layers', '');
    for (const l of detailed) {
      const where = l.entry.instruction ? `line ${l.entry.instruction.line}` : l.entry.origin === 'base' ? 'base image' : 'history';
      out.push(`### ${formatSize(l.entry.size)} — ${code(l.entry.instruction?.summary ?? l.label)} (${where})`, '');
      for (const h of l.hints) out.push(`- **${h.title}** (${formatSize(h.size)} in ${h.paths.slice(0, 3).map(code).join(', ')}${h.paths.length > 3 ? ', …' : ''}): ${h.advice}`);
      for (const f of l.findings) out.push(`- ${f.code}: ${mdCell(f.message)}`);
      if (l.hints.length || l.findings.length) out.push('');
      if (l.contents) {
        out.push(...pathTable('Biggest folders', l.contents.biggestFolders.slice(0, 8)));
        out.push(...pathTable('Biggest files', l.contents.biggestFiles.slice(0, 10)));
        if (l.contents.whiteouts) out.push(`${l.contents.whiteouts} file(s) deleted here still take their space in the layers below.`, '');
      }
    }
  }

  out.push('## Since the previous build', '');
  if (!r.previous) out.push('No earlier build of this tag is remembered.', '');
  else if (r.previous.imageId === r.snapshot.imageId) out.push('Same image as the previous build.', '');
  else {
    const changes = diffSnapshots(r.previous, r.snapshot);
    out.push(`Total: ${formatSize(r.previous.total)} → ${formatSize(r.snapshot.total)} (${signed(r.snapshot.total - r.previous.total)}), previous image ${code(shortId(r.previous.imageId))}.`, '');
    if (changes.length) {
      out.push('| Change | Before | After | Instruction |', '|---:|---:|---:|---|');
      for (const c of changes.slice(0, 20)) out.push(`| ${signed(c.after - c.before)} | ${c.before ? formatSize(c.before) : '–'} | ${c.after ? formatSize(c.after) : '–'} | ${code(c.label)} |`);
      out.push('');
    }
  }
  return out.join('\n');
}
