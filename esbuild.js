// Bundles the extension, the lint core and the CLI. Type-checking is separate (`npm run typecheck`).
//
// The extension is two files, so that activation only parses what it runs:
//   dist/extension.js  all of our own code (src/**) plus the small libraries used at activation.
//   dist/engine.js     the engine client library alone: dockerode with docker-modem, ssh2,
//                      tar-fs… It is required at
//                      runtime from dist/ only when the first engine is created: engineManager.ts
//                      loads src/docker/dockerodeEngine.ts with a dynamic import(), which esbuild
//                      turns into a lazily initialised module, and that module's `import 'dockerode'`
//                      is rewritten by the plugin below into `require("./engine.js")`.
//
// Why the split is at the third-party boundary, not around our engine code: every module of ours
// stays in exactly one bundle (extension.js), so classes checked with `instanceof` (EngineError and
// its helpers in src/docker/errors.ts, BuildFailedError, PushError, RunError, ReferenceError) and
// module state (globalRedactor in
// src/docker/push/redact.ts) exist once — nothing of ours is duplicated across the boundary, so no
// identity can split. Only dockerode's objects cross it, and nothing in src/ tests them by identity
// (errors from docker-modem are classified by their properties in errors.ts).
// Rule for new code: import dockerode (a value import) only from modules reached through the
// dynamic import in engineManager.ts; everywhere else use `import type`. A static value import from
// a module loaded at activation would load dist/engine.js at activation again (bench:activation
// would show ~100 ms more; test/integration/explorer/bundle.test.ts checks that engine.js loads only
// when dockerodeEngine.ts is imported, and that dockerode is in engine.js only).
'use strict';
const esbuild = require('esbuild');
const path = require('node:path');

const production = process.argv.includes('--production');
const pkg = require('./package.json');
const watch = process.argv.includes('--watch');

/** ssh2 (through dockerode) has optional native parts; leave them out so ssh2 uses its pure-JS code. */
const nativeExternal = ['cpu-features', '*.node'];

/** Where the main bundle finds the engine library at runtime (relative to dist/extension.js). */
const ENGINE_BUNDLE = './engine.js';

/**
 * Libraries bundled alone in dist/ and required from there (relative to dist/extension.js), so that
 * activation does not parse them: dockerode (with the engine's first call), the Dockerfile language
 * service (the first completion or hover) and `yaml` (the first YAML file read). They hold no state or
 * classes our code tests by identity across bundles, so a bundle of their own could not split one.
 */
const LIBRARY_BUNDLES = { dockerode: ENGINE_BUNDLE, 'dockerfile-language-service': './language.js', yaml: './yaml.js' };

/** `import … from '<library>'` becomes `require("./<its bundle>")` (not bundled). */
const librariesFromTheirBundles = {
  name: 'libraries-from-their-bundles',
  setup(build) {
    build.onResolve({ filter: /^(dockerode|dockerfile-language-service|yaml)$/ }, (args) => ({ path: LIBRARY_BUNDLES[args.path], external: true }));
  },
};

/**
 * Engine bundle: dockerode 5 requires @grpc/grpc-js, @grpc/proto-loader and protobufjs (~390 KB) for
 * BuildKit sessions (`buildImage` with version 2: lib/session.js) and `followProgress` (lib/buildkit.js).
 * We never call either: builds are dialled directly (src/docker/build/build.ts) and BuildKit's trace is
 * decoded by src/docker/build/buildkitTrace.ts. Both modules become stubs that say so if ever reached.
 */
const withoutBuildKitSessions = {
  name: 'without-buildkit-sessions',
  setup(build) {
    build.onResolve({ filter: /^\.\/(session|buildkit)$/ }, (args) =>
      /[\\/]dockerode[\\/]lib$/.test(args.resolveDir) ? { path: args.path, namespace: 'dockerode-stub' } : undefined);
    build.onLoad({ filter: /.*/, namespace: 'dockerode-stub' }, (args) => {
      const message = JSON.stringify(`dockerode ${args.path} is not bundled: ML Containers dials BuildKit builds itself`);
      const api = args.path.endsWith('session') ? 'no' : '{ followProgress: no }';
      return { loader: 'js', contents: `const no = () => { throw new Error(${message}); };\nmodule.exports = ${api};\n` };
    });
  },
};

/** Where the main bundle finds the Kubernetes models at runtime; src/kubernetes/models.ts is bundled there alone. */
const KUBERNETES_BUNDLE = './kubernetes.js';
const kubernetesModelsFromBundle = {
  name: 'kubernetes-models-from-bundle',
  setup(build) {
    build.onResolve({ filter: /^\.\/models$/ }, (args) =>
      /[\\/]src[\\/]kubernetes$/.test(args.resolveDir) ? { path: KUBERNETES_BUNDLE, external: true } : undefined);
  },
};

/**
 * Main bundle: `import * as vscode from 'vscode'` in ~30 modules would each copy the whole API object
 * (esbuild's CommonJS interop, ~400 properties per importer, several ms at activation). Route them
 * through one ES module that re-exports `vscode` once; it is still `require('vscode')` at runtime.
 */
const vscodeOnce = {
  name: 'vscode-once',
  setup(build) {
    build.onResolve({ filter: /^vscode$/ }, (args) =>
      args.namespace === 'vscode-once' ? { path: 'vscode', external: true } : { path: 'vscode', namespace: 'vscode-once' });
    build.onLoad({ filter: /.*/, namespace: 'vscode-once' }, () => ({ contents: "export * from 'vscode';", loader: 'js' }));
  },
};

/**
 * Our own code that only runs after a first use, bundled apart from dist/extension.js so activation does
 * not parse it: each entry here is the module that main code loads with `await import()` or `require()`
 * on first use (a static import of it would load the bundle at activation, which the build allows but
 * which saves nothing).
 *
 * Module identity: every module of ours is still in exactly one bundle. A lazy bundle holds the modules
 * only it reaches; a module the main bundle also holds (errors tested with instanceof, services with
 * state, the lint parser…) is read from the main bundle at runtime through `__shared(path)`, which
 * the build adds to src/extension.ts for exactly the modules the lazy bundles ask for. A lazy bundle is
 * only required by code running in the main bundle, so `require('./extension.js')` returns the loaded
 * main module. A module outside the main bundle that two lazy bundles reach goes to the main bundle
 * (read through `__shared` by both), so it exists once.
 */
const LAZY_BUNDLES = [
  // the rules and their shared facts, loaded by the first lint (src/diagnostics/lintProvider.ts)
  { file: 'linter.js', entries: ['src/lint/index.ts'] },
  { file: 'containerize.js', entries: ['src/containerize/index.ts'] },
  { file: 'compose.js', entries: ['src/compose/hints.ts', 'src/compose/cliErrors.ts', 'src/compose/profile.ts'] },
  { file: 'imageSize.js', entries: ['src/imageSize/collect.ts', 'src/imageSize/report.ts'] },
  { file: 'kubernetesExport.js', entries: ['src/kubernetes/source.ts', 'src/kubernetes/plan.ts', 'src/kubernetes/yaml.ts', 'src/kubernetes/kubectl.ts'] },
];
const LAZY_BY_ENTRY = new Map(LAZY_BUNDLES.flatMap((b) => b.entries.map((e) => [e, b.file])));
const rel = (abs) => path.relative(__dirname, abs).split(path.sep).join('/');

/**
 * Resolves our relative imports once more to know where they land: an entry of a lazy bundle (other than
 * `own`) becomes `require("./<bundle>")[entry]`; with `shared` (the main bundle's modules, for a lazy
 * bundle's build), a module of the main bundle becomes `require("./extension.js").__shared(path)`.
 */
function lazyImports(own, shared, asked) {
  return {
    name: 'lazy-imports',
    setup(build) {
      build.onResolve({ filter: /^\./ }, async (args) => {
        if (args.pluginData === 'lazy-imports' || args.namespace === 'lazy') return undefined;
        const r = await build.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: 'lazy-imports' });
        if (r.errors.length || r.external || !r.path.startsWith(path.join(__dirname, 'src') + path.sep)) return undefined;
        const key = rel(r.path);
        const file = LAZY_BY_ENTRY.get(key);
        if (file && !own?.entries.includes(key)) return { path: `./${file}#${key}`, namespace: 'lazy' };
        if (shared && !file && shared.has(key)) {
          asked.add(key);
          return { path: `./extension.js#${key}`, namespace: 'lazy' };
        }
        return undefined;
      });
      build.onResolve({ filter: /.*/, namespace: 'lazy' }, (args) => ({ path: args.path, external: true }));
      build.onLoad({ filter: /.*/, namespace: 'lazy' }, (args) => {
        const [file, key] = args.path.split('#');
        const get = file === './extension.js' ? `.__shared(${JSON.stringify(key)})` : `[${JSON.stringify(key)}]`;
        return { loader: 'js', contents: `module.exports = require(${JSON.stringify(file)})${get};` };
      });
    },
  };
}

/** Main bundle: `__shared(path)` appended to src/extension.ts for the modules the lazy bundles read from it. */
function sharedExports(keys) {
  return {
    name: 'shared-exports',
    setup(build) {
      build.onLoad({ filter: /[\\/]src[\\/]extension\.ts$/ }, async (args) => {
        const text = await require('node:fs/promises').readFile(args.path, 'utf8');
        const cases = [...keys].sort().map((k) => `    case ${JSON.stringify(k)}: return require(${JSON.stringify('./' + path.relative('src', k).split(path.sep).join('/').replace(/\.ts$/, ''))});`);
        const fn = `\n/** Modules of this bundle that the bundles loaded on first use read (see LAZY_BUNDLES in esbuild.js). */\nexport function __shared(key: string): unknown {\n  switch (key) {\n${cases.join('\n')}\n    default: throw new Error(\`\${key} is not in the main bundle\`);\n  }\n}\n`;
        return { loader: 'ts', contents: text + fn };
      });
    },
  };
}

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

/** Plugins of the bundles that hold our extension code (main and lazy): libraries in their own bundles, one `vscode`. */
const extensionPlugins = [librariesFromTheirBundles, kubernetesModelsFromBundle, vscodeOnce];

/**
 * The extension's bundles: main and engine first (the bundle test builds those two), then the ones loaded on
 * first use; `outdir` lets the integration test build them elsewhere. The main bundle and those of
 * LAZY_BUNDLES are built together by buildExtension() (they depend on each other's module lists).
 */
function extensionBuilds(outdir = 'dist', extra = {}) {
  return [
    {
      ...common, ...extra, entryPoints: ['src/extension.ts'], outfile: `${outdir}/extension.js`,
      external: ['vscode', ...nativeExternal], plugins: [...extensionPlugins, lazyImports(undefined, undefined)],
    },
    // the libraries, engine first (without dockerode's BuildKit session code), then those loaded on first use
    ...Object.entries(LIBRARY_BUNDLES).map(([name, file]) => ({
      ...common, ...extra, outfile: `${outdir}/${file.slice(2)}`,
      ...(name === 'dockerode' ? { external: nativeExternal, plugins: [withoutBuildKitSessions] } : {}),
      stdin: { contents: `module.exports = require(${JSON.stringify(name)});`, resolveDir: __dirname, sourcefile: `${file.slice(2, -3)}-entry.js`, loader: 'js' },
    })),
    { ...common, ...extra, entryPoints: ['src/kubernetes/models.ts'], outfile: `${outdir}/kubernetes.js` },
    ...LAZY_BUNDLES.map((b) => ({ ...common, ...extra, outfile: `${outdir}/${b.file}`, external: ['vscode', ...nativeExternal], lazy: b })),
  ];
}

/**
 * Builds dist/extension.js and the LAZY_BUNDLES: main first (its module list), then each lazy bundle
 * against that list, then main again with `__shared` for the modules they asked for (requiring them
 * does not add modules to main, so its list stays the same).
 */
async function buildExtension(outdir = 'dist', extra = {}) {
  const [mainOptions, ...rest] = extensionBuilds(outdir, extra);
  const first = await esbuild.build({ ...mainOptions, write: false, metafile: true });
  const inMain = new Set(Object.keys(first.metafile.inputs).filter((f) => f.startsWith('src/')));
  const lazy = rest.filter((o) => o.lazy);
  const buildLazy = (write, asked) => Promise.all(lazy.map(async ({ lazy: b, ...o }) => {
    const entry = b.entries.map((e) => `exports[${JSON.stringify(e)}] = require(${JSON.stringify('./' + e)});`).join('\n');
    const result = await esbuild.build({
      ...o, write, metafile: true, plugins: [...extensionPlugins, lazyImports(b, inMain, asked)],
      stdin: { contents: entry, resolveDir: __dirname, sourcefile: `${b.file}-entry.js`, loader: 'js' },
    });
    return Object.keys(result.metafile.inputs).filter((i) => i.startsWith('src/'));
  }));
  // a module outside main reached by two lazy bundles would exist twice: main holds it instead (read through __shared)
  const seen = new Set();
  for (const f of (await buildLazy(false, new Set())).flat()) {
    if (seen.has(f)) inMain.add(f);
    seen.add(f);
  }
  const asked = new Set();
  const holders = new Map();
  for (const [k, files] of (await buildLazy(true, asked)).entries()) {
    for (const f of files) {
      if (holders.has(f)) throw new Error(`${f} is in both ${holders.get(f)} and ${lazy[k].lazy.file}: see LAZY_BUNDLES in esbuild.js`);
      holders.set(f, lazy[k].lazy.file);
    }
  }
  await esbuild.build({ ...mainOptions, plugins: [...mainOptions.plugins, sharedExports(asked)] });
  await Promise.all(rest.filter((o) => !o.lazy).map((o) => esbuild.build(o)));
}

const builds = [
  { ...common, entryPoints: ['src/lint/index.ts'], outfile: 'dist/lint.js' },
  { ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  { ...common, entryPoints: ['src/cli/containerize.ts'], outfile: 'dist/ml-containers.js', banner: { js: '#!/usr/bin/env node' } },
];

/** `npm run watch`: start/finish lines and errors in the shape of the esbuild problem matcher (connor4312.esbuild-problem-matchers). */
const problemMatcher = {
  name: 'esbuild-problem-matcher',
  setup(build) {
    build.onStart(() => console.log('[watch] build started'));
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      console.log('[watch] build finished');
    });
  },
};

async function main() {
  if (watch) {
    // the extension's bundles depend on each other's module lists: any change under src/ rebuilds them together
    const again = {
      name: 'extension-bundles',
      setup(build) {
        build.onEnd((result) => (result.errors.length ? undefined : buildExtension().catch((err) => console.error(`✘ [ERROR] ${err.message}`))));
      },
    };
    const [mainOptions] = extensionBuilds();
    const contexts = await Promise.all([...builds, { ...mainOptions, write: false, plugins: [...mainOptions.plugins, again] }]
      .map((b) => esbuild.context({ ...b, plugins: [...(b.plugins ?? []), problemMatcher] })));
    await Promise.all(contexts.map((c) => c.watch()));
    console.log('[esbuild] watching');
    return;
  }
  await Promise.all([buildExtension(), ...builds.map((b) => esbuild.build(b))]);
}

module.exports = { common, nativeExternal, ENGINE_BUNDLE, KUBERNETES_BUNDLE, LIBRARY_BUNDLES, librariesFromTheirBundles, kubernetesModelsFromBundle, vscodeOnce, extensionBuilds, buildExtension, LAZY_BUNDLES };

if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
