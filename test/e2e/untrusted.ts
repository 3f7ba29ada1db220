// The lint entry points in a workspace that is NOT trusted (workspace trust enabled, Restricted Mode):
// its own code-server, since every other scenario runs with trust disabled. A hostile folder's
// `.vscode/settings.json` cannot choose the lint config file (mlContainers.lint.configFile is a
// restricted setting), and a hostile `.hadolint.yaml` (an alias bomb) becomes one problem on that
// file while its Dockerfile is still linted with the defaults.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium } from 'playwright-core';
import { startCodeServer } from './lib/codeServer';
import { waitFor, withTimeout } from './lib/util';
import { CHROMIUM_ARGS, Workbench } from './lib/workbench';

export const UNTRUSTED_SCENARIO = 'trust: in an untrusted workspace the lint config setting is ignored, a hostile .hadolint.yaml does not stop linting, ShellCheck findings arrive';

const HAS_SHELLCHECK = spawnSync('shellcheck', ['--version']).status === 0;
const DOCKERFILE = 'FROM ubuntu:24.04\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n';

function makeWorkspace(root: string): string {
  const ws = path.join(root, 'workspace');
  fs.mkdirSync(path.join(ws, '.vscode'), { recursive: true });
  fs.mkdirSync(path.join(ws, 'svc'), { recursive: true });
  // the second pass: ShellCheck (when installed) runs in untrusted workspaces too
  fs.writeFileSync(path.join(ws, 'Dockerfile'), DOCKERFILE + 'RUN echo $1 > /tmp/first-arg\n');
  // would silence DL3008 if the workspace could pick the config file
  fs.writeFileSync(path.join(ws, 'quiet.yaml'), 'ignored: [DL3008]\n');
  fs.writeFileSync(path.join(ws, '.vscode', 'settings.json'), JSON.stringify({ 'mlContainers.lint.configFile': 'quiet.yaml' }));
  fs.writeFileSync(path.join(ws, 'svc', 'Dockerfile'), DOCKERFILE);
  const bomb = ['a: &a [DL3008, DL3009]', 'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]', 'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]', 'ignored: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]'];
  fs.writeFileSync(path.join(ws, 'svc', '.hadolint.yaml'), bomb.join('\n') + '\n');
  return ws;
}

/** Problems panel rows under each file header. */
function byFile(rows: string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const r of rows) {
    const header = /^(\S+)\s.*\d+$/.exec(r);
    if (header && !r.includes('ml-containers')) out.set(r, (current = []));
    else current?.push(r);
  }
  return out;
}

export async function runUntrustedScenario(opts: { root: string; vsix: string; results: string }): Promise<void> {
  const root = path.join(opts.root, 'untrusted');
  fs.mkdirSync(root, { recursive: true });
  const workspace = makeWorkspace(root);
  const server = await startCodeServer({ root, workspace, vsix: opts.vsix, untrusted: true });
  try {
    const browser = await chromium.launch({ executablePath: process.env.ML_E2E_CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
    try {
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      const wb = new Workbench(page);
      try {
        await withTimeout((async () => {
          await wb.open(server.url);
          // Restricted Mode is on: the status bar says so
          await waitFor(async () => (await page.locator('.statusbar-item').allInnerTexts()).some((t) => /Restricted Mode/i.test(t)),
            { timeout: 20000, what: 'the Restricted Mode status bar item' });
          await wb.openFile('Dockerfile');
          await wb.openFile('svc/Dockerfile');
          await wb.showProblems();
          let last: string[] = [];
          await waitFor(async () => {
            last = await wb.problemRows();
            const groups = [...byFile(last).entries()];
            const dockerfiles = groups.filter(([h]) => h.startsWith('Dockerfile'));
            const config = groups.find(([h]) => h.startsWith('.hadolint.yaml'));
            return dockerfiles.length === 2 && dockerfiles.every(([, rows]) => rows.some((r) => /ml-containers\W*DL3008\b/.test(r))) &&
              config?.[1].some((r) => /aliases/.test(r));
          }, { timeout: 30000, what: 'DL3008 in both Dockerfiles and the alias problem on svc/.hadolint.yaml' }).catch((err: Error) => {
            throw new Error(`${err.message}; rows:\n${last.join('\n')}`);
          });
          const configRows = [...byFile(last).entries()].find(([h]) => h.startsWith('.hadolint.yaml'))?.[1] ?? [];
          assert.equal(configRows.length, 1, `one problem on the refused config:\n${configRows.join('\n')}`);
          if (HAS_SHELLCHECK) {
            await waitFor(async () => {
              last = await wb.problemRows();
              return last.some((r) => /ml-containers\W*SC2086\b/.test(r) && /\[Ln 3, Col 10\]/.test(r));
            }, { timeout: 30000, what: 'SC2086 from the ShellCheck pass at Ln 3, Col 10' }).catch((err: Error) => {
              throw new Error(`${err.message}; rows:\n${last.join('\n')}`);
            });
          }
        })(), 120000, UNTRUSTED_SCENARIO);
      } catch (err) {
        await page.screenshot({ path: path.join(opts.results, 'trust-untrusted-workspace.png') }).catch(() => undefined);
        throw err;
      }
    } finally {
      await browser.close().catch(() => undefined);
    }
  } finally {
    await server.stop();
  }
}
