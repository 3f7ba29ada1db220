// Entry of the bundling check: built with the main bundle's esbuild plugins (so `dockerode` becomes
// `require("./engine.js")`) next to the real dist/engine.js build, then run as a separate process
// from a folder without node_modules. Loads the engine client the way engineManager.ts does (dynamic
// import), and reports whether the engine bundle was loaded before that. Prints one JSON line.
import * as path from 'node:path';
import { resolveEndpoint } from '../../../src/docker/endpoint';
import { toEngineError } from '../../../src/docker/errors';

const engineBundleLoaded = (): boolean => Object.keys(require.cache).some((f) => path.basename(f) === 'engine.js');

async function main(): Promise<void> {
  const loadedAtStart = engineBundleLoaded();
  const { DockerodeEngine } = await import('../../../src/docker/dockerodeEngine');
  const loadedAfterImport = engineBundleLoaded();
  const engine = new DockerodeEngine(resolveEndpoint({ settingHost: process.argv[2], env: {} }));
  const base = { uid: process.getuid?.(), loadedAtStart, loadedAfterImport };
  try {
    const images = await engine.listImages({ timeoutMs: 10_000 });
    console.log(JSON.stringify({ ...base, ok: true, tags: images.flatMap((i) => i.RepoTags ?? []) }));
  } catch (err) {
    const e = toEngineError(err);
    console.log(JSON.stringify({ ...base, ok: false, kind: e.kind, name: e.name, message: e.message }));
  } finally {
    engine.dispose();
  }
}

void main();
