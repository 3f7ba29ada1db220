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
