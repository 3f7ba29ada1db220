// The tar push parser and the export scanner built on it: same results however the bytes are cut,
// with the caller's buffer overwritten after every push (nothing may be kept from it), bounded top-N
// lists, and no throw on bytes that are not a tar.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { ExportScanner, TopN } from '../../../src/imageSize/layers';
import { TarReader, type TarHeader } from '../../../src/imageSize/tarReader';
import { packTar as packTarWith, type PackEntry } from './packTar';

const packTar = (files: PackEntry[]): Promise<Buffer> => packTarWith(files, 7);

/** Feeds `data` in pieces of the given sizes (cycled) through ONE buffer that is scribbled over after each push. */
function feed(data: Buffer, sizes: number[], push: (buf: Buffer, start: number, end: number) => boolean | void): void {
  const buf = Buffer.alloc(Math.max(...sizes) + 3);
  for (let at = 0, k = 0; at < data.length; k++) {
    const n = Math.min(sizes[k % sizes.length], data.length - at);
    data.copy(buf, 3, at, at + n);
    const more = push(buf, 3, 3 + n);
    buf.fill(0xa5);
    at += n;
    if (more === false) break;
  }
}

function entriesOf(data: Buffer, sizes: number[]): { headers: TarHeader[]; bodies: string[]; reader: TarReader } {
  const headers: TarHeader[] = [];
  const bodies: string[] = [];
  let hash = createHash('sha256');
  const reader = new TarReader({
    entry: (h) => {
      headers.push(h);
      hash = createHash('sha256');
      return h.type === 'file';
    },
    data: (buf, s, e) => hash.update(buf.subarray(s, e)),
    entryEnd: () => bodies.push(hash.digest('hex')),
  });
  feed(data, sizes, (buf, s, e) => reader.push(buf, s, e));
  return { headers, bodies, reader };
}

const CUTS = [[1], [7], [511], [512], [513], [4096], [65536], [3, 1000, 17, 512, 9999]];
const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

describe('imageSize: tar push parser', () => {
  const longDir = `usr/lib/python3.11/site-packages/${'very_long_package_name_'.repeat(5)}`;
  const files: PackEntry[] = [
    { name: 'bin/', type: 'directory' },
    { name: 'bin/busybox', body: Buffer.from('x'.repeat(1000)) },
    { name: 'bin/sh', type: 'symlink', linkname: '/bin/busybox' },
    { name: `${longDir}/module.so`, size: 70_000 },
    { name: `${'deep/'.repeat(40)}file.bin`, size: 513 },
    { name: 'data/ünïcode-name.txt', body: Buffer.from('héllo') },
    { name: 'empty', size: 0 },
    { name: 'pax/short', size: 10, pax: { path: `${'p'.repeat(300)}/from-pax` } },
  ];

  for (const cut of CUTS) {
    it(`reads names, types, sizes and content the same when cut into pieces of ${cut.join(',')} bytes`, async () => {
      const data = await packTar(files);
      const { headers, bodies, reader } = entriesOf(data, cut);
      assert.deepEqual(headers.map((h) => [h.name, h.type, h.size]), [
        ['bin/', 'directory', 0],
        ['bin/busybox', 'file', 1000],
        ['bin/sh', 'symlink', 0],
        [`${longDir}/module.so`, 'file', 70_000],
        [`${'deep/'.repeat(40)}file.bin`, 'file', 513],
        ['data/ünïcode-name.txt', 'file', 6],
        ['empty', 'file', 0],
        [`${'p'.repeat(300)}/from-pax`, 'file', 10],
      ]);
      assert.deepEqual(bodies, [sha(Buffer.from('x'.repeat(1000))), sha(Buffer.alloc(70_000, 7)), sha(Buffer.alloc(513, 7)), sha(Buffer.from('héllo')), sha(Buffer.alloc(0)), sha(Buffer.alloc(10, 7))]);
      assert.ok(reader.ended && !reader.invalid);
    });
  }

  it('reads a GNU long name and a base-256 size', () => {
    const block = (name: string, size: number, flag: string, base256 = false): Buffer => {
      const b = Buffer.alloc(512);
      b.write(name.slice(0, 99), 0, 'utf8');
      b.write('0000644\0', 100);
      b.write('0000000\0', 108);
      b.write('0000000\0', 116);
      if (base256) {
        b[124] = 0x80;
        b.writeUIntBE(size, 124 + 12 - 6, 6);
      } else b.write(`${size.toString(8).padStart(11, '0')}\0`, 124);
      b.write('00000000000\0', 136);
      b.write(flag, 156);
      b.write('ustar  \0', 257);
      b.fill(0x20, 148, 156);
      let sum = 0;
      for (const x of b) sum += x;
      b.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
      return b;
    };
    const long = `${'n'.repeat(200)}/x`;
    const name = Buffer.alloc(512);
    name.write(long);
    const big = 8 * 1024 ** 3 + 5; // does not fit 11 octal digits
    const data = Buffer.concat([block('././@LongLink', long.length + 1, 'L'), name, block('short', 0, '0'), block('huge', big, '0', true)]);
    const seen: TarHeader[] = [];
    const reader = new TarReader({ entry: (h) => (seen.push(h), false) });
    reader.push(data);
    assert.deepEqual(seen.map((h) => [h.name, h.size]), [[long, 0], ['huge', big]]);
    assert.ok(!reader.atBoundary, 'in the body of the huge entry');
  });

  it('marks bytes that are not a tar as invalid, and never throws', () => {
    for (const junk of [Buffer.from('{"config": true}'.repeat(64)), Buffer.alloc(1024, 0xff), Buffer.from('x')]) {
      const reader = new TarReader({ entry: () => true });
      assert.doesNotThrow(() => reader.push(junk));
      if (junk.length >= 512) assert.ok(reader.invalid);
    }
    const reader = new TarReader({ entry: () => true });
    reader.push(Buffer.alloc(1024));
    assert.ok(reader.ended, 'zero blocks end the archive');
  });
});

describe('imageSize: bounded structures of the layer scan', () => {
  it('TopN keeps the N largest, biggest first', () => {
    const top = new TopN(3);
    for (let i = 0; i < 1000; i++) top.add(`/f${i}`, (i * 7919) % 1009);
    assert.equal(top.items.length, 3);
    assert.deepEqual(top.items.map((f) => f.size), [1008, 1007, 1006]);
    const none = new TopN(0);
    none.add('/x', 1);
    assert.equal(none.items.length, 0);
  });

  it('the export scanner keeps at most `top` files and folders per layer, whatever the file count', async () => {
    const many: PackEntry[] = Array.from({ length: 3000 }, (_, i) => ({ name: `d${i % 50}/sub${i}/f${i}`, size: (i * 37) % 4000 }));
    const layer = await packTar(many);
    const save = await packTar([{ name: 'abc/layer.tar', body: layer }, { name: 'manifest.json', body: Buffer.from('[]') }]);
    const diffId = `sha256:${sha(layer)}`;
    for (const cut of [[1000], [65536]]) {
      const scanner = new ExportScanner({ wanted: new Set([diffId]), top: 5 });
      feed(save, cut, (buf, s, e) => scanner.push(buf, s, e));
      const c = scanner.found.get(diffId);
      assert.ok(c, 'the layer was found by its diff ID');
      assert.equal(c.files, 3000);
      assert.equal(c.biggestFiles.length, 5);
      assert.equal(c.biggestFolders.length, 5);
      assert.equal(c.contentSize, many.reduce((a, f) => a + (f.size ?? 0), 0));
      assert.ok(scanner.complete);
    }
  });

  it('stops at the first layer when it is the only one wanted (push returns false)', async () => {
    const l1 = await packTar([{ name: 'a', size: 100 }]);
    const l2 = await packTar([{ name: 'b', size: 100 }]);
    const save = await packTar([{ name: 'one/layer.tar', body: l1 }, { name: 'two/layer.tar', body: l2 }]);
    const scanner = new ExportScanner({ wanted: new Set([`sha256:${sha(l1)}`]) });
    let pushed = 0;
    feed(save, [512], (buf, s, e) => {
      pushed += e - s;
      return scanner.push(buf, s, e);
    });
    assert.ok(scanner.complete);
    assert.ok(pushed < save.length, `read ${pushed} of ${save.length} bytes`);
  });
});
