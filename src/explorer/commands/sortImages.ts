import * as vscode from 'vscode';
import type { ExplorerCommand } from './context';

/** Images view title: sort by name, created or size (the `mlContainers.images.sortBy` setting). */
export const sortImagesCommand: ExplorerCommand = {
  id: 'mlContainers.images.sort',
  run: async (ctx) => {
    const config = vscode.workspace.getConfiguration('mlContainers.images');
    const current = config.get<string>('sortBy', 'name');
    const items = [
      { label: vscode.l10n.t('Name'), value: 'name' },
      { label: vscode.l10n.t('Created (newest first)'), value: 'created' },
      { label: vscode.l10n.t('Size (largest first)'), value: 'size' },
    ].map((i) => ({ ...i, description: i.value === current ? vscode.l10n.t('current') : undefined }));
    const chosen = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Sort images by') });
    if (!chosen) return;
    await config.update('sortBy', chosen.value, vscode.ConfigurationTarget.Global);
    ctx.rerenderImages();
  },
};
