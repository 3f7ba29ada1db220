// The Volumes and Networks views against the private real engine: a volume appears in the model
// through a volume event, shows the container that mounts it, cannot be removed while mounted (the
// refusal names the container), and goes with a prune. Networks are only listed and inspected here
// (the private engine has no bridge and tests create no networks); removing a built-in one is refused.
import * as assert from 'node:assert/strict';
import type { DockerodeEngine } from '../../../src/docker/dockerodeEngine';
import { ConflictError, EngineError, NotFoundError } from '../../../src/docker/errors';
import { createExplorerCore, type ExplorerCore } from '../../../src/explorer/explorerModel';
import { buildNetworkTree, networksNotRemovableMessage } from '../../../src/explorer/networksTree';
import { buildVolumeTree, volumesInUseMessage, type VolumeNode } from '../../../src/explorer/volumesTree';
import { busyboxImage, countingEngine, docker, TEST_ENGINE, testEngine, testHost, uniqueName, waitForModel } from './helpers';

/** Fails fast if an event-driven update only arrived through the 60 s backstop poll. */
const EVENT_DEADLINE_MS = 10_000;

function volumeNode(core: ExplorerCore, name: string): VolumeNode | undefined {
  const s = core.model.volumes;
  if (s.status !== 'ok') return undefined;
  return buildVolumeTree(s.items, core.model.containerItems, { now: Date.now() }).find((n) => n.name === name);
}

describe('volumes and networks against a real engine', function () {
  this.timeout(90_000);
  let engine: DockerodeEngine;
  let core: ExplorerCore;
  const containers: string[] = [];
  const volumes: string[] = [];

  before(async () => {
    testHost();
    engine = testEngine();
    await busyboxImage();
  });

  beforeEach(() => {
    core = createExplorerCore(async () => countingEngine(engine).engine, { initialBackoffMs: 250, maxBackoffMs: 2000 });
  });

  afterEach(async () => {
    core.refresh.dispose();
    for (const id of containers.splice(0)) await engine.removeContainer(id, { force: true }).catch(() => undefined);
    for (const name of volumes.splice(0)) await engine.removeVolume(name, { force: true }).catch(() => undefined);
  });

  after(() => engine?.dispose());

  it('a created volume appears through events, shows its user, refuses removal while mounted, then goes', async () => {
    core.refresh.setVisible('volumes', true);
    await waitForModel(core.model, (m) => m.volumes.status === 'ok' && core.refresh.eventsConnected, 'volumes listed, events on');

    const name = uniqueName('mlx-data');
    volumes.push(name);
    const appeared = waitForModel(core.model, () => !!volumeNode(core, name), `${name} in the model`, EVENT_DEADLINE_MS);
    const created = await engine.createVolume({ Name: name, Labels: { 'com.docker.compose.project': 'trainproj' } });
    assert.equal(created.Name, name);
    await appeared;
    let node = volumeNode(core, name)!;
    assert.equal(node.contextValue, 'volume');
    assert.equal(node.description, 'unused · compose trainproj');
    assert.equal((await engine.inspectVolume(name)).Driver, 'local');

    // A container (network none) mounting it: the container event re-lists the volumes view.
    const cname = uniqueName('mlx-uses');
    const used = waitForModel(core.model, () => volumeNode(core, name)?.users.length === 1, `${name} used by ${cname}`, EVENT_DEADLINE_MS);
    const id = await docker('create', '--network', 'none', '--name', cname, '-v', `${name}:/data`, await busyboxImage(), 'sh', '-c', 'echo 12345 > /data/x');
    containers.push(id);
    await used;
    node = volumeNode(core, name)!;
    assert.equal(node.contextValue, 'volume inUse');
    assert.equal(node.description, `used by ${cname} · compose trainproj`);
    assert.ok((node.tooltip ?? '').includes(`- ${cname.replace(/-/g, '\\-')} (created) → /data`), node.tooltip);

    // What the Remove command shows instead of removing, and what the engine says if asked anyway.
    assert.equal(volumesInUseMessage([name], await engine.listContainers({ all: true })), `Cannot remove: "${name}" is used by ${cname}. Remove that container first.`);
    // Docker says "volume is in use", Podman "volume is being used"
    await assert.rejects(engine.removeVolume(name), (err: unknown) => err instanceof ConflictError && /in use|being used/.test(err.message));

    // Sizes come from /system/df once something was written.
    await engine.startContainer(id);
    await docker('wait', id);
    const df = await core.model.loadVolumeUsage();
    assert.ok((df.get(name)?.Size ?? -1) > 0, 'the volume has a size');

    const unused = waitForModel(core.model, () => volumeNode(core, name)?.users.length === 0, `${name} unused again`, EVENT_DEADLINE_MS);
    await engine.removeContainer(id);
    containers.splice(containers.indexOf(id), 1);
    await unused;

    const gone = waitForModel(core.model, () => core.model.volumes.status === 'ok' && !volumeNode(core, name), `${name} gone`, EVENT_DEADLINE_MS);
    const canKeepNamed = await engine.canPruneAnonymousVolumesOnly();
    if (canKeepNamed) {
      const anonymous = await engine.pruneVolumes();
      assert.ok(!(anonymous.VolumesDeleted ?? []).includes(name), 'an anonymous-only prune keeps named volumes');
    } else {
      // This engine cannot keep named volumes in a prune: asking for that is refused, not done.
      await assert.rejects(engine.pruneVolumes({ all: false }), (err: unknown) => err instanceof EngineError && err.kind === 'badRequest' && /named ones included/.test(err.message));
      assert.ok(volumeNode(core, name), 'the refused prune removed nothing');
    }
    const pruned = await engine.pruneVolumes({ all: true });
    assert.ok((pruned.VolumesDeleted ?? []).includes(name), `${name} pruned`);
    assert.ok(pruned.SpaceReclaimed > 0, 'space reclaimed is reported');
    await gone;
    await assert.rejects(engine.inspectVolume(name), NotFoundError);
  });

  it('lists the built-in networks with the containers attached, inspects them, and refuses to remove them', async function () {
    // Podman's API lists only its own "podman" network: host and none are modes there, not networks
    if (TEST_ENGINE === 'podman') this.skip();
    core.refresh.setVisible('networks', true);
    const cname = uniqueName('mlx-none');
    const id = await docker('create', '--network', 'none', '--name', cname, await busyboxImage());
    containers.push(id);
    await waitForModel(core.model, (m) => m.networks.status === 'ok' && (m.containerItems ?? []).some((c) => c.Id === id), 'networks listed with the new container');
    const s = core.model.networks;
    const tree = buildNetworkTree(s.status === 'ok' ? s.items : [], core.model.containerItems, { now: Date.now() });
    const host = tree.find((n) => n.name === 'host');
    const none = tree.find((n) => n.name === 'none');
    assert.ok(host && none, 'host and none are listed');
    assert.equal(none.builtin, true);
    assert.match(none.contextValue, /^builtinNetwork\b/);
    assert.ok(none.containers.some((c) => c.name === cname), 'the container on network none is attached to it');
    assert.match(none.description ?? '', /^built-in · null · local · \d+ containers?/);

    const inspect = await engine.inspectNetwork(host.network.Id);
    assert.equal(inspect.Name, 'host');
    assert.equal(inspect.Driver, 'host');

    assert.equal(
      networksNotRemovableMessage([{ Id: host.network.Id, Name: 'host' }], s.status === 'ok' ? s.items : [], core.model.containerItems ?? []),
      'Cannot remove: "host" is built into the engine and cannot be removed.',
    );
    await assert.rejects(engine.removeNetwork('none'), (err: unknown) => err instanceof ConflictError && /pre-defined network and cannot be removed/.test(err.message));
    await assert.rejects(engine.inspectNetwork(uniqueName('mlx-missing')), NotFoundError);
    const pruned = await engine.pruneNetworks();
    assert.deepEqual(pruned.NetworksDeleted ?? [], [], 'nothing to prune: no custom networks here');
  });
});
