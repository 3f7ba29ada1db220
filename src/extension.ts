// The composition root: creates the shared services (log, engine manager, refresh signal) and hands
// them to each feature. Features never return services to each other. Heavy modules (dockerode and the
// engine client) are loaded lazily by the features that need them.
import * as vscode from 'vscode';
import { buildCommands } from './build/ui';
import { registerLinting } from './diagnostics/register';
import { registerCreateDockerignore } from './dockerignore/createDockerignore';
import { registerExplorer } from './explorer/register';
import { registerKubernetes } from './kubernetes/ui';
import { PUSH_COMMANDS } from './push/ui';
import { parseProfiles, secretRefsIn } from './run/profiles';
import { RUN_COMMANDS } from './run/ui';
import { registerCommandTable } from './services/commands';
import { EngineManager } from './services/engineManager';
import { RefreshSignal } from './services/refreshSignal';
import type { FeatureDeps } from './services/ui';

export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('ML Containers', { log: true });
  const engines = new EngineManager(log);
  const refreshSignal = new RefreshSignal();
  context.subscriptions.push(log, engines, refreshSignal);

  registerLinting(context, log);
  registerCreateDockerignore(context);
  registerExplorer(context, log, engines, refreshSignal);
  const deps: FeatureDeps = { context, log, engines, refreshViews: () => refreshSignal.fire() };
  context.subscriptions.push(...registerCommandTable(deps, log, [...buildCommands(context), ...RUN_COMMANDS, ...PUSH_COMMANDS]));
  registerKubernetes(context, { log, engines, profiles: { parse: parseProfiles, secretRefOf: (v) => secretRefsIn({ v })[0] } });
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
