// The composition root: creates the shared services (log, engine manager, refresh signal, build memory) and hands
// them to each feature. Features never return services to each other. Heavy modules (dockerode and the
// engine client) are loaded lazily by the features that need them.
import * as vscode from 'vscode';
import { buildCommands } from './build/ui';
import { registerCompose } from './compose/ui';
import { registerContainerize } from './containerize/ui';
import { parseProfiles } from './docker/run/profiles';
import { registerLinting } from './diagnostics/register';
import { registerCreateDockerignore } from './dockerignore/createDockerignore';
import { registerExplorer } from './explorer/register';
import { registerImageSize } from './imageSize/ui';
import { registerKubernetes } from './kubernetes/ui';
import { registerLanguageFeatures } from './language/register';
import { PUSH_COMMANDS } from './push/ui';
import { RUN_COMMANDS } from './run/ui';
import { BuildMemory } from './services/buildMemory';
import { registerCommandTable } from './services/commands';
import { EngineManager } from './services/engineManager';
import { RefreshSignal } from './services/refreshSignal';
import type { FeatureDeps } from './services/ui';

export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('ML Containers', { log: true });
  const engines = new EngineManager(log);
  const refreshSignal = new RefreshSignal();
  const buildMemory = new BuildMemory(context.workspaceState);
  context.subscriptions.push(log, engines, refreshSignal, buildMemory);

  registerLinting(context, log, buildMemory);
  registerLanguageFeatures(context, log);
  registerCreateDockerignore(context);
  registerContainerize(context);
  registerExplorer(context, log, engines, refreshSignal);
  registerCompose(context, { engines, log, onDidRequestRefresh: refreshSignal.onDidRequest, refreshViews: () => refreshSignal.fire(), parseProfiles });
  registerImageSize(context, { engines, buildMemory, log });
  const deps: FeatureDeps = { context, log, engines, refreshViews: () => refreshSignal.fire(), buildMemory };
  context.subscriptions.push(...registerCommandTable(deps, log, [...buildCommands(context), ...RUN_COMMANDS, ...PUSH_COMMANDS]));
  registerKubernetes(context, { log, engines });
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
