// The explorer model + live refresh against the private real engine: images and containers appear,
// change state and disappear in the model driven by engine events; an engine restart shows the
// unreachable rows and then recovers on its own.
import * as assert from 'node:assert/strict';
import type { DockerodeEngine } from '../../../src/docker/dockerodeEngine';
import { NotFoundError } from '../../../src/docker/errors';
import { createExplorerCore, type ExplorerCore } from '../../../src/explorer/explorerModel';
import { buildContainerTree, buildImageTree, containerTooltip, errorRows, type ContainerNode } from '../../../src/explorer/treeModel';
import { busyboxImage, countingEngine, docker, engineScript, type EngineCalls, REPO, run, testEngine, testHost, uniqueName, waitForModel } from './helpers';

/** Fails fast if an event-driven update only arrived through the 60 s backstop poll. */
const EVENT_DEADLINE_MS = 10_000;

function containerNodes(core: ExplorerCore): ContainerNode[] {
  const s = core.model.containers;
  if (s.status !== 'ok') return [];
  return buildContainerTree(s.items).flatMap((n) => (n.kind === 'composeProject' ? n.children : n.kind === 'container' ? [n] : []));
}

function findContainer(core: ExplorerCore, name: string): ContainerNode | undefined {
  return containerNodes(core).find((n) => n.name === name);
}

describe('explorer against a real engine', function () {
  this.timeout(90_000);
  let engine: DockerodeEngine;
  let core: ExplorerCore;
  let calls: EngineCalls;
  const created: string[] = [];

  before(async () => {
    testHost();
    engine = testEngine();
    await busyboxImage();
  });

  beforeEach(() => {
    const counting = countingEngine(engine);
    calls = counting.calls;
    core = createExplorerCore(async () => counting.engine, { initialBackoffMs: 250, maxBackoffMs: 2000 });
  });

  afterEach(async () => {
    core.refresh.dispose();
    for (const id of created.splice(0)) await engine.removeContainer(id, { force: true }).catch(() => undefined);
  });

  after(() => engine?.dispose());

  it('lists nothing while hidden, and lists once a view is shown', async () => {
    assert.equal(core.model.images.status, 'loading');
    await new Promise((r) => setImmediate(r));
    assert.deepEqual([calls.images, calls.containers], [0, 0]);
    core.refresh.setVisible('images', true);
    await waitForModel(core.model, (m) => m.images.status === 'ok', 'images listed');
    assert.equal(calls.containers, 0, 'the hidden containers view is not listed');
  });

  it('a tiny image built FROM scratch appears in the tree model through engine events', async () => {
    core.refresh.setVisible('images', true);
    await waitForModel(core.model, (m) => m.images.status === 'ok', 'initial images list');
    const repo = uniqueName('mltest/tiny');
    const tag = `${repo}:v1`;
    const waited = waitForModel(
      core.model,
      (m) => m.images.status === 'ok' && m.images.items.some((i) => i.RepoTags?.includes(tag)),
      `${tag} in the model`,
      EVENT_DEADLINE_MS,
    );
    await docker('tag', await busyboxImage(), tag);
    await waited;
    const s = core.model.images;
    assert.equal(s.status, 'ok');
    const node = buildImageTree(s.status === 'ok' ? s.items : [], { showDangling: false, sortBy: 'name', now: Date.now() }).find((r) => r.repository === repo);
    assert.ok(node, 'repository row');
    assert.equal(node.children[0].tag, 'v1');
    assert.match(node.children[0].description ?? '', /MB · .* · CUDA 12\.1\.1/);
    await engine.removeImage(tag);
    await waitForModel(
      core.model,
      (m) => m.images.status === 'ok' && !m.images.items.some((i) => i.RepoTags?.includes(tag)),
      `${tag} gone from the model`,
      EVENT_DEADLINE_MS,
    );
  });

  it('follows a container through create, start, stop and remove', async () => {
    core.refresh.setVisible('containers', true);
    await waitForModel(core.model, (m) => m.containers.status === 'ok', 'initial containers list');
    const name = uniqueName('mlx-life');
    const id = await docker('create', '--network', 'none', '--name', name, await busyboxImage());
    created.push(id);
    await waitForModel(core.model, () => findContainer(core, name)?.contextValue === 'createdContainer', `${name} created`, EVENT_DEADLINE_MS);

    await engine.startContainer(id);
    await waitForModel(core.model, () => findContainer(core, name)?.contextValue === 'runningContainer', `${name} running`, EVENT_DEADLINE_MS);
    assert.equal(findContainer(core, name)?.icon?.id, 'debug-start');

    await engine.stopContainer(id, { graceSeconds: 0 });
    await waitForModel(core.model, () => findContainer(core, name)?.contextValue === 'exitedContainer', `${name} exited`, EVENT_DEADLINE_MS);

    await engine.removeContainer(id);
    await waitForModel(core.model, () => !findContainer(core, name), `${name} removed`, EVENT_DEADLINE_MS);
    await assert.rejects(engine.inspectContainer(id), NotFoundError);
  });

  it('groups compose-labelled containers and shows bind mounts in the tooltip', async () => {
    core.refresh.setVisible('containers', true);
    const project = uniqueName('proj');
    const name = uniqueName('mlx-svc');
    const id = await docker(
      'create', '--network', 'none', '--name', name,
      '--label', `com.docker.compose.project=${project}`, '--label', 'com.docker.compose.service=trainer',
      '-v', `${REPO}:/workspace:ro`, await busyboxImage(),
    );
    created.push(id);
    await waitForModel(core.model, () => !!findContainer(core, name), `${name} listed`, EVENT_DEADLINE_MS);
    const s = core.model.containers;
    const group = (s.status === 'ok' ? buildContainerTree(s.items) : []).find((n) => n.kind === 'composeProject' && n.label === project);
    assert.ok(group && group.kind === 'composeProject');
    assert.equal(group.children[0].name, name);
    assert.match(containerTooltip(group.children[0].container, Date.now()), /→ \/workspace \(read-only\)/);
  });

  it('streams logs (demultiplexed) and runs an exec with a TTY', async () => {
    const name = uniqueName('mlx-logs');
    const id = await docker('create', '--network', 'none', '--name', name, await busyboxImage(), 'sh', '-c', 'echo out-line; echo err-line >&2; sleep 300');
    created.push(id);
    await engine.startContainer(id);
    const logs = await engine.logs(id, { follow: true });
    const seen: string[] = [];
    for await (const chunk of logs) {
      seen.push(`${chunk.stream}:${chunk.text.trim()}`);
      if (seen.length === 2) break;
    }
    logs.close();
    assert.deepEqual(seen.sort(), ['stderr:err-line', 'stdout:out-line']);

    const session = await engine.exec(id, { cmd: ['sh', '-c', 'tty; echo exec-ok; exit 3'], tty: true, rows: 30, cols: 100 });
    let out = '';
    session.stream.on('data', (b: Buffer) => (out += b.toString()));
    assert.equal(await session.exited(), 3);
    assert.match(out, /\/dev\/pts\/\d+/);
    assert.match(out, /exec-ok/);
  });

  it('an engine restart shows the unreachable rows, then the views recover without a reload', async function () {
    const engineDir = process.env.ML_TEST_ENGINE_DIR;
    if (!engineDir) this.skip();
    const script = engineScript();
    core.refresh.setVisible('containers', true);
    core.refresh.setVisible('images', true);
    // The second view may list before the events stream is open; its connect re-lists, so wait for that.
    await waitForModel(core.model, (m) => m.containers.status === 'ok' && m.images.status === 'ok' && core.refresh.eventsConnected, 'both views listed, events on');

    const down = waitForModel(core.model, (m) => m.containers.status === 'error', 'the containers view shows the error', 20_000);
    await run('bash', [script, 'stop', engineDir!]);
    await down;
    const streamsBefore = calls.eventStreams;
    const s = core.model.containers;
    assert.equal(s.status, 'error');
    if (s.status !== 'error') return;
    assert.equal(s.error.kind, 'unreachable');
    const rows = errorRows(s.error, s.endpoint, 'containers');
    assert.equal(rows[0].label, 'Cannot reach the container engine');
    assert.equal(rows[1].label, `Tried: ${testHost()} — from setting mlContainers.engine.host`);
    assert.match(rows[2].label, /Is Docker running\?/);
    assert.deepEqual(rows.slice(3).map((r) => r.command?.id), ['mlContainers.explorer.retry', 'mlContainers.explorer.configureEngine']);

    const up = waitForModel(core.model, (m) => m.containers.status === 'ok' && m.images.status === 'ok', 'both views recovered', 30_000);
    await run('bash', [script, 'start', engineDir!]);
    const ms = await up;
    // recovered by the events watcher's reconnect, not by the 60 s poll
    assert.ok(ms < 30_000);
    await waitForModel(core.model, () => core.refresh.eventsConnected, 'events reconnected', 10_000).catch(() => undefined);
    assert.equal(core.refresh.eventsConnected, true);
    assert.ok(calls.eventStreams > streamsBefore, 'the events stream was opened again after the restart');
  });
});
