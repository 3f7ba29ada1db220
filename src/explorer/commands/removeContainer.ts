import * as vscode from 'vscode';
import { containerTargets, engineOf, forEachWithProgress, type ExplorerCommand } from './context';

/** Remove (multi-select), after a modal confirmation; running containers are force-removed only if confirmed. */
export const removeContainerCommand: ExplorerCommand = {
  id: 'mlContainers.containers.remove',
  run: async (ctx, node, nodes) => {
    const targets = await containerTargets(ctx, node, nodes, { many: true, title: vscode.l10n.t('Remove containers') });
    if (!targets.length) return;
    const running = targets.filter((t) => t.state === 'running' || t.state === 'paused' || t.state === 'restarting');
    const names = targets.length === 1 ? `"${targets[0].name}"` : vscode.l10n.t('{0} containers', targets.length);
    const detail = running.length
      ? vscode.l10n.t('{0} running: they will be stopped (killed) first. Their writable layers are deleted.', running.length)
      : vscode.l10n.t('Their writable layers are deleted. Volumes are kept.');
    const remove = vscode.l10n.t('Remove');
    const answer = await vscode.window.showWarningMessage(vscode.l10n.t('Remove {0}?', names), { modal: true, detail }, remove);
    if (answer !== remove) return;
    const engine = await engineOf(ctx);
    await forEachWithProgress(ctx, vscode.l10n.t('Removing'), targets, (t) => t.name, (t, signal) =>
      engine.removeContainer(t.id, { force: running.includes(t), signal }),
    );
  },
};
