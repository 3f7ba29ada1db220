// "ML Containers: Create .dockerignore for ML Project": writes the ML template next to the
// Dockerfile (or in the workspace folder), or adds the template's missing patterns to an existing
// .dockerignore. Safe in untrusted workspaces: it only writes a text file the user then sees.
import * as vscode from 'vscode';
import { ignoreFileCandidates } from '../docker/ignore';
import { dockerignoreText, missingPatterns } from '../docker/ignoreTemplate';

export const CREATE_DOCKERIGNORE_COMMAND = 'mlContainers.createDockerignore';

export function registerCreateDockerignore(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(CREATE_DOCKERIGNORE_COMMAND, (target?: vscode.Uri) => createDockerignore(target)),
  );
}

/** Where the .dockerignore goes: a folder or a file's folder given by a menu, the active Dockerfile's folder, or a workspace folder. */
async function targetFolder(target: vscode.Uri | undefined): Promise<{ folder?: vscode.Uri; dockerfile?: vscode.Uri }> {
  if (target instanceof vscode.Uri) {
    const stat = await vscode.workspace.fs.stat(target);
    return stat.type & vscode.FileType.Directory ? { folder: target } : { folder: vscode.Uri.joinPath(target, '..'), dockerfile: target };
  }
  const doc = vscode.window.activeTextEditor?.document;
  if (doc?.languageId === 'dockerfile' && doc.uri.scheme === 'file' && vscode.workspace.getWorkspaceFolder(doc.uri)) {
    return { folder: vscode.Uri.joinPath(doc.uri, '..'), dockerfile: doc.uri };
  }
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length <= 1) return { folder: folders[0]?.uri };
  const picked = await vscode.window.showWorkspaceFolderPick({
    placeHolder: vscode.l10n.t('Folder to create the .dockerignore in (the build context)'),
  });
  return { folder: picked?.uri };
}

/** The ignore file a build of this folder (and Dockerfile) would use, as the build finds it; else `<folder>/.dockerignore`. */
async function ignoreFileFor(folder: vscode.Uri, dockerfile: vscode.Uri | undefined): Promise<vscode.Uri> {
  if (folder.scheme === 'file') {
    const df = dockerfile?.scheme === 'file' ? dockerfile.fsPath : undefined;
    for (const candidate of ignoreFileCandidates(folder.fsPath, df)) {
      const uri = vscode.Uri.file(candidate);
      try {
        await vscode.workspace.fs.stat(uri);
        return uri;
      } catch {
        // not there: the next candidate
      }
    }
  }
  return vscode.Uri.joinPath(folder, '.dockerignore');
}

async function readText(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch (err) {
    if (err instanceof vscode.FileSystemError && err.code === 'FileNotFound') return undefined;
    throw err;
  }
}

export async function createDockerignore(target?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const { folder, dockerfile } = await targetFolder(target);
  if (!folder) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a folder first: the .dockerignore belongs in the build context.'));
    return undefined;
  }
  const file = await ignoreFileFor(folder, dockerfile);
  const existing = await readText(file);
  if (existing === undefined) {
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(dockerignoreText()));
  } else {
    const missing = missingPatterns(existing);
    if (missing.length > 0) {
      const add = vscode.l10n.t('Add Patterns');
      const answer = await vscode.window.showInformationMessage(
        vscode.l10n.t('.dockerignore exists. Add {0} ML patterns it lacks ({1})?', missing.length, missing.slice(0, 4).join(', ') + (missing.length > 4 ? ', …' : '')),
        add,
      );
      if (answer === add) {
        const sep = existing === '' || existing.endsWith('\n') ? '' : '\n';
        const text = `${existing}${sep}\n# Added by ML Containers: ML data, checkpoints and environments\n${missing.join('\n')}\n`;
        await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(text));
      }
    } else {
      void vscode.window.showInformationMessage(vscode.l10n.t('.dockerignore already excludes the usual ML data, checkpoints and environments.'));
    }
  }
  await vscode.window.showTextDocument(file, { preview: false });
  return file;
}
