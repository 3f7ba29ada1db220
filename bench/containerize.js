#!/usr/bin/env node
// Containerize detection benchmark: a repository with 20,000 files and a 1 GB data folder.
//
//   node bench/containerize.js [--runs N] [--keep]
//
// Builds the repository once under the OS temp folder (the 1 GB are sparse files, so the disk is
// not filled), bundles src/containerize with esbuild, then measures, in one process:
//   detect   openProject + detect (what the command and the CLI run before planning)
//   peer     a plain recursive readdir of the same tree (what a detector that lists everything
//            would pay at least, before reading a single file)
// and prints the cold time (first call), the median of N warm runs, and detect/peer ratios.
// Target: detection under 500 ms on this repository; it must never read the data folder.
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const esbuild = require('esbuild');

const args = process.argv.slice(2);
const RUNS = Number(args[args.indexOf('--runs') + 1]) || 15;
const KEEP = args.includes('--keep');

const repo = path.join(os.tmpdir(), 'ml-containers-bench-repo');

function makeRepo() {
  if (fs.existsSync(path.join(repo, '.complete'))) return;
  fs.rmSync(repo, { recursive: true, force: true });
  const w = (rel, text) => {
    fs.mkdirSync(path.dirname(path.join(repo, rel)), { recursive: true });
    fs.writeFileSync(path.join(repo, rel), text);
  };
  w('requirements.txt', '-r requirements/base.txt\ntorch==2.4.0\nfastapi[standard]==0.111.0\n');
  w('requirements/base.txt', 'numpy==1.26.4\npandas==2.2.2\n');
  w('.python-version', '3.11\n');
  w('service/app.py', 'from fastapi import FastAPI\napp = FastAPI()\n');
  let n = 0;
  // code: 100 packages x 80 modules, 3 levels deep
  for (let p = 0; p < 100; p++) for (let m = 0; m < 80; m++, n++) w(`src/pkg${p}/sub/mod${m}.py`, `X = ${m}\n`);
  // tests and notebooks
  for (let t = 0; t < 1000; t++, n++) w(`tests/t${t % 20}/test_${t}.py`, 'def test(): pass\n');
  // data: 10,000 small files and 1 GB in four sparse files
  for (let i = 0; i < 10000; i++, n++) w(`data/images/${i % 100}/img${i}.png`, 'png');
  for (let i = 0; i < 4; i++, n++) {
    const f = path.join(repo, `data/shard-${i}.bin`);
    fs.writeFileSync(f, '');
    fs.truncateSync(f, 256 * 1024 * 1024);
  }
  for (let i = 0; i < 995; i++, n++) w(`checkpoints/run${i % 10}/epoch${i}.ckpt`, 'x');
  fs.writeFileSync(path.join(repo, '.complete'), String(n + 4));
}

function walkAll(dir) {
  let count = 0;
  for (const d of fs.readdirSync(dir, { withFileTypes: true })) {
    if (d.isDirectory()) count += walkAll(path.join(dir, d.name));
    else count++;
  }
  return count;
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const ms = (t0) => Number(process.hrtime.bigint() - t0) / 1e6;

async function main() {
  const t = process.hrtime.bigint();
  makeRepo();
  const files = Number(fs.readFileSync(path.join(repo, '.complete'), 'utf8'));
  console.log(`repository: ${repo} (${files} files, 1 GB of sparse data; ready in ${ms(t).toFixed(0)} ms)`);
  const out = path.join(os.tmpdir(), `ml-containers-bench-${process.pid}.js`);
  await esbuild.build({ entryPoints: [path.join(__dirname, '../src/containerize/index.ts')], bundle: true, platform: 'node', target: 'node20', format: 'cjs', outfile: out, logLevel: 'warning' });
  const { openProject, detect } = require(out);
  fs.rmSync(out);

  let t0 = process.hrtime.bigint();
  const first = detect(openProject(repo));
  const cold = ms(t0);
  t0 = process.hrtime.bigint();
  const listed = walkAll(repo);
  const peerCold = ms(t0);
  if (first.deps.length !== 4 || first.app.kind !== 'fastapi' || !first.exclude.includes('data')) throw new Error(`unexpected detection: ${JSON.stringify(first.app)} ${first.deps.length}`);

  const det = [];
  const peer = [];
  for (let i = 0; i < RUNS; i++) {
    t0 = process.hrtime.bigint();
    detect(openProject(repo));
    det.push(ms(t0));
    t0 = process.hrtime.bigint();
    walkAll(repo);
    peer.push(ms(t0));
  }
  const files1 = openProject(repo);
  console.log(`detect entries seen: ${files1.files.length} files (walk truncated: ${files1.truncated}); skipped: ${files1.skippedDirs.join(', ')}`);
  console.log(`peer (full readdir walk) lists ${listed} files`);
  console.log(`cold   detect ${cold.toFixed(1)} ms   peer ${peerCold.toFixed(1)} ms   ratio ${(cold / peerCold).toFixed(3)}`);
  console.log(`median detect ${median(det).toFixed(1)} ms   peer ${median(peer).toFixed(1)} ms   ratio ${(median(det) / median(peer)).toFixed(3)}   (${RUNS} runs)`);
  console.log(`target: detect < 500 ms -> ${Math.max(cold, median(det)) < 500 ? 'met' : 'NOT met'}`);
  if (!KEEP) fs.rmSync(repo, { recursive: true, force: true });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
