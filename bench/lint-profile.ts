// Where the lint time goes: the parse, the shared facts and every rule, timed one by one on the corpus.
//
//   node bench/lint-profile.js [iterations] [FILE...]   (bundles this file with esbuild, then runs it;
//                                                        FILEs replace the corpus)
//
// The shared facts (RUN scripts, commands by name, pip installs, ML facts) are computed first and
// timed on their own, so a rule's figure is its own work. Figures are µs per pass over the corpus.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseDockerfile, type Dockerfile } from '../src/lint/parser';
import { RuleContext } from '../src/lint/rule';
import { ALL_RULES } from '../src/lint/rules';
import { clearLintRunCaches } from '../src/lint/cache';
import { collectSuppressions } from '../src/lint/suppress';
import { commandsNamed, pipInstalls, stageLineage, stageNameMap } from '../src/lint/facts';
import { mlRuns, scopeOf } from '../src/lint/rules/ml/scope';
import { pipFacts } from '../src/lint/rules/ml/wheels';
import { stageCuda } from '../src/lint/rules/ml/images';

const dir = path.join(process.env.LINT_PROFILE_ROOT ?? process.cwd(), 'bench', 'corpus');
// files given after the iteration count replace the corpus (e.g. a 1,000-line Dockerfile)
const files = process.argv.slice(3);
const corpus = files.length
  ? files.map((f) => fs.readFileSync(f, 'utf8'))
  : fs.readdirSync(dir).filter((f) => f.endsWith('.Dockerfile')).sort().map((n) => fs.readFileSync(path.join(dir, n), 'utf8'));
const N = Number(process.argv[2] ?? 400);
const W = Math.min(50, N >> 2);
/** Per key, the time of each pass (ms); a key's figure is its median pass, which keeps GC pauses out. */
const t = new Map<string, number[]>();
function tm(k: string, i: number, f: () => unknown): void {
  const a = performance.now();
  f();
  if (i < W) return;
  let passes = t.get(k);
  if (!passes) t.set(k, (passes = []));
  passes[i - W] = (passes[i - W] ?? 0) + performance.now() - a;
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
for (let i = 0; i < N; i++) {
  for (const text of corpus) {
    clearLintRunCaches();
    let doc!: Dockerfile;
    tm('(parse)', i, () => (doc = parseDockerfile(text)));
    let pragmas: ReturnType<typeof collectSuppressions>['pragmas'] = [];
    tm('(suppressions)', i, () => (pragmas = collectSuppressions(doc).pragmas));
    const ctx = new RuleContext(doc, {}, {}, () => undefined, { pragmas });
    tm('(keyword index)', i, () => ctx.instructions('FROM', true));
    tm('(stage names, lineages)', i, () => {
      stageNameMap(doc);
      for (const st of doc.stages) stageLineage(doc, st);
    });
    tm('(runs: shell parse)', i, () => ctx.runs());
    tm('(commandsNamed index)', i, () => commandsNamed(ctx, ['x']));
    tm('(pipInstalls)', i, () => pipInstalls(ctx));
    tm('(ML facts: stage scopes)', i, () => {
      for (const st of doc.stages) scopeOf(doc, st);
    });
    tm('(ML facts: stage CUDA)', i, () => {
      for (const st of doc.stages) stageCuda(doc, st);
    });
    tm('(ML facts: pipFacts)', i, () => {
      for (const r of mlRuns(ctx)) if (r.stage) pipFacts(r, scopeOf(doc, r.stage));
    });
    for (const r of ALL_RULES) tm(r.code, i, () => r.check(ctx));
  }
}
clearLintRunCaches();
const rows = [...t].map(([k, passes]) => [k, median(passes) * 1000] as const).sort((a, b) => b[1] - a[1]);
const tot = rows.reduce((a, r) => a + r[1], 0);
console.log(`${corpus.length} files, ${N - W} timed passes; median µs per pass over the corpus (performance.now per rule adds a little)`);
console.log(`TOTAL (sum of medians) ${tot.toFixed(0)} µs`);
let cum = 0;
for (const [k, v] of rows) {
  cum += v;
  console.log(`${k.padEnd(40)}${v.toFixed(1).padStart(8)}${((cum / tot) * 100).toFixed(0).padStart(5)}%`);
}
