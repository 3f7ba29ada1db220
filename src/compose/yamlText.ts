// Positions and text edits on a parsed compose file: offsets from the `yaml` package's nodes turned
// into the lint core's 1-based ranges, and the few edit shapes the compose quick fixes need
// (replace a node, insert a key into a block mapping, delete a key's lines). Pure Node.
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
import type { Range, TextEdit } from '../lint/types';

export interface ParsedYaml {
  readonly text: string;
  readonly doc: Document.Parsed;
  readonly lines: LineCounter;
}

export function parseYaml(text: string): ParsedYaml {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  return { text, doc, lines };
}

/** 1-based range of the offsets [start, end). */
export function rangeOf(p: ParsedYaml, start: number, end: number): Range {
  const a = p.lines.linePos(Math.max(0, Math.min(start, p.text.length)));
  const b = p.lines.linePos(Math.max(0, Math.min(Math.max(end, start), p.text.length)));
  return { line: a.line, column: a.col, endLine: b.line, endColumn: b.col };
}

/** Where a node's own text is (without the trailing newline a block node's range carries). */
export function nodeSpan(node: Node | null | undefined): [number, number] | undefined {
  if (!node?.range) return undefined;
  if (isSeq(node) || isMap(node)) {
    if (!node.flow && node.items.length) {
      const last = node.items[node.items.length - 1] as Node | Pair;
      const lastEnd = isPairLike(last) ? (last.value as Node | null)?.range?.[1] ?? (last.key as Node | null)?.range?.[1] : last.range?.[1];
      if (lastEnd !== undefined) return [node.range[0], lastEnd];
    }
  }
  return [node.range[0], node.range[1]];
}

function isPairLike(x: unknown): x is Pair {
  return typeof x === 'object' && x !== null && 'key' in x && 'value' in x;
}

export function nodeRange(p: ParsedYaml, node: Node | null | undefined): Range {
  const s = nodeSpan(node) ?? [0, 0];
  let end = s[1];
  while (end > s[0] && /\s/.test(p.text[end - 1])) end--;
  return rangeOf(p, s[0], end);
}

/** The range of a pair's key (where most hints point). */
export function keyRange(p: ParsedYaml, pair: Pair): Range {
  return nodeRange(p, pair.key as Node);
}

export function lineStart(text: string, offset: number): number {
  const i = text.lastIndexOf('\n', offset - 1);
  return i + 1;
}

/** Offset just after the line that holds `offset` (past its newline). */
export function nextLineStart(text: string, offset: number): number {
  const i = text.indexOf('\n', offset);
  return i < 0 ? text.length : i + 1;
}

export function columnOf(text: string, offset: number): number {
  return offset - lineStart(text, offset);
}

export function editAt(p: ParsedYaml, start: number, end: number, newText: string): TextEdit {
  return { ...rangeOf(p, start, end), newText };
}

/** The mapping's block indentation, or undefined for a flow mapping / an empty one. */
export function blockIndent(p: ParsedYaml, map: YAMLMap): number | undefined {
  if (map.flow || !map.items.length) return undefined;
  const first = map.items[0].key as Node | null;
  if (!first?.range) return undefined;
  return columnOf(p.text, first.range[0]);
}

/** Indentation step used in the file (the first nested block mapping's offset from its parent), default 2. */
export function indentStep(p: ParsedYaml, map: YAMLMap, parentIndent: number | undefined): number {
  const own = blockIndent(p, map);
  if (own !== undefined && parentIndent !== undefined && own > parentIndent) return own - parentIndent;
  return 2;
}

/**
 * Inserts `lines` (already indented relative to the mapping, first line at column 0) as the first keys
 * of a block mapping. Undefined for flow or empty mappings (no fix is offered then).
 */
export function insertIntoMap(p: ParsedYaml, map: YAMLMap, lines: string[]): TextEdit | undefined {
  const indent = blockIndent(p, map);
  if (indent === undefined) return undefined;
  // At the first key itself, so a mapping that starts on a `- ` sequence line keeps its dash.
  const at = (map.items[0].key as Node).range![0];
  const pad = ' '.repeat(indent);
  return editAt(p, at, at, lines.map((l) => l + '\n' + pad).join(''));
}

/** Deletes a key with its value, as whole lines (for block mappings). */
export function deletePairLines(p: ParsedYaml, pair: Pair): TextEdit | undefined {
  const key = pair.key as Node | null;
  if (!key?.range) return undefined;
  const start = lineStart(p.text, key.range[0]);
  if (p.text.slice(start, key.range[0]).trim() !== '') return undefined;
  const valueEnd = nodeSpan(pair.value as Node | null)?.[1] ?? key.range[1];
  return editAt(p, start, nextLineStart(p.text, Math.max(valueEnd - 1, key.range[1])), '');
}

/** Plain string value of a scalar node, else undefined. */
export function str(node: unknown): string | undefined {
  if (isScalar(node) && (typeof node.value === 'string' || typeof node.value === 'number')) return String(node.value);
  return undefined;
}
