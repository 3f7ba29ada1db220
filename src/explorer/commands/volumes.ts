// Volume commands: inspect, remove (refused while containers mount the volume), prune, create, copy
// name. Each takes `(node?, nodes?)` from the tree and falls back to a picker from the palette.
import * as vscode from 'vscode';
import type { VolumeSummary } from '../../docker/engine';
import { formatSize } from '../../docker/imageInfo';
import { buildVolumeTree, displayVolumeName as display, validateVolumeName, volumesInUseMessage, volumeUsers, type VolumeNode } from '../volumesTree';
import { engineOf, forEachWithProgress, fromKeybinding, selection, type ExplorerCommand, type ExplorerCommandContext } from './context';

async function listVolumes(ctx: ExplorerCommandContext): Promise<VolumeSummary[]> {
  const state = ctx.model.volumes;
  if (state.status === 'ok') return [...state.items];
  return (await engineOf(ctx)).listVolumes();
}

/** Volume names from the tree (clicked node or selection), or from a quick pick. */
export async function volumeTargets(ctx: ExplorerCommandContext, node: unknown, nodes: unknown, opts: { many: boolean; title: string }): Promise<string[]> {
  const keyboard = fromKeybinding(node);
  if (keyboard) [node, nodes] = [ctx.selected('volumes')[0], ctx.selected('volumes')];
  const picked = selection<VolumeNode>(node, nodes, 'volume').map((n) => n.name);
  if (picked.length) return opts.many ? picked : picked.slice(0, 1);
  if (keyboard) return [];
  const tree = buildVolumeTree(await listVolumes(ctx), ctx.model.containerItems, { now: Date.now() });
  if (!tree.length) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No volumes to choose from.'));
    return [];
  }
  const items = tree.map((v) => ({ label: v.name, description: v.description, name: v.name }));
  if (opts.many) {
    const chosen = await vscode.window.showQuickPick(items, { title: opts.title, canPickMany: true });
    return (chosen ?? []).map((i) => i.name);
  }
  const chosen = await vscode.window.showQuickPick(items, { title: opts.title });
  return chosen ? [chosen.name] : [];
}

export const inspectVolumeCommand: ExplorerCommand = {
  id: 'mlContainers.volumes.inspect',
  run: async (ctx, node, nodes) => {
    const [name] = await volumeTargets(ctx, node, nodes, { many: false, title: vscode.l10n.t('Inspect volume') });
    if (!name) return;
    const engine = await engineOf(ctx);
    await ctx.documents.open(`/volumes/${name}.json`, async (signal) => JSON.stringify(await engine.inspectVolume(name, { signal }), null, 2));
  },
};

/** Removes volumes after a modal confirmation. Volumes that containers mount are refused, naming those containers. */
export const removeVolumeCommand: ExplorerCommand = {
  id: 'mlContainers.volumes.remove',
  run: async (ctx, node, nodes) => {
    const targets = await volumeTargets(ctx, node, nodes, { many: true, title: vscode.l10n.t('Remove volumes') });
    if (!targets.length) return;
    const engine = await engineOf(ctx);
    // A fresh list: the view may be a few hundred ms behind a container that was just created.
    const containers = await engine.listContainers({ all: true });
    const users = volumeUsers(containers);
    const busy = targets.filter((t) => (users.get(t) ?? []).length);
    const free = targets.filter((t) => !busy.includes(t));
    const refusal = volumesInUseMessage(busy, containers);
    if (!free.length) {
      void vscode.window.showWarningMessage(refusal ?? vscode.l10n.t('Nothing to remove.'));
      return;
    }
    const names = free.length === 1 ? `"${display(free[0])}"` : vscode.l10n.t('{0} volumes', free.length);
    const remove = vscode.l10n.t('Remove');
    const detail = [refusal ? `${refusal} ${vscode.l10n.t('Only the others are removed.')}` : '', vscode.l10n.t('The data in them is deleted for good.')].filter(Boolean).join('\n\n');
    const answer = await vscode.window.showWarningMessage(vscode.l10n.t('Remove {0}?', names), { modal: true, detail }, remove);
    if (answer !== remove) return;
    await forEachWithProgress(ctx, vscode.l10n.t('Removing'), free, display, (name, signal) => engine.removeVolume(name, { signal }));
  },
};

/** Removes unused volumes after a confirmation that says whether named ones go too; reports the space reclaimed. */
export const pruneVolumesCommand: ExplorerCommand = {
  id: 'mlContainers.volumes.prune',
  run: async (ctx) => {
    const engine = await engineOf(ctx);
    const anonymousOnly = await engine.canPruneAnonymousVolumesOnly();
    const anonymous = vscode.l10n.t('Remove Anonymous Volumes');
    const all = vscode.l10n.t('Remove All Unused Volumes');
    const detail = anonymousOnly
      ? vscode.l10n.t('Anonymous volumes that no container uses are deleted. "All unused" also deletes named volumes no container uses, datasets kept in them included.')
      : vscode.l10n.t('This engine (Engine API before 1.42) removes every volume no container uses, named ones included: datasets kept in named volumes are deleted too.');
    const answer = await vscode.window.showWarningMessage(
      vscode.l10n.t('Remove unused volumes?'),
      { modal: true, detail },
      ...(anonymousOnly ? [anonymous, all] : [all]),
    );
    if (answer !== anonymous && answer !== all) return;
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Removing unused volumes…') },
      () => engine.pruneVolumes({ all: answer === all }),
    );
    ctx.refresh.refreshNow(['volumes']);
    void vscode.window.showInformationMessage(
      vscode.l10n.t('Removed {0} volume(s); reclaimed {1}.', (result.VolumesDeleted ?? []).length, formatSize(result.SpaceReclaimed)),
    );
  },
};

/** Creates a named local volume. */
export const createVolumeCommand: ExplorerCommand = {
  id: 'mlContainers.volumes.create',
  run: async (ctx) => {
    const existing = (await listVolumes(ctx)).map((v) => v.Name);
    const name = await vscode.window.showInputBox({
      title: vscode.l10n.t('Create volume'),
      prompt: vscode.l10n.t('Name of the new volume (local driver)'),
      placeHolder: 'datasets',
      validateInput: (value) => (value.trim() === '' ? vscode.l10n.t('Enter a name.') : validateVolumeName(value.trim(), existing)),
    });
    if (!name?.trim()) return;
    const engine = await engineOf(ctx);
    const created = await engine.createVolume({ Name: name.trim() });
    ctx.refresh.refreshNow(['volumes']);
    vscode.window.setStatusBarMessage(vscode.l10n.t('Created volume {0}', created.Name), 3000);
  },
};

export const copyVolumeNameCommand: ExplorerCommand = {
  id: 'mlContainers.volumes.copyName',
  run: async (ctx, node, nodes) => {
    const [name] = await volumeTargets(ctx, node, nodes, { many: false, title: vscode.l10n.t('Copy volume name') });
    if (!name) return;
    await vscode.env.clipboard.writeText(name);
    vscode.window.setStatusBarMessage(vscode.l10n.t('Copied {0}', display(name)), 3000);
  },
};

export const VOLUME_COMMANDS: readonly ExplorerCommand[] = [inspectVolumeCommand, removeVolumeCommand, pruneVolumesCommand, createVolumeCommand, copyVolumeNameCommand];
