import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ContainerInspect, ContainerSummary, ImageInspect, ImageSummary } from '../../../src/docker/engine';
import { parseHost } from '../../../src/docker/endpoint';
import { EnginePermissionError, EngineUnreachableError } from '../../../src/docker/errors';
import {
  buildContainerTree,
  buildImageTree,
  containerTooltip,
  describeGpuRequests,
  errorRows,
  imageTooltip,
  type ComposeProjectNode,
  type ContainerNode,
  type ImageTreeOptions,
} from '../../../src/explorer/treeModel';

const FIX = path.resolve(__dirname, '../../fixtures/docker');
const load = <T>(name: string): T => JSON.parse(fs.readFileSync(path.join(FIX, name), 'utf8')) as T;
const images = load<ImageSummary[]>('images.json');
const containers = load<ContainerSummary[]>('containers.json');
const imageInspect = load<ImageInspect>('image-inspect.json');
const containerInspect = load<ContainerInspect>('container-inspect.json');
const created = images.find((i) => i.RepoTags?.includes('ml/trainer:1.0'))!.Created;
const NOW = (created + 3 * 86400) * 1000;
const opts = (o: Partial<ImageTreeOptions> = {}): ImageTreeOptions => ({ showDangling: false, sortBy: 'name', now: NOW, ...o });

describe('image tree from recorded /images/json', () => {
  it('groups tags under their repository, registry ports kept in the repository name', () => {
    const tree = buildImageTree(images, opts());
    assert.deepEqual(
      tree.map((r) => [r.label, r.children.map((c) => c.label)]),
      [
        ['127.0.0.1:5000/team/trainer', ['v2', 'v10']],
        ['ml/trainer', ['latest', '1.0']],
      ],
    );
  });

  it('hides dangling images by default and shows them last under <none> when asked', () => {
    const tree = buildImageTree(images, opts({ showDangling: true }));
    const last = tree[tree.length - 1];
    assert.equal(last.label, '<none>');
    assert.equal(last.children.length, 1);
    assert.equal(last.children[0].contextValue, 'danglingImage');
    assert.equal(last.children[0].ref, last.children[0].image.Id, 'commands get the id of a dangling image');
  });

  it('tag rows show size, age and the CUDA version from labels; stable ids', () => {
    const tag = buildImageTree(images, opts())[1].children[1];
    assert.equal(tag.id, 'image:ml/trainer:1.0');
    assert.equal(tag.ref, 'ml/trainer:1.0');
    assert.equal(tag.description, '1.99 MB · 3 days ago · CUDA 12.1.1');
    assert.equal(tag.contextValue, 'image');
  });

  it('sorts by created and by size', () => {
    const now = 2_000_000_000_000;
    const mk = (tag: string, createdAt: number, size: number): ImageSummary => ({
      Id: `sha256:${tag}`, ParentId: '', RepoTags: [`r:${tag}`], RepoDigests: [], Created: createdAt, Size: size, Labels: null, Containers: 0,
    });
    const list = [mk('a', 100, 5), mk('b', 300, 1), mk('c', 200, 9)];
    assert.deepEqual(buildImageTree(list, opts({ now, sortBy: 'created' }))[0].children.map((c) => c.tag), ['b', 'c', 'a']);
    assert.deepEqual(buildImageTree(list, opts({ now, sortBy: 'size' }))[0].children.map((c) => c.tag), ['c', 'a', 'b']);
    assert.deepEqual(buildImageTree(list, opts({ now, sortBy: 'name' }))[0].children.map((c) => c.tag), ['a', 'b', 'c']);
  });

  it('tooltip shows id, created, platform, CUDA/framework versions from env, and labels', () => {
    const image = images.find((i) => i.RepoTags?.includes('ml/trainer:1.0'))!;
    const md = imageTooltip(image, 'ml/trainer:1.0', NOW, imageInspect);
    assert.match(md, /Id: `sha256:201fa886/);
    assert.match(md, /Platform: linux\/amd64/);
    assert.match(md, /CUDA 12\.1\.1 · cuDNN 8\.9\.0\.131 · PyTorch 2\.3\.0 · Python 3\.11\.9/);
    assert.match(md, /`org\.opencontainers\.image\.title` = trainer/);
  });
});

describe('container tree from recorded /containers/json', () => {
  const tree = buildContainerTree(containers);

  it('groups compose projects first, then the rest running-first by name', () => {
    assert.deepEqual(
      tree.map((n) => n.label),
      ['demo', 'paused', 'done', 'idle'],
    );
    const demo = tree[0] as ComposeProjectNode;
    assert.equal(demo.description, '1/1 running');
    assert.equal(demo.children[0].label, 'web');
  });

  it('derives contextValue and icon from state and health', () => {
    const byName = new Map<string, ContainerNode>();
    for (const n of tree) {
      if (n.kind === 'container') byName.set(n.name, n);
      if (n.kind === 'composeProject') for (const c of n.children) byName.set(c.name, c);
    }
    assert.equal(byName.get('web')!.contextValue, 'runningContainer healthy');
    assert.equal(byName.get('paused')!.contextValue, 'pausedContainer');
    assert.equal(byName.get('done')!.contextValue, 'exitedContainer');
    assert.equal(byName.get('idle')!.contextValue, 'createdContainer');
    assert.deepEqual(byName.get('web')!.icon, { id: 'debug-start', color: 'charts.green' });
    assert.equal(byName.get('paused')!.icon?.id, 'debug-pause');
    assert.equal(byName.get('web')!.id, `container:${byName.get('web')!.container.Id}`);
  });

  it('menus can match state with the documented regexes', () => {
    const stoppable = /^(running|paused|restarting)Container\b/;
    const startable = /^(exited|created|dead)Container\b/;
    const values = containers.map((c) => buildContainerTree([c]).flatMap((n) => (n.kind === 'composeProject' ? n.children : [n]))[0].contextValue);
    assert.deepEqual(values.map((v) => stoppable.test(v)), values.map((v) => /^(running|paused)/.test(v)));
    assert.deepEqual(values.map((v) => startable.test(v)), values.map((v) => /^(exited|created)/.test(v)));
  });

  it('description: image, published ports (IPv4/IPv6 collapsed), status', () => {
    const web = (tree[0] as ComposeProjectNode).children[0];
    assert.match(web.description!, /^ml\/trainer:1\.0 · 8888→8888\/tcp, 6006\/tcp · Up .* \(healthy\)$/);
  });

  it('tooltip shows mounts and, once inspected, GPU requests', () => {
    const web = (tree[0] as ComposeProjectNode).children[0];
    const md = containerTooltip(web.container, NOW, containerInspect);
    assert.match(md, /\/tmp → \/data \(read-only\)/);
    assert.match(md, /\*\*GPUs\*\*: all GPUs/);
    assert.match(md, /Compose: demo \/ web/);
  });

  it('describes GPU requests', () => {
    assert.equal(describeGpuRequests({ HostConfig: { DeviceRequests: [{ Driver: 'nvidia', DeviceIDs: ['0', '1'], Capabilities: [['gpu']] }] } }), 'GPU 0,1 (driver nvidia)');
    assert.equal(describeGpuRequests({ HostConfig: { DeviceRequests: [{ Count: 2, Capabilities: [['gpu', 'utility']] }] } }), '2 GPUs');
    assert.equal(describeGpuRequests({ HostConfig: { DeviceRequests: null } }), undefined);
  });
});

describe('error rows', () => {
  it('say what was tried, why it failed, and offer Retry and Configure', () => {
    const endpoint = { ...parseHost('unix:///var/run/docker.sock', false), source: 'default' as const, sourceLabel: 'default socket', watchedFiles: [] };
    const rows = errorRows(new EngineUnreachableError('Cannot reach x: the socket does not exist.'), endpoint, 'images');
    assert.deepEqual(rows.map((r) => r.label), [
      'Cannot reach the container engine',
      'Tried: unix:///var/run/docker.sock — from default socket',
      'Cannot reach x: the socket does not exist.',
      'Retry',
      'Choose engine…',
    ]);
    assert.equal(rows[3].command?.id, 'mlContainers.explorer.retry');
    assert.equal(rows[4].command?.id, 'mlContainers.explorer.configureEngine');
    assert.equal(errorRows(new EnginePermissionError('denied'), endpoint, 'images')[0].label, 'Permission denied on the engine socket');
  });
});
