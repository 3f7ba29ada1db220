import * as vscode from 'vscode';
import type { ExplorerCommand } from './context';

/** Copies the full id of the clicked container or image. */
export const copyIdCommand: ExplorerCommand = {
  id: 'mlContainers.explorer.copyId',
  run: async (_ctx, node) => {
    const n = node as { kind?: string; container?: { Id: string }; image?: { Id: string } } | undefined;
    const id = n?.kind === 'container' ? n.container?.Id : n?.kind === 'imageTag' ? n.image?.Id : undefined;
    if (!id) return;
    await vscode.env.clipboard.writeText(id);
    vscode.window.setStatusBarMessage(vscode.l10n.t('Copied {0}', id.replace(/^sha256:/, '').slice(0, 12)), 3000);
  },
};
