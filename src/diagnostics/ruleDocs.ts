// A rule's code in the Problems panel and in hovers links to its page in docs/rules/. Opened from there,
// VS Code would show the Markdown source in an editable tab; this shows the rendered page instead.
import * as vscode from 'vscode';

export function openRuleDocsAsPreview(extensionUri: vscode.Uri): vscode.Disposable {
  const docs = vscode.Uri.joinPath(extensionUri, 'docs', 'rules').toString() + '/';
  return vscode.window.onDidChangeActiveTextEditor((editor) => {
    const uri = editor?.document.uri;
    if (!uri || !uri.toString().startsWith(docs) || !uri.path.endsWith('.md')) return;
    void (async () => {
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      await vscode.commands.executeCommand('markdown.showPreview', uri);
    })();
  });
}
