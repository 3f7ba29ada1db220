// Shared pieces of the build / run / push commands: dependencies, the one error policy, a
// pseudoterminal for streamed output (closing it cancels), and argument helpers.
import * as vscode from 'vscode';
import type { Engine } from '../../docker/engine';
import { BuildCancelledError } from '../../docker/build/build';
import { PushCancelledError } from '../../docker/push/push';
import { globalRedactor } from '../../docker/push/redact';
import { EngineError } from '../../docker/errors';

export interface EngineAccess {
  getEngine(): Promise<Engine>;
  /** Ask the explorer views to re-list (after a build, run or push). */
  refreshViews(): void;
}

export interface BuildRunPushDeps {
  context: vscode.ExtensionContext;
  log: vscode.LogOutputChannel;
  engines: EngineAccess;
}

export class UserCancelled extends Error {
  constructor() {
    super('cancelled');
    this.name = 'UserCancelled';
  }
}

export function isCancellation(err: unknown): boolean {
  return err instanceof UserCancelled || err instanceof BuildCancelledError || err instanceof PushCancelledError ||
    (err instanceof EngineError && err.kind === 'cancelled');
}

/** Every message shown or logged goes through here: secrets are masked. */
export function safe(text: string): string {
  return globalRedactor.redact(text);
}

/** The one error policy: cancellations are silent; everything else is a short pop-up with "Open Output". */
export function reportError(deps: BuildRunPushDeps, what: string, err: unknown): void {
  if (isCancellation(err)) {
    deps.log.info(`${what}: cancelled`);
    return;
  }
  const message = safe(err instanceof Error ? err.message : String(err));
  deps.log.error(`${what}: ${message}`);
  const open = vscode.l10n.t('Open Output');
  void vscode.window.showErrorMessage(`${what}: ${message}`, open).then((choice) => {
    if (choice === open) deps.log.show(true);
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

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) { v /= 1024; i++; }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
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
