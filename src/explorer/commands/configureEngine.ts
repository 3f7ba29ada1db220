import * as fs from 'node:fs';
import * as os from 'node:os';
import * as vscode from 'vscode';
import { ENGINE_HOST_SETTING } from '../../services/engineManager';
import { engineCandidates } from '../engineCandidates';
import type { ExplorerCommand } from './context';

const readDir = (p: string): string[] => {
  try {
    return fs.readdirSync(p);
  } catch {
    return [];
  }
};
const readFile = (p: string): string | undefined => {
  try {
    return fs.readFileSync(p, 'utf8');
  } catch {
    return undefined;
  }
};

/**
 * "Choose Engine…" (status bar, error rows, palette): a picker of the engines found on this machine that
 * writes `mlContainers.engine.host` itself. The setting is machine-scoped, so in a remote window
 * (code-server, Remote-SSH, WSL) an opened Settings page would show the wrong tab; writing it here
 * always lands where the extension host reads it.
 */
export const configureEngineCommand: ExplorerCommand = {
  id: 'mlContainers.explorer.configureEngine',
  run: async (ctx) => {
    ctx.log.info(`engine: now ${ctx.engines.describe()}`);
    const current = vscode.workspace.getConfiguration().get<string>(ENGINE_HOST_SETTING, '');
    type Item = vscode.QuickPickItem & { host?: string; other?: 'enter' | 'settings' };
    const found = engineCandidates({ env: process.env, homeDir: os.homedir(), exists: fs.existsSync, readDir, readFile });
    const items: Item[] = found.map((c) => ({
      label: `${c.host === current ? '$(check) ' : ''}${c.label}`,
      description: c.detail,
      host: c.host,
    }));
    items.push(
      { label: vscode.l10n.t('$(edit) Enter a host…'), description: 'unix://…, tcp://host:2376, ssh://user@host', other: 'enter' },
      { label: vscode.l10n.t('$(gear) Open the setting'), other: 'settings' },
    );
    const pick = await vscode.window.showQuickPick(items, {
      title: vscode.l10n.t('Container engine (now: {0})', ctx.engines.describe()),
      placeHolder: vscode.l10n.t('Choose the engine ML Containers talks to'),
      matchOnDescription: true,
    });
    if (!pick) return;
    let host = pick.host;
    if (pick.other === 'settings') {
      await vscode.commands.executeCommand(vscode.env.remoteName ? 'workbench.action.openRemoteSettings' : 'workbench.action.openSettings', ENGINE_HOST_SETTING);
      return;
    }
    if (pick.other === 'enter') {
      host = await vscode.window.showInputBox({
        prompt: vscode.l10n.t('Engine host, like docker -H'), value: current, ignoreFocusOut: true,
        validateInput: (t) => (t === '' || /^(unix|tcp|ssh|npipe|https?):\/\/\S+$/.test(t.trim()) ? undefined : vscode.l10n.t('Use unix://, tcp://, ssh:// or npipe://')),
      });
      if (host === undefined) return;
      host = host.trim();
    }
    if (host === undefined || host === current) return;
    await vscode.workspace.getConfiguration().update(ENGINE_HOST_SETTING, host, vscode.ConfigurationTarget.Global);
    ctx.log.info(`engine: ${ENGINE_HOST_SETTING} set to "${host}"`);
  },
};
