// The user's own kubectl, for real: a kubeconfig with one context whose API server is a closed port on
// 127.0.0.1, and no kubectl at all. (No cluster runs here: kubectl cannot even dry-run without one.)
import * as assert from 'assert';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { KubectlError, KUBECTL_MISSING, classifyFailure, kubectlArgs, listContexts, runKubectl } from '../../../src/kubernetes/kubectl';

function hasKubectl(): boolean {
  return (process.env.PATH ?? '').split(':').some((d) => d && fs.existsSync(path.join(d, 'kubectl')));
}

function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

describe('kubectl, the real binary', function () {
  this.timeout(90_000);
  let dir = '';
  before(function () {
    if (!hasKubectl()) {
      console.warn('    kubectl is not installed: skipped');
      this.skip();
    }
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlk-kubectl-'));
  });
  after(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('lists contexts, and an unreachable cluster gives one clear message', async () => {
    const port = await closedPort();
    const kubeconfig = path.join(dir, 'config');
    fs.writeFileSync(kubeconfig, [
      'apiVersion: v1', 'kind: Config',
      'clusters: [ { name: local, cluster: { server: "https://127.0.0.1:' + port + '" } } ]',
      'users: [ { name: u, user: { token: not-a-real-token } } ]',
      'contexts: [ { name: dev, context: { cluster: local, user: u } }, { name: other, context: { cluster: local, user: u } } ]',
      'current-context: other', '',
    ].join('\n'));
    const env = { ...process.env, KUBECONFIG: kubeconfig, HOME: dir };
    assert.deepStrictEqual(await listContexts({ env }), { contexts: ['dev', 'other'], current: 'other' });

    const manifest = path.join(dir, 'svc.yaml');
    fs.writeFileSync(manifest, 'apiVersion: v1\nkind: Service\nmetadata: { name: x }\nspec: { ports: [ { port: 80 } ] }\n');
    const lines: string[] = [];
    const r = await runKubectl(kubectlArgs.apply(manifest, 'dev'), { env, onLine: (l) => lines.push(l) });
    assert.notStrictEqual(r.code, 0);
    assert.ok(lines.length > 0, 'output is streamed line by line');
    const e = classifyFailure(r.stderr, 'dev');
    assert.strictEqual(e.problem, 'unreachable', r.stderr);
    assert.strictEqual(e.message, `Cannot reach the cluster of context "dev" (dial tcp 127.0.0.1:${port}: connect: connection refused). Check that the cluster is running and that your kubeconfig points at it.`);

    const missing = await runKubectl(kubectlArgs.apply(manifest, 'nope'), { env });
    assert.strictEqual(classifyFailure(missing.stderr, 'nope').problem, 'noContext', missing.stderr);
  });

  it('an empty kubeconfig: "no contexts", not a stack of errors', async () => {
    const env = { ...process.env, KUBECONFIG: path.join(dir, 'absent'), HOME: dir };
    await assert.rejects(listContexts({ env }), (e: unknown) => e instanceof KubectlError && e.problem === 'noContext');
  });

  it('kubectl missing from PATH → one message', async () => {
    await assert.rejects(runKubectl(['version'], { env: { ...process.env, PATH: dir } }),
      (e: unknown) => e instanceof KubectlError && e.problem === 'missing' && e.message === KUBECTL_MISSING);
  });
});
