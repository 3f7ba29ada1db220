// Our context packer against the real docker CLI: for generated file trees and .dockerignore files
// (seeded, so every run builds the same cases), the files that arrive in an image built by
// `docker build` (`FROM scratch`, `COPY . /ctx`) must be exactly the files scanContext sends.
import * as assert from 'assert';
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as tarFs from 'tar-fs';
import { scanContext } from '../../../src/docker/build/context';
import { buildContextMatcher, readIgnoreFile } from '../../../src/docker/ignore';
import { requireEnv, tmpDir } from '../buildRunPush/helpers';

const SEED = Number(process.env.ML_TEST_IGNORE_SEED ?? 20261204);
const CONTEXTS = Number(process.env.ML_TEST_IGNORE_CONTEXTS ?? 32);

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Names users really have, plus every character the old matcher got wrong.
const FILE_NAMES = [
  'a', 'b', 'c', 'A', 'ab', 'abc', 'bcd', 'x.txt', 'X.TXT', 'x.TXT', 'keep.txt', 'Keep.txt', 'model.ckpt', 'w.pt', 'w.PT',
  'credentials(prod).json', 'id_rsa+backup', 'a{1}.txt', 'c++', 'x|y', 'dollar$', 'caret^a', 'br[a]ck', 'q?', 'star*',
  'back\\slash', '.hidden', 'ü.txt', 'a.b.c', 'a b', 'a-z', 'd1', 'd22', '_u', 'README.md', 'notes.TXT',
  'qq', 'q{2}', 'x{', 'a|b', 'Dockerfile',
];
const DIR_NAMES = ['data', 'Data', 'DATA', 'src', 'sub', 'keep', 'a', 'b', 'B', 'node(1)', 'x+y', '{c}', 'deep', 'ckpt', 'logs', 'a.b'];

interface Case {
  dir: string;
  ignore: string;
  /** The Dockerfile's path inside the context (`-f`). */
  dockerfile: string;
}

function generate(rnd: () => number, index: number): Case {
  const int = (n: number): number => Math.floor(rnd() * n);
  const pick = <T>(a: readonly T[]): T => a[int(a.length)];
  const dir = tmpDir(`ignore-${index}`);
  const paths: string[] = [];
  const exists = (p: string): boolean => {
    try {
      fs.lstatSync(p);
      return true;
    } catch {
      return false;
    }
  };
  const fill = (rel: string, depth: number): void => {
    const count = 2 + int(depth === 0 ? 8 : 5);
    for (let k = 0; k < count; k++) {
      const makeDir = depth < 3 && rnd() < 0.35;
      const name = makeDir ? pick(DIR_NAMES) : pick(FILE_NAMES);
      const r = rel ? `${rel}/${name}` : name;
      const abs = path.join(dir, r);
      if (exists(abs)) continue;
      if (makeDir) {
        fs.mkdirSync(abs);
        paths.push(r);
        if (rnd() < 0.85) fill(r, depth + 1);
      } else if (rnd() < 0.05) {
        fs.symlinkSync('x.txt', abs);
        paths.push(r);
      } else {
        fs.writeFileSync(abs, r);
        paths.push(r);
      }
    }
  };
  fill('', 0);
  // Mostly ./Dockerfile; sometimes one in a generated folder, which the patterns may exclude.
  const dirs = paths.filter((p) => fs.lstatSync(path.join(dir, p)).isDirectory());
  let dockerfile = 'Dockerfile';
  if (dirs.length > 0 && rnd() < 0.3) dockerfile = `${pick(dirs)}/Dockerfile.build`;
  if (exists(path.join(dir, dockerfile))) fs.rmSync(path.join(dir, dockerfile), { recursive: true, force: true });
  fs.writeFileSync(path.join(dir, dockerfile), 'FROM scratch\nCOPY . /ctx\nCMD ["/none"]\n');
  if (paths.length === 0) paths.push('a');

  const base = (p: string): string => p.slice(p.lastIndexOf('/') + 1);
  const parentOf = (p: string): string => (p.includes('/') ? p.slice(0, p.lastIndexOf('/')) : pick(DIR_NAMES));
  const swapCase = (s: string): string => Array.from(s, (ch) => (rnd() < 0.5 ? ch.toUpperCase() : ch.toLowerCase())).join('');
  const replaceChar = (s: string, f: (ch: string) => string): string => {
    const chars = Array.from(s);
    const i = int(chars.length);
    chars[i] = f(chars[i]);
    return chars.join('');
  };
  const generators: (() => string)[] = [
    () => pick(paths),
    () => pick(paths),
    () => '/' + pick(paths),
    () => pick(paths) + '/',
    () => './' + pick(paths),
    () => `${pick(DIR_NAMES)}/../${pick(paths)}`,
    () => {
      const parts = pick(paths).split('/');
      parts[int(parts.length)] = pick(['*', '*.txt', 'a*', '*b*', '?', '??', '*.?']);
      return parts.join('/');
    },
    () => replaceChar(pick(paths), () => '?'),
    () => '**/' + base(pick(paths)),
    () => '**/' + base(pick(paths)) + '/**',
    () => parentOf(pick(paths)) + '/**',
    () => parentOf(pick(paths)) + '/**/' + pick(['*.txt', 'keep*', '*', 'b']),
    () => pick(['**/*.txt', '**/*.TXT', '*.ckpt', '**/*.ckpt', '**/*.pt', '**/*.p[dt]', '**/.*']),
    // escapes: before wildcard characters, before ordinary ones (a Go-regexp escape in Docker)
    () => pick(paths).replace(/[[\]*?\\]/g, (m) => '\\' + m),
    () => replaceChar(pick(paths), (ch) => '\\' + ch),
    // character classes
    () => replaceChar(pick(paths), (ch) => `[${ch}-${String.fromCodePoint((ch.codePointAt(0) ?? 97) + int(3))}]`),
    () => replaceChar(pick(paths), (ch) => pick([`[^${ch}]`, `[!${ch}]`, `[${ch}A-Z]`, '[a-c]', '[A-C]', '[0-9]'])),
    () => swapCase(pick(paths)),
    () => pick(paths).replace(/[^/]+$/, (m) => pick(['*|*', `${m}|${pick(FILE_NAMES)}`, `${m}*|zz`, `${m}{1,2}*`])),
    () => `${parentOf(pick(paths))}/**/${base(pick(paths))}`,
    () => `${pick(dirs.length ? dirs : DIR_NAMES)}/${pick(['*', '**', '*/keep.txt', 'keep*', '**/*.txt'])}`,
    () => pick([
      '**', '*', '*/*', '**/keep*', 'data', 'Data/', '**/data/**', 'a*', '[a-c]*', '**/[A-Z]*', 'c++', 'x|y',
      'credentials(prod).json', 'id_rsa+backup', 'a{1}.txt', '**/*(*', '*+*', '{c}', '**/{c}/**', 'caret^a', '*^*',
      'dollar$', 'data*', 'sub/*/keep.txt', '*/keep.txt', '**/keep.txt', '.*', '**/.hidden', 'a b', ' x.txt ',
    ]),
  ];
  const lines: string[] = [];
  const count = 6 + int(10);
  for (let k = 0; k < count; k++) {
    // now and then an earlier line again, flipped: folder results handed down meet a later repeat
    let p = lines.length > 0 && rnd() < 0.1 ? pick(lines).replace(/^!?/, (m) => (m ? '' : '!')) : pick(generators)();
    if (rnd() < 0.3) p = '!' + p;
    lines.push(p);
  }
  if (rnd() < 0.3) lines.splice(int(lines.length), 0, '# a comment', '   ');
  let text = lines.join('\n') + '\n';
  if (rnd() < 0.15) text = text.replace(/\n/g, '\r\n');
  if (rnd() < 0.1) text = '\ufeff' + text;
  fs.writeFileSync(path.join(dir, '.dockerignore'), text);
  return { dir, ignore: text, dockerfile };
}

function run(cmd: string, args: string[], opts: { stdoutTo?: NodeJS.WritableStream } = {}): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env: { ...process.env, DOCKER_BUILDKIT: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    if (opts.stdoutTo) child.stdout.pipe(opts.stdoutTo);
    else child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, out, err }));
  });
}

/** Every path under `root` (files, folders, symlinks), relative, `/`-separated. */
function listTree(root: string): string[] {
  const out: string[] = [];
  const walk = (abs: string, rel: string): void => {
    for (const name of fs.readdirSync(abs)) {
      const r = rel ? `${rel}/${name}` : name;
      out.push(r);
      const st = fs.lstatSync(path.join(abs, name));
      if (st.isDirectory()) walk(path.join(abs, name), r);
    }
  };
  if (fs.existsSync(root)) walk(root, '');
  return out.sort();
}

/** What our packer sends: the scanned entries and the folders they imply. */
function withParents(rels: string[]): string[] {
  const all = new Set<string>();
  for (const r of rels) {
    const parts = r.split('/');
    for (let i = 1; i <= parts.length; i++) all.add(parts.slice(0, i).join('/'));
  }
  return [...all].sort();
}

// The engine itself drops the Dockerfile and .dockerignore from the context when .dockerignore lists
// them (after reading them), so those two are left out of the comparison; the unit tests cover them.

/** Whether Docker's own rules leave the Dockerfile out of the context (we send it anyway). */
async function dockerDropsDockerfile(c: Case): Promise<boolean> {
  const ignore = await readIgnoreFile(c.dir, path.join(c.dir, c.dockerfile));
  try {
    return buildContextMatcher(ignore.patterns, c.dockerfile).excludes(c.dockerfile);
  } catch {
    return false;
  }
}

describe('.dockerignore against the real docker CLI', function () {
  this.timeout(300000);
  // Docker's semantics are the reference: on Podman the context is filtered again by Buildah's own rules.
  before(function () {
    if (process.env.ML_TEST_ENGINE === 'podman') this.skip();
  });
  const host = (): string => requireEnv('ML_TEST_DOCKER_HOST');

  it(`sends exactly the files docker build sends, for ${CONTEXTS} generated contexts`, async () => {
    // The reference is the matcher of current docker CLIs (moby/patternmatcher, CLI 23 and later; this
    // project's machines ship 28.2.2). Debian 12's docker.io client (20.10) still has the older one.
    const version = await run('docker', ['version', '--format', '{{.Client.Version}}']);
    const major = Number(version.out.trim().split('.')[0]);
    assert.ok(major >= 23, `the docker CLI on PATH is ${version.out.trim() || version.err.trim()}: this test compares against a docker CLI 23 or later`);
    const rnd = mulberry32(SEED);
    const cases: Case[] = [];
    for (let i = 0; i < CONTEXTS; i++) cases.push(generate(rnd, i));
    const failures: string[] = [];
    let patterns = 0;
    let verdicts = 0;
    let errors = 0;
    let partial = 0;
    let dockerfileDropped = 0;
    const started = Date.now();
    const tag = `mlc-ignore-test:${process.pid}`;
    for (const [i, c] of cases.entries()) {
      patterns += c.ignore.split('\n').filter((l) => l.trim() && !l.startsWith('#')).length;
      const failuresBefore = failures.length;
      try {
        const drops = new Set([c.dockerfile, '.dockerignore']);
        let ours: string[] | undefined;
        let ourError: string | undefined;
        try {
          const scan = await scanContext(c.dir, path.join(c.dir, c.dockerfile));
          const dropped = await dockerDropsDockerfile(c);
          ours = withParents(scan.entries.map((e) => e.rel).filter((r) => !(dropped && r === c.dockerfile))).filter((r) => !drops.has(r));
        } catch (err) {
          ourError = (err as Error).message;
        }
        const build = await run('docker', ['-H', host(), 'build', '-q', '-t', tag, '-f', path.join(c.dir, c.dockerfile), c.dir]);
        if (build.code !== 0) {
          if (!ourError && /Cannot locate specified Dockerfile/i.test(build.err) && (await dockerDropsDockerfile(c))) {
            // the CLI left the Dockerfile out (see scanContext); we send it and the build works
            dockerfileDropped++;
            continue;
          }
          errors++;
          if (!ourError) failures.push(`case ${i}: docker build failed but we scanned fine\n${build.err.trim()}\n--- .dockerignore\n${c.ignore}`);
          continue;
        }
        if (ourError) {
          // A pattern Go's regexp refuses, met during the walk: the docker CLI logs "Error matching" and
          // sends the part of the context packed so far. We refuse the build instead.
          if (/Error matching .*syntax error in pattern/.test(build.err) && /pattern .* not supported|not an escape|invalid|missing|unexpected/.test(ourError)) {
            partial++;
            continue;
          }
          failures.push(`case ${i}: docker built it but we refused: ${ourError}\n--- .dockerignore\n${c.ignore}`);
          continue;
        }
        const created = await run('docker', ['-H', host(), 'create', tag]);
        assert.strictEqual(created.code, 0, created.err);
        const id = created.out.trim();
        const out = tmpDir(`ignore-out-${i}`);
        const extract = tarFs.extract(out);
        const done = new Promise<void>((resolve, reject) => {
          extract.on('finish', () => resolve());
          extract.on('error', reject);
        });
        const exported = await run('docker', ['-H', host(), 'cp', `${id}:/ctx`, '-'], { stdoutTo: extract });
        await done;
        assert.strictEqual(exported.code, 0, exported.err);
        await run('docker', ['-H', host(), 'rm', id]);
        const theirs = listTree(path.join(out, 'ctx')).filter((r) => !drops.has(r));
        verdicts += listTree(c.dir).length;
        const missing = theirs.filter((r) => !ours?.includes(r));
        const extra = (ours ?? []).filter((r) => !theirs.includes(r));
        fs.rmSync(out, { recursive: true, force: true });
        if (missing.length || extra.length) {
          failures.push(`case ${i} (${c.dir}, -f ${c.dockerfile}): docker sent but we did not: ${JSON.stringify(missing)}; we sent but docker did not: ${JSON.stringify(extra)}\n--- .dockerignore\n${c.ignore}`);
        }
      } finally {
        // a context that shows a difference stays on disk for a look
        if (failures.length === failuresBefore) fs.rmSync(c.dir, { recursive: true, force: true });
      }
    }
    await run('docker', ['-H', host(), 'rmi', tag]);
    console.log(`      ${cases.length} contexts, ${patterns} patterns, ${verdicts} paths compared, ${errors} refused by both, ${partial} refused by us where docker sent a partial context, ${dockerfileDropped} where docker left out the Dockerfile, ${failures.length} differences, ${((Date.now() - started) / 1000).toFixed(1)} s`);
    assert.deepStrictEqual(failures, [], failures.join('\n\n'));
  });
});
