// Every fixture project under test/fixtures/containerize/<name>/project is containerized and
// compared with its hand-reviewed golden files in <name>/expected/. UPDATE_GOLDEN=1 rewrites them
// (review the diff before committing). A fixture may hold choices.json to run with other choices.
// The second suite lints every Dockerfile at every choice a user can make.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { containerizeFiles, openProject } from '../../../src/containerize/index';
import type { Choices } from '../../../src/containerize/types';
import { lintDockerfile } from '../../../src/lint/index';

const ROOT = path.join(__dirname, '../../fixtures/containerize');
const FIXTURES = fs.readdirSync(ROOT).filter((n) => fs.existsSync(path.join(ROOT, n, 'project'))).sort();
const UPDATE = process.env.UPDATE_GOLDEN === '1';

function choicesOf(name: string): Choices {
  const f = path.join(ROOT, name, 'choices.json');
  return fs.existsSync(f) ? (JSON.parse(fs.readFileSync(f, 'utf8')) as Choices) : { gpu: 'auto' };
}

const OUT: [string, string][] = [
  ['Dockerfile', 'Dockerfile'],
  ['.dockerignore', 'dockerignore'],
  ['.vscode/ml-containers.yaml', 'ml-containers.yaml'],
];

describe('containerize: golden outputs of the fixture projects', () => {
  it('has at least 12 fixture projects', () => {
    assert.ok(FIXTURES.length >= 12, `${FIXTURES.length} fixtures`);
  });
  for (const name of FIXTURES) {
    it(name, () => {
      const r = containerizeFiles(openProject(path.join(ROOT, name, 'project')), choicesOf(name), `${name}:latest`);
      const expDir = path.join(ROOT, name, 'expected');
      const got: Record<string, string> = { 'warnings.txt': r.warnings.map((w) => w + '\n').join('') };
      for (const [file, golden] of OUT) got[golden] = r.files[file as keyof typeof r.files];
      if (UPDATE) {
        fs.mkdirSync(expDir, { recursive: true });
        for (const [f, text] of Object.entries(got)) fs.writeFileSync(path.join(expDir, f), text);
        return;
      }
      for (const [f, text] of Object.entries(got)) {
        const want = fs.readFileSync(path.join(expDir, f), 'utf8');
        assert.equal(text, want, `${name}/expected/${f} differs (UPDATE_GOLDEN=1 rewrites it; review the diff)`);
      }
    });
  }
});

describe('containerize: every generated Dockerfile lints clean at every choice', () => {
  const choices: Choices[] = [];
  for (const gpu of ['auto', 'yes', 'no'] as const) {
    for (const deps of ['auto', 'apt'] as const) choices.push({ gpu, deps });
    for (const cuda of ['11.8', '12.1', '12.4', '12.6', '12.8', '13.0']) choices.push({ gpu, cuda });
    for (const python of ['3.9', '3.11', '3.13']) choices.push({ gpu, python });
    choices.push({ gpu, port: 9000 });
  }
  for (const name of FIXTURES) {
    it(`${name} (${choices.length} choices)`, () => {
      const files = openProject(path.join(ROOT, name, 'project'));
      for (const c of choices) {
        const r = containerizeFiles(files, c, `${name}:latest`);
        const problems = lintDockerfile(r.files.Dockerfile, { fileName: 'Dockerfile', context: { hasDockerignore: true, unignoredBulk: [] } });
        assert.deepEqual(
          problems.map((p) => `${p.code} line ${p.line + 1}: ${p.message}`),
          [],
          `${name} with ${JSON.stringify(c)}:\n${r.files.Dockerfile}`,
        );
      }
    });
  }
});
