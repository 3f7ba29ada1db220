// Runs the scenarios in code-server driven by Debian Chromium (playwright-core).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium } from 'playwright-core';
import { startCodeServer } from './lib/codeServer';
import { withTimeout } from './lib/util';
import { CHROMIUM_ARGS, Workbench } from './lib/workbench';
import { scenarios } from './scenarios';
import { UNTRUSTED_SCENARIO, runUntrustedScenario } from './untrusted';

const slug = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 80);
const secs = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/** Runs every scenario (or those matching ML_E2E_ONLY); returns the number that failed. */
export async function runCodeServerSuite(opts: { root: string; workspace: string; vsix: string; results: string }): Promise<number> {
  const only = process.env.ML_E2E_ONLY ? new RegExp(process.env.ML_E2E_ONLY, 'i') : undefined;
  const t0 = Date.now();
  const server = await startCodeServer({
    root: opts.root,
    workspace: opts.workspace,
    vsix: opts.vsix,
    // the extension host also inherits DOCKER_HOST / DOCKER_CONFIG of the private test environment
    // the private engine has no bridge network (--bridge=none): RUN steps must use network "none"
    settings: { 'mlContainers.engine.host': process.env.DOCKER_HOST, 'mlContainers.build.network': 'none' },
  });
  console.log(`e2e: code-server (pid ${server.pid}) ready in ${secs(Date.now() - t0)}`);
  let passed = 0;
  let failed = 0;
  try {
    const browser = await chromium.launch({ executablePath: process.env.ML_E2E_CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
    try {
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      const pageErrors: string[] = [];
      page.on('pageerror', (e) => pageErrors.push(e.message));
      const wb = new Workbench(page);
      const t1 = Date.now();
      await wb.open(server.url);
      console.log(`e2e: workbench ready in ${secs(Date.now() - t1)}`);
      for (const sc of scenarios) {
        if (only && !only.test(sc.name)) continue;
        const s0 = Date.now();
        try {
          await withTimeout(sc.run({ wb, page, workspace: opts.workspace, root: opts.root }), sc.timeout ?? 90000, sc.name);
          passed++;
          console.log(`  ✓ ${sc.name} (${secs(Date.now() - s0)})`);
        } catch (err) {
          failed++;
          const shot = path.join(opts.results, `${slug(sc.name)}.png`);
          await page.screenshot({ path: shot }).catch(() => undefined);
          const detail = String(err instanceof Error ? err.stack : err).split('\n').join('\n    ');
          console.log(`  ✗ ${sc.name} (${secs(Date.now() - s0)})\n    ${detail}\n    screenshot: ${path.relative(process.cwd(), shot)}`);
          await wb.closeQuickInput().catch(() => undefined);
          await page.keyboard.press('Escape').catch(() => undefined);
        }
      }
      if (failed && pageErrors.length) console.log(`e2e: page errors:\n  ${pageErrors.slice(0, 10).join('\n  ')}`);
    } finally {
      await browser.close().catch(() => undefined);
    }
  } finally {
    await server.stop();
    if (failed) {
      // the workbench and extension host logs explain most failures
      fs.cpSync(server.logFile, path.join(opts.results, 'code-server.log'));
      const logs = path.join(server.userData, 'logs');
      if (fs.existsSync(logs)) fs.cpSync(logs, path.join(opts.results, 'logs'), { recursive: true });
    }
  }
  // Workspace trust on: a code-server of its own, after the main one has stopped.
  if (!only || only.test(UNTRUSTED_SCENARIO)) {
    const s0 = Date.now();
    try {
      await runUntrustedScenario({ root: opts.root, vsix: opts.vsix, results: opts.results });
      passed++;
      console.log(`  ✓ ${UNTRUSTED_SCENARIO} (${secs(Date.now() - s0)})`);
    } catch (err) {
      failed++;
      const detail = String(err instanceof Error ? err.stack : err).split('\n').join('\n    ');
      console.log(`  ✗ ${UNTRUSTED_SCENARIO} (${secs(Date.now() - s0)})\n    ${detail}`);
    }
  }
  console.log(`e2e: total ${secs(Date.now() - t0)}`);
  console.log(`${passed} passed, ${failed} failed`);
  return failed;
}
