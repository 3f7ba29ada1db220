import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readDockerConfig } from '../../../src/docker/credentials';
import { contextDirName, describeEndpoint, dockerConfigDir, parseHost, resolveEndpoint, type ResolveInput } from '../../../src/docker/endpoint';
import { EngineConfigError } from '../../../src/docker/errors';

const FIX = path.resolve(__dirname, '../../fixtures/docker');
const home = (name: string) => path.join(FIX, name);

/** No real sockets: only files under the fixtures (and the listed fake sockets) exist. */
function resolve(input: Partial<ResolveInput> & { sockets?: string[] }) {
  const sockets = new Set(input.sockets ?? []);
  return resolveEndpoint({
    env: {},
    homeDir: home('home-default'),
    defaultSocket: '/fake/var/run/docker.sock',
    systemPodmanSocket: '/fake/run/podman/podman.sock',
    exists: (p) => sockets.has(p) || (p.startsWith(FIX) && fs.existsSync(p)),
    ...input,
  });
}

describe('endpoint resolution (like the docker CLI)', () => {
  describe('parseHost forms', () => {
    const cases: [string, boolean, string][] = [
      ['', false, 'unix:///var/run/docker.sock'],
      ['', true, 'tcp://localhost:2376'],
      ['unix:///tmp/d.sock', false, 'unix:///tmp/d.sock'],
      ['unix://', false, 'unix:///var/run/docker.sock'],
      ['tcp://10.0.0.5:2375', false, 'tcp://10.0.0.5:2375'],
      ['tcp://10.0.0.5', false, 'tcp://10.0.0.5:2375'],
      ['tcp://', false, 'tcp://localhost:2375'],
      ['tcp://:4243', false, 'tcp://localhost:4243'],
      ['10.0.0.5:2376', true, 'tcp://10.0.0.5:2376'],
      ['tcp://[::1]:2375', false, 'tcp://[::1]:2375'],
      ['ssh://me@box', false, 'ssh://me@box'],
      ['ssh://me@box:2222', false, 'ssh://me@box:2222'],
      ['ssh://box', false, 'ssh://box'],
      ['ssh://me@box/run/user/1000/docker.sock', false, 'ssh://me@box/run/user/1000/docker.sock'],
      ['https://10.0.0.5', false, 'tcp://10.0.0.5:2376'],
      ['npipe:////./pipe/docker_engine', false, 'npipe:////./pipe/docker_engine'],
    ];
    for (const [input, tls, expected] of cases) {
      it(`${JSON.stringify(input)}${tls ? ' (TLS)' : ''} → ${expected}`, () => {
        assert.equal(parseHost(input, tls).host, expected);
      });
    }
    it('splits ssh user, host and port', () => {
      const p = parseHost('ssh://ml@gpu-box:2222', false);
      assert.deepEqual([p.protocol, p.username, p.hostname, p.port], ['ssh', 'ml', 'gpu-box', 2222]);
    });
    it('leaves the ssh port to ~/.ssh/config when the address has none, and keeps a remote socket path', () => {
      const p = parseHost('ssh://gpu/run/user/1000/docker.sock', false);
      assert.deepEqual([p.hostname, p.port, p.username, p.remoteSocket], ['gpu', undefined, undefined, '/run/user/1000/docker.sock']);
    });

    for (const bad of ['ftp://x', 'fd://', 'tcp://host:2375/path', 'ssh://', 'ssh://me:pw@box', 'ssh://-oProxyCommand=x', 'ssh://box/tmp/x;reboot', 'ssh://box/tmp/$(id)', 'ssh://%2Dl@box']) {
      it(`rejects ${bad} with a config error`, () => {
        assert.throws(() => parseHost(bad, false), EngineConfigError);
      });
    }
  });

  it('the setting wins over DOCKER_HOST and contexts', () => {
    const e = resolve({
      settingHost: 'unix:///from/setting.sock',
      env: { DOCKER_HOST: 'tcp://1.2.3.4:2375', DOCKER_CONTEXT: 'remote' },
      homeDir: home('home-contexts'),
    });
    assert.equal(e.host, 'unix:///from/setting.sock');
    assert.equal(e.source, 'setting');
    assert.match(describeEndpoint(e), /setting mlContainers\.engine\.host/);
  });

  it('DOCKER_HOST wins over DOCKER_CONTEXT and currentContext (as in the CLI)', () => {
    const e = resolve({ env: { DOCKER_HOST: 'tcp://1.2.3.4:2375', DOCKER_CONTEXT: 'builder' }, homeDir: home('home-contexts') });
    assert.equal(e.host, 'tcp://1.2.3.4:2375');
    assert.equal(e.source, 'DOCKER_HOST');
    assert.equal(e.tls, undefined);
  });

  it('DOCKER_HOST with DOCKER_TLS_VERIFY and DOCKER_CERT_PATH uses the certs there', () => {
    const certs = path.join(home('home-default'), 'certs');
    const e = resolve({ env: { DOCKER_HOST: 'tcp://gpu.lan:2376', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certs } });
    assert.equal(e.protocol, 'tcp');
    assert.deepEqual(e.tls, { ca: path.join(certs, 'ca.pem'), cert: path.join(certs, 'cert.pem'), key: path.join(certs, 'key.pem'), verify: true });
    assert.match(describeEndpoint(e), /TLS/);
  });

  it('DOCKER_TLS without verification is TLS without verify', () => {
    const certs = path.join(home('home-default'), 'certs');
    const e = resolve({ env: { DOCKER_HOST: 'tcp://gpu.lan:2376', DOCKER_TLS: '1', DOCKER_CERT_PATH: certs } });
    assert.equal(e.tls?.verify, false);
  });

  it('DOCKER_TLS_VERIFY without a CA says where it looked', () => {
    assert.throws(
      () => resolve({ env: { DOCKER_HOST: 'tcp://gpu.lan:2376', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: '/nowhere' } }),
      (err: unknown) => err instanceof EngineConfigError && /\/nowhere\/ca\.pem/.test(err.message),
    );
  });

  it('DOCKER_TLS_VERIFY is ignored for a unix DOCKER_HOST', () => {
    const e = resolve({ env: { DOCKER_HOST: 'unix:///x.sock', DOCKER_TLS_VERIFY: '1' } });
    assert.equal(e.tls, undefined);
  });

  it('a bad DOCKER_HOST is a config error that names DOCKER_HOST', () => {
    assert.throws(
      () => resolve({ env: { DOCKER_HOST: 'bogus://x' } }),
      (err: unknown) => err instanceof EngineConfigError && /DOCKER_HOST/.test(err.message),
    );
  });

  it('currentContext in config.json resolves through meta/<sha256(name)>/meta.json with its TLS files', () => {
    const dotDocker = path.join(home('home-contexts'), '.docker');
    const e = resolve({ homeDir: home('home-contexts') });
    const tlsDir = path.join(dotDocker, 'contexts', 'tls', contextDirName('remote'), 'docker');
    assert.equal(e.host, 'tcp://10.1.2.3:2376');
    assert.equal(e.source, 'currentContext');
    assert.equal(e.contextName, 'remote');
    assert.deepEqual(e.tls, { ca: path.join(tlsDir, 'ca.pem'), cert: path.join(tlsDir, 'cert.pem'), key: path.join(tlsDir, 'key.pem'), verify: true });
    assert.match(e.sourceLabel, /context "remote" \(currentContext in .*config\.json\)/);
  });

  it('contextDirName is the sha256 of the name (as the CLI stores it)', () => {
    assert.equal(contextDirName('remote'), 'b71199ebd070b36beab7317920c2c2f1d777df8d05e5527d8458fda57cb17a7a'); // printf remote | sha256sum
  });

  it('DOCKER_CONTEXT wins over currentContext; ssh contexts keep user and port', () => {
    const e = resolve({ env: { DOCKER_CONTEXT: 'builder' }, homeDir: home('home-contexts') });
    assert.equal(e.host, 'ssh://ml@gpu-box:2222');
    assert.equal(e.protocol, 'ssh');
    assert.equal(e.username, 'ml');
    assert.equal(e.source, 'DOCKER_CONTEXT');
    assert.equal(e.tls, undefined);
  });

  it('a context with SkipTLSVerify and a slash in its name', () => {
    const e = resolve({ env: { DOCKER_CONTEXT: 'lab/insecure' }, homeDir: home('home-contexts') });
    assert.equal(e.host, 'tcp://lab.example:2376');
    assert.equal(e.tls?.verify, false);
  });

  it('a context pointing at a unix socket', () => {
    const e = resolve({ env: { DOCKER_CONTEXT: 'local-sock' }, homeDir: home('home-contexts') });
    assert.equal(e.socketPath, '/run/user/1000/docker.sock');
  });

  it('DOCKER_CONFIG moves the config folder', () => {
    const e = resolve({ env: { DOCKER_CONFIG: path.join(home('home-contexts'), '.docker') }, homeDir: '/nonexistent-home' });
    assert.equal(e.contextName, 'remote');
  });

  it('a missing context is a config error telling how to fix it', () => {
    assert.throws(
      () => resolve({ homeDir: home('home-missing') }),
      (err: unknown) => err instanceof EngineConfigError && /context "gone"/.test(err.message) && /docker context use/.test(err.message),
    );
  });

  it('invalid config.json is a config error naming the file', () => {
    assert.throws(() => resolve({ homeDir: home('home-badjson') }), (err: unknown) => err instanceof EngineConfigError && /config\.json/.test(err.message));
  });

  it('currentContext "default" means the default socket', () => {
    const e = resolve({ homeDir: home('home-default-ctx'), sockets: ['/fake/var/run/docker.sock'] });
    assert.equal(e.host, 'unix:///fake/var/run/docker.sock');
    assert.equal(e.source, 'default');
  });

  it('falls back to the rootless Podman socket, then the system one, when there is no Docker socket', () => {
    const rootless = '/fake/xdg/podman/podman.sock';
    let e = resolve({ env: { XDG_RUNTIME_DIR: '/fake/xdg' }, sockets: [rootless, '/fake/run/podman/podman.sock'] });
    assert.equal(e.host, `unix://${rootless}`);
    assert.equal(e.source, 'podman');
    e = resolve({ env: { XDG_RUNTIME_DIR: '/fake/xdg' }, sockets: ['/fake/run/podman/podman.sock'] });
    assert.equal(e.host, 'unix:///fake/run/podman/podman.sock');
  });

  it('the Docker socket wins over Podman', () => {
    const e = resolve({ env: { XDG_RUNTIME_DIR: '/fake/xdg' }, sockets: ['/fake/var/run/docker.sock', '/fake/xdg/podman/podman.sock'] });
    assert.equal(e.source, 'default');
  });

  it('with nothing found, names the default socket', () => {
    const e = resolve({});
    assert.equal(e.host, 'unix:///fake/var/run/docker.sock');
  });

  it('DOCKER_TLS_VERIFY alone means tcp://localhost:2376 with the certs in the config folder', () => {
    const certs = path.join(home('home-default'), 'certs');
    const e = resolve({ env: { DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certs } });
    assert.equal(e.host, 'tcp://localhost:2376');
    assert.equal(e.tls?.verify, true);
  });

  describe('https:// addresses', () => {
    it('use TLS verified against the system CAs when no certificates are given', () => {
      const e = resolve({ env: { DOCKER_HOST: 'https://engine.example' } });
      assert.equal(e.host, 'tcp://engine.example:2376');
      assert.deepEqual(e.tls, { ca: undefined, cert: undefined, key: undefined, verify: true });
    });

    it('use DOCKER_CERT_PATH material when given', () => {
      const certs = path.join(home('home-default'), 'certs');
      const e = resolve({ settingHost: 'https://engine.example:9443', env: { DOCKER_CERT_PATH: certs } });
      assert.equal(e.tls?.verify, true);
      assert.equal(e.tls?.ca, fs.existsSync(path.join(certs, 'ca.pem')) ? path.join(certs, 'ca.pem') : undefined);
    });

    it('skip verification only when asked (DOCKER_TLS without DOCKER_TLS_VERIFY)', () => {
      const e = resolve({ env: { DOCKER_HOST: 'https://engine.example', DOCKER_TLS: '1' } });
      assert.equal(e.tls?.verify, false);
    });

    it('http:// stays plain, as asked', () => {
      assert.equal(resolve({ env: { DOCKER_HOST: 'http://engine.example:2375' } }).tls, undefined);
    });
  });

  describe('malformed JSON never echoes its content', () => {
    const secret = 'c2VjcmV0OnBhc3N3b3Jk'; // base64 of a user:password pair
    const broken = [
      `{"auths":{"r":{"auth":${secret}}}}`,
      `{"auths":{"r":{"auth":"${secret}" "x":1}}}`,
      `{"auths":{"r":{"auth":"${secret}`,
      `{"auths":{"r":{"auth":"${secret.slice(0, 6)}\t${secret.slice(6)}"}}}`,
      `{"currentContext":"x","auths":{"r":{"auth":"${secret}"}}}}`,
    ];
    const leaks = (msg: string) => {
      for (let i = 0; i + 4 <= secret.length; i++) if (msg.includes(secret.slice(i, i + 4))) return true;
      return false;
    };
    let dir: string;
    before(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlx-badjson-'))));
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    broken.forEach((text, i) => {
      it(`config.json variant ${i + 1}: names the file and a position, not the text`, async () => {
        const cfg = path.join(dir, `c${i}`);
        fs.mkdirSync(cfg);
        fs.writeFileSync(path.join(cfg, 'config.json'), text);
        let message = '';
        try {
          resolveEndpoint({ env: { DOCKER_CONFIG: cfg }, exists: (p) => p.startsWith(cfg) && fs.existsSync(p) });
        } catch (err) {
          assert.ok(err instanceof EngineConfigError);
          message = err.message;
        }
        assert.match(message, /config\.json is not valid JSON/);
        assert.ok(!leaks(message), message);
        const credErr = await readDockerConfig(cfg).then(() => undefined, (e: Error) => e);
        assert.ok(credErr && !leaks(credErr.message), credErr?.message);
      });
    });

    it('gives the line and column', () => {
      const cfg = path.join(dir, 'lc');
      fs.mkdirSync(cfg);
      fs.writeFileSync(path.join(cfg, 'config.json'), '{\n  "auths": {\n    "r": {"auth": "x" "y"}\n  }\n}\n');
      assert.throws(
        () => resolveEndpoint({ env: { DOCKER_CONFIG: cfg }, exists: (p) => p.startsWith(cfg) && fs.existsSync(p) }),
        /at line 3, column 23/,
      );
    });
  });

  it('dockerConfigDir: DOCKER_CONFIG, else ~/.docker from HOME', () => {
    assert.equal(dockerConfigDir({ DOCKER_CONFIG: '/x/y', HOME: '/h' }), '/x/y');
    assert.equal(dockerConfigDir({ HOME: '/h' }), path.join('/h', '.docker'));
    assert.equal(dockerConfigDir({}, '/home/u'), path.join('/home/u', '.docker'));
  });
});
