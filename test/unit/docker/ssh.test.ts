// The ssh transport's pure parts (arguments, `ssh -G` output, stderr → message) and its http.Agent,
// driven by a fake `ssh` (a Node child that speaks HTTP on its stdio or fails like ssh does).
// The real ssh client against an ssh2 server is in test/integration/ssh.
import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import * as http from 'node:http';
import {
  configQueryArgs,
  createSshAgent,
  describeSshFailure,
  dialArgs,
  knownHostsName,
  parseEffectiveConfig,
  remoteCommand,
  serverKeyOf,
  SshError,
  type FailureContext,
} from '../../../src/docker/ssh';

const FP = 'SHA256:CMHasnZXrTAIG7U951NUBEA7g2JlG+yqdmb/B9maNFw';
const ctx: FailureContext = { address: 'ssh://me@box', knownHostsName: '[10.0.0.5]:2222', terminalCommand: 'ssh -l me box', exitCode: 255 };

// stderr as OpenSSH 9.2 writes it with -v (debug lines shortened).
const HANDSHAKE = `OpenSSH_9.2p1 Debian-2+deb12u6, OpenSSL 3.0.19 27 Jan 2026\ndebug1: Reading configuration data /tmp/cfg\ndebug1: Server host key: ssh-ed25519 ${FP}\n`;
const UNKNOWN = `${HANDSHAKE}debug1: checking without port identifier\nHost key verification failed.\n`;
const CHANGED = `${HANDSHAKE}@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@
@    WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!     @
@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@
IT IS POSSIBLE THAT SOMEONE IS DOING SOMETHING NASTY!
The fingerprint for the ED25519 key sent by the remote host is
${FP}.
Offending ED25519 key in /home/u/.ssh/known_hosts:7
Host key for [10.0.0.5]:2222 has changed and you have requested strict checking.
Host key verification failed.
`;
const REVOKED = `${HANDSHAKE}The ED25519 host key for [10.0.0.5]:2222 is marked as revoked.\nED25519 host key for [10.0.0.5]:2222 was revoked and you have requested strict checking.\nHost key verification failed.\n`;
const STRICT_YES = `${HANDSHAKE}No ED25519 host key is known for [10.0.0.5]:2222 and you have requested strict checking.\nHost key verification failed.\n`;
const AUTH = `${HANDSHAKE}debug1: Next authentication method: publickey\nme@10.0.0.5: Permission denied (publickey).\n`;
const NO_DOCKER = `${HANDSHAKE}Authenticated to 10.0.0.5 ([10.0.0.5]:2222) using "publickey".\nbash: line 1: docker: command not found\nTransferred: sent 1912, received 1500 bytes, in 0.0 seconds\nBytes per second: sent 44268.5, received 34729.5\n`;
const REFUSED = 'OpenSSH_9.2p1\nssh: connect to host 10.0.0.5 port 2222: Connection refused\n';

describe('ssh transport', () => {
  describe('arguments', () => {
    it('runs docker system dial-stdio like the docker CLI, never prompting, the destination after --', () => {
      const args = dialArgs({ hostname: 'box', port: 2222, username: 'me' }, { strictHostKeyChecking: 'ask' });
      assert.deepEqual(args.slice(-9), ['-l', 'me', '-p', '2222', '--', 'box', 'docker', 'system', 'dial-stdio']);
      for (const o of ['ConnectTimeout=30', 'BatchMode=yes', 'FingerprintHash=sha256']) assert.ok(args.includes(o), o);
      assert.ok(args.includes('-T'));
      assert.ok(!args.some((a) => a.startsWith('StrictHostKeyChecking')));
    });

    it('leaves user and port to ~/.ssh/config when the address has none', () => {
      assert.deepEqual(configQueryArgs({ hostname: 'alias' }, { extraArgs: ['-F', '/c'] }), ['-F', '/c', '-G', '--', 'alias']);
    });

    it('raises StrictHostKeyChecking=no to accept-new (a changed key is always refused)', () => {
      const args = dialArgs({ hostname: 'box' }, { strictHostKeyChecking: 'false' });
      assert.ok(args.includes('StrictHostKeyChecking=accept-new'));
      const i = args.indexOf('StrictHostKeyChecking=accept-new');
      assert.ok(i < args.indexOf('--'));
    });

    it('passes a remote socket path, and refuses one the remote shell would interpret', () => {
      assert.deepEqual(remoteCommand({ hostname: 'b', remoteSocket: '/run/user/1000/docker.sock' }), [
        'docker', '--host', 'unix:///run/user/1000/docker.sock', 'system', 'dial-stdio',
      ]);
      for (const bad of ['/tmp/x;reboot', '/tmp/$(id)', '/tmp/a b', 'relative', '/tmp/`x`']) {
        assert.throws(() => remoteCommand({ hostname: 'b', remoteSocket: bad }), bad);
      }
    });

    it('reads ssh -G output', () => {
      const cfg = parseEffectiveConfig('user ml\nhostname 10.0.0.5\nport 2222\nstricthostkeychecking false\nproxyjump bastion\n');
      assert.deepEqual(cfg, { user: 'ml', hostname: '10.0.0.5', port: 2222, strictHostKeyChecking: 'false' });
    });

    it('writes host names as known_hosts does', () => {
      assert.equal(knownHostsName('box', 22), 'box');
      assert.equal(knownHostsName('box', undefined), 'box');
      assert.equal(knownHostsName('10.0.0.5', 2222), '[10.0.0.5]:2222');
    });
  });

  describe('failures', () => {
    it('finds the server key ssh saw, and with ProxyJump the hop that showed it last', () => {
      assert.equal(serverKeyOf(UNKNOWN)?.key, `ssh-ed25519 ${FP}`);
      assert.equal(serverKeyOf(REFUSED), undefined);
      const jumped = `debug1: Authenticating to bastion:22 as 'me'\ndebug1: Server host key: ssh-ed25519 SHA256:jumpjump\n` +
        `debug1: Authenticating to 10.0.0.5:2222 as 'me'\ndebug1: Server host key: ecdsa-sha2-nistp256 SHA256:target\nHost key verification failed.\n`;
      assert.deepEqual(serverKeyOf(jumped), { key: 'ecdsa-sha2-nistp256 SHA256:target', host: '[10.0.0.5]:2222' });
      const jumpFailed = `debug1: Authenticating to bastion:22 as 'me'\ndebug1: Server host key: ssh-ed25519 SHA256:jumpjump\nHost key verification failed.\n`;
      const err = describeSshFailure(jumpFailed, ctx);
      assert.equal(err.reason, 'unknownHostKey');
      assert.match(err.message, /host key of bastion \(ssh-ed25519 SHA256:jumpjump\)/);
    });

    const cases: [string, string, string, RegExp][] = [
      ['unknown key', UNKNOWN, 'unknownHostKey', /not in your known_hosts/],
      ['unknown key under StrictHostKeyChecking yes', STRICT_YES, 'unknownHostKey', /not in your known_hosts/],
      ['changed key', CHANGED, 'changedHostKey', /CHANGED.*\/home\/u\/\.ssh\/known_hosts:7/],
      ['revoked key', REVOKED, 'revokedHostKey', /@revoked/],
      ['authentication', AUTH, 'authentication', /Permission denied \(publickey\).*ssh-agent/],
      ['no docker CLI', NO_DOCKER, 'noDockerCli', /docker: command not found\).*18\.09/],
      ['connection refused', REFUSED, 'connect', /Connection refused/],
    ];
    for (const [name, stderr, reason, message] of cases) {
      it(`${name} → ${reason}`, () => {
        const err = describeSshFailure(stderr, { ...ctx, exitCode: reason === 'noDockerCli' ? 127 : 255 });
        assert.equal(err.reason, reason);
        assert.match(err.message, message);
        assert.match(err.message, /ssh:\/\/me@box/);
        if (reason.endsWith('HostKey')) {
          assert.ok(err.message.includes(FP), err.message);
          assert.ok(err.message.includes('[10.0.0.5]:2222'), err.message);
        }
        assert.ok(!/debug1|Bytes per second|OpenSSH_/.test(err.message), err.message);
      });
    }
  });

  describe('the http.Agent over a child ssh', () => {
    // A fake ssh: `-G` prints a config; otherwise it answers each HTTP request on stdin with its pid,
    // or fails like ssh with an unknown host key when the destination is "stranger".
    const FAKE = `
      const args = process.argv.slice(1);
      if (args.includes('-G')) { process.stdout.write('hostname 10.0.0.5\\nport 2222\\nstricthostkeychecking ask\\n'); process.exit(0); }
      if (args.includes('stranger')) { process.stderr.write(${JSON.stringify(UNKNOWN)}); process.exit(255); }
      const once = args.includes('once');
      let buf = '';
      if (once) process.stdin.once('data', () => { process.stdout.write('HTTP/1.1 200 OK\\r\\nContent-Length: 2\\r\\n\\r\\nok', () => process.exit(0)); });
      else process.stdin.on('data', (d) => {
        buf += d;
        while (buf.includes('\\r\\n\\r\\n')) {
          buf = buf.slice(buf.indexOf('\\r\\n\\r\\n') + 4);
          const body = String(process.pid);
          process.stdout.write('HTTP/1.1 200 OK\\r\\nContent-Length: ' + body.length + '\\r\\n\\r\\n' + body);
        }
      });
      process.stdin.on('end', () => process.exit(0));
    `;
    const spawned: { args: readonly string[]; child: ChildProcess }[] = [];
    const fakeSpawn = (_cmd: string, args: readonly string[], o: SpawnOptions): ChildProcess => {
      const child = spawn(process.execPath, ['-e', FAKE, '--', ...args], o);
      spawned.push({ args, child });
      return child;
    };
    const agents: http.Agent[] = [];
    afterEach(() => {
      for (const a of agents.splice(0)) a.destroy();
      spawned.length = 0;
    });

    function get(agent: http.Agent): Promise<string> {
      return new Promise((resolve, reject) => {
        http
          .get({ host: 'docker.example.com', path: '/_ping', agent }, (res) => {
            let body = '';
            res.setEncoding('utf8');
            res.on('data', (d: string) => (body += d));
            res.on('end', () => resolve(body));
            res.on('error', reject);
          })
          .on('error', reject);
      });
    }
    const agentFor = (hostname: string, command?: string) => {
      const a = createSshAgent({ target: { hostname }, address: `ssh://${hostname}`, spawn: command ? undefined : fakeSpawn, options: command ? { command } : {} });
      agents.push(a);
      return a;
    };
    const dials = () => spawned.filter((s) => !s.args.includes('-G')).length;

    it('carries HTTP over the child stdio and reuses an idle connection', async () => {
      const agent = agentFor('box');
      const first = await get(agent);
      const second = await get(agent);
      assert.equal(first, second, 'the second request went over the same ssh process');
      assert.equal(dials(), 1);
      assert.equal(spawned.filter((s) => s.args.includes('-G')).length, 1);
    });

    it('a failed ssh becomes an SshError with the fingerprint, not a bare socket hang-up', async () => {
      const err = await get(agentFor('stranger')).then(() => undefined, (e: unknown) => e);
      assert.ok(err instanceof SshError, String(err));
      assert.equal(err.reason, 'unknownHostKey');
      assert.ok(err.message.includes(FP));
      assert.ok(err.message.includes('[10.0.0.5]:2222'), err.message);
    });

    it('an ssh that ended while idle is replaced on the next request', async () => {
      const agent = agentFor('once');
      assert.equal(await get(agent), 'ok');
      const first = spawned.find((s) => !s.args.includes('-G'))!.child;
      if (first.exitCode === null) await new Promise((r) => first.once('close', r));
      assert.equal(await get(agent), 'ok');
      assert.equal(dials(), 2);
    });

    it('destroying the agent ends its ssh processes', async () => {
      const agent = agentFor('box');
      await get(agent);
      const child = spawned.find((s) => !s.args.includes('-G'))!.child;
      const closed = new Promise((r) => child.once('close', r));
      agent.destroy();
      await closed;
    });

    it('an ssh that cannot be started for the connection itself is named too (not "socket does not exist")', async () => {
      const agent = createSshAgent({
        target: { hostname: 'box' },
        address: 'ssh://box',
        spawn: (cmd, args, o) => (args.includes('-G') ? fakeSpawn(cmd, args, o) : spawn('/nonexistent/bin/ssh', [...args], o)),
      });
      agents.push(agent);
      const err = await get(agent).then(() => undefined, (e: unknown) => e);
      assert.ok(err instanceof SshError, String(err));
      assert.equal(err.reason, 'noSshClient');
    });

    it('a missing ssh client is named, with how to install it', async () => {
      const err = await get(agentFor('box', '/nonexistent/bin/ssh')).then(() => undefined, (e: unknown) => e);
      assert.ok(err instanceof SshError, String(err));
      assert.equal(err.reason, 'noSshClient');
      assert.match(err.message, /not on PATH.*openssh-client/);
    });
  });
});
