import * as vscode from 'vscode';
import { engineOf, forEachWithProgress, imageTargets, type ExplorerCommand } from './context';

/** Removes tags (multi-select) after a modal confirmation; the image goes when its last tag does. */
export const removeImageCommand: ExplorerCommand = {
  id: 'mlContainers.images.remove',
  run: async (ctx, node, nodes) => {
    const targets = await imageTargets(ctx, node, nodes, { many: true, title: vscode.l10n.t('Remove images') });
    if (!targets.length) return;
    const names = targets.length === 1 ? `"${targets[0].ref}"` : vscode.l10n.t('{0} images', targets.length);
    const remove = vscode.l10n.t('Remove');
    const answer = await vscode.window.showWarningMessage(
      vscode.l10n.t('Remove {0}?', names),
      { modal: true, detail: vscode.l10n.t('Untags them; layers no other image uses are deleted. Images used by containers are not removed.') },
      remove,
    );
    if (answer !== remove) return;
    const engine = await engineOf(ctx);
    await forEachWithProgress(ctx, vscode.l10n.t('Removing'), targets, (t) => t.ref, async (t, signal) => {
      await engine.removeImage(t.ref, { signal });
    });
  },
};
