import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  buildContextMatcher, globSyntaxError, goClean, IgnoreError, IgnoreMatcher, IgnorePattern, ignoreFileCandidates, literalPattern,
  parseIgnoreText, patternToGoRegexp, readIgnoreFile, readIgnoreFileSync, MAX_IGNORE_FILE_BYTES,
} from '../../../src/docker/ignore';

/** Whether the patterns exclude `file` when Docker walks the context. */
const excluded = (patterns: string[], file: string): boolean => IgnoreMatcher.compile(patterns).excludes(file);

describe('.dockerignore reading', () => {
  it('drops comments and blank lines, trims, cleans and keeps exceptions', () => {
    assert.deepEqual(parseIgnoreText('# c\n\n /data/ \n!data/keep.txt\n./a/../b\n**/__pycache__\n'), ['data', '!data/keep.txt', 'b', '**/__pycache__']);
  });
  it('treats only a # in the first column as a comment', () => {
    assert.deepEqual(parseIgnoreText('  # not a comment\n#comment\n'), ['# not a comment']);
  });
  it('strips CRLF endings and a byte order mark on the first line', () => {
    assert.deepEqual(parseIgnoreText('\ufeffa\r\nb\r\n'), ['a', 'b']);
  });
  it('removes a leading slash but keeps "/" itself, and trims after the !', () => {
    assert.deepEqual(parseIgnoreText('/x\n/\n! y \n!/z\n'), ['x', '/', '!y', '!z']);
  });
  it('cleans like Go: doubled slashes, dots, parent references', () => {
    assert.equal(goClean('a//b/./c/..'), 'a/b');
    assert.equal(goClean('../a'), '../a');
    assert.equal(goClean('/../a'), '/a');
    assert.equal(goClean(''), '.');
    assert.equal(goClean('a/..'), '.');
  });
  it('refuses a line longer than Docker reads', () => {
    assert.throws(() => parseIgnoreText('a'.repeat(70000)), IgnoreError);
  });
});

describe('.dockerignore pattern syntax (what Docker refuses)', () => {
  for (const bad of ['[', 'a\\', '[]', '[a-]', '[^]', '[-a]', 'x[a', '[a-b-c]']) {
    it(`refuses ${JSON.stringify(bad)}`, () => {
      assert.ok(globSyntaxError(bad), bad);
      assert.throws(() => IgnoreMatcher.compile([bad]), IgnoreError);
    });
  }
  for (const ok of ['[a]', '[\\]]', '[!a]', '[^a]', 'a\\*', '[[]', '[a-c]x', '*[*]', '[z-a]']) {
    it(`accepts ${JSON.stringify(ok)}`, () => assert.equal(globSyntaxError(ok), undefined));
  }
  it('refuses, when used, a repeat count Go refuses', () => {
    assert.throws(() => IgnoreMatcher.compile(['a{1001}*']).excludes('a'), /invalid repeat count/);
    assert.throws(() => IgnoreMatcher.compile(['*x{2}{3}']).excludes('a'), /nested repetition/);
  });
  it('caps the automaton: one huge pattern fails when used, a budget fails the compile early', () => {
    assert.throws(() => new IgnorePattern('*?{1000}?{1000}', false, 1500).matches('a'), /expression too large/);
    assert.equal(new IgnorePattern('*?{1000}?{1000}', false).states > 1500, true);
    assert.throws(() => IgnoreMatcher.compile(Array.from({ length: 50 }, () => '*?{1000}'), { maxStates: 20000 }), /more than 20000/);
    assert.equal(IgnoreMatcher.compile(['**/*.py[cod]', '*.ckpt'], { maxStates: 20000 }).patterns.length, 2);
  });
  it('refuses a lone ! exception', () => {
    assert.throws(() => IgnoreMatcher.compile(['!']), /not a valid exception/);
  });
  it('accepts a pattern whose regular expression is invalid, failing only when it is used', () => {
    // `[z-a]` passes filepath.Match's check; Go's regexp then refuses the reversed range.
    const m = IgnoreMatcher.compile(['[z-a]']);
    assert.throws(() => m.excludes('a'), IgnoreError);
  });
});

// Expectations restated from the cases moby's own pattern matcher is tested with.
const MATCH_TABLE: [string, string, boolean][] = [
  ['**', 'file', true], ['**', 'dir/file', true], ['**/', 'file', true], ['**/**', 'dir/file', true],
  ['dir/**', 'dir/file', true], ['dir/**', 'dir/dir2/file', true], ['dir/**', 'dir', false],
  ['**/dir', 'dir', true], ['**/dir', 'dir/file', true], ['**/dir2/*', 'dir/dir2/file', true],
  ['**/dir2/**', 'dir/dir2/dir3/file', true], ['**file', 'file', true], ['**file', 'dir/file', true],
  ['**file', 'dir/dir/file', true], ['**/file', 'dir/dir/file', true], ['**/file*', 'dir/dir/file.txt', true],
  ['**/file*txt', 'dir/dir/file.txt', true], ['**/file*.txt*', 'dir/dir/file.txt', true],
  ['**/**/*.txt', 'dir/dir/file.txt', true], ['**/**/*.txt2', 'dir/dir/file.txt', false],
  ['**/*.txt', 'file.txt', true], ['**/**/*.txt', 'file.txt', true], ['a**/*.txt', 'a/file.txt', true],
  ['a**/*.txt', 'a/dir/file.txt', true], ['a**/*.txt', 'a/dir/dir/file.txt', true],
  ['a/*.txt', 'a/dir/file.txt', false], ['a/*.txt', 'a/file.txt', true], ['a/*.txt**', 'a/file.txt', true],
  ['a[b-d]e', 'ae', false], ['a[b-d]e', 'ace', true], ['a[b-d]e', 'aae', false], ['a[^b-d]e', 'aze', true],
  ['.*', '.foo', true], ['.*', 'foo', false], ['abc.def', 'abcdef', false], ['abc.def', 'abc.def', true],
  ['abc.def', 'abcZdef', false], ['abc?def', 'abcZdef', true], ['abc?def', 'abcdef', false],
  ['a\\\\', 'a\\', true], ['**/foo/bar', 'foo/bar', true], ['**/foo/bar', 'dir/foo/bar', true],
  ['**/foo/bar', 'dir/dir2/foo/bar', true], ['abc/**', 'abc', false], ['abc/**', 'abc/def', true],
  ['abc/**', 'abc/def/ghi', true], ['**/.foo', '.foo', true], ['**/.foo', 'bar.foo', false],
  ['a(b)c/def', 'a(b)c/def', true], ['a(b)c/def', 'a(b)c/xyz', false], ['a.|)$(}+{bc', 'a.|)$(}+{bc', true],
  ['dist/*.whl', 'dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl', true],
  // what the old matcher got wrong: regexp characters are literal, and case matters
  ['credentials(prod).json', 'credentials(prod).json', true], ['credentials(prod).json', 'credentialsprod.json', false],
  ['id_rsa+backup', 'id_rsa+backup', true], ['id_rsa+backup', 'id_rsaabackup', false],
  ['a{1}.txt', 'a{1}.txt', true], ['a{1}.txt', 'a.txt', false], ['c++', 'c++', true], ['*+*', 'c++', true],
  ['x|y', 'x|y', true], ['x|y', 'x', false], ['Data', 'data', false], ['data', 'Data', false],
  // the docker CLI leaves `|`, `{` and `}` unescaped (measured against docker 28.2.2): once a wildcard
  // makes the pattern a regexp they are an alternation and a repeat count
  ['x|y*', 'x|yz', true], ['x|y*', 'xq', true], ['x|y*', 'zzy', true], ['x|y*', 'q', false],
  ['q{2}?', 'qqx', true], ['q{2}?', 'q{2}x', false], ['a{1}.?xt', 'a.txt', true], ['a{1}.?xt', 'a{1}.txt', false],
  ['a{b?', 'a{bc', true], ['*{', 'x{', true], ['a(b)?', 'a(b)c', true], ['a(b)?', 'abc', false],
  ['*.TXT', 'a.txt', false], ['*(*', 'a(b', true], ['*$', 'a$', true],
  // escapes: `\` before a wildcard makes it literal; before a letter it is a Go regexp escape
  ['star\\*', 'star*', true], ['star\\*', 'starx', false], ['q\\?', 'q?', true], ['br\\[a\\]ck', 'br[a]ck', true],
  ['\\d1', '71', true], ['\\d1', 'd1', false], ['\\a', 'a', false], ['\\w*', '_x', true],
  // `^` outside a class is a Go regexp anchor once a wildcard makes the pattern a regexp
  ['caret^a', 'caret^a', true], ['caret^a*', 'caret^a', false], ['^a*', 'ab', true],
  // a class with a wildcard inside reads as Docker's regexp reads it
  ['[*]', '*', false], ['[*]', '[]', true],
];

describe('.dockerignore pattern matching', () => {
  for (const [pattern, file, want] of MATCH_TABLE) {
    it(`${JSON.stringify(pattern)} ${want ? 'matches' : 'does not match'} ${JSON.stringify(file)}`, () => {
      assert.equal(IgnoreMatcher.compile([pattern]).matchWithParent(file).excluded, want);
    });
  }

  it('translates patterns the way Docker does', () => {
    assert.deepEqual(patternToGoRegexp('data'), { type: 'exact' });
    assert.deepEqual(patternToGoRegexp('data/**'), { type: 'prefix' });
    assert.deepEqual(patternToGoRegexp('**/data'), { type: 'suffix' });
    assert.deepEqual(patternToGoRegexp('**/*.py[cod]'), { type: 'regexp', regexp: '^(.*/)?[^/]*\\.py[cod]$' });
    assert.deepEqual(patternToGoRegexp('a+(b)?'), { type: 'regexp', regexp: '^a\\+\\(b\\)[^/]$' });
  });
});

describe('.dockerignore exclusions and the walk', () => {
  it('a pattern for a folder excludes everything in it', () => {
    assert.equal(excluded(['data'], 'data/a/b.bin'), true);
    assert.equal(excluded(['data/'], 'data/a/b.bin'), true);
    assert.equal(excluded(['*/b'], 'x/b/c/d'), true);
    assert.equal(excluded(['**/__pycache__'], 'src/pkg/__pycache__/m.pyc'), true);
  });
  it('an exception written under an excluded folder re-includes it', () => {
    assert.equal(excluded(['data', '!data/keep.txt'], 'data/keep.txt'), false);
    assert.equal(excluded(['data', '!data/keep.txt'], 'data/other.txt'), true);
    assert.equal(excluded(['docs/*', '!docs/README.md'], 'docs/README.md'), false);
    assert.equal(excluded(['*', '!keep'], 'keep'), false);
  });
  it('a wildcard exception does not reach into a folder Docker skips', () => {
    // Docker walks an excluded folder only if an exception's text starts with "<folder>/".
    assert.equal(excluded(['data', '!**/keep.txt'], 'data/keep.txt'), true);
    assert.equal(excluded(['data', '!*/keep.txt'], 'data/keep.txt'), true);
    assert.equal(excluded(['data', '!data/*/keep.txt'], 'data/x/keep.txt'), true);
    assert.equal(excluded(['data', '!data/*/keep.txt', '!data/x'], 'data/x/keep.txt'), false);
    const m = IgnoreMatcher.compile(['data', '!data/keep.txt']);
    assert.equal(m.walksExcludedDir('data'), true);
    assert.equal(m.walksExcludedDir('dat'), false);
  });
  it('hands the parent folder results down as Docker does (a later pattern sees only the path itself)', () => {
    // data matched at the folder; the exception re-includes data/b; the repeated pattern
    // would match only through the parent, which Docker does not look at again.
    assert.equal(excluded(['data', '!data/b', 'data'], 'data/b'), false);
    assert.equal(excluded(['data', '!data/b', 'data'], 'data/b/c'), false);
  });
  it('the last matching pattern wins', () => {
    assert.equal(excluded(['*.txt', '!a.txt'], 'a.txt'), false);
    assert.equal(excluded(['*.txt', '!a.txt', 'a*'], 'a.txt'), true);
  });
  it('the build re-includes the Dockerfile and .dockerignore', () => {
    const m = buildContextMatcher(['*'], 'Dockerfile');
    assert.equal(m.excludes('Dockerfile'), false);
    assert.equal(m.excludes('.dockerignore'), false);
    assert.equal(m.excludes('src'), true);
    const sub = buildContextMatcher(['docker'], 'docker/train.Dockerfile');
    assert.equal(sub.excludes('docker/train.Dockerfile'), false);
    assert.equal(sub.excludes('docker/other'), true);
    assert.equal(buildContextMatcher(['data'], 'Dockerfile').patterns.length, 1);
  });
});

describe('a pattern for exactly one path', () => {
  const names = ['data', 'data[1]', 'a*b', 'q?', 'back\\slash', 'x|y[2]', 'a{2}*', 'caret^a*', '#notes', '!keep', 'd/e[f]/g', 'ü[1]', 'a.b+c(d)$*'];
  for (const name of names) {
    it(`excludes ${JSON.stringify(name)} and nothing else`, () => {
      const line = literalPattern(name) as string;
      const patterns = parseIgnoreText(line + '\n');
      assert.equal(patterns.length, 1, line);
      const m = IgnoreMatcher.compile(patterns);
      assert.equal(m.excludes(name), true, line);
      assert.equal(m.excludes(name + '/inside'), true, line);
      for (const other of ['data1', 'ab', 'qx', 'x', 'a', 'aa', 'notes', 'keep', `${name}x`, `x${name}`]) {
        if (other !== name) assert.equal(m.excludes(other), false, `${line} vs ${other}`);
      }
    });
  }
  it('has no line for names with leading or trailing blanks', () => {
    assert.equal(literalPattern(' a'), undefined);
    assert.equal(literalPattern('a '), undefined);
  });
});

describe('.dockerignore matching does bounded work', () => {
  // Thompson simulation: at most (automaton states × (path length + 1)) steps, whatever the pattern.
  const steps = (pattern: string, file: string): number => new IgnorePattern(pattern, false).run(file).steps;
  const bound = (pattern: string, file: string): number => 2 * new IgnorePattern(pattern, false).states * (Array.from(file).length + 1);

  // Each input gets past the cheap literal checks (text a match must start or end with), so the automaton runs.
  const hostile: [string, (n: number) => string][] = [
    ['(a+)+Z*', (n) => '(a+)+Z' + 'a'.repeat(n)],
    ['*a*a*a*a*a*a*a*a*b', (n) => 'a'.repeat(n) + 'b'],
    ['*a*a*a*a*a*a*a*a*b', (n) => 'a'.repeat(n) + '/b'],
    ['**/**/**/**/**/**/x', (n) => 'a/'.repeat(n / 2) + 'x'],
    ['[a-z]*[a-z]*[a-z]*[a-z]*[a-z]*!', (n) => 'a'.repeat(n) + '!'],
    ['\\w*\\w*\\w*\\w*\\w*\\w*$*', (n) => 'a'.repeat(n) + '!'],
    ['*|*a*a*a*a*a*a*b', (n) => 'a'.repeat(n)],
    ['?{100}*b', (n) => 'a'.repeat(n) + 'b'],
  ];
  for (const [pattern, make] of hostile) {
    it(`${pattern} on ${JSON.stringify(make(8))}… stays linear in the path length`, () => {
      const s1 = steps(pattern, make(2000));
      const s2 = steps(pattern, make(4000));
      assert.ok(s1 > 0, 'the automaton ran');
      assert.ok(s1 <= bound(pattern, make(2000)), `${s1} steps for 2000 characters`);
      assert.ok(s2 <= bound(pattern, make(4000)), `${s2} steps for 4000 characters`);
      assert.ok(s2 <= 2.05 * s1, `doubling the path took ${s2 / s1}× the steps`);
    });
  }
  it('the regexp-looking patterns the old matcher fed to RegExp are plain text now', () => {
    assert.equal(steps('(a+)+Z', 'a'.repeat(10000)), 0);
    assert.equal(new IgnorePattern('(a+)+Z', false).matches('(a+)+Z'), true);
  });
});

describe('which ignore file applies', () => {
  let dir: string;
  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlc-ignorefile-')); });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('<Dockerfile>.dockerignore next to the Dockerfile wins over the context root', async () => {
    fs.mkdirSync(path.join(dir, 'docker'));
    fs.writeFileSync(path.join(dir, '.dockerignore'), 'a\n');
    fs.writeFileSync(path.join(dir, 'docker/train.Dockerfile.dockerignore'), 'b\n');
    const df = path.join(dir, 'docker/train.Dockerfile');
    assert.deepEqual(ignoreFileCandidates(dir, df), [df + '.dockerignore', path.join(dir, '.dockerignore')]);
    assert.deepEqual(await readIgnoreFile(dir, df), { file: df + '.dockerignore', patterns: ['b'] });
    assert.deepEqual(readIgnoreFileSync(dir, 'docker/train.Dockerfile'), { file: df + '.dockerignore', patterns: ['b'] });
    assert.deepEqual(readIgnoreFileSync(dir, 'Dockerfile'), { file: path.join(dir, '.dockerignore'), patterns: ['a'] });
    assert.deepEqual(readIgnoreFileSync(dir), { file: path.join(dir, '.dockerignore'), patterns: ['a'] });
  });
  it('no ignore file: no patterns, no error', async () => {
    assert.deepEqual(await readIgnoreFile(dir, path.join(dir, 'Dockerfile')), { patterns: [] });
  });
  it('refuses what is not a regular file, or too large, with a message', async () => {
    fs.mkdirSync(path.join(dir, '.dockerignore'));
    assert.match((await readIgnoreFile(dir)).error ?? '', /not a regular file/);
    fs.rmdirSync(path.join(dir, '.dockerignore'));
    fs.symlinkSync('/dev/zero', path.join(dir, '.dockerignore'));
    assert.match(readIgnoreFileSync(dir).error ?? '', /not a regular file/);
    fs.unlinkSync(path.join(dir, '.dockerignore'));
    fs.writeFileSync(path.join(dir, '.dockerignore'), '');
    fs.truncateSync(path.join(dir, '.dockerignore'), MAX_IGNORE_FILE_BYTES + 1);
    assert.match((await readIgnoreFile(dir)).error ?? '', /larger than/);
  });
});
