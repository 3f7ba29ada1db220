import * as vscode from 'vscode';
import { ENGINE_HOST_SETTING } from '../../services/engineManager';
import type { ExplorerCommand } from './context';

/** Message row "Configure engine…": the setting, with what is used now. */
export const configureEngineCommand: ExplorerCommand = {
  id: 'mlContainers.explorer.configureEngine',
  run: async (ctx) => {
    ctx.log.info(`engine: now ${ctx.engines.describe()}`);
    await vscode.commands.executeCommand('workbench.action.openSettings', ENGINE_HOST_SETTING);
  },
};
