#!/usr/bin/env node
// Bench: the same build and push through ML Containers' code and through the docker CLI, against the
// same private engine and registry, alternating order, median of N runs; plus the context bytes sent
// for a project with a 1 GB ignored data/ folder.
//   bash scripts/with-test-env.sh node bench/build-push.js      (not part of npm test; ~1.5 min; BENCH_RUNS=N, BENCH_ONLY=build|push)
// Targets: time ratio ours/CLI ≤ 1.05; context bytes < 1 MB.
// Note: the CLI here has no buildx plugin, so its only builder is the classic one (DOCKER_BUILDKIT=0);
// the build ratio compares classic with classic, and our BuildKit time is printed for information.
'use strict';
require('tsx/cjs'); // load the TypeScript sources directly
const { spawnSync } = require('child_process');
const crypto = require('crypto');
const fs = require('fs');
const os = require('os');
const path = require('path');
const Dockerode = require('dockerode');
const { runBuild } = require('../src/docker/build/build.ts');
const { scanContext } = require('../src/docker/build/context.ts');
const { pushImage } = require('../src/docker/push/push.ts');
const { findCredentials, toEngineAuth } = require('../src/docker/credentials.ts');

const N = Number(process.env.BENCH_RUNS || 11);
for (const v of ['ML_TEST_DOCKER_HOST', 'ML_TEST_REGISTRY', 'ML_TEST_REGISTRY_USER', 'ML_TEST_REGISTRY_PASSWORD', 'ML_TEST_BUSYBOX']) {
  if (!process.env[v]) {
    console.error(`${v} is not set: run through scripts/with-test-env.sh`);
    process.exit(2);
  }
}
const reg = process.env.ML_TEST_REGISTRY;
const docker = new Dockerode();
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'mlc-bench-'));
const cliConfig = path.join(root, 'docker-config');
fs.mkdirSync(cliConfig);
const cliEnv = { ...process.env, DOCKER_CONFIG: cliConfig, DOCKER_BUILDKIT: '0', DOCKER_CLI_HINTS: 'false' };

function cli(args, input) {
  const r = spawnSync('docker', args, { env: cliEnv, input, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`docker ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
/** Interquartile range relative to the median, in %: how noisy the machine was. */
const spread = (xs) => { const s = [...xs].sort((a, b) => a - b); const q = (f) => s[Math.floor(f * (s.length - 1))]; return (100 * (q(0.75) - q(0.25))) / median(xs); };
const ms = (t0) => Number(process.hrtime.bigint() - t0) / 1e6;

/** A small ML-ish project: busybox, a few source files, some MB of "vocab" data that is sent. */
function makeProject(dir) {
  fs.mkdirSync(path.join(dir, 'src'), { recursive: true });
  fs.copyFileSync(process.env.ML_TEST_BUSYBOX, path.join(dir, 'busybox'));
  for (let i = 0; i < 200; i++) fs.writeFileSync(path.join(dir, 'src', `m${i}.py`), `# module ${i}\n`.repeat(200));
  fs.writeFileSync(path.join(dir, 'vocab.bin'), crypto.randomBytes(4 * 1024 * 1024));
  fs.writeFileSync(path.join(dir, '.dockerignore'), 'data\ncheckpoints\n**/__pycache__\n');
  fs.writeFileSync(path.join(dir, 'Dockerfile'),
    'FROM scratch\nCOPY busybox /bin/busybox\nRUN ["/bin/busybox", "--install", "-s", "/bin"]\nCOPY src /app/src\nCOPY vocab.bin /app/\nRUN ls -R /app > /app/manifest.txt\n');
}

async function benchBuild(ctx) {
  const dockerfile = path.join(ctx, 'Dockerfile');
  const ours = [];
  const oursBk = [];
  const theirs = [];
  for (let i = 0; i < N; i++) {
    const order = i % 2 === 0 ? ['ours', 'cli'] : ['cli', 'ours'];
    for (const who of order) {
      const t0 = process.hrtime.bigint();
      if (who === 'ours') {
        await runBuild(docker, { dockerfile, context: ctx, tags: [`bench/ours:${i}`], network: 'none', noCache: true, builder: 'classic' });
        ours.push(ms(t0));
      } else {
        cli(['build', '-q', '--no-cache', '--network', 'none', '-t', `bench/cli:${i}`, ctx]);
        theirs.push(ms(t0));
      }
    }
    const t1 = process.hrtime.bigint();
    await runBuild(docker, { dockerfile, context: ctx, tags: [`bench/ours-bk:${i}`], network: 'none', noCache: true, builder: 'buildkit' });
    oursBk.push(ms(t1));
  }
  return { ours: median(ours), theirs: median(theirs), oursBk: median(oursBk), noise: Math.max(spread(ours), spread(theirs)) };
}

/** Builds two images with distinct random layers so each push really uploads the same amount. */
async function freshImages(i) {
  const out = [];
  for (const who of ['ours', 'cli']) {
    const dir = fs.mkdtempSync(path.join(root, `push-${who}-`));
    fs.copyFileSync(process.env.ML_TEST_BUSYBOX, path.join(dir, 'busybox'));
    fs.writeFileSync(path.join(dir, 'weights.bin'), crypto.randomBytes(32 * 1024 * 1024));
    fs.writeFileSync(path.join(dir, 'Dockerfile'), 'FROM scratch\nCOPY busybox /bin/busybox\nCOPY weights.bin /weights.bin\n');
    const tag = `${reg}/bench/${who}:${i}`;
    await runBuild(docker, { dockerfile: path.join(dir, 'Dockerfile'), context: dir, tags: [tag], network: 'none' });
    out.push(tag);
  }
  return out;
}

async function benchPush() {
  cli(['login', '-u', process.env.ML_TEST_REGISTRY_USER, '--password-stdin', reg], process.env.ML_TEST_REGISTRY_PASSWORD);
  // Our code reads the same config.json the CLI just wrote.
  const cred = await findCredentials(reg, { configDir: cliConfig, env: {} });
  if (!cred) throw new Error('no credentials found in the CLI config');
  const auth = toEngineAuth(cred);
  const ours = [];
  const theirs = [];
  for (let i = 0; i < N; i++) {
    const [oursTag, cliTag] = await freshImages(i);
    const order = i % 2 === 0 ? ['ours', 'cli'] : ['cli', 'ours'];
    for (const who of order) {
      const t0 = process.hrtime.bigint();
      if (who === 'ours') {
        await pushImage(docker, oursTag, auth);
        ours.push(ms(t0));
      } else {
        cli(['push', '-q', cliTag]);
        theirs.push(ms(t0));
      }
    }
  }
  return { ours: median(ours), theirs: median(theirs), source: cred.source, noise: Math.max(spread(ours), spread(theirs)) };
}

async function contextBytes() {
  // The project itself: sources and a Dockerfile; next to it 1 GB of data/ that .dockerignore excludes.
  const dir = fs.mkdtempSync(path.join(root, 'bigdata-'));
  fs.mkdirSync(path.join(dir, 'src'));
  for (let i = 0; i < 40; i++) fs.writeFileSync(path.join(dir, 'src', `m${i}.py`), `# module ${i}\n`.repeat(100));
  fs.writeFileSync(path.join(dir, '.dockerignore'), 'data\n');
  fs.writeFileSync(path.join(dir, 'Dockerfile'), 'FROM scratch\nCOPY src /app/src\n');
  fs.mkdirSync(path.join(dir, 'data'));
  for (let i = 0; i < 4; i++) {
    const f = path.join(dir, 'data', `shard-${i}.parquet`);
    fs.writeFileSync(f, '');
    fs.truncateSync(f, 256 * 1024 * 1024); // sparse: 1 GB in total without using the disk
  }
  const t0 = process.hrtime.bigint();
  const scan = await scanContext(dir, path.join(dir, 'Dockerfile'));
  const scanMs = ms(t0);
  const r = await runBuild(docker, { dockerfile: path.join(dir, 'Dockerfile'), context: dir, tags: ['bench/bigdata:1'], network: 'none' }, {}, undefined, scan);
  const ignoredBytes = 4 * 256 * 1024 * 1024;
  return { bytes: r.contextBytes, scanMs, files: scan.entries.length, ignoredBytes };
}

async function main() {
  const started = Date.now();
  const ctx = fs.mkdtempSync(path.join(root, 'ctx-'));
  makeProject(ctx);
  // warm-up (page cache, engine) for both
  await runBuild(docker, { dockerfile: path.join(ctx, 'Dockerfile'), context: ctx, tags: ['bench/warm:1'], network: 'none', builder: 'classic' });
  cli(['build', '-q', '--network', 'none', '-t', 'bench/warm:2', ctx]);

  const only = process.env.BENCH_ONLY;
  const b = only === 'push' ? { ours: NaN, theirs: NaN, oursBk: NaN, noise: NaN } : await benchBuild(ctx);
  const p = only === 'build' ? { ours: NaN, theirs: NaN, source: '-', noise: NaN } : await benchPush();
  const c = await contextBytes();
  const f = (x) => `${x.toFixed(0)} ms`;
  const rows = [
    ['build (classic, no cache)', f(b.ours), f(b.theirs), (b.ours / b.theirs).toFixed(3), b.ours / b.theirs <= 1.05 ? 'ok' : 'ABOVE TARGET', b.noise],
    ['push (32 MB new layer, auth registry)', f(p.ours), f(p.theirs), (p.ours / p.theirs).toFixed(3), p.ours / p.theirs <= 1.05 ? 'ok' : 'ABOVE TARGET', p.noise],
  ];
  console.log(`\nML Containers vs docker CLI ${cli(['version', '--format', '{{.Client.Version}}']).trim()} — median of ${N} runs, same engine and registry\n`);
  console.log(['operation'.padEnd(40), 'ours'.padStart(9), 'docker CLI'.padStart(11), 'ratio'.padStart(7), '  target ≤ 1.05', '   run-to-run IQR'].join(''));
  for (const r of rows) console.log([r[0].padEnd(40), r[1].padStart(9), r[2].padStart(11), r[3].padStart(7), `  ${r[4]}`.padEnd(16), `   ±${r[5].toFixed(0)}%`].join(''));
  console.log(`\nfor information: our BuildKit build of the same project: ${f(b.oursBk)} (the CLI here has no buildx to compare with)`);
  console.log(`push credentials: ${p.source} (the config.json written by docker login)`);
  console.log(`\ncontext sent for a project with a ${(c.ignoredBytes / 1024 ** 3).toFixed(0)} GB ignored data/ folder: ${c.bytes} bytes (${(c.bytes / 1024 / 1024).toFixed(2)} MB) — target < 1 MB: ${c.bytes < 1024 * 1024 ? 'ok' : 'ABOVE TARGET'}`);
  console.log(`  (scan of ${c.files} entries took ${c.scanMs.toFixed(0)} ms)`);
  console.log(`\ntotal bench time ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

main()
  .catch((e) => {
    console.error(e);
    process.exitCode = 1;
  })
  .finally(() => fs.rmSync(root, { recursive: true, force: true }));
