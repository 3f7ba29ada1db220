import * as vscode from 'vscode';
import { containerTargets, engineOf, forEachWithProgress, type ExplorerCommand } from './context';

export const startContainerCommand: ExplorerCommand = {
  id: 'mlContainers.containers.start',
  run: async (ctx, node, nodes) => {
    const targets = await containerTargets(ctx, node, nodes, { many: true, states: ['created', 'exited', 'dead'], title: vscode.l10n.t('Start containers') });
    if (!targets.length) return;
    const engine = await engineOf(ctx);
    await forEachWithProgress(ctx, vscode.l10n.t('Starting'), targets, (t) => t.name, (t, signal) => engine.startContainer(t.id, { signal }));
  },
};
