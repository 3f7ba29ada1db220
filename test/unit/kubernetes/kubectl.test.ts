import * as assert from 'assert';
import { classifyFailure, followWorkload, hasStarted, isFinished, kubectlArgs, parseApplyLine, parsePodRow, workloadsIn } from '../../../src/kubernetes/kubectl';

describe('kubernetes export: kubectl', () => {
  it('builds argument arrays with the context (and namespace) always explicit', () => {
    assert.deepStrictEqual(kubectlArgs.contexts(), ['config', 'get-contexts', '-o', 'name']);
    assert.deepStrictEqual(kubectlArgs.currentContext(), ['config', 'current-context']);
    assert.deepStrictEqual(kubectlArgs.apply('/w/k8s/my model.yaml', 'kind-dev'), ['apply', '-f', '/w/k8s/my model.yaml', '--context', 'kind-dev']);
    assert.deepStrictEqual(kubectlArgs.apply('/w/a.yaml'), ['apply', '-f', '/w/a.yaml']);
    assert.deepStrictEqual(kubectlArgs.watchPods('app.kubernetes.io/name=api', 'gke_p_z_c', 'ml'),
      ['get', 'pods', '-l', 'app.kubernetes.io/name=api', '-w', '--context', 'gke_p_z_c', '--namespace', 'ml']);
    assert.deepStrictEqual(kubectlArgs.followLogs('train-x7k2p', 'c'), ['logs', '-f', 'pod/train-x7k2p', '--all-containers', '--prefix', '--context', 'c']);
    // A context name that looks like a flag or holds shell characters stays one argument.
    assert.deepStrictEqual(kubectlArgs.apply('f.yaml', '$(rm -rf ~); x'), ['apply', '-f', 'f.yaml', '--context', '$(rm -rf ~); x']);
  });

  it('reads the workloads of a manifest and a selector for their pods', () => {
    const text = [
      '# comment', 'apiVersion: apps/v1', 'kind: Deployment', 'metadata: { name: api, namespace: ml }',
      'spec: { selector: { matchLabels: { app.kubernetes.io/name: api, tier: model } }, template: {} }',
      '---', 'apiVersion: v1', 'kind: Service', 'metadata: { name: api }',
      '---', 'apiVersion: batch/v1', 'kind: Job', 'metadata: { name: train }',
      '---', 'kind: Pod', 'metadata: { name: p, labels: { run: p } }',
      '---', 'just a string', '---', 'kind: Job', 'metadata: {}', '---', '[unclosed',
    ].join('\n');
    assert.deepStrictEqual(workloadsIn(text), [
      { kind: 'Deployment', name: 'api', namespace: 'ml', selector: 'app.kubernetes.io/name=api,tier=model' },
      { kind: 'Job', name: 'train', namespace: undefined, selector: 'job-name=train' },
      { kind: 'Pod', name: 'p', namespace: undefined, selector: 'run=p' },
    ]);
    assert.deepStrictEqual(workloadsIn(''), []);
    assert.deepStrictEqual(workloadsIn(': : :\n\t- ['), []);
  });

  it('parses `kubectl get pods -w` rows and tells when logs can be followed', () => {
    const lines = [
      'NAME                   READY   STATUS              RESTARTS   AGE',
      'api-6d9f7c9b8d-2xkqz   0/1     Pending             0          0s',
      'api-6d9f7c9b8d-2xkqz   0/1     ContainerCreating   0          1s',
      'api-6d9f7c9b8d-2xkqz   0/1     Running             0          3s',
      'api-6d9f7c9b8d-2xkqz   1/1     Running             0          20s',
      'train-x7k2p            0/1     Completed           0          2m',
      'train-9abcd            0/1     CrashLoopBackOff    3 (10s ago)   1m',
      'No resources found in default namespace.',
      '',
    ];
    const rows = lines.map(parsePodRow);
    assert.strictEqual(rows[0], undefined);
    assert.deepStrictEqual(rows[1], { name: 'api-6d9f7c9b8d-2xkqz', ready: '0/1', status: 'Pending' });
    assert.strictEqual(rows[7], undefined);
    assert.strictEqual(rows[8], undefined);
    assert.deepStrictEqual(rows.slice(1, 7).map((r) => hasStarted(r!)), [false, false, true, true, true, true]);
    assert.deepStrictEqual(rows.slice(1, 7).map((r) => isFinished(r!)), [false, false, false, false, true, false]);
    assert.deepStrictEqual(parsePodRow('api-1 1/1 Running 0 5s'), { name: 'api-1', ready: '1/1', status: 'Running' });
  });

  it('parses `kubectl apply` result lines', () => {
    assert.deepStrictEqual(parseApplyLine('deployment.apps/api created'), { resource: 'deployment.apps', name: 'api', action: 'created' });
    assert.deepStrictEqual(parseApplyLine('service/api unchanged'), { resource: 'service', name: 'api', action: 'unchanged' });
    assert.deepStrictEqual(parseApplyLine('job.batch/train configured (server dry run)'), { resource: 'job.batch', name: 'train', action: 'configured' });
    assert.strictEqual(parseApplyLine('Warning: resource jobs/train is missing the annotation'), undefined);
  });

  it('turns kubectl failures (stderr recorded from kubectl 1.32) into one message', () => {
    const refused = 'error: error validating "k8s/api.yaml": error validating data: failed to download openapi: Get "https://127.0.0.1:6443/openapi/v2?timeout=32s": dial tcp 127.0.0.1:6443: connect: connection refused; if you choose to ignore these errors, turn validation off with --validate=false\n';
    const e1 = classifyFailure(refused, 'kind-dev');
    assert.strictEqual(e1.problem, 'unreachable');
    assert.strictEqual(e1.message, 'Cannot reach the cluster of context "kind-dev" (dial tcp 127.0.0.1:6443: connect: connection refused). Check that the cluster is running and that your kubeconfig points at it.');
    const e2 = classifyFailure('E1204 17:01:02.123456   1234 memcache.go:265] couldn\'t get current server API group list: Get "https://10.0.0.1/api": dial tcp 10.0.0.1:443: i/o timeout\nUnable to connect to the server: dial tcp 10.0.0.1:443: i/o timeout\n', undefined);
    assert.strictEqual(e2.problem, 'unreachable');
    assert.match(e2.message, /^Cannot reach the cluster \(dial tcp 10\.0\.0\.1:443: i\/o timeout\)/);
    assert.strictEqual(classifyFailure('error: context "nope" does not exist\n', 'nope').problem, 'noContext');
    assert.strictEqual(classifyFailure('error: current-context is not set\n', undefined).problem, 'noContext');
    assert.strictEqual(classifyFailure('Error from server (Forbidden): jobs.batch is forbidden: User "u" cannot create resource "jobs"\n', 'c').problem, 'forbidden');
    const invalid = classifyFailure('Error from server (BadRequest): error when creating "k8s/a.yaml": Job in version "v1" cannot be handled as a Job: strict decoding error: unknown field "spec.template.spec.containers[0].imagee"\n', 'c');
    assert.strictEqual(invalid.problem, 'invalid');
    assert.match(invalid.message, /^The cluster rejected the manifest: /);
    assert.strictEqual(classifyFailure('', 'c').message, 'kubectl failed');
  });
});

describe('kubernetes export: following a workload', () => {
  /** A kubectl stand-in: `get pods -w` prints the scripted rows; `logs -f` prints two lines per pod and ends. */
  function fakeKubectl(rows: string[], opts: { watchEndsAlone?: boolean } = {}) {
    const calls: string[][] = [];
    const run = async (args: readonly string[], o: { signal?: AbortSignal; onLine?(l: string, s: 'stdout' | 'stderr'): void }) => {
      calls.push([...args]);
      if (args[0] === 'logs') {
        const pod = args[2].replace('pod/', '');
        await Promise.resolve();
        o.onLine?.(`epoch 1 loss 0.9 (${pod})`, 'stdout');
        o.onLine?.(`epoch 2 loss 0.5 (${pod})`, 'stdout');
        return { code: 0, stdout: '', stderr: '' };
      }
      for (const r of rows) {
        await Promise.resolve();
        o.onLine?.(r, 'stdout');
      }
      if (!opts.watchEndsAlone) {
        await new Promise<void>((resolve) => {
          if (o.signal?.aborted) resolve();
          o.signal?.addEventListener('abort', () => resolve(), { once: true });
        });
      }
      return { code: 0, stdout: '', stderr: '' };
    };
    return { run, calls };
  }

  it('a Job: follows the pod\'s logs once it runs, and ends when it has finished and its logs are read', async () => {
    const { run, calls } = fakeKubectl([
      'NAME          READY   STATUS              RESTARTS   AGE',
      'train-x7k2p   0/1     ContainerCreating   0          0s',
      'train-x7k2p   1/1     Running             0          2s',
      'train-x7k2p   1/1     Running             0          3s',
      'train-x7k2p   0/1     Completed           0          40s',
    ]);
    const lines: string[] = [];
    const statuses: string[] = [];
    await followWorkload({ kind: 'Job', name: 'train', selector: 'job-name=train' }, { context: 'dev', signal: new AbortController().signal, run, onLine: (l) => lines.push(l), onStatus: (r) => statuses.push(r.status) });
    assert.deepStrictEqual(calls, [
      ['get', 'pods', '-l', 'job-name=train', '-w', '--context', 'dev'],
      ['logs', '-f', 'pod/train-x7k2p', '--all-containers', '--prefix', '--context', 'dev'],
    ], 'logs are followed once per pod');
    assert.deepStrictEqual(statuses, ['ContainerCreating', 'Running', 'Running', 'Completed']);
    assert.ok(lines.includes('[train-x7k2p] epoch 2 loss 0.5 (train-x7k2p)'));
    assert.strictEqual(lines[lines.length - 1], '[job/train] train-x7k2p: Completed');
  });

  it('a Deployment: follows every replica until cancelled', async () => {
    const { run, calls } = fakeKubectl([
      'api-1   0/1   Running   0   1s',
      'api-2   0/1   Pending   0   1s',
      'api-2   1/1   Running   0   9s',
    ]);
    const abort = new AbortController();
    const lines: string[] = [];
    const done = followWorkload({ kind: 'Deployment', name: 'api', selector: 'app=api', namespace: 'ml' }, { context: 'dev', signal: abort.signal, run, onLine: (l) => {
      lines.push(l);
      if (l === '[api-2] epoch 2 loss 0.5 (api-2)') abort.abort();
    } });
    await done;
    assert.deepStrictEqual(calls.map((c) => c.slice(0, 3)), [['get', 'pods', '-l'], ['logs', '-f', 'pod/api-1'], ['logs', '-f', 'pod/api-2']]);
    assert.deepStrictEqual(calls[1].slice(-4), ['--context', 'dev', '--namespace', 'ml']);
  });

  it('returns at once when already cancelled, and when the watch itself ends', async () => {
    const { run, calls } = fakeKubectl(['p 1/1 Running 0 1s'], { watchEndsAlone: true });
    const aborted = new AbortController();
    aborted.abort();
    await followWorkload({ kind: 'Pod', name: 'p', selector: 'run=p' }, { signal: aborted.signal, run, onLine: () => undefined });
    assert.strictEqual(calls.length, 0);
    await followWorkload({ kind: 'Pod', name: 'p', selector: 'run=p' }, { signal: new AbortController().signal, run, onLine: () => undefined });
    assert.strictEqual(calls.length, 2);
  });
});
