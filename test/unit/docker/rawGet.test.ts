// rawGet against a real HTTP server on a unix socket: chunked and sized bodies arrive intact through
// the one reused buffer, errors carry the status and the engine's message, and the read stops when
// the sink says so, on abort, and when no answer comes.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { rawGet, type RawHttpError } from '../../../src/docker/rawGet';

const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

describe('docker: rawGet (one reused read buffer)', function () {
  this.timeout(20000);
  let dir: string;
  let server: http.Server;
  let socketPath: string;
  const body = Buffer.alloc(3 * 1024 * 1024 + 77);
  for (let i = 0; i < body.length; i++) body[i] = (i * 31) & 0xff;
  let stalled: http.ServerResponse[] = [];

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlc-rawget-'));
    socketPath = path.join(dir, 'engine.sock');
    server = http.createServer((req, res) => {
      if (req.url === '/images/chunked/get') {
        res.writeHead(200, { 'Content-Type': 'application/x-tar' }); // no length: chunked
        let at = 0;
        const step = (): void => {
          while (at < body.length) {
            const n = Math.min(10_000 + (at % 7000), body.length - at);
            const ok = res.write(body.subarray(at, at + n));
            at += n;
            if (!ok) return void res.once('drain', step);
          }
          res.end();
        };
        step();
      } else if (req.url === '/images/sized/get') {
        res.writeHead(200, { 'Content-Length': String(body.length) });
        res.end(body);
      } else if (req.url === '/images/stall/get') {
        stalled.push(res);
      } else if (req.url === '/images/endless/get') {
        res.writeHead(200);
        const step = (): void => {
          while (res.write(Buffer.alloc(65536))) { /* fill until backpressure */ }
          res.once('drain', step);
        };
        res.on('close', () => res.removeAllListeners('drain'));
        step();
      } else {
        res.writeHead(404, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ message: 'No such image: missing:1' }));
      }
    });
    await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  });

  after(async () => {
    for (const r of stalled) r.destroy();
    stalled = [];
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  for (const kind of ['chunked', 'sized']) {
    it(`${kind}: the body arrives byte for byte, though every read lands in the same buffer`, async () => {
      const hash = createHash('sha256');
      const buffers = new Set<ArrayBufferLike>();
      let bytes = 0;
      await rawGet({ socketPath }, `/images/${kind}/get`, (buf, s, e) => {
        buffers.add(buf.buffer);
        hash.update(buf.subarray(s, e));
        bytes += e - s;
      }, { timeoutMs: 10000, bufferSize: 16384 });
      assert.equal(bytes, body.length);
      assert.equal(hash.digest('hex'), sha(body));
      assert.equal(buffers.size, 1, 'one buffer for every read');
    });
  }

  it('a status other than 200 rejects with the status and the engine\'s message', async () => {
    await assert.rejects(rawGet({ socketPath }, '/images/missing/get', () => true, { timeoutMs: 10000 }), (err: RawHttpError) => {
      assert.equal(err.statusCode, 404);
      assert.deepEqual(err.json, { message: 'No such image: missing:1' });
      assert.match(err.message, /No such image: missing:1/);
      return true;
    });
  });

  it('stops when the sink returns false, and resolves', async () => {
    let bytes = 0;
    await rawGet({ socketPath }, '/images/endless/get', (_b, s, e) => {
      bytes += e - s;
      return bytes < 1_000_000;
    }, { timeoutMs: 10000 });
    assert.ok(bytes >= 1_000_000);
  });

  it('rejects on abort and when the head does not come in time; never sends an unsafe path', async () => {
    const ac = new AbortController();
    const arrived = new Promise<void>((resolve) => server.once('request', () => resolve()));
    const p = rawGet({ socketPath }, '/images/stall/get', () => true, { timeoutMs: 60000, signal: ac.signal });
    await arrived;
    ac.abort();
    await assert.rejects(p, { name: 'AbortError' });
    await assert.rejects(rawGet({ socketPath }, '/images/stall/get', () => true, { timeoutMs: 300 }), { code: 'ETIMEDOUT' });
    await assert.rejects(rawGet({ socketPath }, '/images/x y/get\r\nX: 1', () => true, { timeoutMs: 1000 }), /Not a request path/);
    await assert.rejects(rawGet({ socketPath: path.join(dir, 'nothing.sock') }, '/x', () => true, { timeoutMs: 1000 }), { code: 'ENOENT' });
  });
});
