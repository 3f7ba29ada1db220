// Where a desktop VS Code is available (VSCODE_EXECUTABLE_PATH): run the in-editor mocha suite
// (electron/suite.ts) inside it with @vscode/test-electron, against the same private engine and
// the same fixture workspace. Nothing is downloaded: without VSCODE_EXECUTABLE_PATH the
// code-server path runs instead.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { userSettings } from '../lib/codeServer';

const repo = path.resolve(__dirname, '../../..');

export async function runElectron(opts: { root: string; workspace: string; results: string }): Promise<number> {
  const executable = process.env.VSCODE_EXECUTABLE_PATH;
  if (!executable) throw new Error('VSCODE_EXECUTABLE_PATH is not set');
  const userData = path.join(opts.root, 'user-data');
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.writeFileSync(path.join(userData, 'User/settings.json'),
    JSON.stringify(userSettings({ 'mlContainers.engine.host': process.env.DOCKER_HOST, 'mlContainers.build.network': 'none' }), null, 2));
  try {
    await runTests({
      vscodeExecutablePath: executable,
      extensionDevelopmentPath: repo, // dist/ was built by `npm run package`
      extensionTestsPath: path.join(__dirname, 'index.js'),
      launchArgs: [opts.workspace, '--user-data-dir', userData, '--extensions-dir', path.join(opts.root, 'extensions'),
        '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
      extensionTestsEnv: { ML_E2E_WORKSPACE: opts.workspace, ML_E2E_RESULTS: opts.results },
    });
    return 0;
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    return 1;
  }
}
