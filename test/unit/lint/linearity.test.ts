// Linting work grows linearly with the input on adversarial shapes (no quadratic loop over lines,
// words or characters). Work is counted, not timed: JavaScript blocks run in src/lint plus the
// characters that string, regex and array builtins scan (test/unit/helpers/workMeter.ts). The counts
// are the same on every run, so the check does not depend on what else the machine is doing; the
// wall-time ratios of the same shapes are printed by bench/linearity.js.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { lintDockerfile } from '../../../src/lint';
import { WorkMeter, underDir, type Work } from '../helpers/workMeter';
import { LINEAR_PATTERNS } from './linearPatterns';

/** Input size of the small run; the large one is FACTOR times bigger. */
const N = 2_000;
const FACTOR = 8;
/**
 * Linear work grows ×8 (less where a fixed part dominates), n·log n about ×10 at these sizes, and
 * quadratic work ×64: the limit fails a quadratic part that is 7% or more of the work at size n.
 */
const LIMIT = 12;

const SRC_LINT = path.resolve(__dirname, '../../../src/lint');
const THIS_FILE = underDir(__dirname);

const show = (s: string) => JSON.stringify(s.length > 80 ? s.slice(0, 80) + '…' : s);

describe('lint core: work is linear in input size', function () {
  // block coverage makes every function slower while the meter is open
  this.timeout(60_000);
  let meter: WorkMeter;
  before(() => {
    meter = new WorkMeter(underDir(SRC_LINT));
  });
  after(() => meter.close());

  const lintWork = (text: string): Work => meter.measure(() => { lintDockerfile(text); });
  const ratio = (big: Work, small: Work) => ({ blocks: big.blocks / Math.max(1, small.blocks), chars: big.chars / Math.max(1, small.chars) });

  describe('the work meter', () => {
    // Stand-ins defined here, measured with this file's blocks: the meter must see both kinds of quadratic path.
    const linearScan = (s: string) => {
      let k = 0;
      for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) === 10) k++;
      return k;
    };
    const nestedLoops = (s: string) => {
      let k = 0;
      for (let i = 0; i < s.length; i++) for (let j = 0; j < i; j++) if (s.charCodeAt(j) === s.charCodeAt(i)) k++;
      return k;
    };
    const sliceEveryLine = (s: string) => {
      // a loop of n steps, each searching and copying the rest of the text
      let rest = s;
      let k = 0;
      while (rest.length) {
        const nl = rest.indexOf('\n');
        rest = nl < 0 ? '' : rest.slice(nl + 1);
        k++;
      }
      return k;
    };
    const text = (n: number) => 'ab\n'.repeat(n / 3);
    const own = (fn: (s: string) => number, n: number) => meter.measure(() => { fn(text(n)); }, THIS_FILE);

    it('gives the same counts every time', () => {
      for (const make of [LINEAR_PATTERNS['continuation chain with comments'], LINEAR_PATTERNS['many comment lines and pragmas']]) {
        const input = make(N);
        const first = lintWork(input);
        assert.ok(first.blocks > 1_000 && first.chars > 1_000, JSON.stringify(first));
        for (let k = 0; k < 3; k++) assert.deepEqual(lintWork(input), first);
      }
    });

    it('passes a linear loop', () => {
      const r = ratio(own(linearScan, FACTOR * 600), own(linearScan, 600));
      assert.ok(r.blocks < LIMIT, JSON.stringify(r));
    });

    it('fails nested loops (counted in blocks)', () => {
      const r = ratio(own(nestedLoops, FACTOR * 300), own(nestedLoops, 300));
      assert.ok(r.blocks > LIMIT, JSON.stringify(r));
    });

    it('fails a loop that slices the rest of the text at every step (counted in chars)', () => {
      const small = own(sliceEveryLine, 600);
      const big = own(sliceEveryLine, FACTOR * 600);
      const r = ratio(big, small);
      assert.ok(r.blocks < LIMIT, `the loop itself runs a linear number of times: ${JSON.stringify(r)}`);
      assert.ok(r.chars > LIMIT, JSON.stringify(r));
    });
  });

  for (const [name, make] of Object.entries(LINEAR_PATTERNS)) {
    it(`${name}: work(${FACTOR}n) / work(n) < ${LIMIT}`, () => {
      const small = make(N);
      const big = make(FACTOR * N);
      lintDockerfile(small); // first use of a code path may fill caches; count the steady state
      const r = ratio(lintWork(big), lintWork(small));
      assert.ok(r.blocks < LIMIT && r.chars < LIMIT,
        `${name}: blocks ×${r.blocks.toFixed(1)}, builtin chars ×${r.chars.toFixed(1)} for ×${FACTOR} input; input shape: ${show(make(40))}`);
    });
  }
});
