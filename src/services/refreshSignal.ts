// "Something changed on the engine; re-list now": fired by build, run and push, heard by the explorer.
import * as vscode from 'vscode';

export class RefreshSignal implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidRequest = this.emitter.event;

  fire(): void {
    this.emitter.fire();
  }

  dispose(): void {
    this.emitter.dispose();
  }
}
