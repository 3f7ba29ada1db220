import * as vscode from 'vscode';
import { containerTargets, engineOf, forEachWithProgress, type ExplorerCommand } from './context';

export const stopContainerCommand: ExplorerCommand = {
  id: 'mlContainers.containers.stop',
  run: async (ctx, node, nodes) => {
    const targets = await containerTargets(ctx, node, nodes, { many: true, states: ['running', 'paused', 'restarting'], title: vscode.l10n.t('Stop containers') });
    if (!targets.length) return;
    const engine = await engineOf(ctx);
    await forEachWithProgress(ctx, vscode.l10n.t('Stopping'), targets, (t) => t.name, (t, signal) => engine.stopContainer(t.id, { signal }));
  },
};
