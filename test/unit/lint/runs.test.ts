// Unit tests of RunInfo (src/lint/runs.ts): the script of a RUN, its --mount maps and the mapping of
// script offsets back to source ranges; and of shell-reader cases at the very end of a script.
// Positions are 1-based; endColumn points one past the last character.
import * as assert from 'node:assert/strict';
import { parseDockerfile } from '../../../src/lint/parser';
import { makeRunInfo, parseMountSpec, type RunInfo } from '../../../src/lint/runs';
import { parseShell } from '../../../src/lint/shell';

const r = (line: number, column: number, endLine: number, endColumn: number) => ({ line, column, endLine, endColumn });
/** The RunInfo of the first RUN of `text`. */
const runOf = (text: string): RunInfo => {
  const d = parseDockerfile(text);
  const instr = d.instructions.find((i) => i.keyword === 'RUN');
  assert.ok(instr, `no RUN in ${JSON.stringify(text)}`);
  return makeRunInfo(instr, false, null);
};
/** The source range of the first occurrence of `word` in the script. */
const rangeOfWord = (run: RunInfo, word: string) => {
  const at = run.script.text.indexOf(word);
  assert.ok(at >= 0, `${word} not in ${JSON.stringify(run.script.text)}`);
  return run.range(at, at + word.length);
};

describe('runs: parseMountSpec', () => {
  const spec = (s: string) => [...parseMountSpec(s)];

  it('reads key=value pairs, lower-cases and trims the keys, trims the values', () => {
    assert.deepEqual(spec('type=cache,Target= /root/.cache ,sharing=locked'), [['type', 'cache'], ['target', '/root/.cache'], ['sharing', 'locked']]);
  });

  it('a bare key is true; only the first = separates key and value', () => {
    assert.deepEqual(spec('type=secret,id=a=b,required'), [['type', 'secret'], ['id', 'a=b'], ['required', 'true']]);
  });

  it('empty parts and a trailing comma are kept as empty keys, as split would', () => {
    assert.deepEqual(spec('type=tmpfs,,target=/t,'), [['type', 'tmpfs'], ['', 'true'], ['target', '/t']]);
    assert.deepEqual(spec(''), [['', 'true'], ['type', 'bind']]);
  });

  it('dst and destination stand for target; type defaults to bind', () => {
    assert.equal(parseMountSpec('dst=/a').get('target'), '/a');
    assert.equal(parseMountSpec('destination=/b').get('target'), '/b');
    assert.equal(parseMountSpec('target=/c,dst=/a').get('target'), '/c');
    assert.equal(parseMountSpec('target=/c').get('type'), 'bind');
  });
});

describe('runs: makeRunInfo', () => {
  it('the mounts of every --mount flag, and one shared empty list without any', () => {
    const run = runOf('FROM a\nRUN --mount=type=cache,target=/root/.cache --mount=type=secret,id=tok pip install x');
    assert.deepEqual(run.mounts.map((m) => [m.get('type'), m.get('target') ?? m.get('id')]), [['cache', '/root/.cache'], ['secret', 'tok']]);
    assert.equal(runOf('FROM a\nRUN true').mounts, runOf('FROM b\nRUN false').mounts);
  });

  it('maps script offsets to the source on one line, after flags', () => {
    const t = 'FROM a\nRUN --mount=type=cache,target=/c apt-get install -y curl';
    const run = runOf(t);
    assert.equal(run.script.text, 'apt-get install -y curl');
    assert.deepEqual(rangeOfWord(run, 'curl'), r(2, 53, 2, 57));
    assert.equal(t.split('\n')[1].slice(52, 56), 'curl');
  });

  it('maps script offsets across continuation lines', () => {
    const run = runOf('FROM a\nRUN apt-get update && \\\n    apt-get install -y \\\n      git');
    assert.deepEqual(rangeOfWord(run, 'update'), r(2, 13, 2, 19));
    assert.deepEqual(rangeOfWord(run, 'install'), r(3, 13, 3, 20));
    assert.deepEqual(rangeOfWord(run, 'git'), r(4, 7, 4, 10));
    // asked twice, the same answer
    assert.deepEqual(rangeOfWord(run, 'git'), r(4, 7, 4, 10));
  });

  it('a heredoc whose command is a shell is part of the script, with its lines mapped', () => {
    const run = runOf('FROM a\nRUN <<EOF\nset -e\n  pip install torch\nEOF\n');
    assert.deepEqual(run.script.commands.map((c) => c.name), ['set', 'pip']);
    assert.deepEqual(rangeOfWord(run, 'torch'), r(4, 15, 4, 20));
  });

  it('a heredoc fed to another command is not part of the script', () => {
    const run = runOf('FROM a\nRUN python3 <<EOF\nimport os\nEOF\n');
    assert.deepEqual(run.script.commands.map((c) => c.name), ['python3']);
  });

  it('exec form: the script is the quoted command line, every range the first line of the instruction', () => {
    const run = runOf('FROM a\nRUN ["pip", "install", "a b"]');
    assert.equal(run.exec, true);
    assert.equal(run.script.text, "pip install 'a b'");
    assert.deepEqual(run.range(4, 11), r(2, 1, 2, 30));
  });

  it('exec form running sh -c reads its script', () => {
    const run = runOf('FROM a\nRUN ["/bin/sh", "-c", "apt-get update && apt-get install -y x"]');
    assert.deepEqual(run.script.commands.map((c) => c.name), ['apt-get', 'apt-get']);
  });

  it('never gives an end before the start, and clamps offsets past the script', () => {
    const run = runOf('FROM a\nRUN echo hi');
    assert.deepEqual(run.range(7, 2), r(2, 12, 2, 12));
    assert.deepEqual(run.range(0, 1000), r(2, 5, 2, 12));
  });
});

describe('shell: words at the very end of a script', () => {
  const words = (s: string) => parseShell(s).commands.map((c) => c.words.map((w) => w.text));

  it('an operator, a redirection or an escape as the last character', () => {
    assert.deepEqual(words('a &'), [['a']]);
    assert.deepEqual(words('a |'), [['a']]);
    assert.deepEqual(words('a 2>'), [['a']]);
    assert.deepEqual(words('a &>'), [['a']]);
    assert.deepEqual(words('a\\'), [['a']]);
    assert.deepEqual(words('a "b\\'), [['a', 'b\\']]);
  });

  it('unterminated quotes and substitutions run to the end', () => {
    assert.deepEqual(words(`a 'b c`), [['a', 'b c']]);
    assert.deepEqual(words('a "b $(c d'), [['a', 'b $(c d']]);
    assert.deepEqual(words('a ${b'), [['a', '${b']]);
    assert.deepEqual(words('a `b'), [['a', '`b']]);
  });

  it('a double-quoted word keeps its ordinary runs and resolves its escapes', () => {
    const w = parseShell('echo "a b\\"c\\\\d$e\\x"f').commands[0].args[0];
    assert.equal(w.text, 'a b"c\\d$e\\xf');
    assert.equal(w.raw, '"a b\\"c\\\\d$e\\x"f');
  });

  it('redirections with digits, and digits that are a plain word', () => {
    assert.deepEqual(words('a 2>&1 b 123>x 1234 c >|y <>z'), [['a', 'b', '1234', 'c']]);
  });
});
