import * as vscode from 'vscode';
import { publishedUrls } from '../treeModel';
import { containerTargets, type ExplorerCommand } from './context';

/** Opens a published port (a notebook, a model API's docs) in the browser; forwarded when VS Code is remote. */
export const openInBrowserCommand: ExplorerCommand = {
  id: 'mlContainers.containers.openInBrowser',
  run: async (ctx, node, nodes) => {
    const [t] = await containerTargets(ctx, node, nodes, { many: false, states: ['running'], title: vscode.l10n.t('Open in browser') });
    if (!t) return;
    const engine = await ctx.engines.getEngine();
    const summary = (await engine.listContainers({ all: true })).find((c) => c.Id === t.id);
    const urls = publishedUrls(summary?.Ports ?? []);
    if (!urls.length) {
      void vscode.window.showInformationMessage(vscode.l10n.t('{0} publishes no TCP port. (A container on the host network serves on the host\'s own ports.)', t.name));
      return;
    }
    const pick = urls.length === 1 ? urls[0] : await vscode.window.showQuickPick(urls.map((u) => ({ ...u, label: u.url, description: u.label })), { title: vscode.l10n.t('Open a port of {0}', t.name) });
    if (!pick) return;
    const external = await vscode.env.asExternalUri(vscode.Uri.parse(pick.url));
    await vscode.env.openExternal(external);
  },
};
