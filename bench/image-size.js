#!/usr/bin/env node
// Bench: the Image Size report of a ~1 GB image on the private engine — peak memory (RSS) of the
// process that streams the export and opens the largest layers, next to `docker save IMAGE | wc -c`
// measured in the same run (the same bytes through the docker CLI).
//   bash scripts/with-test-env.sh node bench/image-size.js      (opt-in, not part of npm test; ~1 min)
// Target: peak RSS < 100 MB while the image is ~1 GB. Printed with peers in the same run: a bare Node
// process (the floor), and a process that only drains the same export through Node's HTTP client
// (engine.exportImage), whose per-read Buffers pile up until a garbage collection; the report reads
// through one reused buffer instead (engine.exportImageTo).
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const MB = 1024 * 1024;
/** BENCH_SCALE=0.25 builds a ~250 MB image instead: peak memory should not follow the image's size. */
const SCALE = Number(process.env.BENCH_SCALE || 1);
const n = (count) => Math.max(1, Math.round(count * SCALE));

/** The code under test as one esbuild bundle, as the extension ships it (not tsx compiling TypeScript in the measured process). */
function bundle(dir) {
  const entry = path.join(dir, 'entry.ts');
  fs.writeFileSync(entry, [
    `export { DockerodeEngine } from ${JSON.stringify(path.join(__dirname, '../src/docker/dockerodeEngine'))};`,
    `export { resolveEndpoint } from ${JSON.stringify(path.join(__dirname, '../src/docker/endpoint'))};`,
    `export { collectSizeReport } from ${JSON.stringify(path.join(__dirname, '../src/imageSize/collect'))};`,
  ].join('\n'));
  const out = path.join(dir, 'size-bundle.js');
  require('esbuild').buildSync({ entryPoints: [entry], bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile: out, external: ['cpu-features', '*.node'], logLevel: 'silent' });
  return out;
}

async function child(ref, topLayers, bundlePath) {
  if (topLayers < 0) {
    // Peer: a bare Node process, nothing loaded.
    process.stdout.write(JSON.stringify({ ms: 0, total: 0, opened: 0, biggest: [], rssBeforeMB: process.memoryUsage().rss / MB, maxRssMB: process.resourceUsage().maxRSS / 1024 }) + '\n');
    return;
  }
  const { DockerodeEngine, resolveEndpoint, collectSizeReport } = require(bundlePath);
  const engine = new DockerodeEngine(resolveEndpoint({ settingHost: process.env.ML_TEST_DOCKER_HOST, env: {} }));
  const rssBefore = process.memoryUsage().rss;
  const peak = { heapUsed: 0, external: 0, arrayBuffers: 0, rss: 0 };
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    for (const k of Object.keys(peak)) peak[k] = Math.max(peak[k], m[k] / MB);
  }, 20);
  const started = process.hrtime.bigint();
  if (topLayers === 0) {
    // Peer: the same export stream read and thrown away, in the same kind of process.
    const inspect = await engine.inspectImage(ref);
    const stream = await engine.exportImage(inspect.Id, { timeoutMs: 600000 });
    let bytes = 0;
    for await (const chunk of stream) bytes += chunk.length;
    clearInterval(sampler);
    if (process.env.BENCH_VERBOSE) console.error('peaks (MB):', JSON.stringify(peak));
    engine.dispose();
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    process.stdout.write(JSON.stringify({ ms, total: bytes, opened: 0, biggest: [], rssBeforeMB: rssBefore / MB, maxRssMB: process.resourceUsage().maxRSS / 1024 }) + '\n');
    return;
  }
  const report = await collectSizeReport(engine, ref, { topLayers });
  clearInterval(sampler);
  if (process.env.BENCH_VERBOSE) console.error('peaks (MB):', JSON.stringify(peak));
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  engine.dispose();
  const opened = report.layers.filter((l) => l.contents);
  process.stdout.write(JSON.stringify({
    ms, total: report.mapping.total, opened: opened.length,
    biggest: opened.map((l) => l.contents.biggestFiles[0] && l.contents.biggestFiles[0].path).filter(Boolean),
    rssBeforeMB: rssBefore / MB, maxRssMB: process.resourceUsage().maxRSS / 1024,
  }) + '\n');
}

function main() {
  for (const v of ['ML_TEST_DOCKER_HOST', 'ML_TEST_BUSYBOX']) {
    if (!process.env[v]) {
      console.error(`${v} is not set: run through scripts/with-test-env.sh`);
      process.exit(2);
    }
  }
  const ctx = fs.mkdtempSync(path.join(os.tmpdir(), 'mlc-bench-size-'));
  fs.copyFileSync(process.env.ML_TEST_BUSYBOX, path.join(ctx, 'busybox'));
  fs.chmodSync(path.join(ctx, 'busybox'), 0o755);
  fs.writeFileSync(path.join(ctx, 'Dockerfile'), [
    'FROM scratch',
    'COPY busybox /bin/busybox',
    'RUN ["/bin/busybox", "--install", "-s", "/bin"]',
    `RUN mkdir -p /opt/model && dd if=/dev/urandom of=/opt/model/weights.safetensors bs=1048576 count=${n(450)}`,
    `RUN mkdir -p /root/.cache/pip && dd if=/dev/urandom of=/root/.cache/pip/wheel.whl bs=1048576 count=${n(300)}`,
    `RUN mkdir -p /usr/lib/many && i=0; while [ $i -lt ${n(2000)} ]; do dd if=/dev/urandom of=/usr/lib/many/f$i bs=4096 count=25 2>/dev/null; i=$((i+1)); done`,
    `RUN dd if=/dev/urandom of=/data.bin bs=1048576 count=${n(50)}`,
    '',
  ].join('\n'));
  const env = { ...process.env, DOCKER_HOST: process.env.ML_TEST_DOCKER_HOST, DOCKER_BUILDKIT: '0' };
  const tag = 'mlc-bench/size:1';
  const sh = (cmd, args, opts = {}) => {
    const r = spawnSync(cmd, args, { env, encoding: 'utf8', maxBuffer: 64 * MB, ...opts });
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
    return r.stdout;
  };
  let t = Date.now();
  sh('docker', ['build', '--network', 'none', '-t', tag, ctx]);
  console.log(`built ${tag} in ${((Date.now() - t) / 1000).toFixed(1)} s`);

  t = Date.now();
  const saved = Number(sh('sh', ['-c', `docker save ${tag} | wc -c`]).trim());
  const saveMs = Date.now() - t;
  console.log(`docker save | wc -c: ${(saved / MB).toFixed(0)} MB in ${(saveMs / 1000).toFixed(1)} s`);

  const bundled = bundle(ctx);
  let peerRss;
  let bareRss;
  for (const top of [-1, 0, 3, 100]) {
    const out = sh(process.execPath, [__filename, '--child', tag, String(top), bundled], { stdio: ['ignore', 'pipe', 'inherit'] });
    const r = JSON.parse(out.trim().split('\n').pop());
    if (top < 0) {
      bareRss = r.maxRssMB;
      console.log(`peer: a bare Node process: peak RSS ${bareRss.toFixed(0)} MB`);
      continue;
    }
    const what = top === 0 ? 'peer: the export drained through Node\'s HTTP client' : top === 3 ? 'report, the 3 largest layers' : 'report, every layer';
    console.log(`${what}: ${r.opened} layers opened, ${(r.total / MB).toFixed(0)} MB, ` +
      `${(r.ms / 1000).toFixed(1)} s (${(r.ms / saveMs).toFixed(2)}× docker save | wc -c), peak RSS ${r.maxRssMB.toFixed(0)} MB ` +
      `(${r.rssBeforeMB.toFixed(0)} MB with the code loaded, ${(r.maxRssMB / bareRss).toFixed(2)}× bare Node)` +
      (top === 0 ? '' : `, ${(r.maxRssMB - peerRss).toFixed(0)} MB vs the HTTP drain — target < 100 MB: ${r.maxRssMB < 100 ? 'met' : 'NOT met'}`));
    if (top === 0) peerRss = r.maxRssMB;
    else console.log(`  biggest files: ${r.biggest.join(', ')}`);
  }
  sh('docker', ['rmi', '-f', tag]);
  fs.rmSync(ctx, { recursive: true, force: true });
}

if (process.argv[2] === '--child') {
  child(process.argv[3], Number(process.argv[4]), process.argv[5]).catch((e) => {
    console.error(e);
    process.exit(1);
  });
} else {
  main();
}
