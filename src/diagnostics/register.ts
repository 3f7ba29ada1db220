// Dockerfile diagnostics and their quick fixes.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { BuildMemory } from '../services/buildMemory';
import { registerLintCodeActions } from './codeActions';
import { LintProvider } from './lintProvider';
import { openRuleDocsAsPreview } from './ruleDocs';

export function registerLinting(context: vscode.ExtensionContext, log: vscode.LogOutputChannel, buildMemory: BuildMemory): void {
  const provider = new LintProvider(context.extensionUri, log, buildMemory);
  context.subscriptions.push(provider, openRuleDocsAsPreview(context.extensionUri));
  registerLintCodeActions(context, provider, (doc) => buildMemory.contextOf(doc.uri.fsPath) ?? path.dirname(doc.uri.fsPath));
}
