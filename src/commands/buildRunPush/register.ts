// Registers mlContainers.build / .run / .push. Each accepts (node?, nodes?) from the explorer and
// editor menus, a Uri (explorer / editor title), or an options object for non-interactive use.
import * as vscode from 'vscode';
import { BuildErrorDiagnostics, clearOnEdit } from '../../diagnostics/buildErrors';
import { BUILD_COMMAND, buildCommand } from '../build';
import { PUSH_COMMAND, pushCommand } from '../push';
import { RUN_COMMAND, runCommand } from '../run';
import type { BuildRunPushDeps, EngineAccess } from './common';

function trusted(): boolean {
  if (vscode.workspace.isTrusted) return true;
  void vscode.window.showWarningMessage(vscode.l10n.t('Build, run and push are disabled in Restricted Mode: trust this workspace first.'));
  return false;
}

export function registerBuildRunPush(context: vscode.ExtensionContext, log: vscode.LogOutputChannel, engines: EngineAccess): void {
  const deps: BuildRunPushDeps = { context, log, engines };
  const diags = new BuildErrorDiagnostics();
  context.subscriptions.push(
    diags,
    clearOnEdit(diags),
    vscode.commands.registerCommand(BUILD_COMMAND, (arg?: unknown) => (trusted() ? buildCommand(deps, diags, arg) : undefined)),
    vscode.commands.registerCommand(RUN_COMMAND, (node?: unknown, nodes?: unknown) => (trusted() ? runCommand(deps, node, nodes) : undefined)),
    vscode.commands.registerCommand(PUSH_COMMAND, (node?: unknown, nodes?: unknown) => (trusted() ? pushCommand(deps, node, nodes) : undefined)),
  );
}
