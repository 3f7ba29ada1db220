// The extension's own code split into dist/extension.js and the bundles loaded on first use (LAZY_BUNDLES
// in esbuild.js), built here with esbuild.js's own pipeline into a folder outside the repo, then run in a
// separate Node process with a stand-in `vscode`: activation loads none of the lazy bundles, each lazy
// bundle then loads and lints through the main bundle's modules, and no module of ours is in two bundles.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../../..');
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the build script is CommonJS
const config = require(path.join(root, 'esbuild.js')) as {
  LAZY_BUNDLES: { file: string; entries: string[] }[];
  buildExtension(outdir: string, extra?: object): Promise<void>;
};

/** Runs in the child: activates the main bundle with a stub host, then loads every lazy bundle. */
const CHILD = String.raw`
const Module = require('node:module');
const path = require('node:path');
const [dir, stubFile, lazyJson] = process.argv.slice(1);
const vscode = require(stubFile).makeVscodeStub();
const make = () => vscode.Uri; // any stub object
const load = Module._load;
Module._load = function (request, ...rest) { return request === 'vscode' ? vscode : load.call(this, request, ...rest); };
const loaded = () => Object.keys(require.cache).map((f) => path.basename(f)).filter((f) => f !== '[eval]');
const ext = require(path.join(dir, 'extension.js'));
const stub = make();
ext.activate({ subscriptions: [], extensionUri: stub, extensionPath: dir, globalState: stub, workspaceState: stub, secrets: stub,
  environmentVariableCollection: stub, storageUri: undefined, globalStorageUri: stub, logUri: stub, extensionMode: 1, asAbsolutePath: (p) => path.join(dir, p) });
const afterActivation = loaded();
const exportsOf = {};
for (const b of JSON.parse(lazyJson)) {
  const m = require(path.join(dir, b.file));
  for (const e of b.entries) exportsOf[e] = Object.keys(m[e] ?? {});
}
const lint = require(path.join(dir, 'linter.js'))['src/lint/index.ts'];
const codes = lint.lintDockerfile('FROM ubuntu:22.04\nRUN apt-get update && apt-get install -y curl\n').map((p) => p.code);
console.log(JSON.stringify({ afterActivation, exportsOf, codes }));
`;

describe('lazy bundles of our own code', function () {
  this.timeout(180_000);
  let dir = '';
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlx-lazy-'));
    // not minified: esbuild then marks every module with a `// src/…` line, which the identity check reads
    await config.buildExtension(dir, { minify: false, sourcemap: false, logLevel: 'silent', absWorkingDir: root });
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('keeps every module of ours in exactly one bundle', () => {
    const holder = new Map<string, string>();
    for (const file of ['extension.js', ...config.LAZY_BUNDLES.map((b) => b.file)]) {
      const text = fs.readFileSync(path.join(dir, file), 'utf8');
      for (const m of text.matchAll(/^\/\/ (src\/\S+\.ts)$/gm)) {
        assert.ok(!holder.has(m[1]) || holder.get(m[1]) === file, `${m[1]} is in ${holder.get(m[1])} and ${file}`);
        holder.set(m[1], file);
      }
    }
    assert.equal(holder.get('src/extension.ts'), 'extension.js');
    assert.equal(holder.get('src/lint/rules/index.ts'), 'linter.js', 'the rules are not in the main bundle');
    assert.equal(holder.get('src/lint/parser.ts'), 'extension.js', 'the parser, used at activation, stays in the main bundle');
    for (const b of config.LAZY_BUNDLES) for (const e of b.entries) assert.equal(holder.get(e), b.file);
  });

  it('loads no lazy bundle at activation, and each one after it, reading shared modules from the main bundle', () => {
    const out = execFileSync(process.execPath, ['-e', CHILD, dir, path.join(root, 'bench/activation.js'), JSON.stringify(config.LAZY_BUNDLES)], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
    const result = JSON.parse(out.trim().split('\n').pop() ?? '{}') as { afterActivation: string[]; exportsOf: Record<string, string[]>; codes: string[] };
    for (const b of config.LAZY_BUNDLES) assert.ok(!result.afterActivation.includes(b.file), `${b.file} loaded at activation`);
    for (const f of ['yaml.js', 'engine.js', 'language.js', 'kubernetes.js']) assert.ok(!result.afterActivation.includes(f), `${f} loaded at activation`);
    for (const b of config.LAZY_BUNDLES) for (const e of b.entries) assert.ok(result.exportsOf[e].length > 0, `${b.file} exports ${e}`);
    assert.ok(result.exportsOf['src/lint/index.ts'].includes('lintWithDocument'));
    assert.ok(result.codes.includes('DL3009') && result.codes.includes('DL3015'), `lint through linter.js: ${result.codes.join(', ')}`);
  });
});
