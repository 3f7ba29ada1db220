// vscode TreeDataProviders over ExplorerModel: they render the pure nodes of treeModel.ts one-to-one
// and resolve richer tooltips (inspect) lazily on hover. No engine calls except that hover inspect.
import * as vscode from 'vscode';
import type { Engine } from '../docker/engine';
import { containerNotes } from '../services/containerNotes';
import type { ExplorerModel } from './explorerModel';
import type { ViewKind } from './refreshManager';
import { buildNetworkTree, networkTooltip, type NetworkTreeNode } from './networksTree';
import { buildVolumeTree, volumeTooltip, type VolumeTreeNode } from './volumesTree';
import {
  buildContainerTree,
  buildImageTree,
  containerTooltip,
  errorRows,
  imageTooltip,
  mdEscape,
  type ContainerTreeNode,
  type ImageTreeNode,
  type MessageNode,
  type SortBy,
  type TreeNode,
} from './treeModel';

export interface ImageViewSettings {
  showDangling: boolean;
  sortBy: SortBy;
}

export function readImageViewSettings(): ImageViewSettings {
  const c = vscode.workspace.getConfiguration('mlContainers.images');
  const sortBy = c.get<string>('sortBy', 'name');
  return {
    showDangling: c.get<boolean>('showDangling', false),
    sortBy: sortBy === 'created' || sortBy === 'size' ? sortBy : 'name',
  };
}

type AnyNode = TreeNode | VolumeTreeNode | NetworkTreeNode;

export interface VolumeViewSettings {
  /** Read sizes (GET /system/df) with every list, not only on hover. */
  showSize: boolean;
}

export function readVolumeViewSettings(): VolumeViewSettings {
  return { showSize: vscode.workspace.getConfiguration('mlContainers.volumes').get<boolean>('showSize', false) };
}

function toTreeItem(node: AnyNode): vscode.TreeItem {
  const hasChildren = node.kind === 'imageRepo' || node.kind === 'composeProject';
  const item = new vscode.TreeItem(
    node.label,
    hasChildren
      ? node.kind === 'imageRepo' && node.repository === '<none>'
        ? vscode.TreeItemCollapsibleState.Collapsed
        : vscode.TreeItemCollapsibleState.Expanded
      : vscode.TreeItemCollapsibleState.None,
  );
  item.id = node.id;
  item.description = node.description;
  item.contextValue = node.contextValue;
  if (node.tooltip) item.tooltip = new vscode.MarkdownString(node.tooltip);
  if (node.icon) item.iconPath = new vscode.ThemeIcon(node.icon.id, node.icon.color ? new vscode.ThemeColor(node.icon.color) : undefined);
  if (node.kind === 'message' && node.command) item.command = { command: node.command.id, title: node.command.title };
  return item;
}

const loadingRow = (view: string): MessageNode => ({
  kind: 'message',
  id: `${view}:msg:loading`,
  label: 'Loading…',
  contextValue: 'message',
  icon: { id: 'loading~spin' },
});

abstract class ExplorerTreeProvider<N extends AnyNode> implements vscode.TreeDataProvider<N>, vscode.Disposable {
  protected readonly emitter = new vscode.EventEmitter<N | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly sub: { dispose(): void };
  /** Bumped on every render; lets tests/e2e wait for a refresh. */
  renders = 0;

  constructor(
    protected readonly model: ExplorerModel,
    protected readonly getEngine: () => Promise<Engine>,
    private readonly view: ViewKind,
    /** Other views whose data this one shows (the volumes view names the containers using a volume). */
    dependsOn: readonly ViewKind[] = [],
  ) {
    this.sub = model.onDidChange((views) => {
      if (views.includes(this.view) || views.some((v) => dependsOn.includes(v))) this.emitter.fire(undefined);
    });
  }

  /** Re-render without an engine call (settings changed). */
  rerender(): void {
    this.emitter.fire(undefined);
  }

  getTreeItem(node: N): vscode.TreeItem {
    return toTreeItem(node);
  }

  getChildren(node?: N): N[] {
    if (node) {
      if (node.kind === 'imageRepo' || node.kind === 'composeProject') return node.children as N[];
      return [];
    }
    this.renders++;
    const state = this.model.state(this.view);
    if (state.status === 'loading') return [loadingRow(this.view) as N];
    if (state.status === 'error') return errorRows(state.error, state.endpoint ?? (state.error.kind === 'config' ? undefined : this.model.endpoint), this.view) as N[];
    return this.roots();
  }

  protected abstract roots(): N[];

  dispose(): void {
    this.sub.dispose();
    this.emitter.dispose();
  }
}

export class ImagesTreeProvider extends ExplorerTreeProvider<ImageTreeNode> {
  constructor(model: ExplorerModel, getEngine: () => Promise<Engine>) {
    super(model, getEngine, 'images');
  }

  protected roots(): ImageTreeNode[] {
    const state = this.model.images;
    if (state.status !== 'ok') return [];
    return buildImageTree(state.items, { ...readImageViewSettings(), now: Date.now() });
  }

  async resolveTreeItem(item: vscode.TreeItem, node: ImageTreeNode, token: vscode.CancellationToken): Promise<vscode.TreeItem> {
    if (node.kind !== 'imageTag') return item;
    const controller = new AbortController();
    const sub = token.onCancellationRequested(() => controller.abort());
    try {
      const engine = await this.getEngine();
      const inspect = await engine.inspectImage(node.image.Id, { signal: controller.signal, timeoutMs: 5000 });
      item.tooltip = new vscode.MarkdownString(imageTooltip(node.image, node.ref, Date.now(), inspect));
    } catch {
      item.tooltip = new vscode.MarkdownString(imageTooltip(node.image, node.ref, Date.now()));
    } finally {
      sub.dispose();
    }
    return item;
  }
}

/** A note another feature left on the container (GPU smoke test) as a description suffix and tooltip line. */
function withNote<N extends ContainerTreeNode>(node: N): N {
  if (node.kind === 'composeProject') return { ...node, children: node.children.map(withNote) };
  const note = node.kind === 'container' ? containerNotes.get(node.container.Id) : undefined;
  if (!note) return node;
  return { ...node, description: node.description ? `${node.description} · ${note.text}` : note.text, tooltip: node.tooltip ? `${node.tooltip}\n\n${mdEscape(note.text)}` : mdEscape(note.text) };
}

export class ContainersTreeProvider extends ExplorerTreeProvider<ContainerTreeNode> {
  private readonly noteSub: vscode.Disposable;

  constructor(model: ExplorerModel, getEngine: () => Promise<Engine>) {
    super(model, getEngine, 'containers');
    this.noteSub = containerNotes.onDidChange(() => this.rerender());
  }

  protected roots(): ContainerTreeNode[] {
    const state = this.model.containers;
    if (state.status !== 'ok') return [];
    return buildContainerTree(state.items).map(withNote);
  }

  override dispose(): void {
    this.noteSub.dispose();
    super.dispose();
  }

  async resolveTreeItem(item: vscode.TreeItem, node: ContainerTreeNode, token: vscode.CancellationToken): Promise<vscode.TreeItem> {
    if (node.kind !== 'container') return item;
    const controller = new AbortController();
    const sub = token.onCancellationRequested(() => controller.abort());
    try {
      const engine = await this.getEngine();
      const inspect = await engine.inspectContainer(node.container.Id, { signal: controller.signal, timeoutMs: 5000 });
      item.tooltip = new vscode.MarkdownString(containerTooltip(node.container, Date.now(), inspect));
    } catch {
      item.tooltip = new vscode.MarkdownString(containerTooltip(node.container, Date.now()));
    } finally {
      const note = containerNotes.get(node.container.Id);
      if (note && item.tooltip instanceof vscode.MarkdownString) item.tooltip.appendMarkdown(`\n\n${mdEscape(note.text)}`);
      sub.dispose();
    }
    return item;
  }
}

export class VolumesTreeProvider extends ExplorerTreeProvider<VolumeTreeNode> {
  constructor(model: ExplorerModel, getEngine: () => Promise<Engine>) {
    super(model, getEngine, 'volumes', ['containers']);
  }

  protected roots(): VolumeTreeNode[] {
    const state = this.model.volumes;
    if (state.status !== 'ok') return [];
    const usage = readVolumeViewSettings().showSize ? this.model.volumeUsage?.sizes : undefined;
    return buildVolumeTree(state.items, this.model.containerItems, { now: Date.now(), usage });
  }

  /** Sizes come from GET /system/df, which walks every volume: read on hover only, and reused for a while. */
  async resolveTreeItem(item: vscode.TreeItem, node: VolumeTreeNode, token: vscode.CancellationToken): Promise<vscode.TreeItem> {
    if (node.kind !== 'volume' || node.usage) return item;
    const controller = new AbortController();
    const sub = token.onCancellationRequested(() => controller.abort());
    try {
      const usage = (await this.model.loadVolumeUsage(controller.signal)).get(node.name);
      if (usage) item.tooltip = new vscode.MarkdownString(volumeTooltip(node.volume, this.model.containerItems ? node.users : undefined, Date.now(), usage));
    } finally {
      sub.dispose();
    }
    return item;
  }
}

export class NetworksTreeProvider extends ExplorerTreeProvider<NetworkTreeNode> {
  constructor(model: ExplorerModel, getEngine: () => Promise<Engine>) {
    super(model, getEngine, 'networks', ['containers']);
  }

  protected roots(): NetworkTreeNode[] {
    const state = this.model.networks;
    if (state.status !== 'ok') return [];
    return buildNetworkTree(state.items, this.model.containerItems, { now: Date.now() });
  }

  /** Inspect fills in subnets and the engine's own view of attached endpoints (the list leaves them out). */
  async resolveTreeItem(item: vscode.TreeItem, node: NetworkTreeNode, token: vscode.CancellationToken): Promise<vscode.TreeItem> {
    if (node.kind !== 'network') return item;
    const controller = new AbortController();
    const sub = token.onCancellationRequested(() => controller.abort());
    try {
      const engine = await this.getEngine();
      const inspect = await engine.inspectNetwork(node.network.Id, { signal: controller.signal, timeoutMs: 5000 });
      item.tooltip = new vscode.MarkdownString(networkTooltip(inspect, this.model.containerItems ? node.containers : undefined, Date.now()));
    } catch {
      // keep the tooltip built from the list
    } finally {
      sub.dispose();
    }
    return item;
  }
}
