// One way to register a feature's commands: a table of { id, run }, each call wrapped in the one error
// policy (services/ui.ts reportError), optionally refused in untrusted workspaces.
import * as vscode from 'vscode';
import { reportError } from './ui';

export interface FeatureCommand<Ctx> {
  readonly id: string;
  /** Title used in error messages; default: none (the message stands alone). */
  readonly title?: string;
  /** Writes files, talks to the engine with the workspace's settings, …: disabled in Restricted Mode. */
  readonly needsTrust?: boolean;
  run(ctx: Ctx, ...args: unknown[]): unknown;
}

function trusted(): boolean {
  if (vscode.workspace.isTrusted) return true;
  void vscode.window.showWarningMessage(vscode.l10n.t('This command is disabled in Restricted Mode: trust this workspace first.'));
  return false;
}

export function registerCommandTable<Ctx>(
  ctx: Ctx,
  log: vscode.LogOutputChannel,
  commands: readonly FeatureCommand<Ctx>[],
): vscode.Disposable[] {
  return commands.map((command) =>
    vscode.commands.registerCommand(command.id, async (...args: unknown[]) => {
      if (command.needsTrust && !trusted()) return undefined;
      try {
        return await command.run(ctx, ...args);
      } catch (err) {
        reportError(log, command.title ?? '', err);
        return undefined;
      }
    }),
  );
}
