#!/usr/bin/env node
// Where the lint time goes: bundles bench/lint-profile.ts (the lint internals, as the extension bundles
// them) and times the parse, each shared fact and each rule over the corpus; figures are the median µs
// per pass over the corpus.
//
//   node bench/lint-profile.js [iterations] [FILE...]             FILEs replace bench/corpus
//   BASE=<checkout> node bench/lint-profile.js [iterations] [FILE...]
//
// With BASE (another checkout of the repository, e.g. `git worktree add /tmp/base main`), the same file
// is also bundled against BASE/src and both run in this one process, pass by pass in turn, so a loaded
// machine slows both alike: the table then shows each piece in both builds and the difference, the
// pieces that grew most first (keys missing from one build show 0 there).
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const os = require('node:os');
const esbuild = require('esbuild');

const root = path.resolve(__dirname, '..');
const base = process.env.BASE ? path.resolve(process.env.BASE) : null;

/** Bundles lint-profile.ts and loads it; with `srcRoot`, its `../src/` imports are read from that checkout instead. */
async function load(srcRoot, name) {
  const entry = path.join(__dirname, 'lint-profile.ts');
  const outfile = path.join(os.tmpdir(), `ml-lint-profile-${process.pid}-${name}.js`);
  const otherSrc = {
    name: 'other-src',
    setup(build) {
      build.onResolve({ filter: /^\.\.\/src\// }, (args) =>
        args.importer === entry ? build.resolve('./' + args.path.slice(3), { resolveDir: srcRoot, kind: args.kind }) : undefined);
    },
  };
  await esbuild.build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'cjs', outfile, logLevel: 'warning', plugins: srcRoot ? [otherSrc] : [] });
  try {
    return require(outfile).profilePass;
  } finally {
    fs.rmSync(outfile, { force: true });
  }
}

async function main() {
  const N = Number(process.argv[2] ?? 400);
  const W = Math.min(50, N >> 2);
  const files = process.argv.slice(3);
  const dir = path.join(root, 'bench', 'corpus');
  const corpus = files.length
    ? files.map((f) => fs.readFileSync(f, 'utf8'))
    : fs.readdirSync(dir).filter((f) => f.endsWith('.Dockerfile')).sort().map((n) => fs.readFileSync(path.join(dir, n), 'utf8'));

  const builds = [{ name: 'current', srcRoot: null }, ...(base ? [{ name: 'base', srcRoot: base }] : [])];
  const runners = [];
  for (const b of builds) runners.push({ ...b, profilePass: await load(b.srcRoot, b.name), times: new Map() });

  // Per build and key, the time of each pass (ms); a key's figure is its median pass, which keeps GC pauses out.
  for (let i = 0; i < N; i++) {
    for (const r of runners) {
      const pass = new Map();
      r.profilePass(corpus, (k, work) => {
        const a = performance.now();
        work();
        pass.set(k, (pass.get(k) ?? 0) + performance.now() - a);
      });
      if (i < W) continue;
      for (const [k, ms] of pass) {
        let xs = r.times.get(k);
        if (!xs) r.times.set(k, (xs = []));
        xs.push(ms);
      }
    }
  }
  const median = (xs) => (xs ? [...xs].sort((a, b) => a - b)[xs.length >> 1] * 1000 : 0);
  const header = `${corpus.length} files, ${N - W} timed passes; median µs per pass over the corpus (performance.now per piece adds a little)`;
  if (runners.length === 1) {
    const rows = [...runners[0].times].map(([k, xs]) => [k, median(xs)]).sort((a, b) => b[1] - a[1]);
    const tot = rows.reduce((a, r) => a + r[1], 0);
    console.log(header);
    console.log(`TOTAL (sum of medians) ${tot.toFixed(0)} µs`);
    let cum = 0;
    for (const [k, v] of rows) {
      cum += v;
      console.log(`${k.padEnd(40)}${v.toFixed(1).padStart(8)}${((cum / tot) * 100).toFixed(0).padStart(5)}%`);
    }
    return;
  }
  const [cur, old] = runners;
  const keys = [...new Set([...old.times.keys(), ...cur.times.keys()])];
  const rows = keys.map((k) => [k, median(old.times.get(k)), median(cur.times.get(k))]).sort((a, b) => (b[2] - b[1]) - (a[2] - a[1]));
  const sum = (j) => rows.reduce((a, r) => a + r[j], 0);
  console.log(`${header}; passes of ${base} (base) and this checkout (current) in turn`);
  console.log(`${'TOTAL (sum of medians)'.padEnd(40)}${'base'.padStart(9)}${'current'.padStart(9)}${'diff'.padStart(9)}`);
  console.log(`${''.padEnd(40)}${sum(1).toFixed(0).padStart(9)}${sum(2).toFixed(0).padStart(9)}${(sum(2) - sum(1)).toFixed(0).padStart(9)}`);
  for (const [k, a, b] of rows) console.log(`${k.padEnd(40)}${a.toFixed(1).padStart(9)}${b.toFixed(1).padStart(9)}${((b - a >= 0 ? '+' : '') + (b - a).toFixed(1)).padStart(9)}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
