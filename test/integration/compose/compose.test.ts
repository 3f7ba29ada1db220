// A real compose project against the private engine: docker-compose (or the plugin) pointed at the
// endpoint the extension resolves, two services on network_mode none (never a bridge network), the
// project model following it through engine events, logs, a restart, down, and nothing left behind.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { composeArgs, composeEnv, detectCompose, runCompose, sub, type ComposeCli, type Target } from '../../../src/compose/cli';
import { locateCliError } from '../../../src/compose/cliErrors';
import { findComposeProjects } from '../../../src/compose/files';
import { ComposeModel, LABELS, type ComposeProject } from '../../../src/compose/model';
import type { DockerodeEngine } from '../../../src/docker/dockerodeEngine';
import { busyboxImage, testEngine, testHost, uniqueName } from '../explorer/helpers';

/** Resolves when `predicate` holds — checked now and on every model change — or rejects after `timeoutMs`. */
function waitForProjects(model: ComposeModel, predicate: (p: readonly ComposeProject[]) => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  return new Promise((resolve, reject) => {
    if (predicate(model.projects)) return resolve();
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for: ${what}; have ${JSON.stringify(model.projects.map((p) => [p.name, p.services.map((s) => [s.name, s.state])]))}`));
    }, timeoutMs);
    const subscription = model.onDidChange(() => {
      if (predicate(model.projects)) {
        clearTimeout(timer);
        subscription.dispose();
        resolve();
      }
    });
  });
}

function stateOf(p: readonly ComposeProject[], project: string, service: string): string | undefined {
  return p.find((x) => x.name === project)?.services.find((s) => s.name === service)?.state;
}

describe('compose against a real engine', function () {
  this.timeout(180_000);
  let engine: DockerodeEngine;
  let cli: ComposeCli;
  let env: NodeJS.ProcessEnv;
  let dir: string;
  let project: string;
  let target: Target;
  let model: ComposeModel;
  const log: string[] = [];

  const compose = async (args: string[], signal?: AbortSignal) => {
    const r = await runCompose(cli, composeArgs(cli, target, args), { cwd: dir, env, signal, onLine: (l) => log.push(l) });
    return r;
  };

  before(async () => {
    testHost();
    engine = testEngine();
    env = composeEnv(engine.endpoint, process.env);
    cli = await detectCompose(env);
    const image = await busyboxImage();
    project = uniqueName('mlcompose').replace(/[^a-z0-9-]/g, '');
    dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mlc-compose-')), project);
    fs.mkdirSync(dir);
    const svc = (word: string) => [
      `    image: ${image}`,
      '    network_mode: none',
      '    stop_grace_period: 2s',
      `    command: ["sh", "-c", "trap 'exit 0' TERM; echo ${word}-ready; while :; do sleep 1; done"]`,
    ];
    fs.writeFileSync(path.join(dir, 'compose.yaml'), ['services:', '  web:', ...svc('web'), '  worker:', ...svc('worker'), ''].join('\n'));
    const found = await findComposeProjects(path.dirname(dir));
    assert.deepEqual(found.map((f) => [f.set.projectName, f.services]), [[project, ['web', 'worker']]]);
    target = { set: found[0].set };
    model = new ComposeModel(async () => engine, { debounceMs: 200, initialBackoffMs: 250 });
    model.setFound(found);
    model.start();
    await waitForProjects(model, () => model.eventsConnected && model.state.status === 'ok', 'model listed, events connected');
  });

  after(async () => {
    model?.stop();
    if (cli && target) await compose(sub.down(true)).catch(() => undefined);
    engine?.dispose();
  });

  it(`finds the compose CLI and points it at the private engine`, () => {
    assert.ok(['plugin', 'standalone'].includes(cli.kind));
    assert.equal(env.DOCKER_HOST, testHost());
    assert.match(cli.version, /^\d+\.\d+/);
  });

  it('up: both services appear in the model as running, through events', async () => {
    assert.deepEqual(model.projects.find((p) => p.name === project)?.services.map((s) => s.state), ['notCreated', 'notCreated']);
    const listsBefore = model.stats.lists;
    const running = waitForProjects(model, (p) => stateOf(p, project, 'web') === 'running' && stateOf(p, project, 'worker') === 'running', 'web and worker running');
    const r = await compose(sub.up());
    assert.equal(r.code, 0, r.output);
    await running;
    assert.ok(model.stats.events > 0 && model.stats.lists > listsBefore, 'the model re-listed because of events');
    const p = model.projects.find((x) => x.name === project)!;
    assert.equal(p.workingDir, dir);
    assert.equal(p.running, 2);
    for (const s of p.services) {
      assert.equal(s.containers[0].Labels?.[LABELS.service], s.name);
      assert.equal((await engine.inspectContainer(s.containers[0].Id)).HostConfig.NetworkMode, 'none');
    }
  });

  it('logs: all services, and a following logs run ends when cancelled', async () => {
    const r = await compose(sub.logs(false));
    assert.equal(r.code, 0, r.output);
    assert.match(r.output, /web.*web-ready/);
    assert.match(r.output, /worker.*worker-ready/);
    const ac = new AbortController();
    const lines: string[] = [];
    const following = runCompose(cli, composeArgs(cli, target, sub.logs(true, ['web'])), {
      cwd: dir, env, signal: ac.signal, onLine: (l) => {
        lines.push(l);
        if (/web-ready/.test(l)) ac.abort();
      },
    });
    const f = await following;
    assert.equal(f.cancelled, true);
    assert.ok(lines.some((l) => /web-ready/.test(l)));
  });

  it('restart one service: only its container starts again', async () => {
    const ids = (s: string) => model.projects.find((x) => x.name === project)!.services.find((x) => x.name === s)!.containers[0].Id;
    const webBefore = (await engine.inspectContainer(ids('web'))).State.StartedAt;
    const workerBefore = (await engine.inspectContainer(ids('worker'))).State.StartedAt;
    const r = await compose(sub.restart(['worker']));
    assert.equal(r.code, 0, r.output);
    assert.equal((await engine.inspectContainer(ids('web'))).State.StartedAt, webBefore);
    assert.notEqual((await engine.inspectContainer(ids('worker'))).State.StartedAt, workerBefore);
    await waitForProjects(model, (p) => stateOf(p, project, 'worker') === 'running', 'worker running again');
  });

  it('down: the model shows the services as not created and nothing is left on the engine', async () => {
    const gone = waitForProjects(model, (p) => stateOf(p, project, 'web') === 'notCreated' && stateOf(p, project, 'worker') === 'notCreated', 'both services gone');
    const r = await compose(sub.down(false));
    assert.equal(r.code, 0, r.output);
    await gone;
    const left = (await engine.listContainers({ all: true })).filter((c) => c.Labels?.[LABELS.project] === project);
    assert.deepEqual(left, []);
  });

  it('a compose file compose rejects: the failure points at the line', async () => {
    const bad = path.join(dir, 'compose.yaml');
    const text = fs.readFileSync(bad, 'utf8').replace('    network_mode: none\n', '    network_mode: none\n    enviroment:\n      A: b\n');
    fs.writeFileSync(bad, text);
    const r = await compose(sub.up());
    assert.notEqual(r.code, 0);
    const loc = locateCliError(r.output, [{ path: bad, text }]);
    assert.ok(loc, r.output);
    assert.equal(loc.path, bad);
    assert.equal(text.split('\n')[loc.range.line - 1].trim(), 'enviroment:', r.output);
    const left = (await engine.listContainers({ all: true })).filter((c) => c.Labels?.[LABELS.project] === project);
    assert.deepEqual(left, []);
  });
});
