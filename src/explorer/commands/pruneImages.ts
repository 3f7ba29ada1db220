import * as vscode from 'vscode';
import { formatSize } from '../../docker/imageInfo';
import { engineOf, type ExplorerCommand } from './context';

/** Removes dangling images after a confirmation, then says how much space came back. */
export const pruneImagesCommand: ExplorerCommand = {
  id: 'mlContainers.images.prune',
  run: async (ctx) => {
    const prune = vscode.l10n.t('Remove Dangling Images');
    const answer = await vscode.window.showWarningMessage(
      vscode.l10n.t('Remove all dangling images?'),
      { modal: true, detail: vscode.l10n.t('Untagged images not used by any container are deleted.') },
      prune,
    );
    if (answer !== prune) return;
    const engine = await engineOf(ctx);
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Removing dangling images…') },
      () => engine.pruneImages(),
    );
    ctx.refresh.refreshNow(['images']);
    const count = (result.ImagesDeleted ?? []).filter((d) => d.Deleted).length;
    void vscode.window.showInformationMessage(
      vscode.l10n.t('Removed {0} dangling image(s); reclaimed {1}.', count, formatSize(result.SpaceReclaimed)),
    );
  },
};
