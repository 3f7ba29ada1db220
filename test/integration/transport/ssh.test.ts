// ssh:// engines through the system ssh client, against an ssh2 server on 127.0.0.1 that pipes
// `docker system dial-stdio` to the private engine. Host keys: unknown, changed, revoked and
// CA-only keys are refused (naming the SHA256 fingerprint) before any Engine API byte is sent; a key
// in known_hosts (plain or hashed) is accepted and the real engine answers through the tunnel.
import * as assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DockerodeEngine } from '../../../src/docker/dockerodeEngine';
import { resolveEndpoint } from '../../../src/docker/endpoint';
import { SshError } from '../../../src/docker/ssh';
import { BUSYBOX_PREAMBLE, busyboxContext, ON_PODMAN, requireEnv, tmpDir } from '../buildRunPush/helpers';
import { fingerprint, hashedHost, newKeyPair, startSshServer, writeSshConfig, type KeyPair, type TestSshServer } from './sshServer';

describe('ssh:// engines through the system ssh client', function () {
  this.timeout(60000);
  let dir: string;
  let hostKey: KeyPair;
  let clientKey: KeyPair;
  let clientKeyFile: string;
  let server: TestSshServer;
  const engines: DockerodeEngine[] = [];

  before(async () => {
    const engineSocket = requireEnv('ML_TEST_DOCKER_HOST').replace(/^unix:\/\//, '');
    assert.equal(spawnSync('ssh', ['-V']).status, 0, 'the ssh client (Debian openssh-client) is needed');
    dir = tmpDir('ssh');
    hostKey = newKeyPair();
    clientKey = newKeyPair();
    clientKeyFile = path.join(dir, 'id_client');
    fs.writeFileSync(clientKeyFile, clientKey.private, { mode: 0o600 });
    server = await startSshServer({ hostKey: hostKey.private, clientPublicKey: clientKey.public, engineSocket });
  });
  after(async () => {
    for (const e of engines) e.dispose();
    await server?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => {
    server.seen.auth = 0;
    server.seen.users.length = 0;
    server.seen.execs.length = 0;
    server.seen.bytesToEngine = 0;
    server.seen.forwards = 0;
  });

  const hostName = () => `[127.0.0.1]:${server.port}`;

  /** An ssh config with the given known_hosts lines; `address` is what the user would type. */
  function engineFor(knownHosts: string[], opts: { address?: string; extraConfig?: string; identity?: string | null; env?: NodeJS.ProcessEnv } = {}): DockerodeEngine {
    const kh = path.join(dir, `known_hosts_${engines.length}`);
    fs.writeFileSync(kh, knownHosts.map((l) => `${l}\n`).join(''));
    const identity = opts.identity === undefined ? clientKeyFile : opts.identity;
    const cfg = writeSshConfig(
      dir,
      [
        'Host engine-box gpu-?? !gpu-99',
        '  HostName 127.0.0.1',
        `  Port ${server.port}`,
        '  User mlc',
        ...(identity ? [`  IdentityFile ${identity}`, '  IdentitiesOnly yes', '  IdentityAgent none'] : ['  IdentityAgent SSH_AUTH_SOCK']),
        `  UserKnownHostsFile ${kh}`,
        '  GlobalKnownHostsFile /dev/null',
        '  UpdateHostKeys no',
        ...(opts.extraConfig ? [`  ${opts.extraConfig}`] : []),
        '',
      ].join('\n'),
    );
    const endpoint = resolveEndpoint({ settingHost: opts.address ?? 'ssh://engine-box', env: {} });
    const engine = new DockerodeEngine(endpoint, { ssh: { extraArgs: ['-F', cfg], env: opts.env } });
    engines.push(engine);
    return engine;
  }

  async function refusal(engine: DockerodeEngine): Promise<SshError> {
    const err = await engine.ping().then(() => undefined, (e: unknown) => e);
    if (process.env.SHOW_SSH_ERRORS) console.log(String((err as Error)?.message));
    assert.ok(err instanceof SshError, `expected an SshError, got ${String(err)}`);
    return err;
  }

  function assertNothingReachedTheServer(): void {
    assert.equal(server.seen.auth, 0, 'no authentication may be attempted with an unverified host');
    assert.deepEqual(server.seen.execs, []);
    assert.equal(server.seen.bytesToEngine, 0);
  }

  it('refuses an unknown host key and names its SHA256 fingerprint', async () => {
    const err = await refusal(engineFor([]));
    assert.equal(err.reason, 'unknownHostKey');
    assert.ok(err.message.includes(fingerprint(hostKey.public)), err.message);
    assert.ok(err.message.includes(hostName()), err.message);
    assert.equal(err.kind, 'unreachable');
    assertNothingReachedTheServer();
  });

  it('refuses a changed host key, naming the new fingerprint and the stale entry', async () => {
    const old = newKeyPair();
    const err = await refusal(engineFor([`${hostName()} ${old.public}`]));
    assert.equal(err.reason, 'changedHostKey');
    assert.ok(err.message.includes(fingerprint(hostKey.public)), err.message);
    assert.match(err.message, /CHANGED/);
    assert.match(err.message, /known_hosts_\d+/);
    assertNothingReachedTheServer();
  });

  it('refuses a changed host key even when the ssh config says StrictHostKeyChecking no', async () => {
    const old = newKeyPair();
    const err = await refusal(engineFor([`${hostName()} ${old.public}`], { extraConfig: 'StrictHostKeyChecking no' }));
    assert.equal(err.reason, 'changedHostKey');
    assert.deepEqual(server.seen.execs, []);
    assert.equal(server.seen.bytesToEngine, 0);
  });

  it('refuses a key marked @revoked, even when it is also listed as known', async () => {
    const err = await refusal(engineFor([`@revoked ${hostName()} ${hostKey.public}`, `${hostName()} ${hostKey.public}`]));
    assert.equal(err.reason, 'revokedHostKey');
    assert.ok(err.message.includes(fingerprint(hostKey.public)), err.message);
    assertNothingReachedTheServer();
  });

  it('does not take a @cert-authority line for the host key itself', async () => {
    const err = await refusal(engineFor([`@cert-authority ${hostName()} ${hostKey.public}`]));
    assert.equal(err.reason, 'unknownHostKey');
    assertNothingReachedTheServer();
  });

  it('accepts a known key (plain known_hosts line) and the real engine answers _ping and version through the tunnel', async () => {
    const engine = engineFor([`${hostName()} ${hostKey.public}`]);
    await engine.ping();
    const v = await engine.version();
    assert.match(v.ApiVersion, /^1\.\d+$/);
    assert.ok(Array.isArray(await engine.listImages()));
    assert.deepEqual([...new Set(server.seen.execs)], ['docker system dial-stdio']);
    assert.deepEqual(server.seen.users, ['mlc'], 'User from the ssh config');
    assert.ok(server.seen.bytesToEngine > 0);
  });

  it('carries the whole workflow: BuildKit build (Buildah on Podman), events, run, exec (an upgraded connection), push with credentials', async () => {
    const engine = engineFor([`${hostName()} ${hostKey.public}`]);
    const ctx = busyboxContext('ssh-build');
    fs.writeFileSync(path.join(ctx, 'Dockerfile'), `${BUSYBOX_PREAMBLE}RUN echo over-ssh > /via.txt\nCMD ["sleep", "60"]\n`);
    const built = await engine.build({ dockerfile: path.join(ctx, 'Dockerfile'), context: ctx, tags: ['mlc-it/ssh:1'], network: 'none' });
    assert.equal(built.builder, ON_PODMAN ? 'classic' : 'buildkit');
    fs.rmSync(ctx, { recursive: true, force: true });

    const controller = new AbortController();
    const events = await engine.events({ signal: controller.signal, filters: { type: ['container'] } });
    const started = (async () => {
      for await (const e of events) if (e.Action === 'start') return e.Actor?.ID;
      return undefined;
    })();
    const run = await engine.run({ image: 'mlc-it/ssh:1', network: 'none' });
    try {
      assert.equal(await started, run.id);
      events.close();

      const exec = await engine.exec(run.id, { cmd: ['cat', '/via.txt'], tty: true });
      let out = '';
      exec.stream.on('data', (d: Buffer) => (out += d.toString()));
      assert.equal(await exec.exited(), 0);
      assert.match(out, /over-ssh/);
    } finally {
      controller.abort();
      await engine.removeContainer(run.id, { force: true });
    }
    const reg = requireEnv('ML_TEST_REGISTRY');
    await engine.tagImage('mlc-it/ssh:1', `${reg}/ssh/img`, 'v1');
    const auth = { username: requireEnv('ML_TEST_REGISTRY_USER'), password: requireEnv('ML_TEST_REGISTRY_PASSWORD'), serveraddress: reg };
    const pushed = await engine.push(`${reg}/ssh/img:v1`, auth);
    assert.match(pushed.digest ?? '', /^sha256:/);
    assert.ok(server.seen.execs.length >= 3, 'several connections, each its own dial-stdio');
  });

  it('accepts a hashed known_hosts entry, reached through a Host pattern alias of ~/.ssh/config', async () => {
    const engine = engineFor([`${hashedHost(hostName())} ${hostKey.public}`], { address: 'ssh://ana@gpu-01' });
    await engine.ping();
    assert.deepEqual(server.seen.users, ['ana'], 'the user in the address wins over the config');
    assert.deepEqual(server.seen.execs, ['docker system dial-stdio']);
  });

  it('a negated pattern (!gpu-99) does not match: ssh cannot resolve the name', async () => {
    const err = await refusal(engineFor([`${hostName()} ${hostKey.public}`], { address: 'ssh://gpu-99' }));
    assert.equal(err.reason, 'connect');
    assert.match(err.message, /gpu-99/);
  });

  it('goes through a ProxyJump host, checking both host keys', async () => {
    const jumpKey = newKeyPair();
    const jump = await startSshServer({ hostKey: jumpKey.private, clientPublicKey: clientKey.public, engineSocket: '/nonexistent', jumpHost: true });
    try {
      const kh = path.join(dir, 'known_hosts_jump');
      const cfgFor = (knownHosts: string) => {
        fs.writeFileSync(kh, knownHosts);
        return writeSshConfig(dir, [
          'Host engine-behind-jump',
          '  HostName 127.0.0.1',
          `  Port ${server.port}`,
          '  ProxyJump bastion',
          'Host bastion',
          '  HostName 127.0.0.1',
          `  Port ${jump.port}`,
          'Host *',
          `  IdentityFile ${clientKeyFile}`,
          '  IdentitiesOnly yes',
          '  IdentityAgent none',
          `  UserKnownHostsFile ${kh}`,
          '  GlobalKnownHostsFile /dev/null',
          '  UpdateHostKeys no',
          '',
        ].join('\n'));
      };
      const viaJump = (cfg: string) => {
        const e = new DockerodeEngine(resolveEndpoint({ settingHost: 'ssh://engine-behind-jump', env: {} }), { ssh: { extraArgs: ['-F', cfg] } });
        engines.push(e);
        return e;
      };
      const both = `[127.0.0.1]:${jump.port} ${jumpKey.public}\n${hostName()} ${hostKey.public}\n`;
      await viaJump(cfgFor(both)).ping();
      assert.equal(jump.seen.forwards, 1);
      assert.deepEqual(server.seen.execs, ['docker system dial-stdio']);

      // The engine host's key unknown: refused even though the jump host is trusted.
      server.seen.execs.length = 0;
      const err = await refusal(viaJump(cfgFor(`[127.0.0.1]:${jump.port} ${jumpKey.public}\n`)));
      assert.equal(err.reason, 'unknownHostKey');
      assert.ok(err.message.includes(fingerprint(hostKey.public)), err.message);
      assert.ok(err.message.includes(hostName()), err.message);
      assert.deepEqual(server.seen.execs, []);

      // The jump host's key unknown: the refusal names the jump host and its key.
      const jumpErr = await refusal(viaJump(cfgFor(`${hostName()} ${hostKey.public}\n`)));
      assert.equal(jumpErr.reason, 'unknownHostKey');
      assert.ok(jumpErr.message.includes(fingerprint(jumpKey.public)), jumpErr.message);
      assert.ok(jumpErr.message.includes(`[127.0.0.1]:${jump.port}`), jumpErr.message);
      assert.deepEqual(server.seen.execs, []);
    } finally {
      await jump.close();
    }
  });

  it('uses the key held by ssh-agent (SSH_AUTH_SOCK)', async () => {
    const sock = path.join(dir, 'agent.sock');
    const agent: ChildProcess = spawn('ssh-agent', ['-D', '-a', sock], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      await new Promise<void>((resolve, reject) => {
        let out = '';
        agent.stdout?.on('data', (d: Buffer) => {
          out += d.toString();
          if (out.includes('SSH_AUTH_SOCK')) resolve();
        });
        agent.on('error', reject);
        agent.on('exit', (code) => reject(new Error(`ssh-agent exited (${code})`)));
      });
      const env = { ...process.env, SSH_AUTH_SOCK: sock };
      const add = spawnSync('ssh-add', [clientKeyFile], { env, encoding: 'utf8' });
      assert.equal(add.status, 0, add.stderr);
      const engine = engineFor([`${hostName()} ${hostKey.public}`], { identity: null, env });
      await engine.ping();
      assert.deepEqual(server.seen.execs, ['docker system dial-stdio']);
    } finally {
      if (agent.pid !== undefined && agent.exitCode === null) agent.kill();
    }
  });

  it('a key the server does not accept is an authentication error that says what to do', async () => {
    const stranger = path.join(dir, 'id_stranger');
    fs.writeFileSync(stranger, newKeyPair().private, { mode: 0o600 });
    const err = await refusal(engineFor([`${hostName()} ${hostKey.public}`], { identity: stranger }));
    assert.equal(err.reason, 'authentication');
    assert.match(err.message, /ssh-agent/);
    assert.deepEqual(server.seen.execs, []);
  });

  it('a remote host without the docker CLI is named as such', async () => {
    const bare = await startSshServer({ hostKey: hostKey.private, clientPublicKey: clientKey.public, engineSocket: '/nonexistent', withoutDocker: true });
    try {
      const kh = path.join(dir, 'known_hosts_bare');
      fs.writeFileSync(kh, `[127.0.0.1]:${bare.port} ${hostKey.public}\n`);
      const cfg = writeSshConfig(dir, `Host bare\n  HostName 127.0.0.1\n  Port ${bare.port}\n  IdentityFile ${clientKeyFile}\n  IdentitiesOnly yes\n  IdentityAgent none\n  UserKnownHostsFile ${kh}\n  GlobalKnownHostsFile /dev/null\n`);
      const engine = new DockerodeEngine(resolveEndpoint({ settingHost: 'ssh://me@bare', env: {} }), { ssh: { extraArgs: ['-F', cfg] } });
      engines.push(engine);
      const err = await refusal(engine);
      assert.equal(err.reason, 'noDockerCli');
      assert.match(err.message, /docker system dial-stdio/);
    } finally {
      await bare.close();
    }
  });
});
