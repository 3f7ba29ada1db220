// Time of linting the adversarial shapes of test/unit/lint/linearPatterns.ts at n and 8n characters,
// and the ratio. The unit test checks the same shapes by counting work, which does not depend on the
// machine's load; this script shows what those counts mean in milliseconds.
//
// Per shape, medians of interleaved runs: wall time; CPU time of the process (user + system, which
// other processes on a busy machine inflate less than wall time); and wall time minus the
// garbage-collection pauses that fell inside the run (from the `gc` performance entries). A shape whose
// ratio is far above 8 while its ratio without GC is about 8 allocates a lot (its objects outgrow the
// young generation at 8n); it does not do super-linear work.
import { performance, PerformanceObserver } from 'node:perf_hooks';
import * as os from 'node:os';
import { lintDockerfile } from '../src/lint';
import { LINEAR_PATTERNS } from '../test/unit/lint/linearPatterns';

const N = Number(process.argv[2] ?? 32_000);
const RUNS = 9;
/** A run longer than this ends the shape's measurement (a linear shape takes well under 1 s at 256,000 characters). */
const SLOW_MS = 2_000;

const gcs: { start: number; end: number }[] = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) gcs.push({ start: e.startTime, end: e.startTime + e.duration });
}).observe({ entryTypes: ['gc'] });

interface Run { start: number; end: number; cpu: number }
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const gcWithin = (r: Run) => gcs.reduce((t, g) => t + Math.max(0, Math.min(g.end, r.end) - Math.max(g.start, r.start)), 0);
const tick = () => new Promise((resolve) => setImmediate(resolve));

function timed(text: string): Run {
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  lintDockerfile(text);
  const end = performance.now();
  const cpu = process.cpuUsage(cpu0);
  return { start, end, cpu: (cpu.user + cpu.system) / 1000 };
}

async function main(): Promise<void> {
  console.log(`n = ${N} characters, 8n = ${8 * N}; medians of ${RUNS} interleaved runs; load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  console.log(`${'shape'.padEnd(50)} ${'wall n'.padStart(7)} ${'8n'.padStart(7)} ${'×'.padStart(5)}  ${'cpu n'.padStart(7)} ${'8n'.padStart(7)} ${'×'.padStart(5)}  ${'GC in 8n'.padStart(8)}  ${'wall−GC ×'.padStart(9)}`);
  for (const [name, make] of Object.entries(LINEAR_PATTERNS)) {
    const small = make(N);
    const big = make(8 * N);
    for (let k = 0; k < 3; k++) lintDockerfile(small);
    // grow to 8n by doubling: a super-linear shape is reported from the sizes it reached instead of taking minutes
    const steps: string[] = [];
    let slow = false;
    for (let m = N; m <= 8 * N && !slow; m *= 2) {
      const r = timed(m === 8 * N ? big : make(m));
      steps.push(`${m}: ${(r.end - r.start).toFixed(m === N ? 2 : 0)} ms`);
      slow = r.end - r.start > SLOW_MS;
    }
    if (slow) {
      console.log(`${name.padEnd(50)} super-linear, one run per size: ${steps.join(', ')}`);
      continue;
    }
    const xs: Run[] = [];
    const ys: Run[] = [];
    for (let k = 0; k < RUNS; k++) {
      xs.push(timed(small));
      await tick();
      ys.push(timed(big));
      await tick();
    }
    await tick(); // the observer gets the last entries asynchronously
    const wall = (r: Run) => r.end - r.start;
    const f = (x: number) => x.toFixed(2).padStart(7);
    const x = (p: number, q: number) => (q / p).toFixed(1).padStart(5);
    const [a, b] = [median(xs.map(wall)), median(ys.map(wall))];
    const [c, d] = [median(xs.map((r) => r.cpu)), median(ys.map((r) => r.cpu))];
    const [e, g] = [median(xs.map((r) => wall(r) - gcWithin(r))), median(ys.map((r) => wall(r) - gcWithin(r)))];
    console.log(`${name.padEnd(50)} ${f(a)} ${f(b)} ${x(a, b)}  ${f(c)} ${f(d)} ${x(c, d)}  ${median(ys.map(gcWithin)).toFixed(2).padStart(8)}  ${x(e, g).padStart(9)}`);
  }
}
void main();
