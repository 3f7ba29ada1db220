// Smoke test of build / run / push in a real VS Code (code-server + Chromium), through the palette
// and pickers as a user drives them. Not run by mocha (not *.test.ts); meant to be folded into
// test/e2e/scenarios by the e2e owner. Run:
//   npm run package   (or: node esbuild.js --production && npx vsce package --no-dependencies --out /tmp/mlc.vsix)
//   ML_SMOKE_VSIX=$PWD/ml-containers.vsix bash scripts/with-test-env.sh node test/integration/buildRunPush/codeServerSmoke.js
// Checks: first build through the pickers → notification "Built … with BuildKit" and the image on the engine;
// the second build is one Enter; a failing RUN → "Build failed at line 8" and a Problems row on line 8; Run
// with a new profile → a container and .vscode/ml-containers.yaml; a GPU profile → the NVIDIA message;
// Push → 401 → "Enter Credentials" → prompted user/password → pushed, and the password in no file
// (logs, settings, state) under the code-server folder. Screenshots go to test-results/buildRunPush/.
'use strict';
require('tsx/cjs');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { chromium } = require('playwright-core');
const { startCodeServer } = require('../../e2e/lib/codeServer.ts');
const { Workbench, CHROMIUM_ARGS } = require('../../e2e/lib/workbench.ts');
const { waitFor } = require('../../e2e/lib/util.ts');
const Dockerode = require('dockerode');

const shots = path.resolve(__dirname, '../../../test-results/buildRunPush');

async function main() {
  if (!process.env.ML_SMOKE_VSIX || !process.env.ML_TEST_REGISTRY) throw new Error('see the header: ML_SMOKE_VSIX and the test environment are needed');
  fs.mkdirSync(shots, { recursive: true });
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'mlc-smoke-'));
  const ws = path.join(root, 'smokews');
  fs.mkdirSync(path.join(ws, 'data'), { recursive: true });
  fs.copyFileSync('/bin/busybox', path.join(ws, 'busybox'));
  const good = 'FROM scratch\nCOPY busybox /bin/busybox\nRUN ["/bin/busybox", "--install", "-s", "/bin"]\nRUN echo hello\nCMD ["sh", "-c", "echo hi-from-run; sleep 3"]\n';
  fs.writeFileSync(path.join(ws, 'Dockerfile'), good);
  fs.writeFileSync(path.join(ws, '.dockerignore'), 'data\n');
  const server = await startCodeServer({ root, workspace: ws, vsix: process.env.ML_SMOKE_VSIX,
    settings: { 'mlContainers.engine.host': process.env.DOCKER_HOST, 'mlContainers.build.network': 'none' } });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const d = new Dockerode();
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const wb = new Workbench(page);
    await wb.open(server.url);
    const qi = page.locator('.quick-input-widget');
    const enterWhen = async (re, what) => {
      await waitFor(async () => (await qi.isVisible()) && re.test((await qi.innerText()) + ' ' + ((await qi.locator('input.input').getAttribute('placeholder')) ?? '') + ' ' + ((await qi.locator('input.input').getAttribute('aria-label')) ?? '')), { timeout: 15000, what });
      await page.keyboard.press('Enter');
    };
    await wb.openFile('Dockerfile');
    await wb.runCommand('ML Containers: Build Image…');
    await enterWhen(/Build context folder/, 'context picker');
    await enterWhen(/Image tag/, 'tag input');
    await enterWhen(/Build args/, 'args input');
    await enterWhen(/Options/, 'flags');
    const n = await wb.waitForNotification(/Built smokews:latest with BuildKit/, 60000);
    console.log('notification:', n);
    const img = await d.getImage('smokews:latest').inspect();
    console.log('image', img.Id);
    await wb.runCommand('Notifications: Clear All Notifications').catch(() => undefined);
    // second build: one keystroke
    await wb.runCommand('ML Containers: Build Image…');
    await enterWhen(/Build smokews:latest/, 'remembered build');
    console.log('again:', await wb.waitForNotification(/Built smokews:latest/, 60000));
    await wb.runCommand('Notifications: Clear All Notifications').catch(() => undefined);
    // failing build → line + problem
    fs.writeFileSync(path.join(ws, 'Dockerfile'), good + '\n# fails:\nRUN echo boom && exit 3\n');
    await wb.runCommand('ML Containers: Build Image…');
    await enterWhen(/Build smokews:latest/, 'remembered build');
    console.log('fail:', await wb.waitForNotification(/Build failed at line 8/, 60000));
    await wb.closeQuickInput(); await page.keyboard.press('Control+Shift+M');
    const rows = await waitFor(async () => { const r = await wb.problemRows(); return r.some((x) => /Build failed here/.test(x)) ? r : undefined; }, { timeout: 15000, what: 'problem row' });
    console.log('problems:', rows.filter((x) => /Build failed/.test(x)));
    // ---- run: new profile with defaults (interactive, --rm), then the GPU message
    await wb.closeQuickInput();
    await wb.runCommand('ML Containers: Run Image…');
    const typeEnter = async (re, what, text) => {
      await waitFor(async () => (await qi.isVisible()) && re.test((await qi.innerText()) + ' ' + ((await qi.locator('input.input').getAttribute('placeholder')) ?? '')), { timeout: 15000, what });
      if (text !== undefined) await qi.locator('input.input').fill(text);
      await page.keyboard.press('Enter');
    };
    await typeEnter(/Image to run/, 'image pick', 'smokews:latest');
    await enterWhen(/Bind mounts/, 'mounts');
    await enterWhen(/Published ports/, 'ports');
    await enterWhen(/GPU/, 'gpu');
    await enterWhen(/Run options/, 'flags');
    await typeEnter(/Save as run profile/, 'profile name', 'plain');
    await waitFor(async () => (await d.listContainers({ all: true })).find((c) => c.Image === 'smokews:latest'), { timeout: 20000, what: 'a container of smokews' });
    await page.screenshot({ path: path.join(shots, 'smoke-run.png') });
    console.log('profiles file:\n' + fs.readFileSync(path.join(ws, '.vscode/ml-containers.yaml'), 'utf8'));
    // GPU profile
    await wb.focusEditor();
    await wb.runCommand('ML Containers: Run Image…');
    await typeEnter(/Image to run/, 'image pick', 'smokews:latest');
    await typeEnter(/Run smokews/, 'profile pick', 'New run profile');
    await enterWhen(/Bind mounts/, 'mounts');
    await enterWhen(/Published ports/, 'ports');
    await typeEnter(/GPU/, 'gpu', 'All GPUs');
    await enterWhen(/Run options/, 'flags');
    await typeEnter(/Save as run profile/, 'profile name', 'gpu');
    console.log('gpu:', await wb.waitForNotification(/NVIDIA Container Toolkit/, 20000));
    // ---- push with prompted credentials, then make sure the password is in no log
    await wb.focusEditor();
    await wb.runCommand('ML Containers: Push Image…');
    await typeEnter(/Image to push/, 'image pick', 'smokews:latest');
    await typeEnter(/Target/, 'target', `${process.env.ML_TEST_REGISTRY}/smoke/img:1`);
    await wb.waitForNotification(/needs credentials/, 30000);
    await page.locator('.notifications-toasts .monaco-button', { hasText: 'Enter Credentials' }).first().click();
    await typeEnter(/User name|Log in/, 'user', process.env.ML_TEST_REGISTRY_USER);
    await typeEnter(/Password or access token/, 'password', process.env.ML_TEST_REGISTRY_PASSWORD);
    console.log('push:', await wb.waitForNotification(/Pushed .*smoke\/img:1/, 30000));
    const leaks = require('child_process').spawnSync('grep', ['-rl', process.env.ML_TEST_REGISTRY_PASSWORD, root], { encoding: 'utf8' }).stdout.trim();
    if (leaks) throw new Error(`the registry password was written to: ${leaks}`);
    console.log('files under the code-server folder containing the password: none');
    await page.screenshot({ path: path.join(shots, 'smoke.png') });
  } catch (e) {
    const page = browser.contexts()[0]?.pages()[0];
    if (page) await page.screenshot({ path: path.join(shots, 'smoke-fail.png') });
    throw e;
  } finally {
    await browser.close();
    await server.stop();
  }
}
main().then(() => console.log('SMOKE OK'), (e) => { console.error('SMOKE FAIL', e); process.exitCode = 1; });
