// What every explorer command gets, and the helpers they share: node/selection handling with a
// palette fallback (`(node?, nodes?)` → picker), and read-only documents for inspect/history.
import * as vscode from 'vscode';
import type { ContainerSummary, Engine, ImageSummary } from '../../docker/engine';
import type { FeatureCommand } from '../../services/commands';
import type { EngineManager } from '../../services/engineManager';
import type { ExplorerModel } from '../explorerModel';
import type { RefreshManager, ViewKind } from '../refreshManager';
import { buildImageTree, containerName, type ContainerNode, type ImageTagNode } from '../treeModel';
import type { ReadonlyDocuments } from '../readonlyDocuments';

export interface ExplorerCommandContext {
  readonly engines: EngineManager;
  readonly model: ExplorerModel;
  readonly refresh: RefreshManager;
  readonly log: vscode.LogOutputChannel;
  readonly documents: ReadonlyDocuments;
  /** Re-render the images view after a settings change (no engine call). */
  rerenderImages(): void;
  /** What is selected in a view (for keyboard shortcuts, which pass no node). */
  selected(view: ViewKind): readonly unknown[];
}

/** Keybindings pass `{ fromKeybinding: true }`: the command then acts on the view's selection. */
export function fromKeybinding(x: unknown): boolean {
  return !!x && typeof x === 'object' && (x as { fromKeybinding?: unknown }).fromKeybinding === true;
}

export type ExplorerCommand = FeatureCommand<ExplorerCommandContext>;

function isNode<K extends string>(x: unknown, kind: K): x is { kind: K } {
  return !!x && typeof x === 'object' && (x as { kind?: unknown }).kind === kind;
}

/** The clicked node, or the whole selection when the clicked node is part of it. */
export function selection<T>(node: unknown, nodes: unknown, kind: string): T[] {
  const list = Array.isArray(nodes) ? nodes : [];
  if (list.length > 1 && list.includes(node)) return list.filter((n) => isNode(n, kind)) as T[];
  return isNode(node, kind) ? [node as T] : [];
}

export interface ContainerTarget {
  readonly id: string;
  readonly name: string;
  readonly state: string;
}

export interface ImageTarget {
  /** "repo:tag", or the id for dangling images. */
  readonly ref: string;
  readonly id: string;
}

const fromContainer = (c: ContainerSummary): ContainerTarget => ({ id: c.Id, name: containerName(c), state: c.State });

async function listContainers(ctx: ExplorerCommandContext): Promise<ContainerSummary[]> {
  const state = ctx.model.containers;
  if (state.status === 'ok') return [...state.items];
  return (await ctx.engines.getEngine()).listContainers({ all: true });
}

/** Containers from the tree, or from a quick pick (palette). `states` limits the picker. */
export async function containerTargets(
  ctx: ExplorerCommandContext,
  node: unknown,
  nodes: unknown,
  opts: { states?: readonly string[]; many: boolean; title: string },
): Promise<ContainerTarget[]> {
  const keyboard = fromKeybinding(node);
  if (keyboard) [node, nodes] = [ctx.selected('containers')[0], ctx.selected('containers')];
  const picked = selection<ContainerNode>(node, nodes, 'container').map((n) => fromContainer(n.container));
  if (picked.length) return opts.many ? picked : picked.slice(0, 1);
  if (keyboard) return []; // a group row is focused: nothing to act on
  const all = (await listContainers(ctx)).filter((c) => !opts.states || opts.states.includes(c.State));
  if (!all.length) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No containers to choose from.'));
    return [];
  }
  const items = all.map((c) => ({ label: containerName(c), description: `${c.Image} · ${c.Status}`, target: fromContainer(c) }));
  if (opts.many) {
    const chosen = await vscode.window.showQuickPick(items, { title: opts.title, canPickMany: true });
    return (chosen ?? []).map((i) => i.target);
  }
  const chosen = await vscode.window.showQuickPick(items, { title: opts.title });
  return chosen ? [chosen.target] : [];
}

async function listImages(ctx: ExplorerCommandContext): Promise<ImageSummary[]> {
  const state = ctx.model.images;
  if (state.status === 'ok') return [...state.items];
  return (await ctx.engines.getEngine()).listImages();
}

export async function imageTargets(
  ctx: ExplorerCommandContext,
  node: unknown,
  nodes: unknown,
  opts: { many: boolean; title: string },
): Promise<ImageTarget[]> {
  const keyboard = fromKeybinding(node);
  if (keyboard) [node, nodes] = [ctx.selected('images')[0], ctx.selected('images')];
  const picked = selection<ImageTagNode>(node, nodes, 'imageTag').map((n) => ({ ref: n.ref, id: n.image.Id }));
  if (picked.length) return opts.many ? picked : picked.slice(0, 1);
  if (keyboard) return [];
  const tags = buildImageTree(await listImages(ctx), { showDangling: true, sortBy: 'name', now: Date.now() }).flatMap((r) => r.children);
  if (!tags.length) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No images to choose from.'));
    return [];
  }
  const items = tags.map((t) => ({ label: t.ref, description: t.description, target: { ref: t.ref, id: t.image.Id } }));
  if (opts.many) {
    const chosen = await vscode.window.showQuickPick(items, { title: opts.title, canPickMany: true });
    return (chosen ?? []).map((i) => i.target);
  }
  const chosen = await vscode.window.showQuickPick(items, { title: opts.title });
  return chosen ? [chosen.target] : [];
}

export async function engineOf(ctx: ExplorerCommandContext): Promise<Engine> {
  return ctx.engines.getEngine();
}

/** Runs `fn` per target with a progress notification; re-lists afterwards; collects failures into one message. */
export async function forEachWithProgress<T>(
  ctx: ExplorerCommandContext,
  title: string,
  targets: readonly T[],
  label: (t: T) => string,
  fn: (t: T, signal: AbortSignal) => Promise<void>,
): Promise<void> {
  const failures: string[] = [];
  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title, cancellable: true },
    async (progress, token) => {
      const controller = new AbortController();
      const sub = token.onCancellationRequested(() => controller.abort());
      try {
        for (const t of targets) {
          if (controller.signal.aborted) break;
          progress.report({ message: label(t), increment: 100 / targets.length });
          try {
            await fn(t, controller.signal);
          } catch (err) {
            if (controller.signal.aborted) break;
            failures.push(`${label(t)}: ${(err as Error).message}`);
            ctx.log.error(`${title} ${label(t)}: ${(err as Error).message}`);
          }
        }
      } finally {
        sub.dispose();
      }
    },
  );
  ctx.refresh.refreshNow();
  if (failures.length) throw new Error(failures.join('\n'));
}
