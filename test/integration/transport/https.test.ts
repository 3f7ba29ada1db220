// An https:// engine address always means TLS: verified against DOCKER_CERT_PATH's ca.pem when given,
// otherwise against the system CAs; never plain HTTP. The TLS server here fronts the private engine.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import * as tls from 'node:tls';
import { DockerodeEngine } from '../../../src/docker/dockerodeEngine';
import { resolveEndpoint } from '../../../src/docker/endpoint';
import { EngineError } from '../../../src/docker/errors';
import { requireEnv, tmpDir } from '../buildRunPush/helpers';

describe('https:// engine addresses', function () {
  this.timeout(60000);
  let dir: string;
  const servers: net.Server[] = [];
  const engines: DockerodeEngine[] = [];
  let tlsPort = 0;

  async function listen(server: net.Server): Promise<number> {
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return (server.address() as net.AddressInfo).port;
  }

  before(async () => {
    const engineSocket = requireEnv('ML_TEST_DOCKER_HOST').replace(/^unix:\/\//, '');
    dir = tmpDir('https');
    // A self-signed certificate for 127.0.0.1 that is its own CA (ca.pem = cert.pem).
    const made = spawnSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
      '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem'), '-days', '2', '-subj', '/CN=127.0.0.1',
      '-addext', 'subjectAltName=IP:127.0.0.1'], { encoding: 'utf8' });
    assert.equal(made.status, 0, made.stderr);
    fs.copyFileSync(path.join(dir, 'cert.pem'), path.join(dir, 'ca.pem'));
    const server = tls.createServer({ key: fs.readFileSync(path.join(dir, 'key.pem')), cert: fs.readFileSync(path.join(dir, 'cert.pem')) }, (sock) => {
      const engine = net.connect(engineSocket);
      sock.pipe(engine).pipe(sock);
      sock.on('error', () => engine.destroy());
      engine.on('error', () => sock.destroy());
    });
    server.on('tlsClientError', () => undefined);
    tlsPort = await listen(server);
  });
  after(() => {
    for (const e of engines) e.dispose();
    for (const s of servers) s.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const engineFor = (host: string, env: NodeJS.ProcessEnv) => {
    const e = new DockerodeEngine(resolveEndpoint({ settingHost: host, env }));
    engines.push(e);
    return e;
  };

  it('verifies the engine against DOCKER_CERT_PATH/ca.pem and talks TLS to it', async () => {
    const v = await engineFor(`https://127.0.0.1:${tlsPort}`, { DOCKER_CERT_PATH: dir }).version();
    assert.match(v.ApiVersion, /^1\.\d+$/);
  });

  it('without DOCKER_CERT_PATH, verifies against the system CAs (a self-signed engine is refused)', async () => {
    const err = await engineFor(`https://127.0.0.1:${tlsPort}`, {}).ping().then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof EngineError, String(err));
    assert.match(err.message, /TLS/);
  });

  it('never sends plain HTTP to an https:// address', async () => {
    const first: Buffer[] = [];
    const port = await listen(net.createServer((sock) => {
      sock.once('data', (d: Buffer) => {
        first.push(d);
        sock.destroy();
      });
    }));
    const err = await engineFor(`https://127.0.0.1:${port}`, {}).ping().then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof EngineError, String(err));
    assert.equal(first.length, 1);
    assert.equal(first[0][0], 0x16, 'the first byte is a TLS handshake record');
    assert.ok(!first[0].toString('latin1').includes('GET /'), 'no HTTP request line in the clear');
  });
});
