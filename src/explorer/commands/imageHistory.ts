import * as vscode from 'vscode';
import { formatHistory } from '../../docker/imageInfo';
import { engineOf, imageTargets, type ExplorerCommand } from './context';

export const imageHistoryCommand: ExplorerCommand = {
  id: 'mlContainers.images.history',
  run: async (ctx, node, nodes) => {
    const [t] = await imageTargets(ctx, node, nodes, { many: false, title: vscode.l10n.t('Image history') });
    if (!t) return;
    const engine = await engineOf(ctx);
    await ctx.documents.open(`/history/${t.ref.replace(/[/:@]/g, '_')}.txt`, async (signal) =>
      formatHistory(t.ref, await engine.imageHistory(t.id, { signal }), Date.now()),
    );
  },
};
