// Child process of linearity.test.ts: measures the work of linting each adversarial shape at n and
// FACTOR·n characters, and of the stand-ins that check the meter itself, and prints it all as JSON.
// Started with `--no-opt --no-maglev` (see test/unit/helpers/workMeter.ts for why).
import * as path from 'node:path';
import { lintDockerfile } from '../../../src/lint';
import { WorkMeter, underDir, type Work } from '../helpers/workMeter';
import { LINEAR_PATTERNS } from './linearPatterns';

export interface LinearityReport {
  n: number;
  factor: number;
  /** Per shape: the work at n and at factor·n. */
  shapes: Record<string, { small: Work; big: Work }>;
  /** The same input measured three times. */
  repeated: Work[];
  /** Stand-ins with known growth, at n and factor·n. */
  standIns: Record<'linearScan' | 'nestedLoops' | 'sliceEveryLine', { small: Work; big: Work }>;
}

export const N = 2_000;
export const FACTOR = 8;

// Stand-ins with known growth, measured by this file's own blocks.
function linearScan(s: string): number {
  let k = 0;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) === 10) k++;
  return k;
}
function nestedLoops(s: string): number {
  let k = 0;
  for (let i = 0; i < s.length; i++) for (let j = 0; j < i; j++) if (s.charCodeAt(j) === s.charCodeAt(i)) k++;
  return k;
}
/** A loop of n steps, each searching and copying the rest of the text. */
function sliceEveryLine(s: string): number {
  let rest = s;
  let k = 0;
  while (rest.length) {
    const nl = rest.indexOf('\n');
    rest = nl < 0 ? '' : rest.slice(nl + 1);
    k++;
  }
  return k;
}

function main(): void {
  const meter = new WorkMeter(underDir(path.resolve(__dirname, '../../../src/lint')));
  const lintWork = (text: string): Work => meter.measure(() => { lintDockerfile(text); });
  const report: LinearityReport = { n: N, factor: FACTOR, shapes: {}, repeated: [], standIns: {} as LinearityReport['standIns'] };
  for (const [name, make] of Object.entries(LINEAR_PATTERNS)) {
    const small = make(N);
    const big = make(FACTOR * N);
    // a code path's first use may fill caches: count the steady state
    lintDockerfile(small);
    lintDockerfile(big);
    report.shapes[name] = { small: lintWork(small), big: lintWork(big) };
  }
  const again = LINEAR_PATTERNS['continuation chain with comments'](N);
  for (let k = 0; k < 3; k++) report.repeated.push(lintWork(again));
  const own = underDir(__dirname);
  const text = (n: number) => 'ab\n'.repeat(n / 3);
  const standIn = (fn: (s: string) => number, n: number) => ({
    small: meter.measure(() => { fn(text(n)); }, own),
    big: meter.measure(() => { fn(text(FACTOR * n)); }, own),
  });
  report.standIns = { linearScan: standIn(linearScan, 600), nestedLoops: standIn(nestedLoops, 300), sliceEveryLine: standIn(sliceEveryLine, 600) };
  meter.close();
  process.stdout.write(JSON.stringify(report));
}

if (require.main === module) main();
