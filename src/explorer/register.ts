// Wires the container explorer: model + refresh manager, the four tree views (images, containers,
// volumes, networks), the engine status bar
// item and the explorer's commands. The engine manager and the refresh signal come from extension.ts.
import * as vscode from 'vscode';
import { registerCommandTable } from '../services/commands';
import { EXPLORER_COMMANDS } from './commands/index';
import { ReadonlyDocuments } from './readonlyDocuments';
import type { EngineManager } from '../services/engineManager';
import type { RefreshSignal } from '../services/refreshSignal';
import { createExplorerCore } from './explorerModel';
import type { ViewKind } from './refreshManager';
import { shortEndpointLabel } from './treeModel';
import { ContainersTreeProvider, ImagesTreeProvider, NetworksTreeProvider, readVolumeViewSettings, VolumesTreeProvider } from './treeProviders';

export const IMAGES_VIEW = 'mlContainers.images';
export const CONTAINERS_VIEW = 'mlContainers.containers';
export const VOLUMES_VIEW = 'mlContainers.volumes';
export const NETWORKS_VIEW = 'mlContainers.networks';

export function registerExplorer(context: vscode.ExtensionContext, log: vscode.LogOutputChannel, engines: EngineManager, refreshSignal: RefreshSignal): void {
  const getEngine = () => engines.getEngine();
  const { model, refresh } = createExplorerCore(getEngine, { log: (m) => log.debug(`explorer: ${m}`), volumeSizes: () => readVolumeViewSettings().showSize });
  const images = new ImagesTreeProvider(model, getEngine);
  const containers = new ContainersTreeProvider(model, getEngine);
  const imagesView = vscode.window.createTreeView(IMAGES_VIEW, { treeDataProvider: images, canSelectMany: true, showCollapseAll: true });
  const containersView = vscode.window.createTreeView(CONTAINERS_VIEW, { treeDataProvider: containers, canSelectMany: true, showCollapseAll: true });
  const volumes = new VolumesTreeProvider(model, getEngine);
  const networks = new NetworksTreeProvider(model, getEngine);
  const volumesView = vscode.window.createTreeView(VOLUMES_VIEW, { treeDataProvider: volumes, canSelectMany: true });
  const networksView = vscode.window.createTreeView(NETWORKS_VIEW, { treeDataProvider: networks, canSelectMany: true });
  const views: Record<ViewKind, vscode.TreeView<unknown>> = { images: imagesView, containers: containersView, volumes: volumesView, networks: networksView };
  const documents = new ReadonlyDocuments();

  const status = vscode.window.createStatusBarItem('mlContainers.engine', vscode.StatusBarAlignment.Left, 10);
  status.name = vscode.l10n.t('ML Containers engine');
  status.command = 'mlContainers.explorer.configureEngine';
  const describeViews = () => {
    const endpoint = engines.endpoint;
    // e.g. "docker.sock · DOCKER_HOST", "engine/docker.sock · setting", "remote · context"; the full endpoint is in the tooltip and the log.
    const text = endpoint
      ? `${shortEndpointLabel(endpoint)} · ${endpoint.contextName ? 'context' : endpoint.source}`
      : vscode.l10n.t('engine not configured');
    for (const view of Object.values(views)) view.description = text;
    const error = [model.containers, model.images, model.volumes, model.networks].find((s) => s.status === 'error');
    const down = error?.status === 'error' && error.error.kind === 'unreachable';
    status.text = down ? `$(debug-disconnect) ${text} · ${vscode.l10n.t('not reachable')}` : `$(server-environment) ${text}`;
    status.backgroundColor = down ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    const state = down ? `\n\n$(warning) ${vscode.l10n.t('The engine does not answer: {0}', error.error.message)}` : '';
    status.tooltip = new vscode.MarkdownString(vscode.l10n.t('**Container engine**: {0}\n\nClick to choose another engine.', engines.describe()) + state, true);
  };
  describeViews();
  const updateStatus = () => (Object.values(views).some((v) => v.visible) ? status.show() : status.hide());
  updateStatus();

  const track = (view: vscode.TreeView<unknown>, kind: ViewKind) => {
    refresh.setVisible(kind, view.visible);
    return view.onDidChangeVisibility((e) => refresh.setVisible(kind, e.visible));
  };

  context.subscriptions.push(
    images,
    containers,
    volumes,
    networks,
    ...Object.values(views),
    documents,
    { dispose: () => refresh.dispose() },
    status,
    ...(Object.keys(views) as ViewKind[]).map((kind) => track(views[kind], kind)),
    ...Object.values(views).map((v) => v.onDidChangeVisibility(updateStatus)),
    model.onDidChange(() => describeViews()),
    engines.onDidChangeEngine(() => {
      describeViews();
      model.reset();
      refresh.restart();
    }),
    refreshSignal.onDidRequest(() => refresh.refreshNow()),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('mlContainers.images')) images.rerender();
      if (e.affectsConfiguration('mlContainers.volumes')) refresh.refreshNow(['volumes']);
    }),
    ...registerCommandTable({
      engines, model, refresh, log, documents,
      rerenderImages: () => images.rerender(),
      selected: (view) => views[view].selection,
    }, log, EXPLORER_COMMANDS),
  );
}
