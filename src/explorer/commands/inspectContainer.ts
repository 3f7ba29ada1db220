import * as vscode from 'vscode';
import { containerTargets, engineOf, type ExplorerCommand } from './context';

/** Opens `docker inspect` JSON of a container as a read-only document. */
export const inspectContainerCommand: ExplorerCommand = {
  id: 'mlContainers.containers.inspect',
  run: async (ctx, node, nodes) => {
    const [t] = await containerTargets(ctx, node, nodes, { many: false, title: vscode.l10n.t('Inspect container') });
    if (!t) return;
    const engine = await engineOf(ctx);
    await ctx.documents.open(`/containers/${t.name}.json`, async (signal) =>
      JSON.stringify(await engine.inspectContainer(t.id, { signal }), null, 2),
    );
  },
};
