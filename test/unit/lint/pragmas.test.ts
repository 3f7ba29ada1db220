import * as assert from 'node:assert/strict';
import { lintDockerfile } from '../../../src/lint';
import { ignoreForFile, ignoreForInstruction } from '../../../src/lint/fixes';
import { parseDockerfile } from '../../../src/lint/parser';
import { parsePragma } from '../../../src/lint/suppress';
import { applyEdits, ruleCases } from './helpers';

const INSTALL = 'RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*';
const codesAt = (text: string, code: string): number[] => lintDockerfile(text).filter((p) => p.code === code).map((p) => p.line);

describe('hadolint pragmas as hadolint reads them', () => {
  describe('the code list', () => {
    it('reads comma lists with or without spaces, and space-separated codes', () => {
      assert.deepEqual(parsePragma('hadolint ignore=DL3008,DL3015')?.codes, ['DL3008', 'DL3015']);
      assert.deepEqual(parsePragma('hadolint ignore=DL3008 , DL3015')?.codes, ['DL3008', 'DL3015']);
      assert.deepEqual(parsePragma('hadolint ignore=DL3008 DL3015')?.codes, ['DL3008', 'DL3015']);
      assert.deepEqual(parsePragma('hadolint ignore=SC2086,ML003')?.codes, ['SC2086', 'ML003']);
    });

    it('leaves a remark after the last code alone', () => {
      const p = parsePragma('hadolint ignore=DL3008,DL3015 pinned by the base image')!;
      assert.deepEqual(p.codes, ['DL3008', 'DL3015']);
      assert.deepEqual(p.invalid, []);
      assert.equal('hadolint ignore=DL3008,DL3015 pinned'.slice(0, p.listEnd), 'hadolint ignore=DL3008,DL3015');
    });

    for (const [list, bad] of [['DL3008,foo', 'foo'], ['DL3008,dl3015', 'dl3015'], ['DL30O8', 'DL30O8'], ['DL3008,', '(empty)'], ['DL3008,,DL3015', '(empty)'], ['', '(empty)'], ['DL3008 x,DL3015', 'x']] as const) {
      it(`ignores nothing when the list has an entry that is not a code: "${list}"`, () => {
        const p = parsePragma(`hadolint ignore=${list}`)!;
        assert.deepEqual(p.codes, []);
        assert.deepEqual(p.invalid, [bad]);
      });
    }

    it('shows the findings an invalid list meant to hide, and ML022 on the pragma', () => {
      const text = `FROM ubuntu:24.04\n# hadolint ignore=DL3008,dl3015\n${INSTALL}\n`;
      assert.deepEqual(codesAt(text, 'DL3008'), [3]);
      assert.deepEqual(codesAt(text, 'DL3015'), [3]);
      const ml022 = lintDockerfile(text).filter((p) => p.code === 'ML022');
      assert.equal(ml022.length, 1);
      assert.equal(ml022[0].line, 2);
      assert.match(ml022[0].message, /"dl3015" is not a rule code/);
    });

    it('applies the same to global pragmas', () => {
      const text = `# hadolint global ignore=DL3008,foo\nFROM ubuntu:24.04\n${INSTALL}\n`;
      assert.deepEqual(codesAt(text, 'DL3008'), [3]);
      assert.deepEqual(codesAt(text, 'ML022'), [1]);
    });
  });

  describe('stage ignore', () => {
    const text = [
      'FROM ubuntu:24.04 AS build',          // 1
      INSTALL,                                // 2
      '# hadolint stage ignore=DL3008',       // 3
      INSTALL,                                // 4
      INSTALL,                                // 5
      'FROM ubuntu:24.04',                    // 6
      INSTALL,                                // 7
      '# hadolint stage ignore=DL3015',       // 8
      'FROM ubuntu:24.04 AS last',            // 9
      INSTALL,                                // 10
      '',
    ].join('\n');

    it('switches the codes off from the next instruction to the end of its stage', () => {
      assert.deepEqual(codesAt(text, 'DL3008'), [2, 7, 10]);
    });

    it('above a FROM, covers the stage that FROM opens', () => {
      assert.deepEqual(codesAt(text, 'DL3015'), [2, 4, 5, 7]);
    });

    it('is reported by DL1001 with its reach', () => {
      const dl1001 = lintDockerfile(text, { severityOverrides: { DL1001: 'info' } }).filter((p) => p.code === 'DL1001');
      assert.deepEqual(dl1001.map((p) => p.line), [3, 8]);
      assert.match(dl1001[0].message, /rest of this stage/);
    });

    it('also silences the ML rules that echo an ignored DL code', () => {
      const t = 'FROM ubuntu:24.04\n# hadolint stage ignore=DL3007\nRUN true\nFROM pytorch/pytorch:latest\nRUN true\n';
      const after = 'FROM ubuntu:24.04\nRUN true\n# hadolint stage ignore=DL3007\nFROM pytorch/pytorch:latest\nRUN true\n';
      assert.ok(codesAt(t, 'DL3007').length + codesAt(t, 'ML003').length > 0, 'the second stage is not covered');
      assert.deepEqual([...codesAt(after, 'DL3007'), ...codesAt(after, 'ML003')], []);
    });
  });

  describe('ignore quick fixes keep the line readable by hadolint', () => {
    it('appends after the last code, before a remark', () => {
      const text = 'FROM ubuntu:24.04\n# hadolint ignore=DL3008 pinned upstream\nRUN apt install -y curl\n';
      const after = applyEdits(text, [ignoreForInstruction(parseDockerfile(text), 3, 'DL3027')!]);
      assert.equal(after.split('\n')[1], '# hadolint ignore=DL3008,DL3027 pinned upstream');
      assert.deepEqual(codesAt(after, 'DL3027'), []);
    });

    it('puts an ML code on its own line at the top of the comment block', () => {
      const text = 'FROM pytorch/pytorch:latest\n# base for the trainer\n# hadolint ignore=DL3007\nRUN true\n';
      const doc = parseDockerfile(text);
      const edit = ignoreForInstruction(doc, 1, 'ML003');
      assert.ok(edit);
      const text2 = 'FROM ubuntu:24.04\n# the trainer\n# hadolint ignore=DL3008\nRUN apt-get install -y curl\n';
      const after = applyEdits(text2, [ignoreForInstruction(parseDockerfile(text2), 4, 'ML005')!]);
      assert.deepEqual(after.split('\n').slice(1, 4), ['# hadolint ignore=ML005', '# the trainer', '# hadolint ignore=DL3008']);
    });

    it('extends a pragma of ML codes with another ML code', () => {
      const text = 'FROM ubuntu:24.04\n# hadolint ignore=ML005\n# hadolint ignore=DL3008\nRUN apt-get install -y curl\n';
      const after = applyEdits(text, [ignoreForInstruction(parseDockerfile(text), 4, 'ML007')!]);
      assert.equal(after.split('\n')[1], '# hadolint ignore=ML005,ML007');
    });

    it('puts a DL code right above the instruction, never into a list of ML codes', () => {
      const text = 'FROM ubuntu:24.04\n# hadolint ignore=ML005\nRUN apt install -y curl\n';
      const after = applyEdits(text, [ignoreForInstruction(parseDockerfile(text), 3, 'DL3027')!]);
      assert.deepEqual(after.split('\n').slice(1, 4), ['# hadolint ignore=ML005', '# hadolint ignore=DL3027', 'RUN apt install -y curl']);
      const far = 'FROM ubuntu:24.04\n# hadolint ignore=DL3008\n# why: see below\nRUN apt install -y curl\n';
      const after2 = applyEdits(far, [ignoreForInstruction(parseDockerfile(far), 4, 'DL3027')!]);
      assert.deepEqual(after2.split('\n').slice(1, 5), ['# hadolint ignore=DL3008', '# why: see below', '# hadolint ignore=DL3027', 'RUN apt install -y curl']);
    });

    it('does not extend a list that is already invalid', () => {
      const text = 'FROM ubuntu:24.04\n# hadolint ignore=DL3008,foo\nRUN apt install -y curl\n';
      const after = applyEdits(text, [ignoreForInstruction(parseDockerfile(text), 3, 'DL3027')!]);
      assert.equal(after.split('\n')[2], '# hadolint ignore=DL3027');
      const g = '# hadolint global ignore=ML005\nFROM ubuntu:24.04\n';
      assert.equal(applyEdits(g, [ignoreForFile(parseDockerfile(g), 'DL3027')!]).split('\n')[0], '# hadolint global ignore=DL3027');
    });
  });
});

ruleCases('ML022', {
  catches: [
    { text: `FROM ubuntu:24.04\n# hadolint ignore=DL3008,foo\n${INSTALL}`, lines: [2] },
    { text: `FROM ubuntu:24.04\n# hadolint stage ignore=dl3008\n${INSTALL}`, lines: [2], name: 'stage pragma, lower-case code' },
    { text: '# hadolint global ignore=\nFROM ubuntu:24.04', lines: [1], name: 'empty global list' },
  ],
  passes: [
    `FROM ubuntu:24.04\n# hadolint ignore=DL3008,DL3015\n${INSTALL}`,
    `FROM ubuntu:24.04\n# hadolint ignore=DL3008 the mirror pins versions\n${INSTALL}`,
    'FROM ubuntu:24.04\n# hadolint shell=bash\nRUN true',
    'FROM ubuntu:24.04\n# ignore=foo is not a pragma\nRUN true',
  ],
});

describe('HEALTHCHECK forms', () => {
  const syntax = (line: string) => lintDockerfile(`FROM python:3.12-slim\n${line}\nCMD ["python", "app.py"]\n`).filter((p) => p.code === 'DL1000').map((p) => p.message);
  for (const ok of [
    'HEALTHCHECK CMD curl -f http://localhost:8000/ || exit 1',
    'HEALTHCHECK --interval=30s --timeout=3s \\\n  CMD curl -f http://localhost:8000/ || exit 1',
    'HEALTHCHECK cmd wget -qO- http://localhost:8000/health | grep -q ok',
    'HEALTHCHECK --start-period=60s --start-interval=2s CMD python -c "import urllib.request as u; u.urlopen(\'http://localhost:8000\')"',
    'HEALTHCHECK CMD ["curl", "-f", "http://localhost:8000/"]',
    'HEALTHCHECK NONE',
  ]) {
    it(`accepts ${ok.split('\n')[0]}`, () => assert.deepEqual(syntax(ok), []));
  }

  it('rejects what the builder rejects', () => {
    assert.match(syntax('HEALTHCHECK CMD')[0], /needs the command to run/);
    assert.match(syntax('HEALTHCHECK --interval=5s CMD []')[0], /needs the command to run/);
    assert.match(syntax('HEALTHCHECK NONE curl x')[0], /NONE takes nothing/);
    assert.match(syntax('HEALTHCHECK curl -f http://localhost/')[0], /NONE or \[options\] CMD/);
  });

  it('applies no RUN rule to the shell form of its command (hadolint checks RUN only)', () => {
    const text = 'FROM python:3.12-slim\nHEALTHCHECK CMD cd /tmp && wget -O- http://localhost:8000/ | grep ok && sudo true\nCMD ["python", "app.py"]\n';
    assert.deepEqual(lintDockerfile(text).filter((p) => p.line === 2).map((p) => p.code), []);
  });
});
