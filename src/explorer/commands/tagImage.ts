import * as vscode from 'vscode';
import { splitRepoTag } from '../../docker/imageInfo';
import { engineOf, imageTargets, type ExplorerCommand } from './context';

/** Docker's reference grammar, simplified: [host[:port]/]path[:tag], lower-case path. */
export const REFERENCE = /^(?:[a-zA-Z0-9.-]+(?::\d+)?\/)?[a-z0-9]+(?:[._-]+[a-z0-9]+|\/[a-z0-9]+(?:[._-]+[a-z0-9]+)*)*(?::[\w][\w.-]{0,127})?$/;

export const tagImageCommand: ExplorerCommand = {
  id: 'mlContainers.images.tag',
  run: async (ctx, node, nodes) => {
    const [t] = await imageTargets(ctx, node, nodes, { many: false, title: vscode.l10n.t('Tag image') });
    if (!t) return;
    const value = await vscode.window.showInputBox({
      title: vscode.l10n.t('Tag {0}', t.ref),
      prompt: vscode.l10n.t('New reference, e.g. registry.example.com:5000/team/trainer:v2'),
      value: t.ref.startsWith('sha256:') ? '' : t.ref,
      validateInput: (v) => (REFERENCE.test(v.trim()) ? undefined : vscode.l10n.t('Not a valid image reference (lower-case repository, optional :tag).')),
    });
    if (!value) return;
    const { repository, tag } = splitRepoTag(value.trim());
    const engine = await engineOf(ctx);
    await engine.tagImage(t.id, repository, tag);
    ctx.refresh.refreshNow(['images']);
  },
};
