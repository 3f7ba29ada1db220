import * as vscode from 'vscode';
import { containerTargets, engineOf, forEachWithProgress, type ExplorerCommand } from './context';

export const restartContainerCommand: ExplorerCommand = {
  id: 'mlContainers.containers.restart',
  run: async (ctx, node, nodes) => {
    const targets = await containerTargets(ctx, node, nodes, { many: true, title: vscode.l10n.t('Restart containers') });
    if (!targets.length) return;
    const engine = await engineOf(ctx);
    await forEachWithProgress(ctx, vscode.l10n.t('Restarting'), targets, (t) => t.name, (t, signal) => engine.restartContainer(t.id, { signal }));
  },
};
