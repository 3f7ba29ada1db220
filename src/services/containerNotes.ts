// Short notes features attach to a container for the explorer to show (a description suffix and a
// tooltip line), e.g. the GPU smoke test's result after a GPU run. Kept in memory for the session,
// keyed by container id; the explorer re-renders when a note changes.
import * as vscode from 'vscode';

export interface ContainerNote {
  /** One short line, e.g. "GPU ok: 2 GPUs (NVIDIA A100) · torch sees 2". */
  readonly text: string;
  /** False draws attention (a problem). */
  readonly ok: boolean;
}

const MAX_NOTES = 200;

export class ContainerNotes implements vscode.Disposable {
  private readonly notes = new Map<string, ContainerNote>();
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;

  get(id: string): ContainerNote | undefined {
    return this.notes.get(id);
  }

  set(id: string, note: ContainerNote): void {
    this.notes.delete(id);
    this.notes.set(id, note);
    // Oldest first out: containers come and go; the map must not grow for ever.
    while (this.notes.size > MAX_NOTES) this.notes.delete(this.notes.keys().next().value as string);
    this.emitter.fire();
  }

  dispose(): void {
    this.emitter.dispose();
  }
}

/** The one store of the extension host (features must not import each other, so it lives here). */
export const containerNotes = new ContainerNotes();
