// The in-editor suite for a desktop VS Code (@vscode/test-electron): the same scenarios as the
// code-server run, asserted through the editor API (diagnostics, code actions, snippets, commands)
// and the engine API. Prints "N passed, M failed" like the code-server run.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';
import { dockerignoreText } from '../../../src/docker/ignoreTemplate';
import { expandSnippet } from '../../unit/helpers/snippetExpand';
import * as engineApi from '../lib/engine';
import { waitFor } from '../lib/util';

const workspace = process.env.ML_E2E_WORKSPACE ?? '';
const repo = path.resolve(__dirname, '../../..');

function codes(uri: vscode.Uri): string[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'ml-containers')
    .map((d) => String(typeof d.code === 'object' ? d.code.value : d.code));
}

function defineTests(): void {
  suite('ML Containers in VS Code', () => {
    const dockerfile = vscode.Uri.file(path.join(workspace, 'Dockerfile'));

    suiteSetup(async () => {
      const ext = vscode.extensions.getExtension('ml-containers.ml-containers');
      assert.ok(ext, 'extension not installed');
      await ext.activate();
    });

    test('lint: an ML Dockerfile gets its diagnostics', async () => {
      await vscode.window.showTextDocument(dockerfile);
      await waitFor(() => ['ML001', 'DL3000', 'DL3007', 'DL3027'].every((c) => codes(dockerfile).includes(c)),
        { timeout: 20000, what: 'diagnostics ML001, DL3000, DL3007, DL3027' });
      assert.ok(!codes(dockerfile).includes('DL3008'), 'DL3008 is suppressed by the pragma');
    });

    test('quick fix: Replace apt with apt-get', async () => {
      const doc = await vscode.workspace.openTextDocument(dockerfile);
      const diag = vscode.languages.getDiagnostics(dockerfile).find((d) => String(typeof d.code === 'object' ? d.code.value : d.code) === 'DL3027');
      assert.ok(diag);
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', dockerfile, diag.range);
      const fix = actions.find((a) => a.title === 'Replace apt with apt-get');
      assert.ok(fix?.edit, actions.map((a) => a.title).join(', '));
      assert.ok(await vscode.workspace.applyEdit(fix.edit));
      assert.match(doc.getText(), /^RUN apt-get install -y python3$/m);
      await waitFor(() => !codes(dockerfile).includes('DL3027'), { timeout: 10000, what: 'DL3027 to go' });
    });

    test('snippet: ml-pytorch-cuda inserts the expansion the unit tests lint', async () => {
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(path.join(workspace, 'Dockerfile.snippet')));
      const editor = await vscode.window.showTextDocument(doc);
      const snippets = JSON.parse(fs.readFileSync(path.join(repo, 'snippets/dockerfile.json'), 'utf8')) as Record<string, { prefix: string; body: string[] }>;
      const [name, snippet] = Object.entries(snippets).find(([, s]) => s.prefix === 'ml-pytorch-cuda') ?? [];
      assert.ok(name && snippet);
      await vscode.commands.executeCommand('editor.action.insertSnippet', { langId: 'dockerfile', name });
      await vscode.commands.executeCommand('leaveSnippet');
      assert.equal(editor.document.getText().trimEnd(), expandSnippet(snippet.body).trimEnd());
    });

    test('command: Create .dockerignore for ML Project', async () => {
      await vscode.commands.executeCommand('mlContainers.createDockerignore', vscode.Uri.file(workspace));
      assert.equal(fs.readFileSync(path.join(workspace, '.dockerignore'), 'utf8'), dockerignoreText());
      assert.equal(vscode.window.activeTextEditor?.document.languageId, 'ignore');
    });

    test('build, then the engine has the image', async () => {
      await vscode.commands.executeCommand('mlContainers.build', { dockerfile: path.join(workspace, 'tiny/Dockerfile'), tag: 'ml-e2e/built:1' });
      await waitFor(async () => (await engineApi.imageTags()).includes('ml-e2e/built:1'), { timeout: 60000, what: 'the built image' });
    });
  });
}

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', timeout: 90000, color: false });
  mocha.suite.emit('pre-require', globalThis, 'suite.ts', mocha);
  defineTests();
  return new Promise((resolve, reject) => {
    mocha.run((failures) => {
      const total = mocha.suite.total();
      console.log(`${total - failures} passed, ${failures} failed`);
      if (failures > 0) reject(new Error(`${failures} failed`));
      else resolve();
    });
  });
}
