import * as vscode from 'vscode';
import { splitRepoTag } from '../../docker/imageInfo';
import { parseReference } from '../../docker/reference';
import { engineOf, imageTargets, type ExplorerCommand } from './context';

/** Why `value` cannot name an image tag (the reference grammar's own reason), or undefined. */
function referenceProblem(value: string): string | undefined {
  try {
    return parseReference(value).digest ? vscode.l10n.t('A tag cannot contain a digest.') : undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

export const tagImageCommand: ExplorerCommand = {
  id: 'mlContainers.images.tag',
  run: async (ctx, node, nodes) => {
    const [t] = await imageTargets(ctx, node, nodes, { many: false, title: vscode.l10n.t('Tag image') });
    if (!t) return;
    const value = await vscode.window.showInputBox({
      title: vscode.l10n.t('Tag {0}', t.ref),
      prompt: vscode.l10n.t('New reference, e.g. registry.example.com:5000/team/trainer:v2'),
      value: t.ref.startsWith('sha256:') ? '' : t.ref,
      validateInput: (v) => referenceProblem(v.trim()),
    });
    if (!value) return;
    const { repository, tag } = splitRepoTag(value.trim());
    const engine = await engineOf(ctx);
    await engine.tagImage(t.id, repository, tag);
    ctx.refresh.refreshNow(['images']);
  },
};

/** Pull Image…: a reference typed by the user, pulled with the credentials of their Docker config. */
export const pullImageCommand: ExplorerCommand = {
  id: 'mlContainers.images.pull',
  needsTrust: true,
  run: async (ctx, node) => {
    const given = typeof node === 'string' ? node : undefined;
    const value = given ?? (await vscode.window.showInputBox({
      title: vscode.l10n.t('Pull image'),
      prompt: vscode.l10n.t('Image reference, e.g. python:3.11-slim, nvcr.io/nvidia/pytorch:24.10-py3 or localhost:5000/team/model:1'),
      validateInput: (v) => (v.trim() ? referenceProblem(v.trim()) : undefined),
      ignoreFocusOut: true,
    }));
    if (!value?.trim()) return;
    const reference = value.trim();
    const problem = referenceProblem(reference);
    if (problem) throw new Error(problem);
    const { findCredentials, toEngineAuth } = await import('../../docker/credentials');
    const host = parseReference(reference).domain;
    const cred = await findCredentials(host).catch(() => undefined);
    const engine = await engineOf(ctx);
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Pulling {0}', reference), cancellable: true },
      async (progress, token) => {
        const ac = new AbortController();
        const sub = token.onCancellationRequested(() => ac.abort());
        try {
          return await engine.pull(reference, cred ? toEngineAuth(cred) : undefined, {
            onProgress: (done, total) => progress.report({ message: vscode.l10n.t('{0}/{1} layers', done, total) }),
          }, { signal: ac.signal });
        } finally {
          sub.dispose();
        }
      },
    );
    ctx.log.info(`Pulled ${result.reference}${result.digest ? ` (${result.digest})` : ''}${cred ? ` with credentials from ${cred.source}` : ''}`);
    ctx.refresh.refreshNow(['images']);
    void vscode.window.showInformationMessage(vscode.l10n.t('Pulled {0}.', result.reference));
  },
};
