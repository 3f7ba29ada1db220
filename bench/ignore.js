#!/usr/bin/env node
// Bench: .dockerignore matching during a context walk, ours (src/docker/ignore.ts) vs @balena/dockerignore
// (the matcher this project used before; still installed as a dependency of dockerode), on the same
// generated paths in the same run; plus scanContext on a real 20,000-file tree, and the automaton steps
// for hostile patterns.
//   node bench/ignore.js      (not part of npm test; ~20 s; BENCH_RUNS=N)
// The two matchers do not give the same answers (that is why ours exists); the cost is what is compared.
'use strict';
require('tsx/cjs');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { IgnoreMatcher, IgnorePattern } = require('../src/docker/ignore.ts');
const { DOCKERIGNORE_TEMPLATE } = require('../src/docker/ignoreTemplate.ts');
const { scanContext } = require('../src/docker/build/context.ts');
const balena = require('@balena/dockerignore');

const N = Number(process.env.BENCH_RUNS || 11);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// Paths of an ML project, in walk order (a folder before its contents).
function projectPaths() {
  const out = [];
  const add = (rel, depth) => {
    const dirs = depth < 4 ? ['src', 'pkg', 'data', 'models', 'notebooks', '__pycache__', 'tests', 'utils'] : [];
    const files = ['train.py', 'model.py', 'util.py', 'm.pyc', 'w.pt', 'readme.md', 'cfg.yaml', 'x.safetensors'];
    for (const f of files) out.push({ rel: rel ? `${rel}/${f}` : f, dir: false });
    for (const d of dirs.slice(0, 6 - depth)) {
      const r = rel ? `${rel}/${d}` : d;
      out.push({ rel: r, dir: true });
      add(r, depth + 1);
    }
  };
  add('', 0);
  return out;
}

const patterns = [...DOCKERIGNORE_TEMPLATE.filter((l) => l && !l.startsWith('#')).filter((l) => l !== 'data' && l !== 'models'), '!**/keep.pt', 'src/**/*.md'];
const paths = projectPaths();

function walkOurs() {
  const m = IgnoreMatcher.compile(patterns);
  const parents = new Map();
  let excluded = 0;
  for (const p of paths) {
    const slash = p.rel.lastIndexOf('/');
    const parentRel = slash < 0 ? '' : p.rel.slice(0, slash);
    if (parentRel && !parents.has(parentRel)) continue; // inside a skipped folder
    const r = m.matchWithParent(p.rel, parentRel ? parents.get(parentRel) : undefined);
    if (r.excluded) excluded++;
    if (p.dir && (!r.excluded || m.walksExcludedDir(p.rel))) parents.set(p.rel, r.matches);
  }
  return excluded;
}

function walkBalena() {
  const ig = balena({ ignorecase: false }).add(patterns);
  const walked = new Set(['']);
  let excluded = 0;
  for (const p of paths) {
    const slash = p.rel.lastIndexOf('/');
    const parentRel = slash < 0 ? '' : p.rel.slice(0, slash);
    if (!walked.has(parentRel)) continue;
    const ex = ig.ignores(p.rel);
    if (ex) excluded++;
    if (p.dir && !ex) walked.add(p.rel);
  }
  return excluded;
}

function time(fn) {
  const t0 = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

async function main() {
  console.log(`load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}; ${paths.length} paths, ${patterns.length} patterns (the ML template)`);
  for (let i = 0; i < 5; i++) { walkOurs(); walkBalena(); }
  const ours = [];
  const theirs = [];
  for (let i = 0; i < N; i++) {
    if (i % 2) { theirs.push(time(walkBalena)); ours.push(time(walkOurs)); } else { ours.push(time(walkOurs)); theirs.push(time(walkBalena)); }
  }
  const o = median(ours);
  const t = median(theirs);
  console.log(`walk matching: ours ${o.toFixed(1)} ms, @balena/dockerignore ${t.toFixed(1)} ms → ours/theirs ${(o / t).toFixed(2)}×`);

  // scanContext on disk: 20,000 small files in 200 folders, the ML template as .dockerignore
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlc-bench-ignore-'));
  try {
    for (let d = 0; d < 200; d++) {
      const sub = path.join(dir, `pkg${d % 20}`, `mod${d}`);
      fs.mkdirSync(sub, { recursive: true });
      for (let f = 0; f < 100; f++) fs.writeFileSync(path.join(sub, f % 10 === 0 ? `w${f}.pt` : `f${f}.py`), 'x');
    }
    fs.writeFileSync(path.join(dir, '.dockerignore'), patterns.join('\n'));
    fs.writeFileSync(path.join(dir, 'Dockerfile'), 'FROM scratch\n');
    const scans = [];
    let entries = 0;
    for (let i = 0; i < Math.min(N, 5); i++) {
      const t0 = process.hrtime.bigint();
      const s = await scanContext(dir, path.join(dir, 'Dockerfile'));
      scans.push(Number(process.hrtime.bigint() - t0) / 1e6);
      entries = s.entries.length;
    }
    console.log(`scanContext, 20,000 files on disk: ${median(scans).toFixed(0)} ms (${entries} entries kept)`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }

  // hostile patterns: steps grow linearly with the name (the old matcher took ~3.7× more time per 2 characters on the first one)
  for (const [pattern, make] of [['(a+)+Z*', (n) => '(a+)+Z' + 'a'.repeat(n)], ['*a*a*a*a*a*a*a*b', (n) => 'a'.repeat(n) + 'b'], ['?{100}*b', (n) => 'a'.repeat(n) + 'b']]) {
    const p = new IgnorePattern(pattern, false);
    const s1 = p.run(make(1000)).steps;
    const s2 = p.run(make(2000)).steps;
    const ms = time(() => p.run(make(2000)));
    console.log(`hostile ${JSON.stringify(pattern)}: ${s1} steps for 1,000 characters, ${s2} for 2,000 (×${(s2 / s1).toFixed(2)}), ${ms.toFixed(1)} ms`);
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
