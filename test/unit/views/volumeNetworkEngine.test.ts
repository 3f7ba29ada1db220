// The engine calls behind the Volumes and Networks views, against fake engines on real unix sockets:
// what is sent (prune filters per API version, the create body), and how refusals come back typed.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { DockerodeEngine } from '../../../src/docker/dockerodeEngine';
import { resolveEndpoint } from '../../../src/docker/endpoint';
import { ConflictError, EngineError, NotFoundError } from '../../../src/docker/errors';

interface Seen {
  method: string;
  url: string;
  body: string;
}

describe('DockerodeEngine volume and network calls (fake engines)', () => {
  let dir: string;
  const servers: http.Server[] = [];
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlx-vn-'));
  });
  after(() => {
    for (const s of servers) s.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** A fake engine speaking `apiVersion`; `reply` answers everything but /version. */
  async function fake(name: string, apiVersion: string, reply: (req: Seen, res: http.ServerResponse) => void): Promise<{ engine: DockerodeEngine; seen: Seen[] }> {
    const seen: Seen[] = [];
    const server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        res.setHeader('Content-Type', 'application/json');
        if (req.url === '/version') {
          res.end(JSON.stringify({ Version: 'x', ApiVersion: apiVersion, Os: 'linux', Arch: 'amd64' }));
          return;
        }
        const s = { method: req.method ?? '', url: decodeURIComponent(req.url ?? ''), body };
        seen.push(s);
        reply(s, res);
      });
    });
    servers.push(server);
    const sock = path.join(dir, name);
    await new Promise<void>((r) => server.listen(sock, r));
    const engine = new DockerodeEngine(resolveEndpoint({ settingHost: `unix://${sock}`, env: {} }));
    return { engine, seen };
  }

  const pruned = (_req: Seen, res: http.ServerResponse) => res.end(JSON.stringify({ VolumesDeleted: ['a'], SpaceReclaimed: 42 }));

  it('API 1.43: prune keeps named volumes by default and sends the all filter when asked', async () => {
    const { engine, seen } = await fake('new.sock', '1.43', pruned);
    assert.equal(await engine.canPruneAnonymousVolumesOnly(), true);
    assert.deepEqual(await engine.pruneVolumes(), { VolumesDeleted: ['a'], SpaceReclaimed: 42 });
    assert.equal(seen[0].url, '/volumes/prune');
    await engine.pruneVolumes({ all: true });
    assert.equal(seen[1].url, '/volumes/prune?filters={"all":["true"]}');
    engine.dispose();
  });

  it('API 1.41: a prune that would keep named volumes is refused before anything is deleted', async () => {
    const { engine, seen } = await fake('old.sock', '1.41', pruned);
    assert.equal(await engine.canPruneAnonymousVolumesOnly(), false);
    await assert.rejects(engine.pruneVolumes(), (err: unknown) => err instanceof EngineError && err.kind === 'badRequest' && /API 1\.41/.test(err.message) && /named ones included/.test(err.message));
    assert.equal(seen.length, 0, 'no prune request was sent');
    await engine.pruneVolumes({ all: true });
    assert.equal(seen[0].url, '/volumes/prune', 'no all filter: this engine would reject it');
    engine.dispose();
  });

  it('creates a volume with its name, driver and labels in the body', async () => {
    const { engine, seen } = await fake('create.sock', '1.41', (req, res) => {
      res.statusCode = 201;
      const b = JSON.parse(req.body) as { Name: string; Driver: string; Labels: Record<string, string> };
      res.end(JSON.stringify({ Name: b.Name, Driver: b.Driver, Labels: b.Labels, Mountpoint: '/m', Scope: 'local' }));
    });
    const v = await engine.createVolume({ Name: 'datasets', Labels: { team: 'vision' } });
    assert.equal(seen[0].method, 'POST');
    assert.equal(seen[0].url, '/volumes/create');
    assert.deepEqual(JSON.parse(seen[0].body), { Name: 'datasets', Driver: 'local', DriverOpts: {}, Labels: { team: 'vision' } });
    assert.equal(v.Name, 'datasets');
    engine.dispose();
  });

  it('a volume in use is a ConflictError with the engine message; force is sent as a query flag', async () => {
    const { engine, seen } = await fake('inuse.sock', '1.41', (_req, res) => {
      res.statusCode = 409;
      res.end(JSON.stringify({ message: 'remove datasets: volume is in use - [0123abcd]' }));
    });
    await assert.rejects(engine.removeVolume('datasets', { force: true }), (err: unknown) => err instanceof ConflictError && /volume is in use - \[0123abcd\]/.test(err.message));
    assert.deepEqual([seen[0].method, seen[0].url], ['DELETE', '/volumes/datasets?force=true']);
    engine.dispose();
  });

  it('removing a pre-defined network (HTTP 403) is a ConflictError that says so, not a registry login hint', async () => {
    const { engine, seen } = await fake('net.sock', '1.41', (_req, res) => {
      res.statusCode = 403;
      res.end(JSON.stringify({ message: 'host is a pre-defined network and cannot be removed' }));
    });
    await assert.rejects(
      engine.removeNetwork('host'),
      (err: unknown) => err instanceof ConflictError && err.message === 'host is a pre-defined network and cannot be removed.' && !/log in/i.test(err.message),
    );
    assert.deepEqual([seen[0].method, seen[0].url], ['DELETE', '/networks/host']);
    engine.dispose();
  });

  it('names in paths are escaped, and a missing one is a NotFoundError', async () => {
    const { engine, seen } = await fake('missing.sock', '1.41', (_req, res) => {
      res.statusCode = 404;
      res.end(JSON.stringify({ message: 'network a/b not found' }));
    });
    await assert.rejects(engine.inspectNetwork('a/b'), NotFoundError);
    assert.equal(seen[0].url, '/networks/a/b'); // decoded for the assertion; sent as %2F
    await assert.rejects(engine.inspectVolume('x?y'), NotFoundError);
    assert.equal(seen[1].url, '/volumes/x?y');
    engine.dispose();
  });

  it('lists: an engine answering null lists nothing; df asks for volumes only', async () => {
    const { engine, seen } = await fake('lists.sock', '1.41', (req, res) => {
      if (req.url.startsWith('/volumes')) res.end(JSON.stringify({ Volumes: null, Warnings: null }));
      else if (req.url.startsWith('/networks')) res.end('null');
      else res.end(JSON.stringify({ Volumes: [{ Name: 'v', UsageData: { Size: 5, RefCount: 0 } }] }));
    });
    assert.deepEqual(await engine.listVolumes(), []);
    assert.deepEqual(await engine.listNetworks(), []);
    assert.equal((await engine.diskUsage()).Volumes?.[0].UsageData?.Size, 5);
    assert.equal(seen[2].url, '/system/df?type=volume');
    engine.dispose();
  });
});
