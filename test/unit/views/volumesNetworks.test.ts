// The Volumes and Networks views as plain data, from Engine API JSON recorded on Docker 20.10
// (API 1.41): three named volumes (one from compose, one tmpfs), one anonymous; containers on the
// none and host networks mounting them. Also which engine events make which views stale, and the
// model listing containers for the two views that show who uses what.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ContainerSummary, DiskUsage, Engine, NetworkInspect, NetworkSummary, VolumeSummary } from '../../../src/docker/engine';
import { EngineUnreachableError } from '../../../src/docker/errors';
import { ExplorerModel } from '../../../src/explorer/explorerModel';
import { attachedContainers, buildNetworkTree, isBuiltinNetwork, networksNotRemovableMessage, networkTooltip } from '../../../src/explorer/networksTree';
import { viewsForEvent, type ViewKind } from '../../../src/explorer/refreshManager';
import {
  buildVolumeTree,
  displayVolumeName,
  isAnonymousVolume,
  validateVolumeName,
  volumesInUseMessage,
  volumeTooltip,
  volumeUsageByName,
  volumeUsers,
} from '../../../src/explorer/volumesTree';

const FIX = path.resolve(__dirname, '../../fixtures/docker');
const load = <T>(name: string): T => JSON.parse(fs.readFileSync(path.join(FIX, name), 'utf8')) as T;
const volumes = load<{ Volumes: VolumeSummary[] }>('volumes.json').Volumes;
const df = load<DiskUsage>('system-df-volumes.json');
const networks = load<NetworkSummary[]>('networks.json');
const noneInspect = load<NetworkInspect>('network-inspect-none.json');
const containers = load<ContainerSummary[]>('containers-volumes-networks.json');
const anonymousName = volumes.find((v) => /^[0-9a-f]{64}$/.test(v.Name))!.Name;
const NOW = Date.parse(volumes[0].CreatedAt!) + 2 * 3600_000;

describe('volume tree from recorded /volumes and /containers/json', () => {
  it('lists named volumes by name, the anonymous one last with a short label', () => {
    const tree = buildVolumeTree(volumes, containers, { now: NOW });
    assert.deepEqual(tree.map((n) => n.label), ['hf-cache', 'imagenet_datasets', 'scratch-tmp', anonymousName.slice(0, 12)]);
    assert.equal(tree[3].name, anonymousName, 'commands get the full name');
    assert.equal(tree[3].id, `volume:${anonymousName}`);
  });

  it('says who uses each volume, its compose project, and marks the context value', () => {
    const byName = new Map(buildVolumeTree(volumes, containers, { now: NOW }).map((n) => [n.name, n]));
    assert.deepEqual(
      [...byName.values()].map((n) => [n.label, n.description, n.contextValue]),
      [
        ['hf-cache', 'used by trainer, writer', 'volume inUse'],
        ['imagenet_datasets', 'used by trainer · compose imagenet', 'volume inUse'],
        ['scratch-tmp', 'unused', 'volume'],
        [anonymousName.slice(0, 12), 'anonymous · used by trainer', 'volume inUse anonymous'],
      ],
    );
    assert.deepEqual(byName.get('scratch-tmp')!.icon, { id: 'database' });
    assert.equal(byName.get('hf-cache')!.icon?.color, 'charts.blue');
  });

  it('shows sizes from /system/df only when given, and leaves out sizes the engine does not report', () => {
    const usage = volumeUsageByName(df);
    assert.deepEqual([...usage.keys()].sort(), [anonymousName, 'hf-cache', 'imagenet_datasets'].sort(), 'scratch-tmp (tmpfs) has no size');
    const tree = buildVolumeTree(volumes, containers, { now: NOW, usage });
    assert.equal(tree.find((n) => n.name === 'hf-cache')!.description, '307 kB · used by trainer, writer');
    assert.equal(tree.find((n) => n.name === 'scratch-tmp')!.description, 'unused');
    assert.equal(volumeUsageByName(undefined).size, 0);
    assert.equal(volumeUsageByName({ Volumes: [{ ...volumes[0], UsageData: { Size: -1, RefCount: -1 } }] }).size, 0, '-1 means unknown');
  });

  it('tooltip: driver, mountpoint, age, size, users with their mount point, options and labels', () => {
    const users = volumeUsers(containers);
    const ds = volumes.find((v) => v.Name === 'imagenet_datasets')!;
    const tip = volumeTooltip(ds, users.get(ds.Name) ?? [], NOW, { Size: 1_500_000, RefCount: 1 });
    assert.match(tip, /^\*\*imagenet\\_datasets\*\*\n/);
    assert.match(tip, /- Driver: local\n- Scope: local\n- Mountpoint: `\/var\/lib\/docker\/volumes\/imagenet_datasets\/_data`/);
    assert.match(tip, /- Created: .* \(2 hours ago\)/);
    assert.match(tip, /- Size: 1\.50 MB/);
    assert.match(tip, /- Compose: imagenet \/ datasets/);
    assert.match(tip, /\*\*Used by\*\*\n\n- trainer \(created\) → \/data \(read-only\)/);
    assert.match(tip, /- `com\.docker\.compose\.project` = imagenet/);
    const tmp = volumes.find((v) => v.Name === 'scratch-tmp')!;
    const tmpTip = volumeTooltip(tmp, [], NOW);
    assert.match(tmpTip, /\*Not used by any container\*/);
    assert.match(tmpTip, /\*\*Driver options\*\*\n\n(- `[a-z]+` = .*\n?){3}/);
    assert.doesNotMatch(tmpTip, /Size:/);
    assert.match(volumeTooltip(volumes.find((v) => v.Name === anonymousName)!, [], NOW), /\(anonymous\)/);
  });

  it('tells anonymous volumes by their 64-hex name or by the label newer engines set', () => {
    assert.equal(isAnonymousVolume({ Name: anonymousName, Labels: null }), true);
    assert.equal(isAnonymousVolume({ Name: 'cache', Labels: { 'com.docker.volume.anonymous': '' } }), true);
    assert.equal(isAnonymousVolume({ Name: 'a'.repeat(63), Labels: null }), false);
    assert.equal(displayVolumeName(anonymousName), anonymousName.slice(0, 12));
    assert.equal(displayVolumeName('hf-cache'), 'hf-cache');
  });

  it('refuses to remove volumes in use, naming the containers', () => {
    assert.equal(volumesInUseMessage(['scratch-tmp'], containers), undefined);
    assert.equal(volumesInUseMessage(['imagenet_datasets'], containers), 'Cannot remove: "imagenet_datasets" is used by trainer. Remove that container first.');
    assert.equal(
      volumesInUseMessage(['hf-cache', 'scratch-tmp', anonymousName], containers),
      `Cannot remove: "hf-cache" is used by trainer, writer; "${anonymousName.slice(0, 12)}" is used by trainer. Remove those containers first.`,
    );
  });

  it('validates new volume names as the engine does', () => {
    assert.equal(validateVolumeName('datasets'), undefined);
    assert.equal(validateVolumeName('imagenet_v2.1-train'), undefined);
    assert.equal(validateVolumeName(''), undefined, 'empty: the engine picks a name');
    assert.match(validateVolumeName('a')!, /at least two characters/);
    assert.match(validateVolumeName('-x')!, /starting with a letter or digit/);
    assert.match(validateVolumeName('my data')!, /letters, digits/);
    assert.match(validateVolumeName('x/y')!, /letters, digits/);
    assert.match(validateVolumeName('hf-cache', ['hf-cache'])!, /already exists/);
    assert.match(validateVolumeName('v'.repeat(256))!, /255/);
  });

  it('says nothing about users while the containers are not known (list failed or loading)', () => {
    const tree = buildVolumeTree(volumes, undefined, { now: NOW });
    assert.deepEqual(tree.map((n) => n.description), ['', 'compose imagenet', '', 'anonymous']);
    assert.ok(tree.every((n) => !/inUse/.test(n.contextValue)));
    assert.doesNotMatch(tree[0].tooltip ?? '', /Used by|Not used/);
  });

  it('survives containers without mounts and volumes without labels', () => {
    const bare = { ...containers[0], Mounts: undefined as unknown as [] };
    assert.doesNotThrow(() => buildVolumeTree([{ ...volumes[0], Labels: null, CreatedAt: undefined }], [bare], { now: NOW }));
    assert.equal(buildVolumeTree([], [], { now: NOW }).length, 0);
  });
});

/** A user-defined network as compose creates it, shaped like the recorded ones. */
const composeNet: NetworkSummary = {
  ...networks[0],
  Name: 'imagenet_default',
  Id: 'f3c0'.repeat(16),
  Driver: 'bridge',
  Scope: 'local',
  Attachable: false,
  IPAM: { Driver: 'default', Config: [{ Subnet: '172.18.0.0/16', Gateway: '172.18.0.1' }] },
  Labels: { 'com.docker.compose.network': 'default', 'com.docker.compose.project': 'imagenet' },
};
const composeContainer: ContainerSummary = {
  ...containers[0],
  Id: 'c0de'.repeat(16),
  Names: ['/imagenet-train-1'],
  State: 'running',
  NetworkSettings: { Networks: { imagenet_default: { NetworkID: composeNet.Id, IPAddress: '172.18.0.2' } } },
};

describe('network tree from recorded /networks and /containers/json', () => {
  it('puts the built-in networks first, marked, and lists the containers attached by name when the id is empty', () => {
    const tree = buildNetworkTree(networks, containers, { now: NOW });
    assert.deepEqual(
      tree.map((n) => [n.label, n.description, n.contextValue, n.icon?.id, n.containers.map((c) => c.name)]),
      [
        ['host', 'built-in · host · local · 1 container', 'builtinNetwork inUse', 'lock', ['notebook']],
        ['none', 'built-in · null · local · 2 containers', 'builtinNetwork inUse', 'lock', ['trainer', 'writer']],
      ],
    );
  });

  it('shows a custom network with its compose project, subnet and the attached container with its address', () => {
    const all = [composeNet, ...networks];
    const tree = buildNetworkTree(all, [...containers, composeContainer], { now: NOW });
    assert.deepEqual(tree.map((n) => n.name), ['host', 'none', 'imagenet_default']);
    const custom = tree[2];
    assert.equal(custom.builtin, false);
    assert.equal(custom.contextValue, 'network inUse');
    assert.equal(custom.description, 'bridge · local · 1 container · compose imagenet');
    assert.match(custom.tooltip ?? '', /- Subnets: 172\\\.18\\\.0\\\.0\/16/);
    assert.match(custom.tooltip ?? '', /- imagenet\\-train\\-1 \(running\) 172\\\.18\\\.0\\\.2/);
    const idle = buildNetworkTree(all, containers, { now: NOW })[2];
    assert.equal(idle.contextValue, 'network');
    assert.equal(idle.description, 'bridge · local · no containers · compose imagenet');
  });

  it('marks bridge, host, none and swarm ingress as built in, and nothing else', () => {
    for (const name of ['bridge', 'host', 'none']) assert.equal(isBuiltinNetwork({ Name: name }), true, name);
    assert.equal(isBuiltinNetwork({ Name: 'ingress', Ingress: true }), true);
    assert.equal(isBuiltinNetwork({ Name: 'imagenet_default' }), false);
    assert.equal(isBuiltinNetwork({ Name: 'Host' }), false);
  });

  it('refuses removing built-in networks and networks with containers, saying why', () => {
    const all = [composeNet, ...networks];
    const host = networks.find((n) => n.Name === 'host')!;
    assert.equal(networksNotRemovableMessage([host], all, containers), 'Cannot remove: "host" is built into the engine and cannot be removed.');
    assert.equal(networksNotRemovableMessage([composeNet], all, containers), undefined);
    assert.equal(
      networksNotRemovableMessage([composeNet, ...networks], all, [...containers, composeContainer]),
      'Cannot remove: "none", "host" are built into the engine and cannot be removed; "imagenet_default" has a container attached: imagenet-train-1 (disconnect or remove it first).',
    );
  });

  it('inspect tooltip: id, driver, scope, and the built-in note', () => {
    const tip = networkTooltip(noneInspect, attachedContainers(networks, containers).get(noneInspect.Id) ?? [], NOW);
    assert.match(tip, /^\*\*none\*\* \(built into the engine: cannot be removed\)/);
    assert.match(tip, new RegExp(`- Id: \`${noneInspect.Id}\``));
    assert.match(tip, /- Driver: null\n- Scope: local/);
    assert.match(tip, /\*\*Containers\*\*\n\n- trainer \(created\)\n- writer \(exited\)/);
  });

  it('says nothing about attached containers while the containers are not known', () => {
    const tree = buildNetworkTree(networks, undefined, { now: NOW });
    assert.deepEqual(tree.map((n) => n.description), ['built-in · host · local', 'built-in · null · local']);
    assert.doesNotMatch(tree[0].tooltip ?? '', /Containers|No containers/);
  });

  it('survives containers without network settings', () => {
    const bare = { ...containers[0], NetworkSettings: null };
    assert.deepEqual(buildNetworkTree(networks, [bare], { now: NOW }).map((n) => n.containers.length), [0, 0]);
  });
});

describe('which engine events make which views stale', () => {
  const ev = (Type: string, Action: string) => viewsForEvent({ Type, Action, Actor: { ID: 'x' }, time: 0, timeNano: 0 });
  it('maps each event type to its views', () => {
    const cases: [string, string, ViewKind[]][] = [
      ['volume', 'create', ['volumes']],
      ['volume', 'destroy', ['volumes']],
      ['volume', 'mount', []],
      ['volume', 'unmount', []],
      ['network', 'create', ['networks']],
      ['network', 'connect', ['networks']],
      ['network', 'disconnect', ['networks']],
      ['network', 'destroy', ['networks']],
      ['container', 'create', ['containers', 'volumes', 'networks']],
      ['container', 'destroy', ['containers', 'volumes', 'networks']],
      ['container', 'remove', ['containers', 'volumes', 'networks']], // Podman's word for destroy
      ['volume', 'remove', ['volumes']],
      ['container', 'rename', ['containers', 'volumes', 'networks']],
      ['container', 'start', ['containers']],
      ['container', 'die', ['containers']],
      ['container', 'exec_start: sh', []],
      ['image', 'tag', ['images']],
      ['image', 'export', []],
      ['daemon', 'reload', []],
    ];
    for (const [type, action, views] of cases) assert.deepEqual(ev(type, action), views, `${type} ${action}`);
  });
});

describe('ExplorerModel with the volumes and networks views', () => {
  function fakeEngine(opts: { dfFails?: boolean; volumesFail?: boolean } = {}) {
    const calls: string[] = [];
    const engine = {
      endpoint: { host: 'unix:///fake.sock', sourceLabel: 'test' },
      listContainers: async () => (calls.push('containers'), containers),
      listVolumes: async () => {
        calls.push('volumes');
        if (opts.volumesFail) throw new EngineUnreachableError('Cannot reach the engine');
        return volumes;
      },
      listNetworks: async () => (calls.push('networks'), networks),
      listImages: async () => (calls.push('images'), []),
      diskUsage: async () => {
        calls.push('df');
        if (opts.dfFails) throw new Error('df failed');
        return df;
      },
    } as unknown as Engine;
    return { engine, calls };
  }
  const signal = new AbortController().signal;

  it('listing volumes or networks also lists the containers (once), not the images', async () => {
    const { engine, calls } = fakeEngine();
    const model = new ExplorerModel(async () => engine);
    const changed: ViewKind[] = [];
    model.onDidChange((v) => changed.push(...v));
    await model.refresh(new Set<ViewKind>(['volumes', 'networks']), signal);
    assert.deepEqual(calls.sort(), ['containers', 'networks', 'volumes']);
    assert.deepEqual(changed.sort(), ['containers', 'networks', 'volumes']);
    assert.equal(model.volumes.status, 'ok');
    assert.equal(model.containerItems?.length, containers.length);
    assert.equal(model.volumeUsage, undefined, 'no df unless the setting asks');
    assert.equal(model.state('networks'), model.networks);
  });

  it('reads sizes with the list when the setting asks; a failed df leaves the list intact', async () => {
    const ok = fakeEngine();
    const model = new ExplorerModel(async () => ok.engine, { volumeSizes: () => true });
    await model.refresh(new Set<ViewKind>(['volumes']), signal);
    assert.ok(ok.calls.includes('df'));
    assert.equal(model.volumeUsage?.sizes.get('hf-cache')?.Size, 307200);
    const bad = fakeEngine({ dfFails: true });
    const model2 = new ExplorerModel(async () => bad.engine, { volumeSizes: () => true });
    await model2.refresh(new Set<ViewKind>(['volumes']), signal);
    assert.equal(model2.volumes.status, 'ok');
    assert.equal(model2.volumeUsage, undefined);
  });

  it('reads sizes on demand once, shares a read in flight, and never throws', async () => {
    const { engine, calls } = fakeEngine();
    const model = new ExplorerModel(async () => engine);
    const [a, b] = await Promise.all([model.loadVolumeUsage(), model.loadVolumeUsage()]);
    assert.equal(a, b);
    assert.equal(calls.filter((c) => c === 'df').length, 1);
    await model.loadVolumeUsage();
    assert.equal(calls.filter((c) => c === 'df').length, 1, 'a recent read is reused');
    const failing = new ExplorerModel(async () => fakeEngine({ dfFails: true }).engine);
    assert.equal((await failing.loadVolumeUsage()).size, 0);
  });

  it('an engine failure shows on the volumes view alone; reset marks all four views loading', async () => {
    const { engine } = fakeEngine({ volumesFail: true });
    const model = new ExplorerModel(async () => engine);
    await model.refresh(new Set<ViewKind>(['volumes']), signal);
    assert.equal(model.volumes.status, 'error');
    assert.equal(model.containers.status, 'ok');
    const changed: ViewKind[] = [];
    model.onDidChange((v) => changed.push(...v));
    model.reset();
    assert.deepEqual(changed, ['images', 'containers', 'volumes', 'networks']);
    for (const v of changed) assert.equal(model.state(v).status, 'loading');
  });
});
