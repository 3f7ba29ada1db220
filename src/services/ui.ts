// Editor-side helpers every feature shares: the one error policy (cancellation is silent, anything
// else is logged and shown as one short pop-up with "Open Output"), secret masking of what is shown,
// a pseudoterminal for streamed output (closing it cancels), and argument/picker helpers.
import * as vscode from 'vscode';
import type { Engine } from '../docker/engine';
import type { BuildMemory } from './buildMemory';
import { CancelledError, isCancelled } from '../docker/errors';
import { globalRedactor } from '../docker/push/redact';

/** What build, run and push need from the engine side. */
export interface EngineAccess {
  getEngine(): Promise<Engine>;
}

/** The shared services a command receives. */
export interface FeatureDeps {
  context: vscode.ExtensionContext;
  log: vscode.LogOutputChannel;
  engines: EngineAccess;
  /** Ask the explorer to re-list now (after a build, run or push). */
  refreshViews(): void;
  /** The build choices remembered per Dockerfile. */
  buildMemory: BuildMemory;
}

/** The user dismissed a prompt: ends the command silently. */
export function userCancelled(): CancelledError {
  return new CancelledError('Cancelled by the user.');
}

export { isCancelled };

/** Every message shown or logged goes through here: secrets are masked. */
export function safe(text: string): string {
  return globalRedactor.redact(text);
}

/** The one error policy: cancellations are silent; everything else is logged and shown briefly with "Open Output". */
export function reportError(log: vscode.LogOutputChannel, what: string, err: unknown): void {
  if (isCancelled(err)) {
    log.info(`${what}: cancelled`);
    return;
  }
  // Engine calls throw typed EngineErrors whose message already says what to do.
  const message = safe(err instanceof Error ? err.message : String(err));
  log.error(`${what}: ${message}`);
  const open = vscode.l10n.t('Open Output');
  const firstLine = message.split('\n')[0];
  void vscode.window.showErrorMessage(what ? `${what}: ${firstLine}` : firstLine, open).then((choice) => {
    if (choice === open) log.show(true);
  });
}

/** A terminal that shows streamed output; closing it calls `onClose` (used to cancel). */
export class OutputTerminal implements vscode.Disposable {
  private readonly writeEmitter = new vscode.EventEmitter<string>();
  private readonly terminal: vscode.Terminal;
  private readonly pending: string[] = [];
  private opened = false;
  private closedByUs = false;

  constructor(name: string, onClose: () => void) {
    const pty: vscode.Pseudoterminal = {
      onDidWrite: this.writeEmitter.event,
      open: () => {
        this.opened = true;
        for (const p of this.pending.splice(0)) this.writeEmitter.fire(p);
      },
      close: () => {
        if (!this.closedByUs) onClose();
      },
    };
    this.terminal = vscode.window.createTerminal({ name, pty, iconPath: new vscode.ThemeIcon('package') });
  }

  show(preserveFocus = true): void {
    this.terminal.show(preserveFocus);
  }

  write(text: string): void {
    const t = safe(text).replace(/\r?\n/g, '\r\n');
    if (this.opened) this.writeEmitter.fire(t);
    else this.pending.push(t);
  }

  dispose(): void {
    this.closedByUs = true;
    this.terminal.dispose();
    this.writeEmitter.dispose();
  }
}

export function toFsPath(x: unknown): string | undefined {
  if (typeof x === 'string' && x) return x;
  if (x instanceof vscode.Uri) return x.fsPath;
  if (x && typeof x === 'object' && typeof (x as { fsPath?: unknown }).fsPath === 'string') return (x as { fsPath: string }).fsPath;
  return undefined;
}

/** The image reference from a tree node (`ref`), an image summary-like object (`Id`) or a string. */
export function imageRefOf(x: unknown): string | undefined {
  if (typeof x === 'string' && x) return x;
  if (!x || typeof x !== 'object') return undefined;
  const o = x as { ref?: unknown; image?: { Id?: unknown }; Id?: unknown; imageRef?: unknown };
  if (typeof o.ref === 'string' && o.ref) return o.ref;
  if (typeof o.imageRef === 'string' && o.imageRef) return o.imageRef;
  if (o.image && typeof o.image.Id === 'string') return o.image.Id;
  if (typeof o.Id === 'string') return o.Id;
  return undefined;
}

/** True if the argument is an options object for non-interactive use (not a tree node or Uri). */
export function isOptionsObject(x: unknown, key: string): x is Record<string, unknown> {
  return !!x && typeof x === 'object' && !(x instanceof vscode.Uri) && key in (x as object) && !('kind' in (x as object));
}

/** Picks an image from the engine's tagged images. */
export async function pickImage(engines: EngineAccess, placeHolder: string): Promise<string | undefined> {
  const engine = await engines.getEngine();
  const images = await engine.listImages();
  const items = images.flatMap((i) => (i.RepoTags ?? []).filter((t) => t !== '<none>:<none>').map((t) => ({ label: t, description: i.Id.replace(/^sha256:/, '').slice(0, 12) })));
  if (items.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No tagged images on this engine yet. Build one first.'));
    return undefined;
  }
  const pick = await vscode.window.showQuickPick(items, { placeHolder, matchOnDescription: true });
  return pick?.label;
}
