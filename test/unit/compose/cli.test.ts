import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { composeArgs, composeEnv, certPathUsable, describeCommand, detectCompose, runCompose, sub, type ComposeCli } from '../../../src/compose/cli';
import { resolveEndpoint, type Endpoint } from '../../../src/docker/endpoint';

/** A folder with fake `docker` / `docker-compose` scripts (real processes, no shell between us and them). */
function fakeBin(scripts: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlc-cli-'));
  for (const [name, body] of Object.entries(scripts)) fs.writeFileSync(path.join(dir, name), `#!/bin/sh\n${body}\n`, { mode: 0o755 });
  return dir;
}

const V1: ComposeCli = { command: 'docker-compose', prefix: [], kind: 'standalone', version: '1.29.2' };
const set = { dir: '/w/p', files: ['/w/p/compose.yaml', '/w/p/compose.override.yaml'], projectName: 'p' };

describe('compose CLI', () => {
  it('points the CLI at the resolved endpoint and drops a conflicting context', () => {
    const ep = resolveEndpoint({ settingHost: 'unix:///tmp/x/docker.sock', env: {} });
    const env = composeEnv(ep, { PATH: '/bin', DOCKER_CONTEXT: 'remote', DOCKER_TLS_VERIFY: '1', HOME: '/root' });
    assert.equal(env.DOCKER_HOST, 'unix:///tmp/x/docker.sock');
    assert.equal(env.DOCKER_CONTEXT, undefined);
    assert.equal(env.DOCKER_TLS_VERIFY, undefined);
    assert.equal(env.PATH, '/bin');
    assert.equal(env.COMPOSE_ANSI, 'never');
  });

  it('passes TLS as DOCKER_TLS_VERIFY + DOCKER_CERT_PATH (or DOCKER_TLS without verification)', () => {
    const tls = (verify: boolean): Endpoint => ({
      host: 'tcp://gpu-box:2376', protocol: 'tcp', hostname: 'gpu-box', port: 2376, source: 'DOCKER_HOST', sourceLabel: 'DOCKER_HOST',
      tls: { ca: '/certs/ca.pem', cert: '/certs/cert.pem', key: '/certs/key.pem', verify },
    });
    const env = composeEnv(tls(true), {});
    assert.deepEqual([env.DOCKER_HOST, env.DOCKER_TLS_VERIFY, env.DOCKER_CERT_PATH, env.DOCKER_TLS], ['tcp://gpu-box:2376', '1', '/certs', undefined]);
    assert.ok(certPathUsable(tls(true)));
    assert.ok(!certPathUsable({ ...tls(true), tls: { ca: '/a/ca.pem', cert: '/b/client.crt', verify: true } }));
    const noVerify = composeEnv(tls(false), {});
    assert.deepEqual([noVerify.DOCKER_TLS, noVerify.DOCKER_TLS_VERIFY], ['1', undefined]);
  });

  it('builds argument arrays with the project name and every file', () => {
    assert.deepEqual(composeArgs(V1, { set, extraFiles: ['/w/p/docker-compose.gpu.yml'] }, sub.up(['api'])),
      ['--project-name', 'p', '-f', '/w/p/compose.yaml', '-f', '/w/p/compose.override.yaml', '-f', '/w/p/docker-compose.gpu.yml', 'up', '--detach', '--build', 'api']);
    const plugin: ComposeCli = { command: 'docker', prefix: ['compose'], kind: 'plugin', version: '2.29.7' };
    assert.deepEqual(composeArgs(plugin, { set }, sub.down(true)).slice(0, 1), ['compose']);
    assert.deepEqual(sub.down(true).slice(-1), ['--volumes']);
    assert.deepEqual(sub.down(false), ['down']);
    assert.deepEqual(sub.logs(true, ['api']), ['logs', '--follow', '--tail', '200', 'api']);
    assert.equal(describeCommand(V1, ['-f', '/w/my dir/compose.yaml', 'up']), "docker-compose -f '/w/my dir/compose.yaml' up");
  });

  it('prefers the docker compose plugin when it answers', async () => {
    const bin = fakeBin({ docker: '[ "$1" = compose ] && [ "$2" = version ] && echo 2.29.7 && exit 0; exit 1', 'docker-compose': 'echo 1.29.2' });
    const cli = await detectCompose({ PATH: `${bin}:/usr/bin:/bin` });
    assert.deepEqual([cli.command, cli.prefix, cli.kind, cli.version], ['docker', ['compose'], 'plugin', '2.29.7']);
  });

  it('falls back to docker-compose, and says so when neither runs', async () => {
    const bin = fakeBin({ docker: 'echo "docker: \'compose\' is not a docker command." >&2; exit 1', 'docker-compose': 'echo 1.29.2' });
    const cli = await detectCompose({ PATH: `${bin}:/usr/bin:/bin` });
    assert.deepEqual([cli.command, cli.kind, cli.version], ['docker-compose', 'standalone', '1.29.2']);
    const empty = fakeBin({});
    await assert.rejects(detectCompose({ PATH: empty }), /Neither "docker compose" nor "docker-compose" could be run/);
  });

  it('streams lines, keeps the output and the exit code; arguments reach the child unchanged (no shell)', async () => {
    const bin = fakeBin({ 'docker-compose': 'for a in "$@"; do echo "arg:$a"; done; echo oops >&2; printf partial; exit 3' });
    const lines: string[] = [];
    const r = await runCompose({ ...V1, command: path.join(bin, 'docker-compose') }, ['up', '$(touch /tmp/nope)', 'a b'], {
      cwd: bin, env: { PATH: '/usr/bin:/bin' }, onLine: (l, s) => lines.push(`${s}:${l}`),
    });
    assert.equal(r.code, 3);
    assert.equal(r.cancelled, false);
    assert.deepEqual(lines.filter((l) => l.startsWith('stdout')), ['stdout:arg:up', 'stdout:arg:$(touch /tmp/nope)', 'stdout:arg:a b', 'stdout:partial']);
    assert.ok(lines.includes('stderr:oops'));
  });

  it('cancel signals the child it started and resolves as cancelled', async () => {
    const bin = fakeBin({ 'docker-compose': 'trap "echo got-int; exit 130" INT; echo started; while :; do sleep 0.05; done' });
    const ac = new AbortController();
    const lines: string[] = [];
    const result = runCompose({ ...V1, command: path.join(bin, 'docker-compose') }, ['logs', '-f'], {
      cwd: bin, env: { PATH: '/usr/bin:/bin' }, signal: ac.signal,
      onLine: (l) => {
        lines.push(l);
        if (l === 'started') ac.abort();
      },
    });
    const r = await result;
    assert.equal(r.cancelled, true);
    assert.ok(lines.includes('got-int'), 'the child got SIGINT first');
  });

  it('a missing binary rejects instead of hanging', async () => {
    await assert.rejects(runCompose({ ...V1, command: '/nonexistent/docker-compose' }, ['ps'], { cwd: '/', env: {} }), /ENOENT/);
  });
});
