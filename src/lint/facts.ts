// Facts about one parsed Dockerfile that several rule families need: how stages build on each
// other, stage names, instructions by keyword, RUN commands by name, pip installs. Each is computed
// on first use and memoised per document (the `Dockerfile` object of one lint run), so the 80-odd
// rules share the work instead of re-walking the file. Results are shared: treat them as read-only.
import { addToList } from './arrays';
import { unquote, type Dockerfile, type Instruction, type Stage } from './parser';
import type { RunInfo } from './runs';
import { commandsOf, unwrap, type Command } from './shell';
import { parsePipInstall, type PipInstall } from './pip';

export interface InstructionAt {
  instr: Instruction;
  /** True when `instr` is the trigger of an ONBUILD. */
  onbuild: boolean;
}

/** A simple command of a RUN, wrappers (sudo, env, …) removed. */
export interface CommandAt {
  run: RunInfo;
  cmd: Command;
}

/** A `pip install` (or `python -m pip install`, `uv pip install`) of a RUN. */
export interface PipInstallAt {
  run: RunInfo;
  /** The command with wrappers removed. */
  cmd: Command;
  /** The command as written (`env X=1 pip …`, `sudo pip …`). */
  raw: Command;
  /** Index of `raw` in `run.script.commands`. */
  index: number;
  pip: PipInstall;
}

interface Memo {
  parents?: number[];
  roots?: number[];
  lineages?: (Stage[] | undefined)[];
  stageNames?: Map<string, number>;
  keywords?: Map<string, InstructionAt[]>;
  /** Like `keywords`, ONBUILD triggers included. */
  keywordsOnbuild?: Map<string, InstructionAt[]>;
  commands?: Map<string, CommandAt[]>;
  /** `commandsNamed` results for several names, by the names joined with newlines. */
  commandSets?: Map<string, readonly CommandAt[]>;
  pipInstalls?: PipInstallAt[];
}

const NONE: never[] = [];

/** What the command facts read of a lint run: the document and its RUNs (a `RuleContext` is one). */
export interface RunSource {
  doc: Dockerfile;
  runs(): RunInfo[];
}

/** The facts slot of a document: only this module writes it, always with a Memo. */
function memo(doc: Dockerfile): Memo {
  return (doc.facts ??= newMemo()) as Memo;
}

/**
 * A Memo with every slot present from the start, so all documents' memos share one object shape (slots
 * added in the order each file first asks for them gave a shape per order, and megamorphic reads).
 */
function newMemo(): Memo {
  return {
    parents: undefined, roots: undefined, lineages: undefined, stageNames: undefined, keywords: undefined,
    keywordsOnbuild: undefined, commands: undefined, commandSets: undefined, pipInstalls: undefined,
  };
}

// ---- stages ---------------------------------------------------------------------------------

/**
 * For each stage, the index of the stage it is built on (`FROM <name>`: the nearest earlier stage of
 * that name, case-insensitive, quotes removed, global ARG defaults substituted), or -1 when it
 * starts from an image.
 */
function parentIndexes(doc: Dockerfile): number[] {
  const m = memo(doc);
  if (!m.parents) {
    const byName = new Map<string, number>();
    m.parents = doc.stages.map((st) => {
      const p = byName.get(unquote((st.resolvedImage ?? st.image).trim()).toLowerCase());
      if (st.name) byName.set(st.name.toLowerCase(), st.index);
      return p ?? -1;
    });
  }
  return m.parents;
}

/** The earlier stage a stage is built on (`FROM builder`), or null when it starts from an image. */
export function parentStage(doc: Dockerfile, stage: Stage): Stage | null {
  const p = parentIndexes(doc)[stage.index] ?? -1;
  return p >= 0 ? doc.stages[p] ?? null : null;
}

/** The stage itself followed by the stages it is built on, nearest first. */
export function stageLineage(doc: Dockerfile, stage: Stage): readonly Stage[] {
  const m = memo(doc);
  const all = (m.lineages ??= []);
  let out = all[stage.index];
  if (!out) {
    out = [];
    for (let cur: Stage | null = stage; cur; cur = parentStage(doc, cur)) out.push(cur);
    all[stage.index] = out;
  }
  return out;
}

/** The first stage of a lineage: the one built from an external image (linear over all stages). */
export function rootStage(doc: Dockerfile, stage: Stage): Stage {
  const m = memo(doc);
  if (!m.roots) {
    const parents = parentIndexes(doc);
    // parents always come first, so one pass in order resolves every root
    m.roots = parents.map((p, k) => k);
    for (let k = 0; k < parents.length; k++) if (parents[k] >= 0) m.roots[k] = m.roots[parents[k]];
  }
  return doc.stages[m.roots[stage.index] ?? stage.index] ?? stage;
}

/** The external image a stage finally starts from (following `FROM <earlier stage>`); null when unresolved. */
export function externalBase(doc: Dockerfile, stage: Stage): string | null {
  return rootStage(doc, stage).resolvedImage;
}

/** The shipped stage: the last one. */
export function finalStage(doc: Dockerfile): Stage | null {
  return doc.stages.length ? doc.stages[doc.stages.length - 1] : null;
}

/** Stage names (lower-cased, as BuildKit compares them) → index of the first stage with that name. */
export function stageNameMap(doc: Dockerfile): Map<string, number> {
  const m = memo(doc);
  if (!m.stageNames) {
    const map = new Map<string, number>();
    for (const st of doc.stages) {
      if (!st.name) continue;
      const key = st.name.toLowerCase();
      if (!map.has(key)) map.set(key, st.index);
    }
    m.stageNames = map;
  }
  return m.stageNames;
}

// ---- instructions ---------------------------------------------------------------------------

/** Instructions with the given keyword in file order, ONBUILD triggers included when `onbuild` is true. */
export function instructionsOf(doc: Dockerfile, keyword: string, onbuild = false): readonly InstructionAt[] {
  const m = memo(doc);
  if (!m.keywords) {
    // one pass indexes every keyword; the index with ONBUILD triggers is the same map unless the
    // file has triggers (rare), and then a second pass adds them (reusing the same entries)
    const plain = new Map<string, InstructionAt[]>();
    let triggers = false;
    for (const instr of doc.instructions) {
      addToList(plain, instr.keyword, { instr, onbuild: false });
      if (instr.trigger) triggers = true;
    }
    let withTriggers = plain;
    if (triggers) {
      withTriggers = new Map();
      const plainAt = new Map<Instruction, InstructionAt>();
      for (const list of plain.values()) for (const at of list) plainAt.set(at.instr, at);
      for (const instr of doc.instructions) {
        addToList(withTriggers, instr.keyword, plainAt.get(instr)!);
        if (instr.trigger) addToList(withTriggers, instr.trigger.keyword, { instr: instr.trigger, onbuild: true });
      }
    }
    m.keywords = plain;
    m.keywordsOnbuild = withTriggers;
  }
  return (onbuild ? m.keywordsOnbuild! : m.keywords).get(keyword) ?? NONE;
}

// ---- RUN commands ---------------------------------------------------------------------------

/**
 * The commands (wrappers removed) of every RUN, ONBUILD triggers included, whose base name is one of
 * `names` (`apt-get`, `pip3`, …), in file order.
 */
export function commandsNamed(ctx: RunSource, names: readonly string[]): readonly CommandAt[] {
  const m = memo(ctx.doc);
  if (!m.commands) {
    const byName = new Map<string, CommandAt[]>();
    for (const run of ctx.runs()) {
      for (const cmd of commandsOf(run.script)) {
        if (!cmd.nameWord) continue;
        addToList(byName, cmd.base, { run, cmd });
      }
    }
    m.commands = byName;
  }
  if (names.length === 1) return m.commands.get(names[0]) ?? NONE;
  // most files use one package manager: when at most one of the names has commands, that list is the answer
  let only: CommandAt[] | undefined;
  let lists = 0;
  for (const n of names) {
    const list = m.commands.get(n);
    if (list) {
      only = list;
      lists++;
    }
  }
  if (lists <= 1) return only ?? NONE;
  const key = names.join('\n');
  const known = m.commandSets?.get(key);
  if (known) return known;
  const out: CommandAt[] = [];
  for (const n of names) {
    const list = m.commands.get(n);
    if (list) out.push(...list);
  }
  // back into file order: by RUN (each has its own instruction index, an ONBUILD trigger its ONBUILD's), then by position
  out.sort((a, b) => a.run.instr.index - b.run.instr.index || a.cmd.start - b.cmd.start);
  (m.commandSets ??= new Map()).set(key, out);
  return out;
}

/** The RUNs with at least one command named one of `names`, in file order. */
export function runsWith(ctx: RunSource, names: readonly string[]): RunInfo[] {
  const out: RunInfo[] = [];
  for (const { run } of commandsNamed(ctx, names)) if (out[out.length - 1] !== run) out.push(run);
  return out;
}

/** Every pip install of every RUN (see {@link PipInstallAt}), in file order. */
export function pipInstalls(ctx: RunSource): readonly PipInstallAt[] {
  const m = memo(ctx.doc);
  if (!m.pipInstalls) {
    const out: PipInstallAt[] = [];
    for (const run of ctx.runs()) {
      const raws = run.script.commands;
      for (let k = 0; k < raws.length; k++) {
        const cmd = unwrap(raws[k]);
        const pip = cmd.nameWord ? parsePipInstall(cmd) : null;
        if (pip) out.push({ run, cmd, raw: raws[k], index: k, pip });
      }
    }
    m.pipInstalls = out;
  }
  return m.pipInstalls;
}
