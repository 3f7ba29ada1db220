import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileSetOf, findComposeProjects, isComposeFileName, normalizeProjectName, readComposeText } from '../../../src/compose/files';

describe('compose files', () => {
  it('recognises base, override and extra compose file names', () => {
    for (const n of ['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml', 'docker-compose.override.yml', 'docker-compose.gpu.yml', 'compose.dev.yaml']) assert.ok(isComposeFileName(n), n);
    for (const n of ['composer.json', 'my-compose.yml', 'docker-compose.json', 'compose.yaml.bak', 'Dockerfile']) assert.ok(!isComposeFileName(n), n);
  });

  it('picks the first base file in compose order, its override, and lists the other files as extras', () => {
    const s = fileSetOf('/w/My Project', ['docker-compose.yml', 'compose.yaml', 'compose.override.yaml', 'docker-compose.override.yml', 'docker-compose.gpu.yml', 'README.md']);
    assert.ok(s);
    assert.deepEqual(s.files, ['/w/My Project/compose.yaml', '/w/My Project/compose.override.yaml']);
    assert.deepEqual(s.extras, ['/w/My Project/docker-compose.gpu.yml', '/w/My Project/docker-compose.override.yml']);
    assert.equal(s.projectName, 'myproject');
    assert.equal(fileSetOf('/w/x', ['docker-compose.gpu.yml']), undefined);
    assert.equal(fileSetOf('/w/x', ['compose.yml'], 'Named_App')?.projectName, 'named_app');
  });

  it('normalises project names like compose', () => {
    assert.equal(normalizeProjectName('My.Project-1'), 'myproject-1');
    assert.equal(normalizeProjectName('__x'), 'x');
    assert.equal(normalizeProjectName('ÄÖ'), '');
  });

  it('reads name and services; unreadable text gives none', () => {
    assert.deepEqual(readComposeText('name: demo\nservices:\n  api: {image: x}\n  db: {image: y}\n'), { name: 'demo', services: ['api', 'db'] });
    assert.deepEqual(readComposeText('services: [\n'), { services: [] });
    assert.deepEqual(readComposeText('- 1\n'), { services: [] });
  });

  it('walks a folder tree, skipping dependency and data folders', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'mlc-files-'));
    const w = (rel: string, text: string) => {
      fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
      fs.writeFileSync(path.join(root, rel), text);
    };
    w('compose.yaml', 'services:\n  api: {image: x}\n');
    w('compose.override.yaml', 'services:\n  api: {ports: ["8000:8000"]}\n  extra: {image: z}\n');
    w('serving/docker-compose.yml', 'name: Serve\nservices:\n  llm: {image: v}\n');
    w('node_modules/pkg/compose.yaml', 'services:\n  no: {image: x}\n');
    w('data/compose.yaml', 'services:\n  no: {image: x}\n');
    const found = await findComposeProjects(root);
    assert.deepEqual(found.map((f) => [path.relative(root, f.set.dir), f.set.projectName, f.services]), [
      ['', normalizeProjectName(path.basename(root)), ['api', 'extra']],
      ['serving', 'serve', ['llm']],
    ]);
    fs.rmSync(root, { recursive: true, force: true });
  });
});
