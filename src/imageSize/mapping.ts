// Maps an image's history (GET /images/{id}/history) to the Dockerfile that built it: which
// instruction, on which line, made each layer, and which layers came with the base image.
// Pure Node: no `vscode` import.
//
// Both builders write history, in different words:
//   classic   `/bin/sh -c #(nop)  ENV A=b`, `/bin/sh -c #(nop) COPY file:<hash> in /dst `,
//             `/bin/sh -c <command>`, `|1 ARG=v /bin/sh -c <command>`, exec form as the joined argv
//   BuildKit  `ENV A=b`, `COPY src /dst # buildkit`, `RUN /bin/sh -c <command> # buildkit`,
//             `RUN |1 ARG=v /bin/sh -c <command> # buildkit`
//   Buildah   (Podman) the classic forms, except exec-form RUN as `/bin/sh -c ["argv", …]` and RUN
//             flags after the shell (`/bin/sh -c --mount=type=tmpfs,target=/t cmd`); its sizes
//             are the layer tars' (each file's 512-byte header and padding, 1 KiB end blocks: an
//             empty RUN weighs 1024 bytes), and its Comment is `FROM <parent id>`.
// Only the stages the final image descends from (`FROM <stage>` chains) make its layers; what is
// older than the first matched instruction is the base image's.
import { parseDockerfile, type Dockerfile, type Instruction, type Stage } from '../lint/parser';
import type { ImageHistoryEntry } from '../docker/engine';

/** What one history entry says about the instruction that made it. */
export interface HistoryStep {
  /** Upper-case instruction keyword (RUN for commands, also exec-form and classic ones). */
  readonly keyword: string;
  /** The instruction's arguments as recorded (RUN: the command without the shell prefix). */
  readonly text: string;
  readonly builder: 'classic' | 'buildkit';
}

const NOP = /^\/bin\/sh -c #\(nop\)\s*/;
const BUILDKIT_SUFFIX = /\s*# buildkit$/;
/** `|2 A=1 B=2 ` — the build args in scope of a RUN, recorded before the command. */
function stripArgPrefix(s: string): string {
  const m = /^\|(\d+)\s/.exec(s);
  if (!m) return s;
  let rest = s.slice(m[0].length);
  for (let n = Number(m[1]); n > 0; n--) {
    // Each is NAME=value with no spaces in the recorded form; stop at the first word that is not.
    const w = /^[A-Za-z_][A-Za-z0-9_]*=\S*\s*/.exec(rest);
    if (!w) break;
    rest = rest.slice(w[0].length);
  }
  return rest;
}

function stripShell(s: string): string {
  return s.startsWith('/bin/sh -c ') ? s.slice('/bin/sh -c '.length) : s;
}

/** Reads one history entry's CreatedBy. Never throws. */
export function parseCreatedBy(createdBy: string, comment = ''): HistoryStep {
  const raw = typeof createdBy === 'string' ? createdBy : '';
  const buildkit = BUILDKIT_SUFFIX.test(raw) || comment.startsWith('buildkit');
  if (NOP.test(raw)) {
    const rest = raw.replace(NOP, '');
    const m = /^([A-Za-z]+)\s*([\s\S]*)$/.exec(rest);
    return { keyword: (m?.[1] ?? '').toUpperCase(), text: (m?.[2] ?? '').trim(), builder: 'classic' };
  }
  if (buildkit) {
    const body = raw.replace(BUILDKIT_SUFFIX, '');
    const m = /^([A-Z]+)(?:\s+([\s\S]*))?$/.exec(body);
    if (m) {
      const keyword = m[1];
      let text = (m[2] ?? '').trim();
      if (keyword === 'RUN') text = stripShell(stripArgPrefix(stripRunFlags(text)));
      return { keyword, text, builder: 'buildkit' };
    }
  }
  // Classic RUN: shell form (`/bin/sh -c …`, maybe after `|N A=b`) or exec form (the argv joined).
  // Buildah keeps RUN's flags (`--mount=…`) after `/bin/sh -c `.
  return { keyword: 'RUN', text: execFormText(stripRunFlags(stripShell(stripArgPrefix(raw))).trim()), builder: 'classic' };
}

/**
 * Buildah (Podman's builder) records an exec-form RUN as the JSON array after `/bin/sh -c `, e.g.
 * `/bin/sh -c ["/bin/busybox", "--install"]`: read it as the argv joined, like Docker's form. A shell
 * command that only looks like an array (`[ -f x ] && …`) is not valid JSON and stays as it is.
 */
function execFormText(text: string): string {
  if (!text.startsWith('[') || !text.endsWith(']')) return text;
  try {
    const argv: unknown = JSON.parse(text);
    if (Array.isArray(argv) && argv.length > 0 && argv.every((a) => typeof a === 'string')) return argv.join(' ');
  } catch {
    // not JSON: a shell command starting with `[`
  }
  return text;
}

/** BuildKit records RUN's `--mount=…`/`--network=…` flags before the command. */
function stripRunFlags(s: string): string {
  let rest = s;
  for (;;) {
    const m = /^--[a-z-]+(?:=\S*)?\s+/.exec(rest);
    if (!m) return rest;
    rest = rest.slice(m[0].length);
  }
}

const collapse = (s: string): string => s.replace(/\s+/g, ' ').trim();

/** The command a RUN instruction records: shell form as written (continuations joined), exec form joined with spaces. */
function runText(instr: Instruction): string {
  if (instr.json) return instr.json.join(' ');
  return instr.rest;
}

/** Last word of COPY/ADD when it is a literal absolute path (for a cheap destination check). */
function literalDestination(text: string): string | null {
  const words = text.trim().split(/\s+/);
  const last = words[words.length - 1] ?? '';
  if (!last.startsWith('/') || last.includes('$')) return null;
  return last.replace(/\/+$/, '') || '/';
}

/** True when the history entry can have been made by this instruction. */
export function stepMatches(step: HistoryStep, instr: Instruction): boolean {
  const keyword = instr.keyword === 'MAINTAINER' ? 'MAINTAINER' : instr.keyword;
  if (step.keyword !== keyword) return false;
  if (keyword === 'RUN') {
    if (instr.heredocs.length) return collapse(step.text).startsWith(collapse(instr.rest.split('<<')[0] ?? ''));
    return collapse(step.text) === collapse(runText(instr));
  }
  if (keyword === 'COPY' || keyword === 'ADD') {
    const want = instr.json ? (instr.json[instr.json.length - 1] ?? '') : instr.rest;
    const a = literalDestination(want);
    const b = literalDestination(step.text);
    return a === null || b === null || a === b;
  }
  return true;
}

/** The stages the final image descends from, root first (`FROM base` … `FROM <final>`). */
export function stageChain(doc: Dockerfile): Stage[] {
  const chain: Stage[] = [];
  let stage = doc.stages[doc.stages.length - 1];
  const seen = new Set<number>();
  while (stage && !seen.has(stage.index)) {
    seen.add(stage.index);
    chain.unshift(stage);
    const parentName = (stage.resolvedImage ?? stage.image).toLowerCase();
    const parent = doc.stages.find((s) => s.index < stage!.index && s.name !== null && s.name.toLowerCase() === parentName);
    if (!parent) break;
    stage = parent;
  }
  return chain;
}

export type LayerOrigin = 'dockerfile' | 'base' | 'unmapped';

export interface MappedInstruction {
  /** 1-based first and last line of the instruction. */
  readonly line: number;
  readonly endLine: number;
  readonly keyword: string;
  readonly stage: number;
  readonly stageName: string | null;
  /** The instruction's first line as written, shortened for display. */
  readonly summary: string;
}

export interface MappedEntry {
  /** Position in the history as the engine returns it (newest first). */
  readonly historyIndex: number;
  readonly createdBy: string;
  readonly size: number;
  readonly step: HistoryStep;
  readonly origin: LayerOrigin;
  readonly instruction?: MappedInstruction;
}

export interface StageSize {
  readonly index: number;
  readonly name: string | null;
  readonly image: string;
  /** 1-based line of the stage's FROM. */
  readonly fromLine: number;
  readonly size: number;
  readonly layers: number;
}

export interface SizeMapping {
  /** Newest first, like the history. */
  readonly entries: MappedEntry[];
  /** Total of the layers the base image brought (external image; 0 for scratch). */
  readonly baseSize: number;
  readonly baseImage: string | null;
  readonly total: number;
  /** Bytes per 1-based instruction line (the instruction's first line). */
  readonly byLine: ReadonlyMap<number, number>;
  /** The stages of the chain, root first, with the bytes their instructions added. */
  readonly stages: StageSize[];
  /** True when no Dockerfile was given (history alone). */
  readonly historyOnly: boolean;
}

function summarize(doc: Dockerfile, instr: Instruction): string {
  const first = (doc.lines[instr.range.line - 1] ?? '').trim();
  const oneLine = first.endsWith(doc.escape) ? `${first.slice(0, -1).trimEnd()} …` : first;
  return oneLine.length > 100 ? `${oneLine.slice(0, 99)}…` : oneLine;
}

/**
 * Maps history entries to the Dockerfile's instructions. `dockerfile` may be omitted (or not
 * match at all): then every entry is 'unmapped' and the report works from the history alone.
 */
export function mapHistory(history: readonly ImageHistoryEntry[], dockerfile?: string): SizeMapping {
  const hist = Array.isArray(history) ? history : [];
  const steps = hist.map((h) => parseCreatedBy(String(h?.CreatedBy ?? ''), String(h?.Comment ?? '')));
  const sizes = hist.map((h) => (Number.isFinite(h?.Size) && h.Size > 0 ? h.Size : 0));
  const total = sizes.reduce((a, b) => a + b, 0);
  const doc = dockerfile === undefined ? undefined : parseDockerfile(dockerfile);
  const chain = doc ? stageChain(doc) : [];
  const instrs: Instruction[] = chain.flatMap((s) => s.instructions.filter((i) => i.keyword !== 'FROM' && !i.inOnbuild));

  // Oldest first for the alignment.
  const H = hist.length;
  const I = instrs.length;
  const oldest = (k: number): number => H - 1 - k;
  // Longest common subsequence of (history, instructions) under stepMatches; backtracking from the
  // newest end prefers matches near the top of the image, where the Dockerfile's own layers are.
  const dp: Uint16Array[] = Array.from({ length: H + 1 }, () => new Uint16Array(I + 1));
  for (let a = 1; a <= H; a++) {
    const step = steps[oldest(a - 1)];
    for (let b = 1; b <= I; b++) {
      dp[a][b] = stepMatches(step, instrs[b - 1]) ? dp[a - 1][b - 1] + 1 : Math.max(dp[a - 1][b], dp[a][b - 1]);
    }
  }
  const match = new Map<number, Instruction>(); // history index (newest first) → instruction
  for (let a = H, b = I; a > 0 && b > 0; ) {
    const hi = oldest(a - 1);
    if (stepMatches(steps[hi], instrs[b - 1]) && dp[a][b] === dp[a - 1][b - 1] + 1) {
      match.set(hi, instrs[b - 1]);
      a--;
      b--;
    } else if (dp[a - 1][b] >= dp[a][b - 1]) a--;
    else b--;
  }
  // Everything older than the oldest matched entry belongs to the base image.
  let oldestMatched = -1;
  for (const hi of match.keys()) oldestMatched = Math.max(oldestMatched, hi);
  const hasBase = chain.length > 0 && !/^scratch$/i.test(chain[0].resolvedImage ?? chain[0].image);

  const entries: MappedEntry[] = hist.map((h, hi) => {
    const instr = match.get(hi);
    const origin: LayerOrigin = instr ? 'dockerfile' : match.size > 0 && hi > oldestMatched ? 'base' : 'unmapped';
    const stage = instr ? doc!.stages[instr.stage] : undefined;
    return {
      historyIndex: hi,
      createdBy: String(h?.CreatedBy ?? ''),
      size: sizes[hi],
      step: steps[hi],
      origin,
      instruction: instr && stage
        ? { line: instr.range.line, endLine: instr.range.endLine, keyword: instr.keyword, stage: instr.stage, stageName: stage.name, summary: summarize(doc!, instr) }
        : undefined,
    };
  });
  const baseSize = entries.filter((e) => e.origin === 'base').reduce((a, e) => a + e.size, 0);
  const byLine = new Map<number, number>();
  for (const e of entries) if (e.instruction) byLine.set(e.instruction.line, (byLine.get(e.instruction.line) ?? 0) + e.size);
  const stages: StageSize[] = chain.map((s) => {
    const mine = entries.filter((e) => e.instruction?.stage === s.index);
    return { index: s.index, name: s.name, image: s.image, fromLine: s.from.range.line, size: mine.reduce((a, e) => a + e.size, 0), layers: mine.filter((e) => e.size > 0).length };
  });
  return {
    entries,
    baseSize,
    baseImage: hasBase ? (chain[0].resolvedImage ?? chain[0].image) : null,
    total,
    byLine,
    stages,
    historyOnly: !doc || match.size === 0,
  };
}

/**
 * Which history entries (newest-first indexes) carry a filesystem layer, aligned with the image's
 * RootFS layers (oldest first). History does not say so directly; a layer of 0 bytes is still a
 * layer for BuildKit (RUN, COPY, ADD, WORKDIR) but not for the classic builder. Returns undefined
 * when no reading gives exactly `layerCount` layers.
 */
export function layerEntries(history: readonly ImageHistoryEntry[], layerCount: number): number[] | undefined {
  const steps = history.map((h) => parseCreatedBy(String(h.CreatedBy ?? ''), String(h.Comment ?? '')));
  const sized = history.map((h, i) => (h.Size > 0 ? i : -1)).filter((i) => i >= 0);
  const oldestFirst = (list: number[]): number[] => [...list].sort((a, b) => b - a);
  if (sized.length === layerCount) return oldestFirst(sized);
  const fsKeywords = new Set(['RUN', 'COPY', 'ADD', 'WORKDIR']);
  const withEmpty = history
    .map((h, i) => (h.Size > 0 || (steps[i].builder === 'buildkit' && fsKeywords.has(steps[i].keyword)) ? i : -1))
    .filter((i) => i >= 0);
  if (withEmpty.length === layerCount) return oldestFirst(withEmpty);
  return undefined;
}

/** What is remembered of one build of a tag, to show the difference next time. */
export interface SizeSnapshot {
  readonly imageId: string;
  readonly total: number;
  /** One row per history entry with a size: a stable label (the instruction as recorded) and bytes. */
  readonly rows: readonly { readonly label: string; readonly size: number }[];
}

/** The instruction as the history recorded it, shortened: a label that survives line moves. */
export function entryLabel(e: MappedEntry): string {
  const text = `${e.step.keyword} ${e.step.text}`.replace(/\s+/g, ' ').trim();
  return text.length > 120 ? `${text.slice(0, 119)}…` : text;
}

export function snapshotOf(imageId: string, mapping: SizeMapping): SizeSnapshot {
  const rows = mapping.entries.filter((e) => e.size > 0 && e.origin !== 'base').map((e) => ({ label: entryLabel(e), size: e.size }));
  if (mapping.baseSize > 0) rows.push({ label: `base image${mapping.baseImage ? ` ${mapping.baseImage}` : ''}`, size: mapping.baseSize });
  return { imageId, total: mapping.total, rows };
}

