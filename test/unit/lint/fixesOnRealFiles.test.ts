// Every quick fix, applied to long realistic Dockerfiles (bench/realworld, bench/corpus and the ML
// snippets' files), must leave a Dockerfile that still builds the same way and must not bring in the
// problems a careless edit introduces: a syntax error the builder rejects (DL1000), an apt update cut off
// from its install (ML020, the bug of the old DL3009 fix), lost or merged-away stages, or the fixed problem
// still there. The fixes of one file are applied one at a time, each to the original text.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lintDockerfile, parseDockerfile } from '../../../src/lint';
import type { Problem } from '../../../src/lint/types';
import { applyEdits } from './helpers';

const root = path.resolve(__dirname, '../../..');
const files = ['bench/realworld', 'bench/corpus'].flatMap((dir) =>
  fs.readdirSync(path.join(root, dir)).filter((f) => f.endsWith('Dockerfile')).map((f) => path.join(dir, f)));

/** Lints with everything a fix can touch switched on (rules off by default included). */
function lintAll(text: string, fileName: string): Problem[] {
  return lintDockerfile(text, { fileName, context: { hasDockerignore: true, unignoredBulk: [] } });
}

const count = (ps: Problem[], code: string): number => ps.filter((p) => p.code === code).length;

describe('quick fixes applied to realistic multi-stage ML Dockerfiles', () => {
  let applied = 0;
  after(() => {
    assert.ok(applied >= 30, `only ${applied} fixes were applied: is the corpus still finding fixable problems?`);
    if (process.env.ML_SHOW_COUNTS) console.log(`${applied} fixes applied`);
  });
  for (const file of files) {
    it(file, () => {
      const text = fs.readFileSync(path.join(root, file), 'utf8');
      const before = lintAll(text, path.basename(file));
      const stages = parseDockerfile(text).stages.length;
      for (const p of before) {
        for (const fix of p.fixes ?? []) {
          applied++;
          const after = applyEdits(text, fix.edits);
          const where = `${file}:${p.line} ${p.code} "${fix.title}"`;
          const problems = lintAll(after, path.basename(file));
          assert.equal(count(problems, 'DL1000'), count(before, 'DL1000'), `${where}: the fixed file has a syntax error the builder rejects`);
          assert.ok(count(problems, 'ML020') <= count(before, 'ML020'), `${where}: an apt update is left without its install`);
          assert.equal(parseDockerfile(after).stages.length, stages, `${where}: the stages changed`);
          const same = (q: Problem) => q.code === p.code && q.line === p.line && q.column === p.column && q.message === p.message;
          assert.ok(!problems.some(same), `${where}: the problem is still there after its own fix`);
        }
      }
    });
  }
});
