import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as tarFs from 'tar-fs';
import { packContext, scanContext } from '../../../src/docker/build/context';
import { packTar } from '../../../src/docker/build/tarPack';

async function extract(stream: NodeJS.ReadableStream): Promise<string> {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'mlc-tarx-'));
  await new Promise<void>((resolve, reject) => {
    const ex = tarFs.extract(out);
    ex.on('finish', () => resolve());
    ex.on('error', reject);
    stream.pipe(ex);
  });
  return out;
}

describe('tar writer', () => {
  it('writes long and non-ASCII names (PAX), symlinks, modes and content that a tar reader restores', async () => {
    const src = fs.mkdtempSync(path.join(os.tmpdir(), 'mlc-tarsrc-'));
    const longDir = 'a'.repeat(120) + '/' + 'b'.repeat(90);
    const veryLong = 'd/'.repeat(70) + 'x'.repeat(120) + '.txt';
    const files: Record<string, Buffer> = {
      'small.txt': Buffer.from('hello\n'),
      [`${longDir}/w.bin`]: Buffer.alloc(3 * 1024 * 1024 + 7, 7),
      [veryLong]: Buffer.from('deep'),
      'données/é.txt': Buffer.from('utf8 name'),
      'empty': Buffer.alloc(0),
    };
    for (const [rel, content] of Object.entries(files)) {
      fs.mkdirSync(path.join(src, path.dirname(rel)), { recursive: true });
      fs.writeFileSync(path.join(src, rel), content);
    }
    fs.chmodSync(path.join(src, 'small.txt'), 0o750);
    fs.symlinkSync('small.txt', path.join(src, 'link'));
    fs.writeFileSync(path.join(src, 'Dockerfile'), 'FROM scratch\n');
    const scan = await scanContext(src, path.join(src, 'Dockerfile'));
    const tar = packContext(scan, path.join(src, 'Dockerfile'));
    const out = await extract(tar.stream);
    for (const [rel, content] of Object.entries(files)) assert.ok(fs.readFileSync(path.join(out, rel)).equals(content), rel);
    assert.strictEqual(fs.readlinkSync(path.join(out, 'link')), 'small.txt');
    assert.strictEqual(fs.statSync(path.join(out, 'small.txt')).mode & 0o777, 0o750);
    assert.strictEqual(tar.bytesSent() % 512, 0);
    assert.ok(tar.bytesSent() > 3 * 1024 * 1024);
  });
  it('ends with two zero blocks and pads content to 512 bytes', async () => {
    const t = packTar([{ name: 'f', type: 'file', mode: 0o644, mtime: 0, size: 3, content: Buffer.from('abc') }]);
    const chunks: Buffer[] = [];
    for await (const c of t.stream) chunks.push(c as Buffer);
    const all = Buffer.concat(chunks);
    assert.strictEqual(all.length, 512 + 512 + 1024);
    assert.strictEqual(all.subarray(512, 515).toString(), 'abc');
    assert.ok(all.subarray(1024).every((b) => b === 0));
    // checksum: sum of header bytes with the field as spaces
    const h = Buffer.from(all.subarray(0, 512));
    const stored = parseInt(h.subarray(148, 154).toString(), 8);
    h.write('        ', 148, 8, 'ascii');
    assert.strictEqual(stored, h.reduce((a, b) => a + b, 0));
  });
});

describe('packing sends what was scanned', () => {
  let dir: string;
  let outside: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlc-swap-'));
    outside = fs.mkdtempSync(path.join(os.tmpdir(), 'mlc-outside-'));
    fs.writeFileSync(path.join(outside, 'secret'), 'not for the engine');
    fs.writeFileSync(path.join(dir, 'Dockerfile'), 'FROM scratch\n');
    fs.mkdirSync(path.join(dir, 'sub'));
    fs.writeFileSync(path.join(dir, 'sub', 'a.txt'), 'scanned content');
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(outside, { recursive: true, force: true });
  });

  async function packAfter(change: () => void): Promise<{ error?: Error; bytes: Buffer }> {
    const scan = await scanContext(dir, path.join(dir, 'Dockerfile'));
    change();
    const tar = packContext(scan, path.join(dir, 'Dockerfile'));
    const chunks: Buffer[] = [];
    try {
      for await (const chunk of tar.stream) chunks.push(chunk as Buffer);
    } catch (error) {
      return { error: error as Error, bytes: Buffer.concat(chunks) };
    }
    return { bytes: Buffer.concat(chunks) };
  }

  it('refuses a file swapped for a symlink after the scan, and sends nothing of its target', async () => {
    const r = await packAfter(() => {
      fs.unlinkSync(path.join(dir, 'sub', 'a.txt'));
      fs.symlinkSync(path.join(outside, 'secret'), path.join(dir, 'sub', 'a.txt'));
    });
    assert.match(r.error?.message ?? '', /sub\/a\.txt changed .*symbolic link/);
    assert.ok(!r.bytes.includes('not for the engine'));
  });
  it('refuses a folder on the path swapped for a symlink (the file is no longer the scanned one)', async () => {
    const r = await packAfter(() => {
      fs.renameSync(path.join(dir, 'sub'), path.join(dir, 'old'));
      fs.writeFileSync(path.join(outside, 'a.txt'), 'not for the engine');
      fs.symlinkSync(outside, path.join(dir, 'sub'));
    });
    assert.match(r.error?.message ?? '', /sub\/a\.txt changed .*different file/);
    assert.ok(!r.bytes.includes('not for the engine'));
  });
  it('refuses a file replaced by another one', async () => {
    const r = await packAfter(() => {
      // created while the scanned file still exists, so it cannot reuse its inode
      fs.writeFileSync(path.join(dir, 'sub', 'a.new'), 'new');
      fs.renameSync(path.join(dir, 'sub', 'a.new'), path.join(dir, 'sub', 'a.txt'));
    });
    assert.match(r.error?.message ?? '', /sub\/a\.txt changed .*different file/);
  });
  it('sends a file whose content changed in place', async () => {
    const r = await packAfter(() => fs.writeFileSync(path.join(dir, 'sub', 'a.txt'), 'edited content!'));
    assert.equal(r.error, undefined);
    assert.ok(r.bytes.includes('edited content!'));
  });
});
