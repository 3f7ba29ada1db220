// Entry of the bundling check: the engine client bundled by esbuild exactly like dist/extension.js
// (same externals), run as a separate process. Prints one JSON line.
import { DockerodeEngine } from '../../../src/docker/dockerodeEngine';
import { resolveEndpoint } from '../../../src/docker/endpoint';
import { toEngineError } from '../../../src/docker/errors';

async function main(): Promise<void> {
  const engine = new DockerodeEngine(resolveEndpoint({ settingHost: process.argv[2], env: {} }));
  try {
    const images = await engine.listImages({ timeoutMs: 10_000 });
    console.log(JSON.stringify({ ok: true, uid: process.getuid?.(), tags: images.flatMap((i) => i.RepoTags ?? []) }));
  } catch (err) {
    const e = toEngineError(err);
    console.log(JSON.stringify({ ok: false, uid: process.getuid?.(), kind: e.kind, name: e.name, message: e.message }));
  } finally {
    engine.dispose();
  }
}

void main();
