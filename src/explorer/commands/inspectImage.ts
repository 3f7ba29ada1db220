import * as vscode from 'vscode';
import { engineOf, imageTargets, type ExplorerCommand } from './context';

/** Opens `docker image inspect` JSON as a read-only document. */
export const inspectImageCommand: ExplorerCommand = {
  id: 'mlContainers.images.inspect',
  run: async (ctx, node, nodes) => {
    const [t] = await imageTargets(ctx, node, nodes, { many: false, title: vscode.l10n.t('Inspect image') });
    if (!t) return;
    const engine = await engineOf(ctx);
    await ctx.documents.open(`/images/${t.ref.replace(/[/:@]/g, '_')}.json`, async (signal) =>
      JSON.stringify(await engine.inspectImage(t.id, { signal }), null, 2),
    );
  },
};
