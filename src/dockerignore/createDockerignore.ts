// "ML Containers: Create .dockerignore for ML Project": writes the ML template next to the
// Dockerfile (or in the workspace folder), or adds the template's missing patterns to an existing
// .dockerignore. Safe in untrusted workspaces: it only writes a text file the user then sees.
import * as vscode from 'vscode';
import { dockerignoreText, missingPatterns } from './template';

export const CREATE_DOCKERIGNORE_COMMAND = 'mlContainers.createDockerignore';

export function registerCreateDockerignore(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(CREATE_DOCKERIGNORE_COMMAND, (target?: vscode.Uri) => createDockerignore(target)),
  );
}

/** Where the .dockerignore goes: a folder or a file's folder given by a menu, the active Dockerfile's folder, or a workspace folder. */
async function targetFolder(target: vscode.Uri | undefined): Promise<vscode.Uri | undefined> {
  if (target instanceof vscode.Uri) {
    const stat = await vscode.workspace.fs.stat(target);
    return stat.type & vscode.FileType.Directory ? target : vscode.Uri.joinPath(target, '..');
  }
  const doc = vscode.window.activeTextEditor?.document;
  if (doc?.languageId === 'dockerfile' && doc.uri.scheme === 'file' && vscode.workspace.getWorkspaceFolder(doc.uri)) {
    return vscode.Uri.joinPath(doc.uri, '..');
  }
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length <= 1) return folders[0]?.uri;
  const picked = await vscode.window.showWorkspaceFolderPick({
    placeHolder: vscode.l10n.t('Folder to create the .dockerignore in (the build context)'),
  });
  return picked?.uri;
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
  const folder = await targetFolder(target);
  if (!folder) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a folder first: the .dockerignore belongs in the build context.'));
    return undefined;
  }
  const file = vscode.Uri.joinPath(folder, '.dockerignore');
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
