#!/usr/bin/env node
// Bundles bench/lint-profile.ts (the lint internals, as the extension bundles them) and runs it.
//   node bench/lint-profile.js [iterations] [FILE...]   OUT=<file> to choose the bundle path
'use strict';
const path = require('node:path');
const os = require('node:os');
const { execFileSync } = require('node:child_process');
const root = path.resolve(__dirname, '..');
const out = process.env.OUT ?? path.join(os.tmpdir(), `ml-lint-profile-${process.pid}.js`);
require('esbuild').buildSync({ entryPoints: [path.join(__dirname, 'lint-profile.ts')], bundle: true, platform: 'node', outfile: out, logLevel: 'warning' });
execFileSync(process.execPath, [out, ...process.argv.slice(2)], { stdio: 'inherit', env: { ...process.env, LINT_PROFILE_ROOT: root } });
require('node:fs').rmSync(out, { force: true });
