// Variables (ENV / ARG) visible in a stage, and small helpers shared by the ML rules.
// A stage's definitions are read once per lint run and looked up by position, so rules that ask
// "what is X before this RUN" stay linear in the size of the file.
import { lintRunCache } from '../../cache';
import { keyValuesOf, substitute, type Dockerfile, type Instruction, type Stage, type Substitution } from '../../parser';
import type { RuleContext, RunInfo } from '../../rule';
import { stageLineage } from '../../facts';

export interface VarDef {
  value: string | null;
  instr: Instruction;
  keyword: 'ENV' | 'ARG';
}


/** Longest variable value the ML rules keep (64 KiB): longer ones count as unknown. */
export const MAX_VALUE_LENGTH = 1 << 16;

/** ENV and ARG definitions of a stage and the stages it is built on, plus global ARG defaults. */
export class VarScope {
  /** Definitions per name, in file order. */
  private readonly defs = new Map<string, VarDef[]>();

  constructor(doc: Dockerfile, stage: Stage | null) {
    const defs = this.defs;
    // the value each name has so far (the last definition read), as substitute() looks names up
    const current = {
      has: (name: string) => defs.has(name),
      get: (name: string) => {
        const list = defs.get(name);
        return list ? list[list.length - 1].value : undefined;
      },
    };
    const read = (instr: Instruction) => {
      if (instr.keyword !== 'ENV' && instr.keyword !== 'ARG') return;
      const keyword: 'ENV' | 'ARG' = instr.keyword;
      for (const kv of keyValuesOf(instr, doc.escape)) {
        if (!kv.key) continue;
        const list = defs.get(kv.key);
        // `ARG NAME` (no `=`) has no default of its own; re-declaring a global ARG inherits its default
        let value: string | null = keyword === 'ARG' && kv.valueStart === kv.keyEnd ? null : kv.value;
        if (value === null && list) value = list[list.length - 1].value;
        if (value !== null && value.includes('$')) {
          const r = substitute(value, current);
          // a reference to a variable whose value is unknown (no default, or too long) leaves this one unknown
          value = r.unresolved.some((n) => defs.has(n)) ? null : r.value;
          // ARGs that reference each other twice (`ARG B=$A$A`, `ARG C=$B$B`…) double at every step: past
          // this length a value is treated as unknown, so the chain stays bounded
          if (value !== null && value.length > MAX_VALUE_LENGTH) value = null;
        }
        const def: VarDef = { value, instr, keyword };
        if (list) list.push(def);
        else defs.set(kv.key, [def]);
      }
    };
    for (const instr of doc.instructions) {
      if (instr.stage >= 0) break;
      if (instr.keyword === 'ARG') read(instr);
    }
    if (!stage) return;
    const lineage = stageLineage(doc, stage);
    for (let k = lineage.length - 1; k >= 0; k--) for (const instr of lineage[k].instructions) read(instr);
  }

  /** The definition of `name` in effect before `before` (or at the end of the stage). */
  get(name: string, before?: Instruction): VarDef | undefined {
    const list = this.defs.get(name);
    if (!list) return undefined;
    if (!before) return list[list.length - 1];
    let lo = 0;
    let hi = list.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid].instr.index < before.index) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found >= 0 ? list[found] : undefined;
  }

  value(name: string, before?: Instruction): string | null {
    return this.get(name, before)?.value ?? null;
  }

  /** Expands `$VAR` references in `s` with the values in effect before `before`; `extra` wins (RUN-line assignments). */
  resolve(s: string, before?: Instruction, extra?: ReadonlyMap<string, string>): Substitution {
    if (!s.includes('$')) return { value: s, unresolved: [] };
    // every name looked up, as in effect before `before`; RUN-line assignments win
    return substitute(s, {
      has: () => true,
      get: (name: string) => extra?.get(name) ?? this.value(name, before),
    });
  }
}

/** Scopes of the global ARGs only (no stage), per document. */
const GLOBAL_SCOPE = lintRunCache<Dockerfile, VarScope>();

/** The (cached) variable scope of a stage; `null` stage gives the global ARGs only. */
export function scopeOf(doc: Dockerfile, stage: Stage | null): VarScope {
  if (!stage) {
    let g = GLOBAL_SCOPE.get(doc);
    if (!g) GLOBAL_SCOPE.set(doc, (g = new VarScope(doc, null)));
    return g;
  }
  // the stage's memo slot: only this function writes it, always with a VarScope
  return (stage.memo.scope ??= new VarScope(doc, stage)) as VarScope;
}

/** Variables assigned in the RUN itself: `X=1 cmd`, `export X=1`, `env X=1 cmd` (computed once per RUN; read-only). */
export function runAssigned(run: RunInfo): ReadonlyMap<string, string> {
  return (run.script.assigned ??= assignedIn(run));
}

/** What `runAssigned` gives for a RUN that assigns nothing, most of them (shared: never written). */
const NOTHING_ASSIGNED = new Map<string, string>();
const VAR_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function assignedIn(run: RunInfo): Map<string, string> {
  // the map is made for the first assignment: most RUNs have none
  let out = NOTHING_ASSIGNED;
  const commands = run.script.commands;
  for (let c = 0; c < commands.length; c++) {
    const cmd = commands[c];
    for (const a of cmd.assignments) out = take(out, a.text);
    if (cmd.base === 'export' || cmd.base === 'env' || cmd.base === 'declare') for (const a of cmd.args) out = take(out, a.text);
  }
  return out;
}

/** Adds `NAME=value` to `out` (a new map in place of NOTHING_ASSIGNED); other words leave it as it is. */
function take(out: Map<string, string>, t: string): Map<string, string> {
  const eq = t.indexOf('=');
  if (eq > 0 && VAR_NAME.test(t.slice(0, eq))) {
    if (out === NOTHING_ASSIGNED) out = new Map();
    out.set(t.slice(0, eq), t.slice(eq + 1));
  }
  return out;
}

/** Names that the RUN's secret mounts expose as environment variables, and their file targets. */
export function secretMounts(run: RunInfo): { envs: Set<string>; files: string[] } {
  const envs = new Set<string>();
  const files: string[] = [];
  for (const m of run.mounts) {
    if (m.get('type') !== 'secret') continue;
    const env = m.get('env');
    if (env) envs.add(env);
    const id = m.get('id') ?? m.get('source') ?? m.get('src');
    files.push(m.get('target') ?? (id ? `/run/secrets/${id}` : '/run/secrets/'));
  }
  return { envs, files };
}

/**
 * `ctx.runs()` with ranges that stay inside the file: for exec-form RUNs the core maps every offset
 * to the whole instruction, whose range can run past the last line when the JSON contains a `<<EOF`
 * (the parser takes it for a heredoc); those are reported on the instruction's first line instead.
 */
export function mlRuns(ctx: RuleContext): RunInfo[] {
  const runs = ctx.runs();
  let out = ML_RUNS.get(runs);
  if (!out) {
    // most files have no exec-form RUN: then the shared list itself
    out = runs.some((run) => run.exec) ? runs.map((run) => (run.exec ? { ...run, range: () => ctx.headRange(run.instr) } : run)) : runs;
    ML_RUNS.set(runs, out);
  }
  return out;
}

/** `mlRuns` per lint run (keyed on the shared list of RUNs). */
const ML_RUNS = lintRunCache<RunInfo[], RunInfo[]>();
