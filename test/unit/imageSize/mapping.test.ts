// History → Dockerfile line mapping, on history recorded from a real engine (both builders).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ImageHistoryEntry } from '../../../src/docker/engine';
import { largestLayers } from '../../../src/imageSize/collect';
import { layerEntries, mapHistory, parseCreatedBy } from '../../../src/imageSize/mapping';

const FIX = path.resolve(__dirname, '../../fixtures/imageSize');
interface Recorded { builder: string; imageId: string; rootFsLayers: string[]; history: ImageHistoryEntry[] }
const load = (builder: string): Recorded => JSON.parse(fs.readFileSync(path.join(FIX, `history-${builder}.json`), 'utf8')) as Recorded;
const dockerfile = fs.readFileSync(path.join(FIX, 'Dockerfile.sizes'), 'utf8');
const MB = 1048576;

describe('imageSize: reading history entries', () => {
  it('reads the classic builder\'s forms', () => {
    assert.deepEqual(parseCreatedBy('/bin/sh -c #(nop)  ENV DATA=/data'), { keyword: 'ENV', text: 'DATA=/data', builder: 'classic' });
    assert.deepEqual(parseCreatedBy('/bin/sh -c #(nop) COPY file:abc in /bin/busybox '), { keyword: 'COPY', text: 'file:abc in /bin/busybox', builder: 'classic' });
    assert.deepEqual(parseCreatedBy('|1 JUNK_MB=3 /bin/sh -c dd if=/dev/zero of=/x'), { keyword: 'RUN', text: 'dd if=/dev/zero of=/x', builder: 'classic' });
    assert.deepEqual(parseCreatedBy('/bin/busybox --install -s /bin'), { keyword: 'RUN', text: '/bin/busybox --install -s /bin', builder: 'classic' });
  });
  it('reads Buildah\'s (Podman) exec-form RUN, and leaves shell tests that look like arrays alone', () => {
    assert.deepEqual(parseCreatedBy('/bin/sh -c ["/bin/busybox", "--install", "-s", "/bin"]', 'FROM 94b475ce6024'), { keyword: 'RUN', text: '/bin/busybox --install -s /bin', builder: 'classic' });
    assert.deepEqual(parseCreatedBy('|1 N=2 /bin/sh -c ["echo", "$N"]'), { keyword: 'RUN', text: 'echo $N', builder: 'classic' });
    assert.equal(parseCreatedBy('/bin/sh -c [ -f /x ] && rm /x').text, '[ -f /x ] && rm /x');
    assert.equal(parseCreatedBy('/bin/sh -c [ "$A" = 1 ]').text, '[ "$A" = 1 ]');
    assert.equal(parseCreatedBy('/bin/sh -c [1, 2]').text, '[1, 2]');
  });
  it('reads BuildKit\'s forms', () => {
    assert.deepEqual(parseCreatedBy('RUN /bin/sh -c pip install x # buildkit', 'buildkit.dockerfile.v0'), { keyword: 'RUN', text: 'pip install x', builder: 'buildkit' });
    assert.deepEqual(parseCreatedBy('RUN |2 A=1 B=2 /bin/sh -c echo $A # buildkit'), { keyword: 'RUN', text: 'echo $A', builder: 'buildkit' });
    assert.deepEqual(parseCreatedBy('RUN --mount=type=cache,target=/root/.cache /bin/sh -c pip install x # buildkit'), { keyword: 'RUN', text: 'pip install x', builder: 'buildkit' });
    assert.deepEqual(parseCreatedBy('COPY /junk.bin /data/junk.bin # buildkit', 'buildkit.dockerfile.v0'), { keyword: 'COPY', text: '/junk.bin /data/junk.bin', builder: 'buildkit' });
    assert.deepEqual(parseCreatedBy('WORKDIR /data', 'buildkit.dockerfile.v0'), { keyword: 'WORKDIR', text: '/data', builder: 'buildkit' });
  });
  it('never throws on odd input', () => {
    for (const x of ['', '#(nop)', '|x', '|3 ', 'RUN', ' # buildkit', undefined as unknown as string]) assert.doesNotThrow(() => parseCreatedBy(x));
    assert.doesNotThrow(() => mapHistory([{ Id: '', Created: 0, CreatedBy: null as unknown as string, Tags: null, Size: NaN, Comment: '' }], 'FROM\nRUN'));
    assert.doesNotThrow(() => mapHistory(null as unknown as ImageHistoryEntry[], ''));
  });
});

/**
 * Docker's builders record a layer's size as the bytes of its files; Buildah (Podman) as the size of
 * the layer tar: a 512-byte header per entry (the file and the folders it creates), padding to 512
 * bytes and the 1 KiB end of archive. `entries` is how many tar entries the layer holds at most.
 */
function sized(actual: number | undefined, content: number, exact: boolean, what: string, entries = 2): void {
  assert.ok(actual !== undefined, `${what}: no size`);
  if (exact) return assert.equal(actual, content, what);
  const overhead = actual - content;
  assert.ok(overhead >= 1024 && overhead <= 512 * entries + 511 + 1024, `${what}: ${actual} bytes for ${content} bytes of content`);
}

for (const builder of ['classic', 'buildkit', 'podman']) {
  describe(`imageSize: ${builder} history mapped to Dockerfile lines`, () => {
    const rec = load(builder);
    const m = mapHistory(rec.history, dockerfile);
    const exact = builder !== 'podman';
    it('puts each layer\'s size on the line of its instruction', () => {
      sized(m.byLine.get(12), 20 * MB, exact, 'the 20 MB RUN spans lines 12-13');
      sized(m.byLine.get(15), 5 * MB, exact, 'RUN dd 5 MB');
      sized(m.byLine.get(16), 3 * MB, exact, 'COPY --from=builder');
      sized(m.byLine.get(2), 1982256, exact, 'busybox from the base stage');
      sized(m.byLine.get(19), 64 * 1024, exact, 'RUN with a build arg (ARG PAD_KB on line 18)');
      assert.equal(m.byLine.get(18), 0, 'ARG');
      assert.equal(m.byLine.get(20), 0, 'CMD');
      sized(m.byLine.get(17), 0, exact, 'RUN true', 0);
      assert.equal(m.byLine.get(7), undefined, 'the builder stage makes no layer of the final image');
      assert.equal(m.historyOnly, false);
    });
    it('maps every entry, with no base image for FROM scratch', () => {
      assert.deepEqual(m.entries.filter((e) => e.origin !== 'dockerfile').map((e) => e.createdBy), []);
      assert.equal(m.baseSize, 0);
      assert.equal(m.baseImage, null);
    });
    it('sums per stage of the chain', () => {
      const final = [12, 15, 16, 17, 19].reduce((a, line) => a + m.byLine.get(line)!, 0);
      assert.deepEqual(m.stages.map((s) => [s.index, s.name, s.size]), [[0, 'base', m.byLine.get(2)! + m.byLine.get(3)!], [2, null, final]]);
    });
    it('aligns history entries with the RootFS layers', () => {
      const idx = layerEntries(rec.history, rec.rootFsLayers.length);
      assert.ok(idx, 'an alignment exists');
      assert.equal(idx.length, rec.rootFsLayers.length);
      assert.equal(idx[0], rec.history.length - 1, 'the oldest layer is the oldest entry');
      assert.ok(idx.includes(rec.history.findIndex((h) => h.CreatedBy.includes('count=20'))));
    });
  });
}

describe('imageSize: Podman (Buildah) history on a base image of our own', () => {
  // Recorded from the private Podman: FROM a local busybox image, an ARG used in a RUN, RUN --mount,
  // COPY, ADD, WORKDIR, an exec-form RUN with the build arg in scope, CMD.
  const rec = load('podman-base');
  const text = fs.readFileSync(path.join(FIX, 'Dockerfile.podman-base'), 'utf8');
  const m = mapHistory(rec.history, text);
  it('maps each of the build\'s entries to its line and the older ones to the base image', () => {
    assert.deepEqual(m.entries.map((e) => e.instruction?.line ?? e.origin), [9, 8, 7, 6, 5, 4, 3, 2, 'base', 'base', 'base']);
    assert.equal(m.baseImage, 'smp/base:1');
    assert.equal(m.baseSize, 1984512 + 142848, 'the busybox COPY and its --install RUN');
    sized(m.byLine.get(3), 2 * 1024, false, 'RUN with ARG N=2 (2 KiB)');
    sized(m.byLine.get(4), 3 * 1024, false, 'RUN --mount=type=tmpfs (3 KiB)');
    sized(m.byLine.get(8), 3, false, 'exec-form RUN writing "hi\\n"');
    assert.equal(m.byLine.get(7), 0, 'WORKDIR');
  });
  it('aligns the sized entries with the RootFS layers', () => {
    const idx = layerEntries(rec.history, rec.rootFsLayers.length);
    assert.ok(idx);
    assert.deepEqual(idx.map((i) => rec.history[i].Size > 0), Array(rec.rootFsLayers.length).fill(true));
  });
  it('reads RUN flags written after the shell', () => {
    assert.deepEqual(parseCreatedBy('|1 N=2 /bin/sh -c --mount=type=tmpfs,target=/t dd if=/dev/zero of=/x', 'FROM 85013a0377a3'), { keyword: 'RUN', text: 'dd if=/dev/zero of=/x', builder: 'classic' });
  });
});

describe('imageSize: base images and stale Dockerfiles', () => {
  const base: ImageHistoryEntry[] = [
    { Id: '<missing>', Created: 1, CreatedBy: '/bin/sh -c #(nop)  CMD ["bash"]', Tags: null, Size: 0, Comment: '' },
    { Id: '<missing>', Created: 1, CreatedBy: '/bin/sh -c #(nop) ADD file:aaa in / ', Tags: null, Size: 80_000_000, Comment: '' },
  ];
  const mine: ImageHistoryEntry[] = [
    { Id: 'sha256:x', Created: 2, CreatedBy: 'CMD ["python"]', Tags: null, Size: 0, Comment: 'buildkit.dockerfile.v0' },
    { Id: '<missing>', Created: 2, CreatedBy: 'RUN /bin/sh -c pip install torch==2.3.0 # buildkit', Tags: null, Size: 900_000_000, Comment: 'buildkit.dockerfile.v0' },
  ];
  const text = 'FROM debian:12\nRUN pip install torch==2.3.0\nCMD ["python"]\n';
  it('sums the base image\'s own layers', () => {
    const m = mapHistory([...mine, ...base], text);
    assert.equal(m.baseSize, 80_000_000);
    assert.equal(m.baseImage, 'debian:12');
    assert.deepEqual(m.entries.map((e) => e.origin), ['dockerfile', 'dockerfile', 'base', 'base']);
    assert.equal(m.byLine.get(2), 900_000_000);
  });
  it('does not put a size on a RUN line whose command changed since the build', () => {
    const m = mapHistory([...mine, ...base], 'FROM debian:12\nRUN pip install torch==2.4.0\nCMD ["python"]\n');
    assert.equal(m.byLine.get(2), undefined);
    assert.equal(m.byLine.get(3), 0);
  });
  it('works from history alone', () => {
    const m = mapHistory([...mine, ...base]);
    assert.equal(m.historyOnly, true);
    assert.equal(m.total, 980_000_000);
    assert.ok(m.entries.every((e) => e.origin === 'unmapped'));
  });
});

describe('imageSize: choosing the layers to open', () => {
  it('picks the diff IDs of the largest layers, with the smallest of their sizes as the skip threshold', () => {
    for (const builder of ['classic', 'buildkit', 'podman']) {
      const rec = load(builder);
      const t = largestLayers(rec.history, rec.rootFsLayers, 2);
      assert.ok(t, builder);
      assert.equal(t.wanted.size, 2);
      assert.equal(t.minSize, rec.history.find((h) => h.CreatedBy.includes('count=5'))!.Size);
      assert.ok(t.minSize >= 5 * MB);
      const idx = layerEntries(rec.history, rec.rootFsLayers.length)!;
      const big = rec.history.findIndex((h) => h.CreatedBy.includes('count=20'));
      assert.ok(t.wanted.has(rec.rootFsLayers[idx.indexOf(big)]), `${builder}: the 20 MB layer is wanted`);
    }
  });
  it('opens nothing when history and layers cannot be aligned', () => {
    const rec = load('buildkit');
    assert.equal(largestLayers(rec.history, rec.rootFsLayers.slice(1), 2), undefined);
  });
});
