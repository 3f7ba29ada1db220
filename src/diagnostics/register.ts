// Dockerfile diagnostics and their quick fixes.
import * as vscode from 'vscode';
import { registerLintCodeActions } from './codeActions';
import { LintProvider } from './lintProvider';
import { openRuleDocsAsPreview } from './ruleDocs';

export function registerLinting(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): void {
  const provider = new LintProvider(context.extensionUri, log);
  context.subscriptions.push(provider, openRuleDocsAsPreview(context.extensionUri));
  registerLintCodeActions(context, provider);
}
