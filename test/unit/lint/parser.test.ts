// Unit tests of the Dockerfile parser (src/lint/parser.ts) and the RUN shell reader (src/lint/shell.ts).
// Positions are 1-based; endColumn points one past the last character.
// Tests named "[parser bug] …" / "[shell bug] …" describe behaviour the code gets wrong today.
import * as assert from 'node:assert/strict';
import {
  parseDockerfile, splitWords, parseKeyValues, substitute, expandWord, isPlaceholder, parseImageRef, argsRange, positionAt,
  type Dockerfile, type Instruction,
} from '../../../src/lint/parser';
import { parseShell, unwrap, commandsOf, hasFlag, positionalAt, positionals, type Command } from '../../../src/lint/shell';

const r = (line: number, column: number, endLine: number, endColumn: number) => ({ line, column, endLine, endColumn });
const doc = (text: string): Dockerfile => parseDockerfile(text);
const instr = (text: string, k: number): Instruction => {
  const d = doc(text);
  assert.ok(d.instructions[k], `no instruction #${k} in ${JSON.stringify(text)}`);
  return d.instructions[k];
};
const kws = (d: Dockerfile) => d.instructions.map((i) => i.keyword);
/** Source text of a range (single line). */
const textAt = (text: string, rg: { line: number; column: number; endLine: number; endColumn: number }) => {
  const lines = text.split(/\r\n|\r|\n/);
  assert.equal(rg.line, rg.endLine, 'textAt needs a one-line range');
  return lines[rg.line - 1].slice(rg.column - 1, rg.endColumn - 1);
};

describe('parser: parseDockerfile', () => {
  describe('instructions and positions', () => {
    it('reads keywords, arguments and ranges of one-line instructions', () => {
      const t = 'FROM python:3.11-slim\nRUN pip install x\nCMD ["python", "app.py"]\n';
      const d = doc(t);
      assert.deepEqual(kws(d), ['FROM', 'RUN', 'CMD']);
      assert.deepEqual(d.instructions[0].keywordRange, r(1, 1, 1, 5));
      assert.deepEqual(d.instructions[0].range, r(1, 1, 1, 22));
      assert.equal(d.instructions[1].args, 'pip install x');
      assert.deepEqual(d.instructions[1].range, r(2, 1, 2, 18));
      assert.deepEqual(d.instructions[2].keywordRange, r(3, 1, 3, 4));
      assert.deepEqual(d.syntaxErrors, []);
    });

    it('keeps the raw keyword and upper-cases keyword', () => {
      const i = instr('from ubuntu:22.04', 0);
      assert.equal(i.keyword, 'FROM');
      assert.equal(i.rawKeyword, 'from');
      assert.equal(instr('FROM a\nrUn echo', 1).keyword, 'RUN');
    });

    it('indented instructions start at their first non-blank column', () => {
      const d = doc('  FROM a\n\tRUN b');
      assert.deepEqual(d.instructions[0].keywordRange, r(1, 3, 1, 7));
      assert.deepEqual(d.instructions[1].keywordRange, r(2, 2, 2, 5));
    });

    it('gives every instruction its index, and the stage it belongs to (-1 before FROM)', () => {
      const d = doc('ARG A=1\nFROM a AS one\nRUN x\nFROM b\nRUN y');
      assert.deepEqual(d.instructions.map((i) => i.index), [0, 1, 2, 3, 4]);
      assert.deepEqual(d.instructions.map((i) => i.stage), [-1, 0, 0, 1, 1]);
      assert.equal(d.stages.length, 2);
      assert.deepEqual(d.stages[0].instructions.map((i) => i.keyword), ['RUN']);
      assert.equal(d.stages[1].from, d.instructions[3]);
    });

    it('maps argument offsets back to the source (argsRange)', () => {
      const t = 'FROM a\nRUN apt-get install -y curl';
      const i = instr(t, 1);
      const at = i.args.indexOf('-y');
      assert.equal(textAt(t, argsRange(i, at, at + 2)), '-y');
      assert.deepEqual(positionAt(i, 0), { line: 2, column: 5 });
    });

    it('skips blank lines and whitespace-only lines between instructions', () => {
      const d = doc('FROM a\n\n   \n\t\nRUN b\n');
      assert.deepEqual(kws(d), ['FROM', 'RUN']);
      assert.equal(d.instructions[1].range.line, 5);
    });

    it('an empty file has no instructions and no errors', () => {
      for (const t of ['', '\n', '\n\n  \n', '# only a comment\n']) {
        const d = doc(t);
        assert.deepEqual(d.instructions, []);
        assert.deepEqual(d.syntaxErrors, []);
      }
    });
  });

  describe('line continuations', () => {
    const t = 'FROM a\nRUN --mount=type=cache,target=/x \\\n    pip install y';
    it('joins continued lines without a newline and ends the range on the last line', () => {
      const i = instr(t, 1);
      assert.equal(i.args, '--mount=type=cache,target=/x     pip install y');
      assert.deepEqual(i.range, r(2, 1, 3, 18));
      assert.deepEqual(i.keywordRange, r(2, 1, 2, 4));
    });

    it('positions flags on the first line and arguments on the continuation line', () => {
      const i = instr(t, 1);
      assert.equal(i.flags.length, 1);
      assert.equal(i.flags[0].name, 'mount');
      assert.equal(i.flags[0].value, 'type=cache,target=/x');
      assert.deepEqual(i.flags[0].range, r(2, 5, 2, 33));
      assert.equal(i.rest, 'pip install y');
      assert.deepEqual(positionAt(i, i.restOffset), { line: 3, column: 5 });
      const p = i.args.indexOf('install');
      assert.deepEqual(argsRange(i, p, p + 7), r(3, 9, 3, 16));
    });

    it('a word split across lines maps each part to its own line', () => {
      const text = 'FROM a\nRUN echo ab\\\ncd';
      const i = instr(text, 1);
      assert.equal(i.args, 'echo abcd');
      assert.deepEqual(positionAt(i, i.args.indexOf('cd')), { line: 3, column: 1 });
      assert.deepEqual(positionAt(i, i.args.indexOf('ab')), { line: 2, column: 10 });
    });

    it('accepts white space after the escape character', () => {
      const d = doc('FROM a\nRUN a \\  \n  b\nCMD c');
      assert.deepEqual(kws(d), ['FROM', 'RUN', 'CMD']);
      assert.equal(d.instructions[1].args, 'a   b');
    });

    it('drops comment lines inside a continued instruction and records them', () => {
      const text = 'FROM a\nRUN apt-get update \\\n# why we install curl\n    && apt-get install -y curl';
      const d = doc(text);
      assert.equal(d.instructions.length, 2);
      assert.equal(d.instructions[1].args, 'apt-get update     && apt-get install -y curl');
      assert.deepEqual(d.instructions[1].range, r(2, 1, 4, 31));
      const c = d.comments.find((x) => x.line === 3);
      assert.ok(c);
      assert.equal(c.inContinuation, true);
      assert.equal(c.text, 'why we install curl');
      const p = d.instructions[1].args.indexOf('&&');
      assert.deepEqual(argsRange(d.instructions[1], p, p + 2), r(4, 5, 4, 7));
    });

    it('indented comment lines inside a continuation are comments too', () => {
      const d = doc('FROM a\nRUN a \\\n    # indented\n    b');
      assert.equal(d.instructions[1].args, 'a     b');
      assert.ok(d.comments.some((c) => c.line === 3 && c.inContinuation));
    });

    it('records empty continuation lines and keeps reading the instruction', () => {
      const d = doc('FROM a\nRUN echo \\\n\n   \n  b\nCMD x');
      assert.deepEqual(kws(d), ['FROM', 'RUN', 'CMD']);
      assert.equal(d.instructions[1].args, 'echo   b');
      assert.deepEqual(d.emptyContinuationLines, [3, 4]);
      assert.deepEqual(d.instructions[1].range, r(2, 1, 5, 4));
    });

    it('a continuation on the last line of the file ends the instruction', () => {
      const d = doc('FROM a\nRUN echo \\');
      assert.equal(d.instructions.length, 2);
      assert.equal(d.instructions[1].args, 'echo');
    });

    it('a # inside an argument is not a comment', () => {
      assert.equal(instr('FROM a\nRUN echo a#b # c', 1).args, 'echo a#b # c');
    });
  });

  describe('# escape= directive', () => {
    it('with a backtick, ` continues lines and \\ does not', () => {
      const t = '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN dir C:\\ `\n    && echo done\nWORKDIR C:\\app\\';
      const d = doc(t);
      assert.equal(d.escape, '`');
      assert.deepEqual(kws(d), ['FROM', 'RUN', 'WORKDIR']);
      assert.equal(d.instructions[1].args, 'dir C:\\     && echo done');
      assert.deepEqual(d.instructions[1].range, r(3, 1, 4, 17));
      assert.equal(d.instructions[2].args, 'C:\\app\\');
      assert.deepEqual(d.directives.map((x) => [x.name, x.value]), [['escape', '`']]);
    });

    it('the default escape is the backslash', () => {
      assert.equal(doc('FROM a').escape, '\\');
      assert.equal(doc('# escape=\\\nFROM a').escape, '\\');
    });

    it('an invalid escape character is a syntax error on the directive line', () => {
      const d = doc('# escape=x\nFROM a');
      assert.equal(d.escape, '\\');
      assert.equal(d.syntaxErrors.length, 1);
      assert.equal(d.syntaxErrors[0].line, 1);
    });

    it('directive names are case-insensitive and may have spaces around =', () => {
      const d = doc('#  ESCAPE = `\nFROM a');
      assert.equal(d.escape, '`');
    });

    it('[parser bug] a second escape directive is an error (BuildKit rejects duplicate directives)', () => {
      const d = doc('# escape=`\n# escape=\\\nFROM a');
      assert.ok(d.syntaxErrors.length >= 1, 'expected a syntax error for the duplicated escape directive');
    });
  });

  describe('parser directives', () => {
    it('reads syntax, escape and check at the top of the file', () => {
      const d = doc('# syntax=docker/dockerfile:1.7\n# check=skip=JSONArgsRecommended\n# escape=\\\nFROM a');
      assert.deepEqual(d.directives.map((x) => [x.name, x.value]), [['syntax', 'docker/dockerfile:1.7'], ['check', 'skip=JSONArgsRecommended'], ['escape', '\\']]);
      assert.deepEqual(d.directives[0].range, r(1, 1, 1, 31));
    });

    it('directives are also comments', () => {
      const d = doc('# syntax=docker/dockerfile:1\nFROM a');
      assert.ok(d.comments.some((c) => c.line === 1 && c.text === 'syntax=docker/dockerfile:1'));
    });

    it('only at the very top: not after a comment, a blank line or an instruction', () => {
      assert.deepEqual(doc('# a comment\n# escape=`\nFROM a').directives, []);
      assert.equal(doc('# a comment\n# escape=`\nFROM a').escape, '\\');
      assert.deepEqual(doc('\n# syntax=x\nFROM a').directives, []);
      assert.deepEqual(doc('FROM a\n# escape=`\nRUN b').directives, []);
      assert.equal(doc('FROM a\n# escape=`\nRUN b \\\nc').instructions[1].args, 'b c');
    });

    it('an unknown directive ends the directives (it is a comment)', () => {
      const d = doc('# foo=bar\n# escape=`\nFROM a');
      assert.deepEqual(d.directives, []);
      assert.equal(d.escape, '\\');
    });
  });

  describe('comments', () => {
    it('records comment lines with their text and range', () => {
      const d = doc('FROM a\n  # hadolint ignore=DL3008\nRUN x');
      const c = d.comments.find((x) => x.line === 2);
      assert.ok(c);
      assert.equal(c.text, 'hadolint ignore=DL3008');
      assert.deepEqual(c.range, r(2, 3, 2, 27));
      assert.equal(c.inContinuation, false);
    });
  });

  describe('heredocs', () => {
    it('RUN <<EOF reads the body up to the terminator', () => {
      const t = 'FROM a\nRUN <<EOF\nset -e\napt-get update\nEOF\nCMD x';
      const d = doc(t);
      assert.deepEqual(kws(d), ['FROM', 'RUN', 'CMD']);
      const h = d.instructions[1].heredocs;
      assert.equal(h.length, 1);
      assert.equal(h[0].marker, 'EOF');
      assert.equal(h[0].body, 'set -e\napt-get update');
      assert.equal(h[0].terminated, true);
      assert.equal(h[0].quoted, false);
      assert.equal(h[0].stripTabs, false);
      assert.deepEqual(h[0].range, r(3, 1, 5, 4));
      assert.deepEqual(d.instructions[1].range, r(2, 1, 5, 4));
      assert.deepEqual(d.syntaxErrors, []);
    });

    it('<<-EOF strips leading tabs from the body and the terminator', () => {
      const d = doc('FROM a\nRUN <<-EOF\n\t\techo a\n\tEOF\nCMD x');
      const h = d.instructions[1].heredocs[0];
      assert.equal(h.stripTabs, true);
      assert.equal(h.body, 'echo a');
      assert.equal(h.terminated, true);
      assert.deepEqual(kws(d), ['FROM', 'RUN', 'CMD']);
    });

    it('quoted markers ("EOF" and \'EOF\') are recognised and flagged as quoted', () => {
      for (const q of ['"', "'"]) {
        const d = doc(`FROM a\nRUN python3 <<${q}PY${q}\nprint("$HOME")\nPY\nCMD x`);
        const h = d.instructions[1].heredocs[0];
        assert.equal(h.marker, 'PY');
        assert.equal(h.quoted, true);
        assert.equal(h.body, 'print("$HOME")');
        assert.deepEqual(kws(d), ['FROM', 'RUN', 'CMD']);
      }
    });

    it('several heredocs on one line are read one after the other', () => {
      const d = doc('FROM a\nCOPY <<A <<"B" /x/\na\nA\nb\nB\nCMD y');
      const h = d.instructions[1].heredocs;
      assert.deepEqual(h.map((x) => [x.marker, x.quoted, x.body]), [['A', false, 'a'], ['B', true, 'b']]);
      assert.deepEqual(h[0].range, r(3, 1, 4, 2));
      assert.deepEqual(h[1].range, r(5, 1, 6, 2));
      assert.deepEqual(d.instructions[1].range, r(2, 1, 6, 2));
      assert.deepEqual(kws(d), ['FROM', 'COPY', 'CMD']);
      assert.deepEqual(d.syntaxErrors, []);
    });

    it('a heredoc body is not parsed as instructions, comments or continuations', () => {
      const d = doc('FROM a\nRUN <<EOF\nFROM evil\n# not a comment \\\nRUN x\nEOF\nCMD y');
      assert.deepEqual(kws(d), ['FROM', 'RUN', 'CMD']);
      assert.equal(d.stages.length, 1);
      assert.ok(!d.comments.some((c) => c.line === 4));
    });

    it('an unterminated heredoc is a syntax error and takes the rest of the file', () => {
      const d = doc('FROM a\nRUN <<EOF\necho a\nCMD x');
      assert.equal(d.instructions.length, 2);
      assert.equal(d.instructions[1].heredocs[0].terminated, false);
      assert.equal(d.syntaxErrors.length, 1);
      assert.equal(d.syntaxErrors[0].line, 2);
      assert.match(d.syntaxErrors[0].message, /EOF/);
    });

    it('<<< is a here-string, not a heredoc', () => {
      const d = doc('FROM a\nRUN cat <<<"text"\nCMD x');
      assert.deepEqual(d.instructions[1].heredocs, []);
      assert.deepEqual(kws(d), ['FROM', 'RUN', 'CMD']);
    });

    it('heredocs work on ONBUILD RUN triggers', () => {
      const d = doc('FROM a\nONBUILD RUN <<EOF\napt-get install x\nEOF\nCMD x');
      assert.deepEqual(kws(d), ['FROM', 'ONBUILD', 'CMD']);
      assert.equal(d.instructions[1].trigger?.heredocs[0]?.body, 'apt-get install x');
      assert.equal(d.instructions[1].range.endLine, 4);
    });

    it('a heredoc with a command: RUN python3 <<PY', () => {
      const d = doc('FROM a\nRUN python3 <<PY\nimport sys\nPY');
      assert.equal(d.instructions[1].rest, 'python3 <<PY');
      assert.equal(d.instructions[1].heredocs[0].body, 'import sys');
    });

    it('CMD does not take heredocs', () => {
      const d = doc('FROM a\nCMD cat <<EOF\nRUN x');
      assert.deepEqual(kws(d), ['FROM', 'CMD', 'RUN']);
    });

    it('[parser bug] a quoted "<<EOF" inside a shell string is not a heredoc', () => {
      // BuildKit only treats a word that starts with << (quotes kept) as a heredoc.
      const d = doc('FROM a\nRUN echo "<<EOF"\nRUN b\n');
      assert.deepEqual(kws(d), ['FROM', 'RUN', 'RUN']);
      assert.deepEqual(d.syntaxErrors, []);
    });

    it('[parser bug] an unterminated heredoc on the last line does not reach past the end of the file', () => {
      // got: range and heredoc range on line 2 of a one-line file (problems then point at a line that does not exist)
      const d = doc('RUN <<EOF');
      assert.equal(d.lines.length, 1);
      assert.equal(d.instructions[0].range.endLine, 1);
      assert.ok(d.instructions[0].heredocs.every((h) => h.range.line <= 1 && h.range.endLine <= 1));
      const e = doc('FROM a\nRUN <<EOF\n');
      assert.ok(e.instructions[1].range.endLine <= e.lines.length);
    });

    it('[parser bug] the exec (JSON) form has no heredocs', () => {
      const d = doc('FROM a\nRUN ["sh", "<<EOF"]\nCMD x');
      assert.deepEqual(kws(d), ['FROM', 'RUN', 'CMD']);
      assert.deepEqual(d.instructions[1].heredocs, []);
      assert.deepEqual(d.syntaxErrors, []);
    });

    it('[parser bug] a left shift in arithmetic ($((x<<y))) is not a heredoc', () => {
      const d = doc('FROM a\nRUN echo $((x<<y))\nRUN b\n');
      assert.deepEqual(kws(d), ['FROM', 'RUN', 'RUN']);
    });
  });

  describe('exec and shell forms', () => {
    it('a JSON array of strings is the exec form', () => {
      const i = instr('FROM a\nCMD ["python", "-m", "app"]', 1);
      assert.deepEqual(i.json, ['python', '-m', 'app']);
      assert.equal(i.jsonInvalid, false);
      assert.deepEqual(instr('FROM a\nENTRYPOINT [ "a" ,"b" ]', 1).json, ['a', 'b']);
      assert.deepEqual(instr('FROM a\nRUN []', 1).json, []);
    });

    it('anything else is the shell form', () => {
      const i = instr('FROM a\nCMD python -m app', 1);
      assert.equal(i.json, null);
      assert.equal(i.jsonInvalid, false);
      assert.equal(i.rest, 'python -m app');
    });

    it('single quotes, trailing commas and non-strings make an invalid exec form (syntax error)', () => {
      for (const body of ["['a', 'b']", '["a",]', '[1, 2]', '["a" "b"]']) {
        const d = doc(`FROM a\nCMD ${body}`);
        assert.equal(d.instructions[1].json, null, body);
        assert.equal(d.instructions[1].jsonInvalid, true, body);
        assert.equal(d.syntaxErrors.length, 1, body);
        assert.deepEqual(d.syntaxErrors[0], { ...d.syntaxErrors[0], line: 2, column: 5 });
      }
    });

    it('exec form of SHELL, VOLUME, COPY, ADD and HEALTHCHECK CMD', () => {
      assert.deepEqual(instr('FROM a\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]', 1).json, ['/bin/bash', '-o', 'pipefail', '-c']);
      assert.deepEqual(instr('FROM a\nVOLUME ["/data"]', 1).json, ['/data']);
      assert.deepEqual(instr('FROM a\nCOPY ["a b", "/x/"]', 1).json, ['a b', '/x/']);
      assert.deepEqual(instr('FROM a\nHEALTHCHECK --interval=5s CMD ["curl", "-f", "http://x"]', 1).json, ['curl', '-f', 'http://x']);
    });

    it('JSON escapes are decoded', () => {
      assert.deepEqual(instr('FROM a\nCMD ["C:\\\\app\\\\run.exe", "\\u00e9"]', 1).json, ['C:\\app\\run.exe', 'é']);
    });

    it('ENV and LABEL never take the exec form', () => {
      assert.equal(instr('FROM a\nLABEL ["a"]', 1).json, null);
    });
  });

  describe('flags', () => {
    it('reads several leading flags with their ranges', () => {
      const t = 'FROM a\nRUN --mount=type=cache,target=/x --network=none echo "x  y"';
      const i = instr(t, 1);
      assert.deepEqual(i.flags.map((f) => [f.name, f.value]), [['mount', 'type=cache,target=/x'], ['network', 'none']]);
      assert.equal(textAt(t, i.flags[1].range), '--network=none');
      assert.equal(i.rest, 'echo "x  y"');
    });

    it('FROM --platform, COPY --from/--chown/--link', () => {
      assert.equal(instr('FROM --platform=$BUILDPLATFORM golang:1.22 AS b', 0).flags[0].value, '$BUILDPLATFORM');
      const c = instr('FROM a\nCOPY --from=builder --chown=1000:1000 --link /out /app', 1);
      assert.deepEqual(c.flags.map((f) => [f.name, f.value]), [['from', 'builder'], ['chown', '1000:1000'], ['link', null]]);
      assert.equal(c.rest, '/out /app');
    });

    it('a quoted flag value keeps its spaces', () => {
      const i = instr('FROM a\nCOPY --chown="a b" x /y/', 1);
      assert.equal(i.flags[0].value, 'a b');
      assert.equal(i.rest, 'x /y/');
    });

    it('an unknown flag is a syntax error on the flag', () => {
      const t = 'FROM a\nCOPY --bogus=1 a /b';
      const d = doc(t);
      assert.equal(d.syntaxErrors.length, 1);
      assert.equal(textAt(t, d.syntaxErrors[0]), '--bogus=1');
    });

    it('a flag on an instruction that takes none is a syntax error', () => {
      const d = doc('FROM a\nWORKDIR --x=1 /app');
      assert.equal(d.syntaxErrors.length, 1);
      assert.deepEqual(d.syntaxErrors[0], { ...d.syntaxErrors[0], line: 2, column: 9, endColumn: 14 });
    });

    it('a flag that needs a value but has none is a syntax error', () => {
      const d = doc('FROM a\nRUN --mount echo');
      assert.equal(d.syntaxErrors.length, 1);
      assert.equal(d.syntaxErrors[0].column, 5);
    });

    it('flags followed by nothing are a syntax error', () => {
      assert.equal(doc('FROM a\nRUN --network=none').syntaxErrors.length, 1);
    });

    it('HEALTHCHECK flags before CMD', () => {
      const i = instr('FROM a\nHEALTHCHECK --interval=30s --timeout=5s CMD curl -f http://x || exit 1', 1);
      assert.deepEqual(i.flags.map((f) => f.name), ['interval', 'timeout']);
      assert.equal(i.rest, 'CMD curl -f http://x || exit 1');
      assert.deepEqual(doc('FROM a\nHEALTHCHECK --interval=30s --timeout=5s CMD curl -f http://x || exit 1').syntaxErrors, []);
    });
  });

  describe('syntax errors', () => {
    it('an unknown instruction is an error on its keyword, and parsing goes on', () => {
      const d = doc('FROM a\nRUUN apt-get update\nRUN b');
      assert.equal(d.syntaxErrors.length, 1);
      assert.deepEqual({ ...d.syntaxErrors[0], message: '' }, { ...r(2, 1, 2, 5), message: '' });
      assert.match(d.syntaxErrors[0].message, /RUUN/);
      assert.deepEqual(kws(d), ['FROM', 'RUUN', 'RUN']);
    });

    it('missing arguments are an error', () => {
      for (const k of ['FROM', 'RUN', 'CMD', 'WORKDIR', 'USER', 'EXPOSE', 'ENV', 'LABEL', 'COPY', 'ARG', 'STOPSIGNAL']) {
        const d = doc(`FROM a\n${k}`);
        assert.ok(d.syntaxErrors.length >= 1, `${k} with no arguments`);
        assert.equal(d.syntaxErrors[d.syntaxErrors.length - 1].line, 2, k);
      }
    });

    it('FROM with a malformed stage clause is an error', () => {
      assert.equal(doc('FROM a b').syntaxErrors.length, 1);
      assert.equal(doc('FROM a AS b c').syntaxErrors.length, 1);
      assert.equal(doc('FROM a NOTAS b').syntaxErrors.length, 1);
      assert.deepEqual(doc('FROM a AS b').syntaxErrors, []);
    });

    it('COPY and ADD need a source and a destination', () => {
      assert.equal(doc('FROM a\nCOPY onlyone').syntaxErrors.length, 1);
      assert.deepEqual(doc('FROM a\nCOPY a b').syntaxErrors, []);
      assert.deepEqual(doc('FROM a\nCOPY <<EOF /x\nhi\nEOF').syntaxErrors, []);
    });

    it('ENV and LABEL with a key but no value are an error', () => {
      assert.equal(doc('FROM a\nENV ONLYKEY').syntaxErrors.length, 1);
      assert.deepEqual(doc('FROM a\nENV K=').syntaxErrors, []);
      assert.deepEqual(doc('FROM a\nENV K V').syntaxErrors, []);
    });

    it('HEALTHCHECK takes NONE or CMD', () => {
      assert.deepEqual(doc('FROM a\nHEALTHCHECK NONE').syntaxErrors, []);
      assert.equal(doc('FROM a\nHEALTHCHECK curl x').syntaxErrors.length, 1);
    });

    it('never throws on odd input', () => {
      for (const t of ['\\', '`', 'FROM \\', 'RUN <<', 'RUN <<EOF', 'ONBUILD', '[', '["a"', 'FROM ${', '\u0000', '\ud800', 'CMD [[[]]]', '--', '-- --']) {
        assert.doesNotThrow(() => doc(t), t);
      }
    });
  });

  describe('ONBUILD', () => {
    it('parses the trigger as an instruction of its own', () => {
      const t = 'FROM a\nONBUILD RUN pip install -r requirements.txt';
      const i = instr(t, 1);
      assert.equal(i.keyword, 'ONBUILD');
      assert.ok(i.trigger);
      assert.equal(i.trigger.keyword, 'RUN');
      assert.equal(i.trigger.inOnbuild, true);
      assert.equal(i.trigger.args, 'pip install -r requirements.txt');
      assert.equal(textAt(t, i.trigger.keywordRange), 'RUN');
      assert.equal(i.trigger.index, i.index);
      assert.equal(i.inOnbuild, false);
    });

    it('trigger flags and exec form', () => {
      const i = instr('FROM a\nONBUILD COPY --chown=app . /app', 1);
      assert.equal(i.trigger?.flags[0].name, 'chown');
      assert.equal(i.trigger?.rest, '. /app');
      assert.deepEqual(instr('FROM a\nONBUILD CMD ["a"]', 1).trigger?.json, ['a']);
    });

    it('an unknown trigger keyword is a syntax error', () => {
      assert.equal(doc('FROM a\nONBUILD BOGUS x').syntaxErrors.length, 1);
    });

    it('trigger argument positions map to the source', () => {
      const t = 'FROM a\nONBUILD RUN apt-get install \\\n    curl';
      const tr = instr(t, 1).trigger!;
      const p = tr.args.indexOf('curl');
      assert.deepEqual(argsRange(tr, p, p + 4), r(3, 5, 3, 9));
    });
  });

  describe('stages', () => {
    it('reads image, name, AS keyword and platform', () => {
      const t = 'FROM --platform=linux/amd64 nvidia/cuda:12.1.1-devel-ubuntu22.04 AS Builder';
      const st = doc(t).stages[0];
      assert.equal(st.image, 'nvidia/cuda:12.1.1-devel-ubuntu22.04');
      assert.equal(textAt(t, st.imageRange), st.image);
      assert.equal(st.name, 'Builder');
      assert.equal(textAt(t, st.nameRange!), 'Builder');
      assert.equal(st.asKeyword, 'AS');
      assert.equal(st.platform, 'linux/amd64');
      assert.equal(st.index, 0);
    });

    it('lower-case as, and no name', () => {
      const d = doc('FROM a as b\nFROM c');
      assert.equal(d.stages[0].asKeyword, 'as');
      assert.equal(d.stages[0].name, 'b');
      assert.equal(d.stages[1].name, null);
      assert.equal(d.stages[1].nameRange, null);
    });
  });

  describe('global ARGs and FROM', () => {
    it('substitutes global ARG defaults into FROM', () => {
      const d = doc('ARG CUDA=12.1.1\nARG OS=ubuntu22.04\nFROM nvidia/cuda:${CUDA}-runtime-$OS');
      assert.equal(d.stages[0].image, 'nvidia/cuda:${CUDA}-runtime-$OS');
      assert.equal(d.stages[0].resolvedImage, 'nvidia/cuda:12.1.1-runtime-ubuntu22.04');
      assert.deepEqual([...d.globalArgs], [['CUDA', '12.1.1'], ['OS', 'ubuntu22.04']]);
    });

    it('an ARG without a default leaves the image unresolved', () => {
      const d = doc('ARG BASE\nFROM $BASE');
      assert.equal(d.globalArgs.get('BASE'), null);
      assert.equal(d.stages[0].resolvedImage, null);
    });

    it('${VAR:-default} in FROM uses the default when the ARG has none', () => {
      assert.equal(doc('ARG TAG\nFROM python:${TAG:-3.11}').stages[0].resolvedImage, 'python:3.11');
      assert.equal(doc('FROM python:${TAG:-3.11}').stages[0].resolvedImage, 'python:3.11');
    });

    it('ARGs after the first FROM are not global', () => {
      const d = doc('FROM a\nARG TAG=1\nFROM b:$TAG');
      assert.equal(d.globalArgs.size, 0);
      assert.equal(d.stages[1].resolvedImage, null);
    });

    it('an empty default is a value', () => {
      assert.equal(doc('ARG SUFFIX=\nFROM python:3.11$SUFFIX').stages[0].resolvedImage, 'python:3.11');
    });

    it('quoted defaults are unquoted', () => {
      assert.equal(doc('ARG T="3.11-slim"\nFROM python:$T').stages[0].resolvedImage, 'python:3.11-slim');
    });

    it('[parser bug] one ARG with several names: ARG A B=2', () => {
      const d = doc('ARG A B=2\nFROM x:$B');
      assert.equal(d.globalArgs.get('A'), null);
      assert.equal(d.globalArgs.get('B'), '2');
      assert.equal(d.stages[0].resolvedImage, 'x:2');
    });

    it('[parser bug] ARG A=1 B: B has no default, so FROM x:$B is unresolved', () => {
      const d = doc('ARG A=1 B\nFROM x:$B');
      assert.equal(d.globalArgs.get('A'), '1');
      assert.equal(d.globalArgs.get('B'), null);
      assert.equal(d.stages[0].resolvedImage, null);
    });
  });

  describe('line endings', () => {
    it('CRLF input gives the same instructions and positions as LF', () => {
      const lf = 'FROM a\nRUN apt-get update \\\n  && apt-get install -y curl\n# c\nCMD ["x"]\n';
      const a = doc(lf);
      const b = doc(lf.replace(/\n/g, '\r\n'));
      assert.deepEqual(b.instructions.map((i) => [i.keyword, i.args, i.range, i.keywordRange]), a.instructions.map((i) => [i.keyword, i.args, i.range, i.keywordRange]));
      assert.ok(!b.instructions.some((i) => i.args.includes('\r')));
      assert.deepEqual(b.instructions[2].json, ['x']);
    });

    it('lone CR line endings split lines too', () => {
      assert.deepEqual(kws(doc('FROM a\rRUN b\rCMD c')), ['FROM', 'RUN', 'CMD']);
    });

    it('CRLF in a heredoc body is not kept', () => {
      const d = doc('FROM a\r\nRUN <<EOF\r\necho a\r\nEOF\r\nCMD x\r\n');
      assert.equal(d.instructions[1].heredocs[0].body, 'echo a');
      assert.equal(d.instructions[1].heredocs[0].terminated, true);
      assert.deepEqual(kws(d), ['FROM', 'RUN', 'CMD']);
    });
  });
});

describe('parser: splitWords', () => {
  it('splits on unquoted white space and keeps offsets', () => {
    assert.deepEqual(splitWords(' a "b c"  d\\ e \'f g\''), [
      { text: 'a', start: 1, end: 2 },
      { text: '"b c"', start: 3, end: 8 },
      { text: 'd\\ e', start: 10, end: 14 },
      { text: "'f g'", start: 15, end: 20 },
    ]);
  });
  it('tabs and newlines separate words', () => {
    assert.deepEqual(splitWords('a\tb\nc').map((w) => w.text), ['a', 'b', 'c']);
  });
  it('an escaped quote inside double quotes does not close them', () => {
    assert.deepEqual(splitWords('"a \\" b" c').map((w) => w.text), ['"a \\" b"', 'c']);
  });
  it('an unterminated quote runs to the end', () => {
    assert.deepEqual(splitWords('a "b c').map((w) => w.text), ['a', '"b c']);
  });
  it('uses the escape character given', () => {
    assert.deepEqual(splitWords('a` b c', '`').map((w) => w.text), ['a` b', 'c']);
    assert.deepEqual(splitWords('C:\\a b', '`').map((w) => w.text), ['C:\\a', 'b']);
  });
  it('empty and blank input give no words', () => {
    assert.deepEqual(splitWords(''), []);
    assert.deepEqual(splitWords('   \t '), []);
  });
});

describe('parser: parseKeyValues', () => {
  it('key=value pairs, quoted and escaped values, with offsets', () => {
    const kv = parseKeyValues('a=1 b="x y" c=\'z\' d=x\\ y');
    assert.deepEqual(kv.map((k) => [k.key, k.value, k.legacy]), [['a', '1', false], ['b', 'x y', false], ['c', 'z', false], ['d', 'x y', false]]);
    assert.deepEqual([kv[1].keyStart, kv[1].keyEnd, kv[1].valueStart, kv[1].valueEnd], [4, 5, 6, 11]);
  });
  it('the legacy form takes the rest as the value', () => {
    const kv = parseKeyValues('PATH /usr/local/bin:/usr/bin  x');
    assert.equal(kv.length, 1);
    assert.equal(kv[0].key, 'PATH');
    assert.equal(kv[0].value, '/usr/local/bin:/usr/bin  x');
    assert.equal(kv[0].legacy, true);
  });
  it('base shifts the offsets', () => {
    const kv = parseKeyValues('a=1', 10);
    assert.deepEqual([kv[0].keyStart, kv[0].valueEnd], [10, 13]);
  });
  it('empty values and quotes inside a value', () => {
    assert.deepEqual(parseKeyValues('a= b=c"d e"f').map((k) => [k.key, k.value]), [['a', ''], ['b', 'cd ef']]);
  });
  it('a quoted key', () => {
    assert.deepEqual(parseKeyValues('"org.label"=x').map((k) => [k.key, k.value]), [['org.label', 'x']]);
  });
  it('an equals sign inside a quoted value', () => {
    assert.deepEqual(parseKeyValues('OPTS="a=b c=d"').map((k) => [k.key, k.value]), [['OPTS', 'a=b c=d']]);
  });
  it('no input, no pairs', () => {
    assert.deepEqual(parseKeyValues(''), []);
  });
});

describe('parser: substitute', () => {
  const vars = new Map<string, string | null>([['A', '1'], ['B', '2'], ['E', ''], ['N', null]]);
  it('$VAR and ${VAR}', () => {
    assert.deepEqual(substitute('x$A-${B}y', vars), { value: 'x1-2y', unresolved: [] });
  });
  it(':- and - defaults', () => {
    assert.equal(substitute('${E:-d}|${E-d}|${U:-d}|${U-d}|${A:-d}', vars).value, 'd||d|d|1');
  });
  it(':+ and + alternatives', () => {
    assert.equal(substitute('${A:+alt}|${E:+alt}|${E+alt}|${U+alt}', vars).value, 'alt||alt|');
  });
  it('unknown and default-less variables are reported as unresolved and expand to nothing', () => {
    assert.deepEqual(substitute('a$U${N}b', vars), { value: 'ab', unresolved: ['U', 'N'] });
  });
  it('an escaped dollar stays a dollar', () => {
    assert.deepEqual(substitute('\\$A', vars), { value: '$A', unresolved: [] });
  });
  it('lone $, unclosed ${ and odd bodies are kept', () => {
    assert.equal(substitute('a$', vars).value, 'a$');
    assert.equal(substitute('a${B', vars).value, 'a${B');
    assert.equal(substitute('${1x}', vars).value, '${1x}');
    assert.equal(substitute('$1', vars).value, '$1');
  });
  it('a variable name ends at the first character that cannot be in a name', () => {
    assert.equal(substitute('$A.B', vars).value, '1.B');
  });
});

describe('parser: parseImageRef', () => {
  it('plain Docker Hub images', () => {
    assert.deepEqual(parseImageRef('python'), { registry: null, repository: 'python', tag: null, digest: null });
    assert.deepEqual(parseImageRef('python:3.11-slim'), { registry: null, repository: 'python', tag: '3.11-slim', digest: null });
    assert.deepEqual(parseImageRef('nvidia/cuda:12.1.1-base-ubuntu22.04'), { registry: null, repository: 'nvidia/cuda', tag: '12.1.1-base-ubuntu22.04', digest: null });
  });
  it('registries: a dot, a port or localhost', () => {
    assert.deepEqual(parseImageRef('nvcr.io/nvidia/pytorch:24.05-py3'), { registry: 'nvcr.io', repository: 'nvidia/pytorch', tag: '24.05-py3', digest: null });
    assert.deepEqual(parseImageRef('localhost:5000/x/y:tag'), { registry: 'localhost:5000', repository: 'x/y', tag: 'tag', digest: null });
    assert.deepEqual(parseImageRef('localhost/img'), { registry: 'localhost', repository: 'img', tag: null, digest: null });
    assert.deepEqual(parseImageRef('myhost:5000/img'), { registry: 'myhost:5000', repository: 'img', tag: null, digest: null });
  });
  it('digests, with and without a tag', () => {
    assert.deepEqual(parseImageRef('python@sha256:abc'), { registry: null, repository: 'python', tag: null, digest: 'sha256:abc' });
    assert.deepEqual(parseImageRef('python:3.11@sha256:abc'), { registry: null, repository: 'python', tag: '3.11', digest: 'sha256:abc' });
  });
  it('drops library/', () => {
    assert.equal(parseImageRef('library/ubuntu:22.04').repository, 'ubuntu');
    assert.equal(parseImageRef('docker.io/library/ubuntu').repository, 'ubuntu');
  });
  it('variables stay in the tag', () => {
    assert.equal(parseImageRef('nvidia/cuda:${CUDA}-runtime').tag, '${CUDA}-runtime');
  });
});

describe('shell: parseShell', () => {
  const cmds = (s: string) => parseShell(s).commands;
  const names = (s: string) => cmds(s).map((c) => c.name);

  it('splits on &&, ||, ;, |, & and newlines and records the operator that follows', () => {
    const c = cmds('a && b || c; d | e & f\ng');
    assert.deepEqual(c.map((x) => [x.name, x.next]), [['a', '&&'], ['b', '||'], ['c', ';'], ['d', '|'], ['e', '&'], ['f', '\n'], ['g', '']]);
  });

  it('word offsets point into the script', () => {
    const s = 'apt-get install -y  curl';
    const c = cmds(s)[0];
    assert.deepEqual(c.args.map((w) => [w.text, w.start, w.end]), [['install', 8, 15], ['-y', 16, 18], ['curl', 20, 24]]);
    assert.deepEqual([c.start, c.end], [0, 24]);
    assert.equal(s.slice(c.args[2].start, c.args[2].end), 'curl');
  });

  it('respects single and double quotes and removes them from text', () => {
    const c = cmds(`echo 'a && b' "c; d" e'f'"g"`)[0];
    assert.equal(cmds(`echo 'a && b' "c; d" e'f'"g"`).length, 1);
    assert.deepEqual(c.args.map((w) => w.text), ['a && b', 'c; d', 'efg']);
    assert.deepEqual(c.args.map((w) => w.raw), ["'a && b'", '"c; d"', `e'f'"g"`]);
  });

  it('escapes in and out of double quotes', () => {
    assert.deepEqual(cmds('echo "a\\"b" c\\ d \\;')[0].args.map((w) => w.text), ['a"b', 'c d', ';']);
  });

  it('$(…), ${…} and backticks stay inside one word, operators inside them do not split', () => {
    const all = cmds('pip install "torch==$(cat v.txt | head -1)" ${X:-a b} `date; x` && y');
    assert.deepEqual(all.map((x) => x.name), ['cat', 'head', 'date', 'x', 'pip', 'y'], 'the commands inside come first');
    assert.deepEqual(all.map((x) => x.inner), [true, true, true, true, false, false]);
    const c = all.filter((x) => !x.inner);
    assert.deepEqual(c.map((x) => x.name), ['pip', 'y']);
    assert.deepEqual(c[0].args.map((w) => w.raw), ['install', '"torch==$(cat v.txt | head -1)"', '${X:-a b}', '`date; x`']);
    assert.equal(c[0].args[1].text, 'torch==$(cat v.txt | head -1)');
  });

  it('leading assignments, the command name and its base name', () => {
    const c = cmds('DEBIAN_FRONTEND=noninteractive TZ=UTC /usr/bin/apt-get install -y x')[0];
    assert.deepEqual(c.assignments.map((w) => w.raw), ['DEBIAN_FRONTEND=noninteractive', 'TZ=UTC']);
    assert.equal(c.name, '/usr/bin/apt-get');
    assert.equal(c.base, 'apt-get');
    assert.equal(c.nameWord?.raw, '/usr/bin/apt-get');
    assert.equal(c.words.length, 6);
  });

  it('a line of assignments only has no command word', () => {
    const c = cmds('A=1 B=2')[0];
    assert.equal(c.name, '');
    assert.equal(c.nameWord, undefined);
    assert.equal(c.assignments.length, 2);
  });

  it('backslash-newline continues a command', () => {
    assert.deepEqual(names('apt-get install \\\n  curl && echo'), ['apt-get', 'echo']);
    assert.deepEqual(cmds('apt-get install \\\n  curl')[0].args.map((w) => w.text), ['install', 'curl']);
  });

  it('comments run to the end of the line; # inside a word is not a comment', () => {
    assert.deepEqual(names('a # b && c\nd'), ['a', 'd']);
    assert.deepEqual(cmds('echo a#b')[0].args.map((w) => w.text), ['a#b']);
  });

  it('subshells and groups split on parentheses', () => {
    assert.deepEqual(names('(cd /tmp && make) && make install'), ['cd', 'make', 'make']);
  });

  it('redirections are skipped with their target', () => {
    const c = cmds('pip install x > /tmp/log 2>&1 && echo ok');
    assert.deepEqual(c.map((x) => x.name), ['pip', 'echo']);
    assert.deepEqual(c[0].args.map((w) => w.text), ['install', 'x']);
    assert.equal(c[0].next, '&&');
  });

  it('heredoc markers in a script are skipped', () => {
    assert.deepEqual(cmds('cat <<EOF > /x')[0].args, []);
  });

  it('[shell bug] &> is a redirection, not the background operator', () => {
    const c = cmds('apt-get install x &> /dev/null && echo ok');
    assert.deepEqual(c.map((x) => [x.name, x.next]), [['apt-get', '&&'], ['echo', '']]);
  });

  it('never throws on odd input', () => {
    for (const s of ['', '&&', '|||', '(((', ')))', '$(', '"$(', "'", '"', '`', '\\', '<<', '>', '2>', '${', 'a\u0000b']) assert.doesNotThrow(() => parseShell(s), s);
  });
});

describe('shell: unwrap', () => {
  const u = (s: string): Command => unwrap(parseShell(s).commands[0]);
  it('sudo, with options and -u USER', () => {
    assert.equal(u('sudo apt-get install x').base, 'apt-get');
    assert.equal(u('sudo -E -H apt-get install x').base, 'apt-get');
    assert.equal(u('sudo -u app pip install x').base, 'pip');
    assert.equal(u('sudo --user=app pip install x').base, 'pip');
    assert.deepEqual(u('sudo -u app pip install x').args.map((w) => w.text), ['install', 'x']);
  });
  it('env with assignments, and nested wrappers', () => {
    assert.equal(u('env PIP_NO_CACHE_DIR=1 pip install x').base, 'pip');
    assert.equal(u('sudo env A=1 pip install x').base, 'pip');
  });
  it('gosu/su-exec/chroot take an operand first', () => {
    assert.equal(u('gosu app pip install x').base, 'pip');
    assert.equal(u('su-exec 1000:1000 python x.py').base, 'python');
    assert.equal(u('chroot /mnt apt-get update').base, 'apt-get');
  });
  it('time, nohup, exec, command, eatmydata', () => {
    assert.equal(u('time -p pip install x').base, 'pip');
    assert.equal(u('nohup python serve.py').base, 'python');
    assert.equal(u('exec gunicorn app').base, 'gunicorn');
    assert.equal(u('eatmydata apt-get install -y x').base, 'apt-get');
  });
  it('a wrapper with nothing to run is returned as is', () => {
    assert.equal(u('sudo').base, 'sudo');
    assert.equal(u('env').base, 'env');
  });
  it('the unwrapped command keeps source offsets', () => {
    const s = 'sudo apt-get install x';
    const c = u(s);
    assert.equal(s.slice(c.start, c.end), 'apt-get install x');
  });
  it('wrapper options that take a value: nice -n 10, xargs -n 1, env -u NAME', () => {
    assert.equal(u('nice -n 10 pip install x').base, 'pip');
    assert.equal(u('xargs -n 1 pip install').base, 'pip');
    assert.equal(u('env -u HOME pip install x').base, 'pip');
  });
});

describe('shell: hasFlag', () => {
  const c = (s: string): Command => parseShell(s).commands[0];
  it('exact flags, long flags with =value and short clusters', () => {
    assert.equal(hasFlag(c('apt-get install -y x'), '-y', '--yes'), true);
    assert.equal(hasFlag(c('apt-get install --yes x'), '-y', '--yes'), true);
    assert.equal(hasFlag(c('apt-get -qy install x'), '-y'), true);
    assert.equal(hasFlag(c('apt-get -qq install x'), '-y'), false);
    assert.equal(hasFlag(c('pip install --index-url=https://x y'), '--index-url'), true);
    assert.equal(hasFlag(c('apt-get install x'), '-y'), false);
  });
  it('does not take long options or values for short clusters', () => {
    assert.equal(hasFlag(c('apt-get install --no-install-recommends x'), '-n'), false);
    assert.equal(hasFlag(c('apt-get install yes'), '-y'), false);
  });
  it('finds flags inside quotes as the shell sees them', () => {
    assert.equal(hasFlag(c('apt-get install "-y" x'), '-y'), true);
  });
});

describe('shell: positionalAt', () => {
  const c = (s: string): Command => parseShell(s).commands[0];
  const cases: [string, string[]][] = [
    ['yum -y --setopt x=1 module install nodejs:20', ['--setopt']],
    ['yum -y module', []],
    ['apt-get -o Dpkg::Use-Pty=0 update', ['-o']],
    ['ln -s -- -a b', []],
    ['git -C /src clone https://x y', ['-C']],
    ['tool --', []],
  ];
  for (const [text, opts] of cases) {
    it(`agrees with positionals(): ${text}`, () => {
      const cmd = c(text);
      const all = positionals(cmd, opts);
      for (let n = 0; n <= all.length; n++) assert.equal(positionalAt(cmd, opts, n), all[n] ?? null);
    });
  }
});

describe('parser: exec form reads JSON exactly as JSON.parse does', () => {
  // The parser reads simple arrays itself and leaves escapes to JSON.parse; the result must match.
  const reference = (s: string): string[] | null => {
    try {
      const v: unknown = JSON.parse(s);
      return Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : null;
    } catch {
      return null;
    }
  };
  const cases = [
    '[]', '[ ]', '["a"]', '[ "a" , "b" ]', '["a",\t"b"]', '["python", "-m", "http.server"]',
    '["a\\"b"]', '["tab\\tx", "\\u00e9"]', '["back\\\\slash"]', '["a", 1]', '[1, "a"]', '["a",]', '[,"a"]',
    '["a" "b"]', '["a"] x', '["unterminated]', '[ -f /x ]', '[[ -n "$X" ]]', '["a", null]', '["é", "☃"]',
    '["\u0001"]', '[\'single\']', '["a"]   ', '["a"', '[ "a", "b\\"', '["\\x41"]', '["a\\/b"]',
  ];
  for (const json of cases) {
    it(`CMD ${json}`, () => {
      const doc = parseDockerfile(`FROM x\nCMD ${json}\n`);
      const want = reference(json.trimEnd());
      assert.deepEqual(doc.instructions[1].json, want);
    });
  }
});

describe('parser: keyword ranges', () => {
  it('puts the end of a keyword that ends its line before a continuation where positionAt does', () => {
    const doc = parseDockerfile('FROM x\nRUN\\\n  echo hi\n');
    const r = doc.instructions[1].keywordRange;
    assert.deepEqual([r.line, r.column, r.endLine, r.endColumn], [2, 1, 3, 1]);
  });
  it('ranges an ordinary keyword on its line', () => {
    const doc = parseDockerfile('FROM x\n  run echo hi\n');
    const r = doc.instructions[1].keywordRange;
    assert.deepEqual([r.line, r.column, r.endLine, r.endColumn], [2, 3, 2, 6]);
  });
});

describe('parser: global ARGs as the builder reads them', () => {
  const img = (text: string) => parseDockerfile(text).stages.map((s) => s.resolvedImage);
  it('an ARG default may use earlier ARGs', () => {
    const d = parseDockerfile('ARG CUDA=12.1.1\nARG FLAVOR=runtime\nARG BASE=nvidia/cuda:${CUDA}-${FLAVOR}-ubuntu22.04\nFROM ${BASE}');
    assert.equal(d.globalArgs.get('BASE'), 'nvidia/cuda:12.1.1-runtime-ubuntu22.04');
    assert.deepEqual(img('ARG CUDA=12.1.1\nARG BASE=nvidia/cuda:${CUDA}-base-ubuntu22.04\nFROM $BASE'), ['nvidia/cuda:12.1.1-base-ubuntu22.04']);
  });
  it('a default that uses an ARG declared later reads it as empty (the builder does too)', () => {
    assert.equal(parseDockerfile('ARG A=x${B}y\nARG B=2\nFROM a:$A').globalArgs.get('A'), 'xy');
  });
  it('${V:-x} and ${V:+x}, nested defaults included', () => {
    assert.deepEqual(img('ARG PY=\nFROM python:${PY:-3.12}-slim'), ['python:3.12-slim']);
    assert.deepEqual(img('ARG SLIM=1\nFROM python:3.12${SLIM:+-slim}'), ['python:3.12-slim']);
    assert.deepEqual(img('ARG SLIM=\nFROM python:3.12${SLIM:+-slim}'), ['python:3.12']);
    assert.deepEqual(img('ARG V=3.11\nFROM python:${PY:-${V}}'), ['python:3.11']);
    assert.deepEqual(img('ARG CUDA=12.4.1\nARG IMG=nvidia/cuda:${CUDA_VERSION:-$CUDA}-devel-ubuntu22.04\nFROM $IMG'), ['nvidia/cuda:12.4.1-devel-ubuntu22.04']);
  });
  it('${V:+x} of an ARG without a default depends on the build', () => {
    const d = parseDockerfile('ARG SLIM\nFROM python:3.12${SLIM:+-slim}');
    assert.equal(d.stages[0].resolvedImage, null);
    assert.deepEqual(d.stages[0].unresolvedArgs, ['SLIM']);
  });
  it('quotes inside values and in FROM are removed', () => {
    assert.deepEqual(img('ARG BASE="nvidia/cuda:12.2.2-runtime-ubuntu22.04"\nFROM "${BASE}"'), ['nvidia/cuda:12.2.2-runtime-ubuntu22.04']);
    assert.deepEqual(img("ARG T='3.11'-slim\nFROM python:$T"), ['python:3.11-slim']);
    assert.deepEqual(img('FROM "python:3.12"'), ['python:3.12']);
    assert.equal(parseDockerfile("ARG A='$B'\nFROM x").globalArgs.get('A'), '$B', 'single quotes keep a $');
  });
  it('an undeclared ARG is empty, as BuildKit has it', () => {
    assert.deepEqual(img('FROM python:3.11${SUFFIX}'), ['python:3.11']);
  });
  it("the builder's platform ARGs depend on the build", () => {
    const d = parseDockerfile('FROM base-${TARGETARCH}');
    assert.equal(d.stages[0].resolvedImage, null);
    assert.deepEqual(d.stages[0].unresolvedArgs, ['TARGETARCH']);
    assert.deepEqual(img('ARG TARGETARCH=amd64\nFROM base:${TARGETARCH}'), ['base:amd64']);
  });
  it('an ARG without a default, a placeholder default, or a default built from one leaves FROM unresolved', () => {
    for (const text of [
      'ARG BASE\nFROM $BASE',
      'ARG BASE_IMAGE=notset\nFROM ${BASE_IMAGE}',
      'ARG TAG=CHANGEME\nFROM pytorch/pytorch:${TAG}',
      'ARG TAG=<tag>\nFROM vllm/vllm-openai:$TAG',
      'ARG V\nARG BASE=nvidia/cuda:${V}-runtime-ubuntu22.04\nFROM $BASE',
    ]) {
      const d = parseDockerfile(text);
      assert.equal(d.stages[0].resolvedImage, null, text);
      assert.ok(d.stages[0].unresolvedArgs.length > 0, text);
    }
  });
  it('an incomplete reference is not resolved', () => {
    assert.deepEqual(img('ARG TAG=\nFROM python:$TAG'), [null]);
  });
  it('re-declaring a global ARG without a default keeps its default', () => {
    assert.equal(parseDockerfile('ARG A=1\nARG A\nFROM x:$A').stages[0].resolvedImage, 'x:1');
  });
  it('a stage resolved without variables has no unresolved ARGs', () => {
    assert.deepEqual(parseDockerfile('FROM python:3.12').stages[0].unresolvedArgs, []);
  });
});

describe('parser: expandWord and isPlaceholder', () => {
  const vars = new Map<string, string | null>([['A', '1'], ['N', null]]);
  it('expands outside single quotes and removes quotes', () => {
    assert.deepEqual(expandWord(`"a $A"'$A'\\$A`, vars), { value: 'a 1$A$A', unresolved: [] });
  });
  it('reports names without a value', () => {
    assert.deepEqual(expandWord('x${N}y$Z', vars).unresolved, ['N', 'Z']);
  });
  it('placeholders', () => {
    for (const p of ['notset', 'NOT_SET', 'changeme', 'REPLACE_ME', '<version>', '__TAG__', 'TODO']) assert.ok(isPlaceholder(p), p);
    for (const v of ['3.11', 'latest', 'none-slim', 'cu121', 'main']) assert.ok(!isPlaceholder(v), v);
  });
});

describe('shell: reading compound commands the way bash does', () => {
  const names = (t: string) => parseShell(t).commands.map((c) => c.name);
  const unwrapped = (t: string) => commandsOf(parseShell(t)).map((c) => [c.name, ...c.args.map((a) => a.text)].join(' '));
  it('commands inside $(…) and backticks, with their offsets in the script', () => {
    const t = 'apt-get install -y $(cat /pkgs.txt) && echo `uname -m`';
    const s = parseShell(t);
    assert.deepEqual(s.commands.map((c) => c.name), ['cat', 'apt-get', 'uname', 'echo']);
    const cat = s.commands[0];
    assert.equal(t.slice(cat.start, cat.end), 'cat /pkgs.txt');
    assert.equal(cat.inner, true);
  });
  it('nested substitutions, and $(( )) arithmetic is no command', () => {
    assert.deepEqual(names('x=$(dirname "$(which python)") && echo $((1 + 2))'), ['which', 'dirname', '', 'echo']);
  });
  it('case … esac: the arms run, the patterns and the case word do not', () => {
    assert.deepEqual(names('case "$(uname -m)" in x86_64) A=amd64 ;; aarch64|arm64) A=arm64; echo hi ;; *) exit 1 ;; esac && curl -L x'),
      ['uname', '', '', 'echo', 'exit', 'curl']);
    assert.deepEqual(names('case $T in\n  cpu)\n    pip install a\n    ;;\n  (cu*|rocm) pip install b;;\nesac\nls'), ['pip', 'pip', 'ls']);
    assert.deepEqual(names('case $x in a) foo ;& b) bar ;;& esac'), ['foo', 'bar']);
  });
  it('subshells and { …; } groups run their commands; closing words are no commands', () => {
    assert.deepEqual(names('( cd /x && make ) && { a; b; }'), ['cd', 'make', 'a', 'b']);
    assert.deepEqual(names('if [ -f x ]; then y; else z; fi'), ['[', 'y', 'z']);
    assert.deepEqual(names('for p in a b; do pip install $p; done'), ['pip']);
    assert.deepEqual(names('while read l; do echo $l; done < f'), ['read', 'echo']);
    assert.deepEqual(names('f() { echo a; }; f'), ['echo', 'f']);
  });
  it('bash array literals are values, not commands', () => {
    const s = parseShell('PKGS=( torch numpy "scipy==1.13" ) && pip install "${PKGS[@]}"');
    assert.deepEqual(s.commands.map((c) => c.name), ['', 'pip']);
    assert.equal(s.commands[0].assignments[0].raw, 'PKGS=( torch numpy "scipy==1.13" )');
    assert.deepEqual(names('declare -a X=(a b) && X+=(c) && ls'), ['declare', '', 'ls']);
  });
  it('unwraps python -m pip/uv, conda/mamba/micromamba run and uv run', () => {
    assert.deepEqual(unwrapped('python -m pip install torch'), ['pip install torch']);
    assert.deepEqual(unwrapped('python3.11 -u -m uv pip install x'), ['uv pip install x']);
    assert.deepEqual(unwrapped('conda run -n env --no-capture-output pip install y'), ['pip install y']);
    assert.deepEqual(unwrapped('mamba run -p /opt/env python -m pip install z'), ['pip install z']);
    assert.deepEqual(unwrapped('micromamba run -n base pip install w'), ['pip install w']);
    assert.deepEqual(unwrapped('uv run --with a python -m pip install q'), ['pip install q']);
  });
  it('does not unwrap what runs no command', () => {
    assert.deepEqual(unwrapped('python -m venv /v'), ['python -m venv /v']);
    assert.deepEqual(unwrapped('python -c "import pip"'), ['python -c import pip']);
    assert.deepEqual(unwrapped('uv run -m pytest'), ['uv run -m pytest']);
    assert.deepEqual(unwrapped('conda install -y x'), ['conda install -y x']);
  });
});
