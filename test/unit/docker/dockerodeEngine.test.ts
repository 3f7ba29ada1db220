// The dockerode implementation's boundary behaviour over real unix sockets served by this test:
// deadlines, cancellation, API-too-old, and HTTP errors become typed errors.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { compareApiVersions, DockerodeEngine, dockerodeOptions } from '../../../src/docker/dockerodeEngine';
import { parseHost, resolveEndpoint } from '../../../src/docker/endpoint';
import { ApiTooOldError, CancelledError, ConflictError, EngineTimeoutError, EngineUnreachableError, NotFoundError } from '../../../src/docker/errors';

function engineAt(sock: string): DockerodeEngine {
  return new DockerodeEngine(resolveEndpoint({ settingHost: `unix://${sock}`, env: {} }));
}

describe('DockerodeEngine boundary (fake engines on real sockets)', () => {
  let dir: string;
  const servers: net.Server[] = [];
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlx-unit-'));
  });
  after(() => {
    for (const s of servers) s.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function listen(name: string, handler: http.RequestListener | ((socket: net.Socket) => void), raw = false): Promise<string> {
    const sock = path.join(dir, name);
    const server = raw ? net.createServer(handler as (s: net.Socket) => void) : http.createServer(handler as http.RequestListener);
    servers.push(server);
    await new Promise<void>((r) => server.listen(sock, r));
    return sock;
  }

  it('a call to an engine that never answers times out with a typed error', async () => {
    const sock = await listen('silent.sock', () => undefined, true); // accepts, never replies
    const started = Date.now();
    await assert.rejects(engineAt(sock).ping({ timeoutMs: 300 }), (err: unknown) => err instanceof EngineTimeoutError && /took longer than/.test(err.message));
    assert.ok(Date.now() - started < 2000);
  });

  it('aborting the signal rejects with CancelledError at once', async () => {
    const sock = await listen('silent2.sock', () => undefined, true);
    const controller = new AbortController();
    const p = engineAt(sock).listContainers({ signal: controller.signal, timeoutMs: 10_000 });
    setImmediate(() => controller.abort());
    await assert.rejects(p, CancelledError);
  });

  it('an engine speaking an old API is refused with ApiTooOldError', async () => {
    const sock = await listen('old.sock', (_req, res) => {
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify({ Version: '18.09.1', ApiVersion: '1.39', Os: 'linux', Arch: 'amd64' }));
    });
    await assert.rejects(engineAt(sock).version(), (err: unknown) => err instanceof ApiTooOldError && /1\.39/.test(err.message) && /Upgrade/.test(err.message));
  });

  it('HTTP 409 from the engine is a ConflictError carrying the engine message', async () => {
    const sock = await listen('conflict.sock', (_req, res) => {
      res.statusCode = 409;
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify({ message: 'You cannot remove a running container abc' }));
    });
    await assert.rejects(engineAt(sock).removeContainer('abc'), (err: unknown) => err instanceof ConflictError && /running container abc/.test(err.message));
  });

  it('a connection closed mid-stream ends the events iterable with an unreachable error or quietly', async () => {
    const sock = await listen('events.sock', (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write('{"Type":"container","Action":"start","Actor":{"ID":"x"},"time":1,"timeNano":1}\n');
      setTimeout(() => res.destroy(), 50);
    });
    const events = await engineAt(sock).events();
    const seen: string[] = [];
    try {
      for await (const e of events) seen.push(e.Action);
    } catch (err) {
      assert.ok(err instanceof EngineUnreachableError, String(err));
    }
    assert.deepEqual(seen, ['start']);
  });

  it('exportImageTo streams the export over the socket, and its failures are the same typed errors', async () => {
    const body = Buffer.alloc(200_000, 9);
    const sock = await listen('export.sock', (req, res) => {
      if (req.url === '/images/sha256:abc/get') return res.end(body);
      res.statusCode = 404;
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify({ message: 'No such image: gone:1' }));
    });
    const engine = engineAt(sock);
    let bytes = 0;
    await engine.exportImageTo('sha256:abc', (_buf, s, e) => void (bytes += e - s));
    assert.equal(bytes, body.length);
    await assert.rejects(engine.exportImageTo('gone:1', () => true), (err: unknown) => err instanceof NotFoundError && /No such image: gone:1/.test(err.message));
    const silent = await listen('silent-export.sock', () => undefined, true);
    await assert.rejects(engineAt(silent).exportImageTo('x:1', () => true, { timeoutMs: 300 }), EngineTimeoutError);
    const controller = new AbortController();
    const p = engineAt(silent).exportImageTo('x:1', () => true, { signal: controller.signal, timeoutMs: 10_000 });
    setImmediate(() => controller.abort());
    await assert.rejects(p, CancelledError);
    await assert.rejects(engineAt(path.join(dir, 'none.sock')).exportImageTo('x:1', () => true), EngineUnreachableError);
  });

  it('dockerode options name every connection key (no leaking of DOCKER_HOST defaults)', () => {
    const unix = dockerodeOptions({ ...parseHost('unix:///x.sock', false), source: 'setting', sourceLabel: 's' });
    assert.equal(unix.socketPath, '/x.sock');
    assert.ok('host' in unix && unix.host === undefined);
    // ssh:// goes through the system ssh (an http.Agent over its stdio), never dockerode's own ssh2 transport.
    const ssh = dockerodeOptions({ ...parseHost('ssh://me@box:2222', false), source: 'setting', sourceLabel: 's' }) as { protocol?: string; agent?: unknown };
    assert.equal(ssh.protocol, 'http');
    assert.ok(ssh.agent instanceof http.Agent);
    (ssh.agent as http.Agent).destroy();
  });

  it('compares API versions numerically', () => {
    assert.ok(compareApiVersions('1.41', '1.40') > 0);
    assert.ok(compareApiVersions('1.9', '1.40') < 0);
    assert.equal(compareApiVersions('1.40', '1.40'), 0);
  });
});
