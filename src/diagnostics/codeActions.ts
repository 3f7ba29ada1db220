// Quick fixes for lint diagnostics: the rule's own fix when it has one, and "ignore this rule" for
// the instruction or the whole file, written as hadolint pragmas. Keyed on the diagnostic code.
import * as vscode from 'vscode';
import { ignoreForFile, ignoreForInstruction } from '../lint/fixes';
import type { Problem, TextEdit } from '../lint/types';
import { isDockerfile, SOURCE, toRange, type LintStates } from './documents';

function codeOf(d: vscode.Diagnostic): string | null {
  if (d.source !== SOURCE) return null;
  const c = d.code;
  if (typeof c === 'string' || typeof c === 'number') return String(c);
  return c ? String(c.value) : null;
}

function toEdit(uri: vscode.Uri, edits: TextEdit[]): vscode.WorkspaceEdit {
  const we = new vscode.WorkspaceEdit();
  for (const e of edits) we.replace(uri, toRange(e), e.newText);
  return we;
}

export class LintCodeActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly lint: LintStates, private readonly contextDirOf: (doc: vscode.TextDocument) => string) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    if (!isDockerfile(document)) return [];
    let state = this.lint.state(document.uri);
    if (!state || state.version !== document.version) {
      this.lint.lintNow(document);
      state = this.lint.state(document.uri);
    }
    if (!state) return [];
    const actions: vscode.CodeAction[] = [];
    const seenIgnore = new Set<string>();
    for (const diag of context.diagnostics) {
      const code = codeOf(diag);
      if (!code) continue;
      const problem = state.problems.find((p: Problem) => p.code === code && toRange(p).isEqual(diag.range));
      for (const [i, fix] of (problem?.fixes ?? []).entries()) {
        const a = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
        a.edit = toEdit(document.uri, fix.edits);
        a.diagnostics = [diag];
        a.isPreferred = i === 0;
        actions.push(a);
      }
      if (code === 'ML009' && document.uri.scheme === 'file') {
        // the data or weights in the context belong in a .dockerignore: write the ML template there
        const a = new vscode.CodeAction(vscode.l10n.t('Create or complete the .dockerignore of this build context'), vscode.CodeActionKind.QuickFix);
        a.command = { command: 'mlContainers.createDockerignore', title: a.title, arguments: [vscode.Uri.file(this.contextDirOf(document))] };
        a.diagnostics = [diag];
        a.isPreferred = !problem?.fixes?.length;
        actions.push(a);
      }
      const line = diag.range.start.line + 1;
      const key = `${code}@${line}`;
      if (seenIgnore.has(key)) continue;
      seenIgnore.add(key);
      const lineEdit = ignoreForInstruction(state.doc, line, code);
      if (lineEdit) {
        const a = new vscode.CodeAction(vscode.l10n.t('Ignore {0} for this instruction', code), vscode.CodeActionKind.QuickFix);
        a.edit = toEdit(document.uri, [lineEdit]);
        a.diagnostics = [diag];
        actions.push(a);
      }
      const fileEdit = ignoreForFile(state.doc, code);
      if (fileEdit) {
        const a = new vscode.CodeAction(vscode.l10n.t('Ignore {0} in this file', code), vscode.CodeActionKind.QuickFix);
        a.edit = toEdit(document.uri, [fileEdit]);
        a.diagnostics = [diag];
        actions.push(a);
      }
    }
    return actions;
  }
}

export function registerLintCodeActions(context: vscode.ExtensionContext, lint: LintStates, contextDirOf: (doc: vscode.TextDocument) => string): void {
  // The schemes the linter works on; which documents are Dockerfiles is decided by isDockerfile alone
  // (case-insensitive names), so quick fixes exist wherever diagnostics do.
  const selector: vscode.DocumentSelector = [{ language: 'dockerfile' }, { scheme: 'file' }, { scheme: 'untitled' }, { scheme: 'vscode-remote' }];
  context.subscriptions.push(vscode.languages.registerCodeActionsProvider(selector, new LintCodeActions(lint, contextDirOf), { providedCodeActionKinds: LintCodeActions.kinds }));
}
