import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as tarFs from 'tar-fs';
import { dockerignoreAppendText, packContext, scanContext, suggestIgnores } from '../../../src/docker/build/context';
import { parseIgnoreText } from '../../../src/docker/ignore';

function tree(files: Record<string, string | number>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlc-ctx-'));
  for (const [rel, content] of Object.entries(files)) {
    const p = path.join(dir, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    if (typeof content === 'number') {
      fs.writeFileSync(p, '');
      fs.truncateSync(p, content); // sparse: size without disk
    } else fs.writeFileSync(p, content);
  }
  return dir;
}

async function untarNames(dir: string, dockerfile: string): Promise<string[]> {
  const scan = await scanContext(dir, dockerfile);
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'mlc-untar-'));
  const tar = packContext(scan, dockerfile);
  await new Promise<void>((resolve, reject) => {
    const ex = tarFs.extract(out);
    tar.stream.pipe(ex);
    ex.on('finish', () => resolve());
    ex.on('error', reject);
  });
  const names: string[] = [];
  const walk = (d: string, rel: string): void => {
    for (const n of fs.readdirSync(d).sort()) {
      const r = rel ? `${rel}/${n}` : n;
      if (fs.statSync(path.join(d, n)).isDirectory()) walk(path.join(d, n), r); else names.push(r);
    }
  };
  walk(out, '');
  fs.rmSync(out, { recursive: true, force: true });
  return names;
}

describe('parseIgnoreText', () => {
  it('cleans paths, drops comments and blanks, keeps exceptions', () => {
    assert.deepStrictEqual(parseIgnoreText('# c\n\n /data/ \n!data/keep.txt\n./a/../b\n**/__pycache__\n'), ['data', '!data/keep.txt', 'b', '**/__pycache__']);
  });
});

describe('build context', () => {
  it('honours .dockerignore incl. exceptions and always sends the Dockerfile and .dockerignore', async () => {
    const dir = tree({
      Dockerfile: 'FROM scratch', '.dockerignore': 'data\n!data/keep.txt\n*.ckpt\nDockerfile\n.dockerignore\n**/__pycache__\n',
      'train.py': 'x', 'model.ckpt': 'x', 'src/a.py': 'x', 'src/__pycache__/a.pyc': 'x',
      'data/big.bin': 'x', 'data/keep.txt': 'x', 'sub/model.ckpt': 'x',
    });
    const names = await untarNames(dir, path.join(dir, 'Dockerfile'));
    assert.deepStrictEqual(names, ['.dockerignore', 'Dockerfile', 'data/keep.txt', 'src/a.py', 'sub/model.ckpt', 'train.py']);
  });
  it('prefers <Dockerfile>.dockerignore next to the Dockerfile', async () => {
    const dir = tree({ 'docker/train.Dockerfile': 'FROM scratch', 'docker/train.Dockerfile.dockerignore': 'secret.txt\n', '.dockerignore': 'a.txt\n', 'a.txt': 'x', 'secret.txt': 'x' });
    const scan = await scanContext(dir, path.join(dir, 'docker/train.Dockerfile'));
    assert.strictEqual(scan.ignoreFile.file, path.join(dir, 'docker/train.Dockerfile.dockerignore'));
    const names = scan.entries.filter((e) => e.kind === 'file').map((e) => e.rel);
    assert.ok(names.includes('a.txt'));
    assert.ok(!names.includes('secret.txt'));
  });
  it('does not walk an ignored folder without exceptions, and sums sizes per folder', async () => {
    const dir = tree({ Dockerfile: 'FROM scratch', '.dockerignore': 'data\n', 'data/huge.bin': 5e9, 'checkpoints/a/w.pt': 3e8, 'checkpoints/b.pt': 1e8, 'src/x.py': 10 });
    const scan = await scanContext(dir, path.join(dir, 'Dockerfile'));
    assert.strictEqual(scan.totalBytes, 3e8 + 1e8 + 10 + 'FROM scratch'.length + 'data\n'.length);
    assert.deepStrictEqual(scan.biggestFolders.slice(0, 2), [{ folder: 'checkpoints', bytes: 4e8 }, { folder: 'checkpoints/a', bytes: 3e8 }]);
    assert.deepStrictEqual(suggestIgnores(scan).map((f) => f.folder), ['checkpoints']);
  });
  it('adds a Dockerfile that lies outside the context under a generated name', async () => {
    const dir = tree({ 'ctx/a.txt': 'x', 'elsewhere/Dockerfile': 'FROM scratch' });
    const scan = await scanContext(path.join(dir, 'ctx'), path.join(dir, 'elsewhere/Dockerfile'));
    const tar = packContext(scan, path.join(dir, 'elsewhere/Dockerfile'));
    assert.match(tar.dockerfileName, /^\.dockerfile\./);
    const names = await untarNames(path.join(dir, 'ctx'), path.join(dir, 'elsewhere/Dockerfile'));
    assert.ok(names.includes('a.txt'));
    assert.ok(names.some((n) => n.startsWith('.dockerfile.')), names.join(','));
  });
  it('sends a Dockerfile in a folder the patterns exclude (the CLI would not, and the build would fail)', async () => {
    const dir = tree({ 'docker/Dockerfile': 'FROM scratch', 'docker/x': 'x', '.dockerignore': '**/docker\n', 'a.txt': 'x' });
    const names = await untarNames(dir, path.join(dir, 'docker/Dockerfile'));
    assert.deepStrictEqual(names, ['.dockerignore', 'a.txt', 'docker/Dockerfile']);
  });
  it('refuses, with the file and the reason, a pattern Docker refuses', async () => {
    const dir = tree({ Dockerfile: 'FROM scratch', '.dockerignore': 'data\n[abc\n', 'a.txt': 'x' });
    await assert.rejects(scanContext(dir, path.join(dir, 'Dockerfile')), /\.dockerignore: pattern "\[abc" is not valid/);
  });
  it('refuses a pattern whose Go regexp is invalid instead of sending part of the context as the CLI does', async () => {
    const dir = tree({ Dockerfile: 'FROM scratch', '.dockerignore': '*\\1x\n', 'a.txt': 'x' });
    await assert.rejects(scanContext(dir, path.join(dir, 'Dockerfile')), /back-reference.*stop packing the context/);
  });
  it('reads regexp characters literally and matches case-sensitively', async () => {
    const dir = tree({
      Dockerfile: 'FROM scratch', '.dockerignore': 'credentials(prod).json\nid_rsa+backup\nData\nc++\n',
      'credentials(prod).json': 'x', 'id_rsa+backup': 'x', 'data/a.csv': 'x', 'c++': 'x',
    });
    const names = await untarNames(dir, path.join(dir, 'Dockerfile'));
    assert.deepStrictEqual(names, ['.dockerignore', 'Dockerfile', 'data/a.csv']);
  });
  it('appends only missing folders to a .dockerignore', () => {
    assert.strictEqual(dockerignoreAppendText('data\n', ['data', 'checkpoints/']), 'checkpoints\n');
    assert.strictEqual(dockerignoreAppendText('data', ['x']), '\nx\n');
    assert.strictEqual(dockerignoreAppendText('', ['data']), 'data\n');
    assert.strictEqual(dockerignoreAppendText('', ['runs[1]', '#tmp']), 'runs\\[1\\]\n\\#tmp\n');
    assert.strictEqual(dockerignoreAppendText('/data/\n', ['data/']), '');
  });
});
