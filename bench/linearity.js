#!/usr/bin/env node
// Bundles bench/linearity.ts (the lint core and the adversarial shapes of the linearity test) and runs it.
//   node bench/linearity.js [n]    (default n = 32000 characters; the large input is 8n)
'use strict';
const path = require('node:path');
const os = require('node:os');
const { execFileSync } = require('node:child_process');
const out = path.join(os.tmpdir(), `ml-linearity-${process.pid}.js`);
require('esbuild').buildSync({ entryPoints: [path.join(__dirname, 'linearity.ts')], bundle: true, platform: 'node', outfile: out, logLevel: 'warning' });
try {
  execFileSync(process.execPath, [out, ...process.argv.slice(2)], { stdio: 'inherit' });
} finally {
  require('node:fs').rmSync(out, { force: true });
}
