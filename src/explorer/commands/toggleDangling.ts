import * as vscode from 'vscode';
import type { ExplorerCommand } from './context';

/** Images view title: show/hide dangling (<none>) images. */
export const toggleDanglingCommand: ExplorerCommand = {
  id: 'mlContainers.images.toggleDangling',
  run: async (ctx) => {
    const config = vscode.workspace.getConfiguration('mlContainers.images');
    await config.update('showDangling', !config.get<boolean>('showDangling', false), vscode.ConfigurationTarget.Global);
    ctx.rerenderImages();
  },
};
