// Layer contents from an export stream (a tar of layer tars), and the size report built on them.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { PassThrough, Readable } from 'node:stream';
import type { ImageHistoryEntry } from '../../../src/docker/engine';
import { scanImageLayers } from '../../../src/imageSize/layers';
import { buildSizeReport, diffSnapshots, formatSizeReport } from '../../../src/imageSize/report';
import { packTar } from './packTar';

const diffId = (b: Buffer): string => `sha256:${createHash('sha256').update(b).digest('hex')}`;

async function fixtureImage(): Promise<{ save: Buffer; layers: Buffer[] }> {
  const l0 = await packTar([{ name: 'bin/busybox', size: 2000 }, { name: 'bin/sh', type: 'symlink', linkname: '/bin/busybox' }]);
  const l1 = await packTar([
    { name: 'root/.cache/pip/http/ab/cd/wheel', size: 300_000 },
    { name: 'usr/lib/python3/site-packages/torch/lib/libtorch_cuda.so', size: 900_000 },
    { name: 'usr/lib/python3/site-packages/torch/__init__.py', size: 100 },
  ]);
  const l2 = await packTar([{ name: 'models/model.safetensors', size: 500_000 }, { name: 'app/.wh.old.py', size: 0 }]);
  const save = await packTar([
    { name: 'aaa/layer.tar', body: l2 },
    { name: 'bbb/layer.tar', body: l0 },
    { name: 'ccc/layer.tar', body: l1 },
    { name: 'manifest.json', body: Buffer.from('[]') },
  ]);
  return { save, layers: [l0, l1, l2] };
}

const history: ImageHistoryEntry[] = [
  { Id: 'sha256:top', Created: 3, CreatedBy: 'COPY models /models # buildkit', Tags: null, Size: 500_000, Comment: 'buildkit.dockerfile.v0' },
  { Id: '<missing>', Created: 2, CreatedBy: 'RUN /bin/sh -c pip install torch==2.3.0 # buildkit', Tags: null, Size: 1_200_100, Comment: 'buildkit.dockerfile.v0' },
  { Id: '<missing>', Created: 1, CreatedBy: 'COPY busybox /bin/busybox # buildkit', Tags: null, Size: 2012, Comment: 'buildkit.dockerfile.v0' },
];
const dockerfile = 'FROM scratch\nCOPY busybox /bin/busybox\nRUN pip install torch==2.3.0\nCOPY models /models\n';

describe('imageSize: layer contents from the export stream', () => {
  it('reads only the wanted layers, hashes them to their diff IDs, and keeps the biggest paths', async () => {
    const { save, layers } = await fixtureImage();
    const wanted = new Set([diffId(layers[1]), diffId(layers[2])]);
    const found = await scanImageLayers(Readable.from([save]), { wanted, minTarSize: 10_000 });
    assert.deepEqual([...found.keys()].sort(), [...wanted].sort());
    const torch = found.get(diffId(layers[1]))!;
    assert.equal(torch.contentSize, 1_200_100);
    assert.equal(torch.biggestFiles[0].path, '/usr/lib/python3/site-packages/torch/lib/libtorch_cuda.so');
    assert.deepEqual(torch.biggestFolders.map((f) => f.path), ['/usr/lib', '/root/.cache']);
    assert.equal(found.get(diffId(layers[2]))!.whiteouts, 1);
  });

  it('stops reading as soon as the wanted layers were seen', async () => {
    const { save, layers } = await fixtureImage();
    const source = new PassThrough();
    // Feed the first layer's bytes, then a stream that never ends: the scan must not wait for it.
    const firstEnd = save.indexOf(Buffer.from('bbb/layer.tar'));
    source.write(save.subarray(0, firstEnd));
    const found = await scanImageLayers(source, { wanted: new Set([diffId(layers[2])]) });
    assert.equal(found.size, 1);
    assert.ok(source.destroyed, 'the source was destroyed');
  });

  it('rejects on a broken stream and on abort, without hanging', async () => {
    const broken = new PassThrough();
    const p = scanImageLayers(broken, { wanted: new Set(['sha256:x']) });
    broken.destroy(new Error('connection reset'));
    await assert.rejects(p, /connection reset/);
    const ac = new AbortController();
    const q = scanImageLayers(new PassThrough(), { wanted: new Set(['sha256:x']), signal: ac.signal });
    ac.abort();
    await assert.rejects(q, { name: 'AbortError' });
  });
});

describe('imageSize: the report', () => {
  it('lists layers by size with their lines, path hints and lint findings, and the change since last time', async () => {
    const { save, layers } = await fixtureImage();
    const rootFsLayers = layers.map(diffId);
    const contents = await scanImageLayers(Readable.from([save]), { wanted: new Set(rootFsLayers) });
    const report = buildSizeReport({ ref: 'demo:1', imageId: 'sha256:top', history, dockerfile: { path: '/w/Dockerfile', text: dockerfile }, rootFsLayers, contents });
    assert.deepEqual(report.layers.map((l) => l.entry.instruction?.line), [3, 4, 2]);
    const torch = report.layers[0];
    assert.deepEqual(torch.hints.map((h) => h.title), ['pip cache left in the layer']);
    assert.ok(torch.findings.some((f) => f.code === 'DL3042'), JSON.stringify(torch.findings));
    assert.deepEqual(report.layers[1].hints.map((h) => h.title), ['model weights baked into the image']);
    const md = formatSizeReport(report);
    assert.match(md, /# Image size: demo:1/);
    assert.match(md, /\| 1\.20 MB \| 71% \| 3 \| `RUN pip install torch==2\.3\.0` \|/);
    assert.match(md, /No earlier build of this tag is remembered/);

    const smaller = history.map((h, i) => (i === 1 ? { ...h, CreatedBy: 'RUN /bin/sh -c pip install --no-cache-dir torch==2.3.0 # buildkit', Size: 900_100 } : h));
    const next = buildSizeReport({ ref: 'demo:1', imageId: 'sha256:new', history: smaller, previous: report.snapshot });
    const changes = diffSnapshots(report.snapshot, next.snapshot);
    assert.deepEqual(changes.map((c) => [c.before, c.after]), [[1_200_100, 0], [0, 900_100]]);
    assert.match(formatSizeReport(next), /1\.70 MB → 1\.40 MB \(−300 kB\)/);
  });

  it('works from history alone and escapes Markdown in recorded commands', () => {
    const r = buildSizeReport({ ref: 'x', imageId: 'sha256:1', history: [{ Id: '', Created: 0, CreatedBy: '/bin/sh -c echo "a|b" `id`', Tags: null, Size: 10, Comment: '' }] });
    const md = formatSizeReport(r);
    assert.match(md, /from the image history alone/);
    assert.match(md, /a\\\|b/);
    assert.doesNotMatch(md, /`id`/);
  });
});
