#!/usr/bin/env node
// Activation cost of the production bundle: require dist/extension.js with a stub `vscode` module
// and call activate() with a stub context, in a fresh Node process each time. Printed next to a
// peer measured in the same run on the same machine: requiring dockerode (the engine client the
// extension must NOT load on activation). Target: activation < 50 ms.
// Usage: npm run build:prod && node bench/activation.js [runs=15]
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const repo = path.resolve(__dirname, '..');
const bundle = path.join(repo, 'dist/extension.js');

/** A `vscode` stand-in: every property is another stub, every call and `new` works. */
function makeVscodeStub() {
  const make = (name) => {
    const target = function () {};
    const assigned = new Map(); // properties the extension sets on a stub (e.g. a view's title)
    return new Proxy(target, {
      set(_t, prop, value) {
        assigned.set(prop, value);
        return true;
      },
      get(t, prop) {
        if (assigned.has(prop)) return assigned.get(prop);
        if (prop === 'then') return undefined; // not a thenable
        if (prop === 'prototype') return t.prototype;
        if (prop === Symbol.toPrimitive) return () => '';
        if (prop === Symbol.iterator) return function* () {};
        if (typeof prop === 'symbol') return undefined;
        return make(`${name}.${prop}`);
      },
      apply: () => make(`${name}()`),
      // an instance: what a subclass defines is real, anything else (EventEmitter.event, …) is a stub
      construct: (_t, _args, newTarget) => new Proxy(Reflect.construct(function () {}, [], newTarget), {
        get: (obj, prop, receiver) => (prop in obj || typeof prop === 'symbol' ? Reflect.get(obj, prop, receiver) : make(`${name}#${String(prop)}`)),
      }),
    });
  };
  // esbuild's CommonJS interop copies the module's own keys, so the top level is a plain object
  // with every name the real API exports (read from @types/vscode).
  const dts = fs.readFileSync(require.resolve('@types/vscode/index.d.ts', { paths: [repo] }), 'utf8');
  const names = new Set([...dts.matchAll(/^\t?export (?:class|enum|namespace|function|const|let|var) (\w+)/gm)].map((m) => m[1]));
  const api = {};
  for (const n of names) api[n] = make(`vscode.${n}`);
  return api;
}

function child(kind) {
  const Module = require('node:module');
  const vscode = makeVscodeStub();
  const origLoad = Module._load;
  Module._load = function (request, ...rest) {
    if (request === 'vscode') return vscode;
    return origLoad.call(this, request, ...rest);
  };
  const t0 = process.hrtime.bigint();
  if (kind === 'extension') {
    const ext = require(bundle);
    const tRequire = process.hrtime.bigint();
    const context = {
      subscriptions: [], extensionUri: vscode.Uri, extensionPath: repo, globalState: vscode.Memento, workspaceState: vscode.Memento,
      secrets: vscode.SecretStorage, environmentVariableCollection: vscode.EnvironmentVariableCollection,
      storageUri: undefined, globalStorageUri: vscode.Uri, logUri: vscode.Uri, extensionMode: 1,
      asAbsolutePath: (p) => path.join(repo, p),
    };
    ext.activate(context);
    const t1 = process.hrtime.bigint();
    process.stdout.write(JSON.stringify({ total: Number(t1 - t0) / 1e6, require: Number(tRequire - t0) / 1e6, disposables: context.subscriptions.length }));
  } else if (kind === 'compile') {
    // parse + compile only (no module code runs): the part a smaller or split bundle saves
    const src = require('node:fs').readFileSync(bundle, 'utf8');
    const c0 = process.hrtime.bigint();
    new (require('node:vm').Script)(Module.wrap(src), { filename: bundle });
    process.stdout.write(JSON.stringify({ total: Number(process.hrtime.bigint() - c0) / 1e6 }));
  } else {
    require(require.resolve('dockerode', { paths: [repo] }));
    process.stdout.write(JSON.stringify({ total: Number(process.hrtime.bigint() - t0) / 1e6 }));
  }
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function main() {
  if (process.argv[2] === '--child') return child(process.argv[3]);
  if (!fs.existsSync(bundle)) {
    console.error('dist/extension.js is missing: run `npm run build:prod` first');
    process.exit(2);
  }
  const runs = Number(process.argv[2] ?? 15);
  const measure = (kind) => {
    const out = [];
    for (let i = 0; i < runs; i++) {
      const r = spawnSync(process.execPath, [__filename, '--child', kind], { encoding: 'utf8' });
      if (r.status !== 0) {
        console.error(`${kind} run failed:\n${r.stderr.split('\n').filter((l) => l.length < 300).slice(0, 15).join('\n')}`);
        process.exit(1);
      }
      out.push(JSON.parse(r.stdout));
    }
    return out;
  };
  // interleave a warm-up of each so file-system caches are equally warm
  measure('peer'); measure('extension');
  const ext = measure('extension');
  const peer = measure('peer');
  const compileMs = median(measure('compile').map((r) => r.total));
  const extMs = median(ext.map((r) => r.total));
  const reqMs = median(ext.map((r) => r.require));
  const peerMs = median(peer.map((r) => r.total));
  const size = fs.statSync(bundle).size;
  console.log(`bundle dist/extension.js: ${(size / 1024).toFixed(1)} KB`);
  console.log(`extension require+activate: ${extMs.toFixed(2)} ms median of ${runs} (require ${reqMs.toFixed(2)} ms, of which ` +
    `compiling the bundle ${compileMs.toFixed(2)} ms), ${ext[0].disposables} disposables`);
  console.log(`peer require('dockerode'):  ${peerMs.toFixed(2)} ms median of ${runs}`);
  console.log(`ratio extension/peer: ${(extMs / peerMs).toFixed(2)}; target < 50 ms: ${extMs < 50 ? 'met' : 'NOT met'}`);
  if (extMs >= 50) process.exitCode = 1;
}

// the stub is shared with test/integration/bundles/lazyBundles.test.ts
module.exports = { makeVscodeStub };
if (require.main === module) main();
