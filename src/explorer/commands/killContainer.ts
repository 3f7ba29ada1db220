import * as vscode from 'vscode';
import { containerTargets, engineOf, forEachWithProgress, type ExplorerCommand } from './context';

/** Kill: for a container that ignores stop (a training loop that traps SIGTERM), after a confirmation. */
export const killContainerCommand: ExplorerCommand = {
  id: 'mlContainers.containers.kill',
  run: async (ctx, node, nodes) => {
    const targets = await containerTargets(ctx, node, nodes, { many: true, states: ['running', 'paused', 'restarting'], title: vscode.l10n.t('Kill containers') });
    if (!targets.length) return;
    const names = targets.length === 1 ? `"${targets[0].name}"` : vscode.l10n.t('{0} containers', targets.length);
    const kill = vscode.l10n.t('Kill');
    const ok = await vscode.window.showWarningMessage(vscode.l10n.t('Kill {0} now?', names), { modal: true, detail: vscode.l10n.t('The processes get SIGKILL: no chance to save a checkpoint.') }, kill);
    if (ok !== kill) return;
    const engine = await engineOf(ctx);
    await forEachWithProgress(ctx, vscode.l10n.t('Killing'), targets, (t) => t.name, (t, signal) => engine.killContainer(t.id, { signal }));
  },
};
