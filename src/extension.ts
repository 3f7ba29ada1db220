// Wiring only: build the dependencies and call each feature's register function.
// Heavy modules (dockerode and the engine client) are loaded lazily by the features that need them.
import * as vscode from 'vscode';
import { registerCreateDockerignore } from './commands/createDockerignore';
import { registerLinting } from './diagnostics/lintProvider';
import { registerExplorer } from './views/explorer';
import { registerBuildRunPush } from './commands/buildRunPush/register';

export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('ML Containers', { log: true });
  context.subscriptions.push(log);
  // Feature registrations are added below, one line each.
  registerLinting(context, log);
  registerCreateDockerignore(context);
  const engines = registerExplorer(context, log); // container explorer; returns the EngineManager for build/run/push
  registerBuildRunPush(context, log, engines);
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
