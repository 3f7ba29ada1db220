#!/usr/bin/env node
// .hadolint.yaml parsing: our parseConfig against the parseConfig of an earlier commit (default
// `main`, or BEFORE_REF=<git ref>) and against a bare `yaml.parseDocument(text).toJS()`, in one
// process, on generated configs of 1,000 to 30,000 keys in three shapes: unknown top-level keys
// (one problem each), a label-schema of that many labels, and an ignored list of that many codes.
//
//   node bench/config.js [--sizes 1000,3000,10000,30000]
//
// Prints the median of 3 runs (1 run when a run takes over 2 s) per tool and the ratio to ours,
// and the growth from the smallest to the largest size (a linear parser grows by about the size
// ratio; a quadratic one by its square).
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const esbuild = require('esbuild');
const yaml = require('yaml');

const root = path.resolve(__dirname, '..');
const args = process.argv.slice(2);
const sizesArg = args.indexOf('--sizes');
const SIZES = sizesArg >= 0 ? args[sizesArg + 1].split(',').map(Number) : [1000, 3000, 10000, 30000];
const BEFORE_REF = process.env.BEFORE_REF || 'main';

function bundle(contents, name) {
  const out = path.join(os.tmpdir(), `ml-bench-config-${name}-${process.pid}.js`);
  esbuild.buildSync({
    stdin: { contents, resolveDir: path.join(root, 'src', 'lint'), sourcefile: `${name}.ts`, loader: 'ts' },
    bundle: true, platform: 'node', format: 'cjs', outfile: out, logLevel: 'warning',
  });
  const mod = require(out);
  fs.rmSync(out, { force: true });
  return mod;
}

const ours = bundle(fs.readFileSync(path.join(root, 'src', 'lint', 'config.ts'), 'utf8'), 'ours');
let before = null;
try {
  const text = execFileSync('git', ['show', `${BEFORE_REF}:src/lint/config.ts`], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  before = bundle(text, 'before');
} catch {
  console.log(`(no src/lint/config.ts at ${BEFORE_REF}: the earlier version is not measured)`);
}

const shapes = {
  'unknown keys': (n) => Array.from({ length: n }, (_, i) => `key${i}: 1`).join('\n'),
  'label-schema': (n) => ['label-schema:', ...Array.from({ length: n }, (_, i) => `  org.example.label${i}: text`)].join('\n'),
  'ignored list': (n) => ['ignored:', ...Array.from({ length: n }, (_, i) => `  - DL${3000 + (i % 70)}`)].join('\n'),
};

function time(fn, text) {
  const runs = [];
  for (let k = 0; k < 3; k++) {
    const t0 = process.hrtime.bigint();
    fn(text);
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    runs.push(ms);
    if (ms > 2000) break;
  }
  runs.sort((a, b) => a - b);
  return runs[Math.floor((runs.length - 1) / 2)];
}

const tools = [
  ['ours', (t) => ours.parseConfig(t)],
  ...(before ? [[`before (${BEFORE_REF})`, (t) => before.parseConfig(t)]] : []),
  ['yaml parseDocument+toJS', (t) => yaml.parseDocument(t).toJS()],
];
console.log(`load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
for (const [shape, make] of Object.entries(shapes)) {
  console.log(`\n${shape}`);
  const first = {};
  for (const n of SIZES) {
    const text = make(n);
    const row = [];
    let oursMs = 0;
    for (const [name, fn] of tools) {
      const ms = time(fn, text);
      if (name === 'ours') oursMs = ms;
      first[name] ??= ms;
      row.push(`${name} ${ms.toFixed(1)} ms${name === 'ours' ? '' : ` (${(ms / oursMs).toFixed(1)}×)`}`);
    }
    console.log(`  ${String(n).padStart(6)} keys, ${(text.length / 1024).toFixed(0)} KiB: ${row.join(' | ')}`);
  }
}
