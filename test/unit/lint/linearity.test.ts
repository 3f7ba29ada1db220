// Linting work grows linearly with the input on adversarial shapes (no quadratic loop over lines,
// words or characters). Work is counted, not timed: JavaScript blocks run in src/lint plus the
// characters that string, regex and array builtins scan (test/unit/helpers/workMeter.ts). The counts
// are the same on every run, so the check does not depend on what else the machine is doing; the
// wall-time ratios of the same shapes are printed by bench/linearity.js.
//
// The counting runs in a child process (linearityWork.ts) started with the optimizing compilers off,
// which the counts need and which must not slow down the other tests.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import type { Work } from '../helpers/workMeter';
import { LINEAR_PATTERNS } from './linearPatterns';
import { FACTOR, N, type LinearityReport } from './linearityWork';

/**
 * Linear work grows ×8 (less where a fixed part dominates), n·log n about ×10 at these sizes, and
 * quadratic work ×64: the limit fails a quadratic part that is 7% or more of the work at size n.
 */
const LIMIT = 12;

const show = (s: string) => JSON.stringify(s.length > 80 ? s.slice(0, 80) + '…' : s);
const ratio = (m: { small: Work; big: Work }) => ({
  blocks: m.big.blocks / Math.max(1, m.small.blocks),
  chars: m.big.chars / Math.max(1, m.small.chars),
});

function measure(): LinearityReport {
  const child = path.join(__dirname, 'linearityWork.ts');
  const r = spawnSync(process.execPath, ['--no-opt', '--no-maglev', '--require', 'tsx/cjs', child], {
    cwd: path.resolve(__dirname, '../../..'),
    // its own precise coverage would clash with a coverage run of the test process
    env: { ...process.env, NODE_V8_COVERAGE: undefined },
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`linearityWork.ts exited with ${r.status ?? r.signal}:\n${r.stderr}`);
  return JSON.parse(r.stdout) as LinearityReport;
}

describe('lint core: work is linear in input size', function () {
  this.timeout(120_000);
  let report: LinearityReport;
  before(() => {
    report = measure();
  });

  describe('the work meter', () => {
    it('gives the same counts every time', () => {
      const [first, ...rest] = report.repeated;
      assert.ok(first.blocks > 1_000 && first.chars > 1_000, JSON.stringify(first));
      for (const w of rest) assert.deepEqual(w, first);
    });

    it('passes a linear loop', () => {
      const r = ratio(report.standIns.linearScan);
      assert.ok(r.blocks < LIMIT, JSON.stringify(r));
    });

    it('fails nested loops (counted in blocks)', () => {
      const r = ratio(report.standIns.nestedLoops);
      assert.ok(r.blocks > LIMIT, JSON.stringify(r));
    });

    it('fails a loop that slices the rest of the text at every step (counted in chars)', () => {
      const r = ratio(report.standIns.sliceEveryLine);
      assert.ok(r.blocks < LIMIT, `the loop itself runs a linear number of times: ${JSON.stringify(r)}`);
      assert.ok(r.chars > LIMIT, JSON.stringify(r));
    });
  });

  describe('adversarial shapes', () => {
    for (const [name, make] of Object.entries(LINEAR_PATTERNS)) {
      it(`${name}: work(${FACTOR}n) / work(n) < ${LIMIT} for n = ${N}`, () => {
        const m = report.shapes[name];
        assert.ok(m, `no measurement for ${name}`);
        const r = ratio(m);
        assert.ok(r.blocks < LIMIT && r.chars < LIMIT,
          `${name}: blocks ×${r.blocks.toFixed(1)}, builtin chars ×${r.chars.toFixed(1)} for ×${FACTOR} input; input shape: ${show(make(40))}`);
      });
    }
  });
});
