// Counts the work a synchronous call does, deterministically, so tests can check how work grows with
// input size without measuring time (which on a shared machine varies with whatever else runs).
//
// Two counts, both exact and the same on every run:
// - `blocks`: executions of JavaScript blocks (function bodies, loop bodies, branches) in the scripts
//   selected by a URL filter, from V8's precise block coverage (the inspector's Profiler domain, as c8
//   and node --experimental-test-coverage use it). A loop that runs n² times shows n² here.
// - `chars`: characters (or array elements) that string, regex and array builtins scan or copy while
//   the call runs. These builtins run in native code that block coverage cannot see, so a loop of n
//   iterations that each slice or search the whole input counts n² here although `blocks` grows only n.
//
// Run it in a process of its own started with `--no-opt --no-maglev` (linearity.test.ts does): code
// that TurboFan or Maglev inlined no longer counts its calls, so with the optimizers on the counts
// depend on how warm the code is; and code compiled with block counters stays slower after the meter
// closes, which would slow every test that runs after it in the same process.
//
// Not counted: backtracking inside one regex match (a match counts the characters it spans or, when
// it fails, the characters left to search), string concatenation (V8 builds ropes in constant time).
import * as inspector from 'node:inspector';

export interface Work {
  blocks: number;
  chars: number;
}

interface CoverageRange { count: number }
interface CoverageResult { result: { url: string; functions: { ranges: CoverageRange[] }[] }[] }

type Method = (this: unknown, ...args: unknown[]) => unknown;
type Cost = (self: unknown, args: unknown[], result: unknown) => number;

const len = (x: unknown): number => (typeof x === 'string' || Array.isArray(x) ? x.length : 0);
const num = (x: unknown, dflt: number): number => (typeof x === 'number' && Number.isFinite(x) ? Math.trunc(x) : dflt);
const clampIndex = (i: number, n: number): number => (i < 0 ? Math.max(0, n + i) : Math.min(i, n));

/** A forward search from `args[1]`: up to the match, or to the end when there is none. */
const searchCost: Cost = (self, args, result) => {
  const n = len(self);
  const from = clampIndex(num(args[1], 0), n);
  const at = typeof result === 'number' ? result : -1;
  return at >= 0 ? at - from + Math.max(1, len(args[0])) : n - from;
};
const includesCost: Cost = (self, args, result) => (result ? len(args[0]) + 1 : len(self) - clampIndex(num(args[1], 0), len(self)));
const lastIndexOfCost: Cost = (self, args, result) => {
  const n = len(self);
  const from = args.length > 1 ? clampIndex(num(args[1], n), n) : n;
  const at = typeof result === 'number' ? result : -1;
  return at >= 0 ? from - at + 1 : from + 1;
};
const wholeReceiver: Cost = (self) => len(self);
const resultLength: Cost = (_self, _args, result) => len(result);
const argLength: Cost = (_self, args) => len(args[0]);
const receiverAndResult: Cost = (self, _args, result) => len(self) + len(result);

/** Where a regex search starts and what it cost, from `lastIndex` before the call and the match. */
function regexCost(re: RegExp, from: number, subject: unknown, match: RegExpExecArray | null): number {
  const n = len(subject);
  const start = re.global || re.sticky ? Math.min(from, n) : 0;
  if (match) return match.index - start + Math.max(1, match[0].length);
  return re.sticky ? 1 : n - start + 1;
}

const STRING_COSTS: Record<string, Cost> = {
  indexOf: searchCost, lastIndexOf: lastIndexOfCost, includes: includesCost, search: wholeReceiver,
  startsWith: argLength, endsWith: argLength,
  slice: resultLength, substring: resultLength, substr: resultLength,
  split: receiverAndResult, replace: receiverAndResult, replaceAll: receiverAndResult, match: wholeReceiver, matchAll: wholeReceiver,
  trim: wholeReceiver, trimStart: wholeReceiver, trimEnd: wholeReceiver, toUpperCase: wholeReceiver, toLowerCase: wholeReceiver,
  normalize: wholeReceiver, concat: resultLength, padStart: resultLength, padEnd: resultLength, repeat: resultLength,
  localeCompare: (self, args) => Math.min(len(self), len(args[0])) + 1,
};

const ARRAY_COSTS: Record<string, Cost> = {
  indexOf: (self, args, result) => (typeof result === 'number' && result >= 0 ? result - clampIndex(num(args[1], 0), len(self)) + 1 : len(self) - clampIndex(num(args[1], 0), len(self))),
  lastIndexOf: lastIndexOfCost, includes: (self, args, result) => (result ? 1 : len(self) - clampIndex(num(args[1], 0), len(self))),
  slice: resultLength, concat: resultLength, join: receiverAndResult, reverse: wholeReceiver, fill: wholeReceiver,
  splice: (self, args) => len(self) - clampIndex(num(args[0], 0), len(self)) + len(args) + 1,
  shift: wholeReceiver, unshift: wholeReceiver, sort: wholeReceiver, flat: resultLength,
};

/** Measures calls with precise block coverage on (V8 runs every function with block counters while it is open). */
export class WorkMeter {
  private readonly session = new inspector.Session();
  private chars = 0;
  private open = true;

  /** @param counts which scripts' blocks to count, by URL (e.g. those under src/lint/). */
  constructor(private readonly counts: (url: string) => boolean) {
    this.session.connect();
    this.post('Profiler.enable');
    this.post('Profiler.startPreciseCoverage', { callCount: true, detailed: true });
  }

  /** The work `fn` does (blocks of the scripts `counts` selects, default the constructor's). Builtins are metered only while `fn` runs. */
  measure(fn: () => void, counts = this.counts): Work {
    if (!this.open) throw new Error('WorkMeter is closed');
    this.post('Profiler.takePreciseCoverage'); // resets the counters
    this.chars = 0;
    const restore = this.meterBuiltins();
    try {
      fn();
    } finally {
      restore();
    }
    const chars = this.chars;
    const cov = this.post('Profiler.takePreciseCoverage') as CoverageResult;
    let blocks = 0;
    for (const script of cov.result) {
      if (!counts(script.url)) continue;
      for (const f of script.functions) for (const r of f.ranges) blocks += r.count;
    }
    return { blocks, chars };
  }

  close(): void {
    if (!this.open) return;
    this.open = false;
    this.post('Profiler.stopPreciseCoverage');
    this.post('Profiler.disable');
    this.session.disconnect();
  }

  /** Inspector calls on the main thread's own session answer synchronously. */
  private post(method: string, params: object = {}): unknown {
    let done = false;
    let error: Error | null = null;
    let result: unknown;
    this.session.post(method, params, (err, res) => {
      done = true;
      error = err;
      result = res;
    });
    if (!done) throw new Error(`inspector did not answer ${method} synchronously`);
    if (error) throw error;
    return result;
  }

  /** Wraps the metered builtins; returns the function that puts the originals back. */
  private meterBuiltins(): () => void {
    const saved: [object, string, PropertyDescriptor][] = [];
    const add = (n: number): void => {
      this.chars += n;
    };
    const wrap = (proto: object, name: string, cost: Cost): void => {
      const desc = Object.getOwnPropertyDescriptor(proto, name);
      if (!desc || typeof desc.value !== 'function') return;
      const orig = desc.value as Method;
      saved.push([proto, name, desc]);
      Object.defineProperty(proto, name, {
        ...desc,
        value: function (this: unknown, ...args: unknown[]): unknown {
          const result = orig.apply(this, args);
          add(cost(this, args, result));
          return result;
        },
      });
    };
    for (const [name, cost] of Object.entries(STRING_COSTS)) wrap(String.prototype, name, cost);
    for (const [name, cost] of Object.entries(ARRAY_COSTS)) wrap(Array.prototype, name, cost);
    const reExec = RegExp.prototype.exec;
    saved.push([RegExp.prototype, 'exec', Object.getOwnPropertyDescriptor(RegExp.prototype, 'exec')!]);
    Object.defineProperty(RegExp.prototype, 'exec', {
      ...Object.getOwnPropertyDescriptor(RegExp.prototype, 'exec'),
      value: function (this: RegExp, subject: string): RegExpExecArray | null {
        const from = this.lastIndex;
        const m = reExec.call(this, subject);
        add(regexCost(this, from, subject, m));
        return m;
      },
    });
    // RegExp.prototype.test and the Symbol.match/replace/split methods call `exec` (the spec's RegExpExec),
    // so once `exec` is wrapped they are metered through it.
    return () => {
      // a plain loop: Array.prototype.reverse is still wrapped here
      for (let k = saved.length - 1; k >= 0; k--) Object.defineProperty(saved[k][0], saved[k][1], saved[k][2]);
    };
  }
}

/** Whether a coverage URL is a file under `dir` (an absolute path). */
export function underDir(dir: string): (url: string) => boolean {
  const prefix = 'file://' + dir.replace(/\\/g, '/').replace(/\/?$/, '/');
  return (url) => url.startsWith(prefix);
}
