// Network commands: inspect, remove (built-in networks and networks with containers attached are
// refused with the reason), prune, copy name. `(node?, nodes?)` from the tree, a picker from the palette.
import * as vscode from 'vscode';
import type { NetworkSummary } from '../../docker/engine';
import { buildNetworkTree, networksNotRemovableMessage, type NetworkNode } from '../networksTree';
import { engineOf, forEachWithProgress, fromKeybinding, selection, type ExplorerCommand, type ExplorerCommandContext } from './context';

interface NetworkTarget {
  readonly id: string;
  readonly name: string;
}

async function listNetworks(ctx: ExplorerCommandContext): Promise<NetworkSummary[]> {
  const state = ctx.model.networks;
  if (state.status === 'ok') return [...state.items];
  return (await engineOf(ctx)).listNetworks();
}

export async function networkTargets(
  ctx: ExplorerCommandContext,
  node: unknown,
  nodes: unknown,
  opts: { many: boolean; title: string; removableOnly?: boolean },
): Promise<NetworkTarget[]> {
  const keyboard = fromKeybinding(node);
  if (keyboard) [node, nodes] = [ctx.selected('networks')[0], ctx.selected('networks')];
  const picked = selection<NetworkNode>(node, nodes, 'network').map((n) => ({ id: n.network.Id, name: n.name }));
  if (picked.length) return opts.many ? picked : picked.slice(0, 1);
  if (keyboard) return [];
  const tree = buildNetworkTree(await listNetworks(ctx), ctx.model.containerItems, { now: Date.now() }).filter((n) => !opts.removableOnly || !n.builtin);
  if (!tree.length) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No networks to choose from.'));
    return [];
  }
  const items = tree.map((n) => ({ label: n.name, description: n.description, target: { id: n.network.Id, name: n.name } }));
  if (opts.many) {
    const chosen = await vscode.window.showQuickPick(items, { title: opts.title, canPickMany: true });
    return (chosen ?? []).map((i) => i.target);
  }
  const chosen = await vscode.window.showQuickPick(items, { title: opts.title });
  return chosen ? [chosen.target] : [];
}

export const inspectNetworkCommand: ExplorerCommand = {
  id: 'mlContainers.networks.inspect',
  run: async (ctx, node, nodes) => {
    const [t] = await networkTargets(ctx, node, nodes, { many: false, title: vscode.l10n.t('Inspect network') });
    if (!t) return;
    const engine = await engineOf(ctx);
    await ctx.documents.open(`/networks/${t.name.replace(/[/:@\\]/g, '_')}.json`, async (signal) => JSON.stringify(await engine.inspectNetwork(t.id, { signal }), null, 2));
  },
};

/** Removes networks after a modal confirmation; built-in networks and networks in use are refused with the reason. */
export const removeNetworkCommand: ExplorerCommand = {
  id: 'mlContainers.networks.remove',
  run: async (ctx, node, nodes) => {
    const targets = await networkTargets(ctx, node, nodes, { many: true, title: vscode.l10n.t('Remove networks'), removableOnly: true });
    if (!targets.length) return;
    const engine = await engineOf(ctx);
    const [networks, containers] = await Promise.all([engine.listNetworks(), engine.listContainers({ all: true })]);
    const refusal = networksNotRemovableMessage(targets.map((t) => ({ Id: t.id, Name: t.name })), networks, containers);
    if (refusal) {
      void vscode.window.showWarningMessage(refusal);
      return;
    }
    const names = targets.length === 1 ? `"${targets[0].name}"` : vscode.l10n.t('{0} networks', targets.length);
    const remove = vscode.l10n.t('Remove');
    const answer = await vscode.window.showWarningMessage(
      vscode.l10n.t('Remove {0}?', names),
      { modal: true, detail: vscode.l10n.t('Containers created later cannot join it any more; compose recreates its own networks on the next "up".') },
      remove,
    );
    if (answer !== remove) return;
    await forEachWithProgress(ctx, vscode.l10n.t('Removing'), targets, (t) => t.name, (t, signal) => engine.removeNetwork(t.id, { signal }));
  },
};

export const pruneNetworksCommand: ExplorerCommand = {
  id: 'mlContainers.networks.prune',
  run: async (ctx) => {
    const prune = vscode.l10n.t('Remove Unused Networks');
    const answer = await vscode.window.showWarningMessage(
      vscode.l10n.t('Remove all unused networks?'),
      { modal: true, detail: vscode.l10n.t('Custom networks no container is attached to are deleted. The built-in bridge, host and none stay.') },
      prune,
    );
    if (answer !== prune) return;
    const engine = await engineOf(ctx);
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Removing unused networks…') },
      () => engine.pruneNetworks(),
    );
    ctx.refresh.refreshNow(['networks']);
    const deleted = result.NetworksDeleted ?? [];
    void vscode.window.showInformationMessage(
      deleted.length ? vscode.l10n.t('Removed {0} network(s): {1}.', deleted.length, deleted.join(', ')) : vscode.l10n.t('No unused networks to remove.'),
    );
  },
};

export const copyNetworkNameCommand: ExplorerCommand = {
  id: 'mlContainers.networks.copyName',
  run: async (ctx, node, nodes) => {
    const [t] = await networkTargets(ctx, node, nodes, { many: false, title: vscode.l10n.t('Copy network name') });
    if (!t) return;
    await vscode.env.clipboard.writeText(t.name);
    vscode.window.setStatusBarMessage(vscode.l10n.t('Copied {0}', t.name), 3000);
  },
};

export const NETWORK_COMMANDS: readonly ExplorerCommand[] = [inspectNetworkCommand, removeNetworkCommand, pruneNetworksCommand, copyNetworkNameCommand];
