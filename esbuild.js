// Bundles the extension, the lint core and the CLI. Type-checking is separate (`npm run typecheck`).
'use strict';
const esbuild = require('esbuild');

const production = process.argv.includes('--production');
const pkg = require('./package.json');
const watch = process.argv.includes('--watch');

/** ssh2 (through dockerode) has optional native parts; leave them out so ssh2 uses its pure-JS code. */
const nativeExternal = ['cpu-features', '*.node'];

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  legalComments: 'none',
  logLevel: 'warning',
  define: { ML_CONTAINERS_VERSION: JSON.stringify(pkg.version) },
};

const builds = [
  { ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode', ...nativeExternal] },
  { ...common, entryPoints: ['src/lint/index.ts'], outfile: 'dist/lint.js' },
  { ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
];

async function main() {
  if (watch) {
    const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
    await Promise.all(contexts.map((c) => c.watch()));
    console.log('[esbuild] watching');
    return;
  }
  await Promise.all(builds.map((b) => esbuild.build(b)));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
