// Where the lint time goes: the parse, the shared facts and every rule, timed one by one on the corpus.
// bench/lint-profile.js bundles this file (once, or twice with BASE=<another checkout>) and drives it.
//
// The shared facts (RUN scripts, commands by name, pip installs, ML facts) are computed first and
// timed on their own, so a rule's figure is its own work.
import { parseDockerfile, type Dockerfile } from '../src/lint/parser';
import { RuleContext } from '../src/lint/rule';
import { ALL_RULES } from '../src/lint/rules';
import { clearLintRunCaches } from '../src/lint/cache';
import { collectSuppressions } from '../src/lint/suppress';
import { commandsNamed, pipInstalls, stageLineage, stageNameMap } from '../src/lint/facts';
import { mlRuns, scopeOf } from '../src/lint/rules/ml/scope';
import { pipFacts } from '../src/lint/rules/ml/wheels';
import { stageCuda } from '../src/lint/rules/ml/images';

/** One pass over `corpus`: `tm(key, work)` times each piece of each file's lint. */
export function profilePass(corpus: readonly string[], tm: (key: string, work: () => unknown) => void): void {
  for (const text of corpus) {
    clearLintRunCaches();
    let doc!: Dockerfile;
    tm('(parse)', () => (doc = parseDockerfile(text)));
    let pragmas: ReturnType<typeof collectSuppressions>['pragmas'] = [];
    tm('(suppressions)', () => (pragmas = collectSuppressions(doc).pragmas));
    const ctx = new RuleContext(doc, {}, {}, () => undefined, { pragmas });
    tm('(keyword index)', () => ctx.instructions('FROM', true));
    tm('(stage names, lineages)', () => {
      stageNameMap(doc);
      for (const st of doc.stages) stageLineage(doc, st);
    });
    tm('(runs: shell parse)', () => ctx.runs());
    tm('(commandsNamed index)', () => commandsNamed(ctx, ['x']));
    tm('(pipInstalls)', () => pipInstalls(ctx));
    tm('(ML facts: stage scopes)', () => {
      for (const st of doc.stages) scopeOf(doc, st);
    });
    tm('(ML facts: stage CUDA)', () => {
      for (const st of doc.stages) stageCuda(doc, st);
    });
    tm('(ML facts: pipFacts)', () => {
      for (const r of mlRuns(ctx)) if (r.stage) pipFacts(r, scopeOf(doc, r.stage));
    });
    for (const r of ALL_RULES) tm(r.code, () => r.check(ctx));
  }
  clearLintRunCaches();
}
