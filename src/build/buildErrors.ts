// Build failures as diagnostics: the failed step's instruction gets an error with the engine's
// message. Own collection, so lint diagnostics and build errors never overwrite each other.
import * as vscode from 'vscode';
import type { MappedBuildError } from './errorMapping';

export const BUILD_ERROR_SOURCE = 'ML Containers build';
export const BUILD_ERROR_CODE = 'build-failed';

export class BuildErrorDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('ml-containers-build');

  /** Shows the failure on its instruction (replacing earlier build errors for this Dockerfile). */
  show(dockerfile: vscode.Uri, mapped: MappedBuildError, builder: string): vscode.Diagnostic {
    const range = new vscode.Range(mapped.startLine, 0, mapped.endLine, Number.MAX_SAFE_INTEGER);
    const d = new vscode.Diagnostic(range, vscode.l10n.t('Build failed here ({0}): {1}', builder, mapped.message), vscode.DiagnosticSeverity.Error);
    d.source = BUILD_ERROR_SOURCE;
    d.code = BUILD_ERROR_CODE;
    this.collection.set(dockerfile, [d]);
    return d;
  }

  clear(dockerfile: vscode.Uri): void {
    this.collection.delete(dockerfile);
  }

  get(dockerfile: vscode.Uri): readonly vscode.Diagnostic[] {
    return this.collection.get(dockerfile) ?? [];
  }

  dispose(): void {
    this.collection.dispose();
  }
}

/** Clears a Dockerfile's build error once the user edits the failed instruction's file. */
export function clearOnEdit(diags: BuildErrorDiagnostics): vscode.Disposable {
  return vscode.workspace.onDidChangeTextDocument((e) => {
    if (e.contentChanges.length && diags.get(e.document.uri).length) diags.clear(e.document.uri);
  });
}
