#!/usr/bin/env node
// Builds of the linter side by side: whole-corpus passes of each lint bundle and of dockerfile-utils
// `validate`, taken in turn in one process, so a loaded machine slows every build alike.
//
//   node bench/lint-ab.js [--corpus DIR] [--samples N] LINT_JS...
//
// LINT_JS: dist/lint.js bundles to compare (e.g. dist/lint.js of this checkout and of an older one:
// `git worktree add /tmp/old <rev> && (cd /tmp/old && npm ci && node esbuild.js)`). For each, prints
// the median per pass in CPU time (user + system of this process: less sensitive to other processes
// than wall time) and in wall time, and the ratio to dockerfile-utils measured in the same samples.
// A sample is 5 passes; medians are over the samples (GC included). The tools take turns in a rotating
// order, so none is always the one measured right after another.
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const args = process.argv.slice(2);
function option(name, dflt) {
  const i = args.indexOf(name);
  if (i < 0) return dflt;
  const v = args[i + 1];
  args.splice(i, 2);
  return v;
}
const corpusDir = path.resolve(option('--corpus', path.join(__dirname, 'corpus')));
const SAMPLES = Number(option('--samples', '200'));
const PER_SAMPLE = 5;
if (args.length === 0) {
  console.error('usage: node bench/lint-ab.js [--corpus DIR] [--samples N] LINT_JS...');
  process.exit(2);
}
const corpus = fs.readdirSync(corpusDir).filter((f) => f.endsWith('.Dockerfile')).sort()
  .map((f) => fs.readFileSync(path.join(corpusDir, f), 'utf8'));

const dfu = require('dockerfile-utils');
const tools = [
  ...args.map((p) => {
    const lint = require(path.resolve(p)).lintDockerfile;
    return { name: p, run: (t) => lint(t) };
  }),
  { name: 'dockerfile-utils', run: (t) => dfu.validate(t) },
];

// warm-up: every tool compiles its code on the whole corpus first
for (let i = 0; i < 60; i++) for (const tool of tools) for (const t of corpus) tool.run(t);

const cpu = tools.map(() => []);
const wall = tools.map(() => []);
for (let s = 0; s < SAMPLES; s++) {
  // each sample starts with another tool: the one measured right after dockerfile-utils pays for the
  // caches that dockerfile-utils left behind, so no build may always be in that place
  for (let j = 0; j < tools.length; j++) {
    const k = (s + j) % tools.length;
    const tool = tools[k];
    const c0 = process.cpuUsage();
    const w0 = performance.now();
    for (let p = 0; p < PER_SAMPLE; p++) for (const t of corpus) tool.run(t);
    wall[k].push((performance.now() - w0) / PER_SAMPLE);
    const c = process.cpuUsage(c0);
    cpu[k].push((c.user + c.system) / 1000 / PER_SAMPLE);
  }
}
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
};
const peer = tools.length - 1;
console.log(`${corpus.length} files from ${path.relative(process.cwd(), corpusDir) || '.'}, ${SAMPLES} samples of ${PER_SAMPLE} whole-corpus passes, builds in rotating turn; node ${process.version}`);
console.log(`${'build'.padEnd(44)} ${'CPU ms/pass'.padStart(12)} ${'vs d-utils'.padStart(10)} ${'wall ms/pass'.padStart(13)} ${'vs d-utils'.padStart(10)}`);
tools.forEach((tool, k) => {
  const c = median(cpu[k]);
  const w = median(wall[k]);
  console.log(`${tool.name.slice(-44).padEnd(44)} ${c.toFixed(3).padStart(12)} ${(median(cpu[peer]) / c).toFixed(2).padStart(9)}× ${w.toFixed(3).padStart(13)} ${(median(wall[peer]) / w).toFixed(2).padStart(9)}×`);
});
console.log(`load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')} (${os.cpus().length} cores)`);
