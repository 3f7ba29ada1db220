// Bundling check and permission check with real processes:
//  1. The engine client is built the way esbuild.js builds the extension: our code in one bundle
//     (with the main bundle's plugins, so `dockerode` becomes `require("./engine.js")`) and the
//     real dist/engine.js build next to it (dockerode, ssh2 without its native parts). Both are
//     written to a folder outside the repo (no node_modules to fall back on); the entry loads the
//     engine lazily like engineManager.ts and lists images from the private engine.
//  2. Permission denied: a unix socket that really forwards to the private engine, chmod 600 and
//     owned by root. As root the bundle lists through it; as `nobody` (setpriv, a separate process)
//     connect() fails with EACCES, which must surface as the permission message, not "not running".
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { busyboxImage, run, testSocketPath } from './helpers';

/** The build configuration of the extension (esbuild.js only builds when run as a script). */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const config = require('../../../esbuild.js') as {
  /** [dist/extension.js options, dist/engine.js options], written to `outdir`. */
  extensionBuilds(outdir: string, extra?: esbuild.BuildOptions): [esbuild.BuildOptions, esbuild.BuildOptions];
};

interface Result {
  ok: boolean;
  loadedAtStart?: boolean;
  loadedAfterImport?: boolean;
  uid?: number;
  tags?: string[];
  kind?: string;
  message?: string;
}

async function runBundle(bundle: string, host: string, asNobody = false): Promise<Result> {
  const cmd = asNobody ? 'setpriv' : process.execPath;
  const args = asNobody
    ? ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, bundle, host]
    : [bundle, host];
  const { stdout } = await run(cmd, args, { cwd: path.dirname(bundle), timeout: 30_000, env: { PATH: process.env.PATH ?? '' } });
  return JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as Result;
}

describe('bundled engine client (esbuild) and socket permissions', function () {
  this.timeout(60_000);
  let dir: string;
  let bundle: string;
  let proxy: net.Server | undefined;

  before(async function () {
    if (process.platform !== 'linux') this.skip();
    await busyboxImage();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlx-bundle-'));
    fs.chmodSync(dir, 0o755);
    bundle = path.join(dir, 'client-bundle.js');
    const [main, engine] = config.extensionBuilds(dir, { minify: true, sourcemap: false, logLevel: 'silent' });
    await esbuild.build({
      ...main,
      entryPoints: [path.join(__dirname, 'bundleEntry.ts')],
      outfile: bundle,
    });
    await esbuild.build(engine);
    fs.chmodSync(path.join(dir, 'engine.js'), 0o644);
    fs.chmodSync(bundle, 0o644);
  });

  after(() => {
    proxy?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('keeps dockerode in engine.js, loads it on first use only, and lists images from the private engine', async () => {
    const text = fs.readFileSync(bundle, 'utf8');
    assert.match(text, /require\(["']\.\/engine\.js["']\)/, 'the client bundle must load dockerode from ./engine.js');
    assert.doesNotMatch(text, /require\(["'](dockerode|docker-modem|ssh2)["']\)|ssh-userauth|grpc\.channelz/, 'dockerode must not be in the client bundle');
    const engineText = fs.readFileSync(path.join(dir, 'engine.js'), 'utf8');
    assert.doesNotMatch(engineText, /require\(["'](dockerode|docker-modem|ssh2|@grpc\/grpc-js|protobufjs|tar-fs)["']\)/, 'dockerode and its dependencies must be inside engine.js');
    const result = await runBundle(bundle, `unix://${testSocketPath()}`);
    assert.equal(result.loadedAtStart, false, 'engine.js must not load before the engine is created');
    assert.equal(result.loadedAfterImport, true, 'the engine client loads engine.js');
    assert.equal(result.ok, true, result.message);
    assert.ok(result.tags?.includes('mltest/busybox:explorer'), `tags: ${result.tags?.join(', ')}`);
  });

  it('a socket the user may not open gives the permission message (EACCES as nobody)', async function () {
    try {
      await run('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', 'true']);
    } catch {
      this.skip(); // not root, or no setpriv: cannot switch user here
    }
    const sock = path.join(dir, 'engine.sock');
    proxy = net.createServer((client) => {
      const upstream = net.connect(testSocketPath());
      client.pipe(upstream).pipe(client);
      upstream.on('error', () => client.destroy());
      client.on('error', () => upstream.destroy());
    });
    await new Promise<void>((resolve) => proxy!.listen(sock, resolve));
    fs.chmodSync(sock, 0o600);

    const asRoot = await runBundle(bundle, `unix://${sock}`);
    assert.equal(asRoot.ok, true, `the forwarding socket works for its owner: ${asRoot.message}`);

    const asNobody = await runBundle(bundle, `unix://${sock}`, true);
    assert.equal(asNobody.uid, 65534);
    assert.equal(asNobody.ok, false);
    assert.equal(asNobody.kind, 'permissionDenied');
    assert.match(asNobody.message ?? '', /Permission denied connecting to unix:\/\/.*engine\.sock/);
    assert.match(asNobody.message ?? '', /"docker" group/);
  });

  it('a socket path that does not exist is "unreachable", not "permission denied"', async () => {
    const result = await runBundle(bundle, `unix://${path.join(dir, 'missing.sock')}`, false);
    assert.equal(result.kind, 'unreachable');
    assert.match(result.message ?? '', /socket does not exist/);
  });
});
