// End-to-end tests in a real VS Code (entry: test/e2e/run.js, through `npm run test:e2e`).
//  - VSCODE_EXECUTABLE_PATH set: the in-editor mocha suite runs under @vscode/test-electron.
//  - otherwise (offline machines): code-server + Debian Chromium driven by playwright-core.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCodeServerSuite } from './codeServerSuite';
import { runElectron } from './electron/runElectron';
import { run } from './lib/util';

const repo = path.resolve(__dirname, '../..');
const results = path.join(repo, 'test-results/e2e');

/** Newest modification time under a path. */
function newest(p: string): number {
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(st.mtimeMs, ...fs.readdirSync(p).map((f) => newest(path.join(p, f))));
}

/** The .vsix under test: ML_E2E_VSIX, or ml-containers.vsix rebuilt when any input is newer. */
async function ensureVsix(): Promise<string> {
  if (process.env.ML_E2E_VSIX) return path.resolve(process.env.ML_E2E_VSIX);
  const vsix = path.join(repo, 'ml-containers.vsix');
  const inputs = ['src', 'snippets', 'syntaxes', 'media', 'docs', 'package.json', 'esbuild.js', '.vscodeignore', 'README.md']
    .map((p) => path.join(repo, p)).filter((p) => fs.existsSync(p));
  if (!fs.existsSync(vsix) || fs.statSync(vsix).mtimeMs < Math.max(...inputs.map(newest))) {
    console.log('e2e: packaging ml-containers.vsix (npm run package)');
    await run('npm', ['run', '--silent', 'package'], { cwd: repo });
  }
  return vsix;
}

/** A folder a data scientist might open: an ML Dockerfile with problems, a tiny buildable image, data. */
function makeWorkspace(root: string): string {
  const ws = path.join(root, 'workspace');
  fs.cpSync(path.join(__dirname, 'fixtures/workspace'), ws, { recursive: true });
  const busybox = process.env.ML_TEST_BUSYBOX ?? '/bin/busybox';
  fs.copyFileSync(busybox, path.join(ws, 'tiny/busybox'));
  fs.chmodSync(path.join(ws, 'tiny/busybox'), 0o755);
  return ws;
}

export async function main(): Promise<number> {
  if (!process.env.DOCKER_HOST?.startsWith('unix://')) {
    throw new Error('run through `npm run test:e2e`: scripts/with-test-env.sh sets up the private engine and registries');
  }
  fs.rmSync(results, { recursive: true, force: true });
  fs.mkdirSync(results, { recursive: true });
  const vsix = await ensureVsix();
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ml-e2e-'));
  try {
    const workspace = makeWorkspace(root);
    if (process.env.VSCODE_EXECUTABLE_PATH) {
      return await runElectron({ root, workspace, results });
    }
    return await runCodeServerSuite({ root, workspace, vsix, results });
  } finally {
    if (process.env.ML_E2E_KEEP === '1') console.log(`e2e: kept ${root}`);
    else fs.rmSync(root, { recursive: true, force: true });
  }
}
