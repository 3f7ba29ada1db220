// Read-only documents (inspect JSON, image history) served by a TextDocumentContentProvider, so
// they open in the editor area, cannot be edited or saved, and reload on demand.
import * as vscode from 'vscode';

export const READONLY_SCHEME = 'ml-containers';

type Producer = (signal: AbortSignal) => Promise<string>;

export class ReadonlyDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly producers = new Map<string, Producer>();
  private readonly emitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.emitter.event;
  private readonly registration: vscode.Disposable;

  constructor() {
    this.registration = vscode.workspace.registerTextDocumentContentProvider(READONLY_SCHEME, this);
  }

  /** Opens (or reloads) a read-only document whose text comes from `produce`. `path` ends in .json / .txt for the language. */
  async open(path: string, produce: Producer): Promise<void> {
    const uri = vscode.Uri.from({ scheme: READONLY_SCHEME, path });
    const known = this.producers.has(uri.toString());
    this.producers.set(uri.toString(), produce);
    if (known) this.emitter.fire(uri);
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc, { preview: true });
  }

  async provideTextDocumentContent(uri: vscode.Uri, token: vscode.CancellationToken): Promise<string> {
    const produce = this.producers.get(uri.toString());
    if (!produce) return '// This document is no longer available. Open it again from the ML Containers view.';
    const controller = new AbortController();
    const sub = token.onCancellationRequested(() => controller.abort());
    try {
      return await produce(controller.signal);
    } catch (err) {
      return `// ${(err as Error).message}`;
    } finally {
      sub.dispose();
    }
  }

  dispose(): void {
    this.registration.dispose();
    this.emitter.dispose();
  }
}
