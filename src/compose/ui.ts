// The editor side of Compose: the `mlContainers.compose` view (projects → services → containers), its
// commands (Up/Down/Restart/Build/Logs on a project or file; Up/Restart/Logs/Shell on a service), the
// diagnostics and quick fixes on compose files, and "Add Run Profile to Compose File". Everything it
// decides is in the pure modules next to it; this file only wires them to VS Code.
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { registerCommandTable, type FeatureCommand } from '../services/commands';
import type { Engine } from '../docker/engine';
import type { Endpoint } from '../docker/endpoint';
import type { EngineError } from '../docker/errors';
import { globalRedactor } from '../docker/push/redact';
import type { Problem, Range, TextEdit } from '../lint/types';
import { certPathUsable, composeArgs, composeEnv, describeCommand, detectCompose, runCompose, sub, type ComposeCli, type Target } from './cli';
import { findComposeProjects, isComposeFileName, normalizeProjectName, type ComposeFileSet, type FoundProject } from './files';
import { ComposeModel, type ComposeProject, type ComposeService } from './model';
import type { ProfileLike } from './profile';

export const COMPOSE_VIEW = 'mlContainers.compose';
const SOURCE = 'ml-containers-compose';

/** What the Compose feature needs from the engine manager (services/engineManager.ts's EngineManager satisfies it). */
export interface ComposeEngineSource {
  getEngine(): Promise<Engine>;
  readonly endpoint: Endpoint | undefined;
  readonly onDidChangeEngine: vscode.Event<unknown>;
}

/**
 * From the composition root:
 *   registerCompose(context, { engines, log, onDidRequestRefresh: refreshSignal.onDidRequest,
 *     refreshViews: () => refreshSignal.fire(), parseProfiles })   // parseProfiles from './docker/run/profiles'
 */
export interface ComposeDeps {
  readonly engines: ComposeEngineSource;
  readonly log: vscode.LogOutputChannel;
  /** "Something changed on the engine" (a build, run or push): re-list if visible. */
  readonly onDidRequestRefresh?: vscode.Event<void>;
  /** Asks the other views to re-list after a compose command changed containers or images. */
  refreshViews?(): void;
  /** Reads `.vscode/ml-containers.yaml` (src/docker/run/profiles.ts's parseProfiles), for "Add Run Profile to Compose File". */
  parseProfiles?(text: string, vars: { workspaceFolder: string; userHome: string }): Map<string, ProfileLike[]>;
}

// ------------------------------------------------------------------------------------------ tree

type Node =
  | { kind: 'project'; project: ComposeProject }
  | { kind: 'service'; project: ComposeProject; service: ComposeService }
  | { kind: 'container'; project: ComposeProject; service: ComposeService; index: number }
  | { kind: 'message'; label: string; detail?: string; command?: vscode.Command };

function containerName(names: readonly string[]): string {
  return (names[0] ?? '').replace(/^\//, '');
}

const STATE_TEXT: Record<ComposeService['state'], string> = {
  running: 'running',
  partial: 'partly running',
  stopped: 'stopped',
  notCreated: 'not created',
};

class ComposeTree implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;

  constructor(private readonly model: ComposeModel, private readonly hasFolders: () => boolean) {}

  rerender(): void {
    this.emitter.fire(undefined);
  }

  getChildren(node?: Node): Node[] {
    if (!node) {
      const s = this.model.state;
      const projects = this.model.projects.map((project): Node => ({ kind: 'project', project }));
      if (s.status === 'loading') return [{ kind: 'message', label: vscode.l10n.t('Loading…') }];
      if (s.status === 'error') return [...errorRows(s.error), ...projects];
      if (!projects.length) {
        return [{ kind: 'message', label: this.hasFolders() ? vscode.l10n.t('No compose projects: no compose.yaml in the workspace and none running.') : vscode.l10n.t('Open a folder with a compose.yaml.') }];
      }
      return projects;
    }
    if (node.kind === 'project') return node.project.services.map((service): Node => ({ kind: 'service', project: node.project, service }));
    if (node.kind === 'service') return node.service.containers.map((_, index): Node => ({ kind: 'container', project: node.project, service: node.service, index }));
    return [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    switch (node.kind) {
      case 'message': {
        const item = new vscode.TreeItem(node.label);
        item.tooltip = node.detail;
        item.command = node.command;
        item.iconPath = new vscode.ThemeIcon(node.command ? 'refresh' : 'info');
        item.contextValue = 'composeMessage';
        return item;
      }
      case 'project': {
        const p = node.project;
        const item = new vscode.TreeItem(p.name, vscode.TreeItemCollapsibleState.Expanded);
        item.id = `compose:${p.name}:${p.workingDir ?? ''}`;
        const where = p.workingDir ? vscode.workspace.asRelativePath(p.workingDir) : '';
        item.description = p.total ? `${p.running}/${p.total} running${where ? ` · ${where}` : ''}` : where;
        item.tooltip = new vscode.MarkdownString(
          [`**${p.name}**`, p.workingDir ? `Folder: ${p.workingDir}` : '', ...p.configFiles.map((f) => `File: ${f}`)].filter(Boolean).join('\n\n'),
        );
        item.iconPath = new vscode.ThemeIcon('layers', p.running ? new vscode.ThemeColor('charts.green') : undefined);
        // composeProject[Files][Running]: files known → Up/Build offered; running → Down/Restart/Logs.
        item.contextValue = `composeProject${p.found || p.configFiles.length ? 'Files' : ''}${p.total ? 'Created' : ''}`;
        return item;
      }
      case 'service': {
        const s = node.service;
        const item = new vscode.TreeItem(s.name, s.containers.length ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
        item.id = `compose:${node.project.name}:${node.project.workingDir ?? ''}:${s.name}`;
        item.description = STATE_TEXT[s.state];
        item.iconPath = new vscode.ThemeIcon(
          s.state === 'running' ? 'debug-start' : s.state === 'partial' ? 'warning' : s.state === 'stopped' ? 'debug-stop' : 'circle-outline',
          s.state === 'running' ? new vscode.ThemeColor('charts.green') : undefined,
        );
        item.contextValue = `composeService_${s.state}`;
        return item;
      }
      case 'container': {
        const c = node.service.containers[node.index];
        const item = new vscode.TreeItem(containerName(c.Names));
        item.id = `compose-container:${c.Id}`;
        item.description = c.Status;
        item.tooltip = `${c.Image}\n${c.Id.slice(0, 12)}`;
        item.iconPath = new vscode.ThemeIcon(c.State === 'running' ? 'vm-running' : 'vm-outline');
        item.contextValue = `composeContainer_${c.State}`;
        return item;
      }
    }
  }

  dispose(): void {
    this.emitter.dispose();
  }
}

function errorRows(error: EngineError): Node[] {
  return [
    { kind: 'message', label: vscode.l10n.t('Cannot list compose containers'), detail: error.message },
    { kind: 'message', label: error.message.split('\n')[0] },
    { kind: 'message', label: vscode.l10n.t('Retry'), command: { command: 'mlContainers.compose.refresh', title: vscode.l10n.t('Retry') } },
  ];
}

// ------------------------------------------------------------------------------------ diagnostics

function toRange(r: Range): vscode.Range {
  const start = new vscode.Position(Math.max(0, r.line - 1), Math.max(0, r.column - 1));
  const end = new vscode.Position(Math.max(0, r.endLine - 1), Math.max(0, r.endColumn - 1));
  return new vscode.Range(start, end.isBefore(start) ? start : end);
}

const SEVERITY: Record<string, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
  style: vscode.DiagnosticSeverity.Hint,
};

export function isComposeDocument(doc: vscode.TextDocument): boolean {
  return (doc.uri.scheme === 'file' || doc.uri.scheme === 'untitled' || doc.uri.scheme === 'vscode-remote') &&
    (doc.languageId === 'dockercompose' || ((doc.languageId === 'yaml' || doc.languageId === 'plaintext') && isComposeFileName(path.basename(doc.uri.path))));
}

class ComposeDiagnostics implements vscode.CodeActionProvider, vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection(SOURCE);
  private readonly problems = new Map<string, { version: number; problems: Problem[] }>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly disposables: vscode.Disposable[] = [];
  private hints: typeof import('./hints') | undefined;

  constructor() {
    this.disposables.push(
      this.collection,
      vscode.workspace.onDidOpenTextDocument((d) => this.soon(d, 0)),
      vscode.workspace.onDidChangeTextDocument((e) => this.soon(e.document, 200)),
      vscode.workspace.onDidCloseTextDocument((d) => {
        this.collection.delete(d.uri);
        this.problems.delete(d.uri.toString());
      }),
      vscode.languages.registerCodeActionsProvider([{ language: 'yaml' }, { language: 'dockercompose' }], this, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] }),
    );
    for (const d of vscode.workspace.textDocuments) this.soon(d, 0);
  }

  private soon(doc: vscode.TextDocument, ms: number): void {
    if (!isComposeDocument(doc)) return;
    const key = doc.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      this.lint(doc);
    }, ms));
  }

  private lint(doc: vscode.TextDocument): Problem[] {
    // Loaded on first use: the `yaml` parser is not needed at activation.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    this.hints ??= require('./hints') as typeof import('./hints');
    const problems = this.hints.lintCompose(doc.getText());
    this.problems.set(doc.uri.toString(), { version: doc.version, problems });
    this.collection.set(doc.uri, problems.map((p) => {
      const d = new vscode.Diagnostic(toRange(p), p.message, SEVERITY[p.level] ?? vscode.DiagnosticSeverity.Information);
      d.source = SOURCE;
      d.code = p.code;
      return d;
    }));
    return problems;
  }

  provideCodeActions(doc: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    if (!isComposeDocument(doc)) return [];
    const cached = this.problems.get(doc.uri.toString());
    const problems = cached && cached.version === doc.version ? cached.problems : this.lint(doc);
    const actions: vscode.CodeAction[] = [];
    for (const diag of context.diagnostics) {
      if (diag.source !== SOURCE) continue;
      const code = typeof diag.code === 'object' ? String(diag.code.value) : String(diag.code);
      const p = problems.find((x) => x.code === code && toRange(x).isEqual(diag.range));
      for (const [i, f] of (p?.fixes ?? []).entries()) {
        const a = new vscode.CodeAction(f.title, vscode.CodeActionKind.QuickFix);
        a.edit = workspaceEdit(doc.uri, f.edits);
        a.diagnostics = [diag];
        a.isPreferred = i === 0;
        actions.push(a);
      }
    }
    return actions;
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    for (const d of this.disposables) d.dispose();
  }
}

function workspaceEdit(uri: vscode.Uri, edits: readonly TextEdit[]): vscode.WorkspaceEdit {
  const we = new vscode.WorkspaceEdit();
  for (const e of edits) we.replace(uri, toRange(e), e.newText);
  return we;
}

// ----------------------------------------------------------------------------------------- running

class ComposeRunner {
  private cli: Promise<ComposeCli> | undefined;
  readonly output = vscode.window.createOutputChannel(vscode.l10n.t('ML Containers: Compose'));

  constructor(private readonly deps: ComposeDeps) {}

  env(): NodeJS.ProcessEnv {
    return composeEnv(this.deps.engines.endpoint, process.env);
  }

  /** The compose CLI, found once per engine (detection runs with the engine's environment). */
  getCli(): Promise<ComposeCli> {
    if (!this.cli) {
      const pending = detectCompose(this.env());
      this.cli = pending;
      pending.then(
        (c) => this.deps.log.info(`compose: using ${c.kind === 'plugin' ? 'docker compose' : 'docker-compose'} ${c.version}`),
        () => {
          if (this.cli === pending) this.cli = undefined;
        },
      );
    }
    return this.cli;
  }

  forget(): void {
    this.cli = undefined;
  }

  /** Runs a compose command with progress and cancel; output streamed to the Compose output channel. */
  async run(title: string, target: Target, args: string[]): Promise<boolean> {
    let cli: ComposeCli;
    try {
      cli = await this.getCli();
    } catch (err) {
      void vscode.window.showErrorMessage((err as Error).message);
      return false;
    }
    const full = composeArgs(cli, target, args);
    const line = describeCommand(cli, full);
    this.output.appendLine(`$ ${line}   (DOCKER_HOST=${this.deps.engines.endpoint?.host ?? 'default'})`);
    const endpoint = this.deps.engines.endpoint;
    if (endpoint && !certPathUsable(endpoint)) {
      this.output.appendLine(vscode.l10n.t('Note: the TLS files of {0} are not ca.pem/cert.pem/key.pem in one folder, which is what the compose CLI reads from DOCKER_CERT_PATH.', endpoint.sourceLabel));
    }
    this.deps.log.info(`compose: ${line}`);
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title, cancellable: true },
      async (progress, token) => {
        const ac = new AbortController();
        const sub1 = token.onCancellationRequested(() => ac.abort());
        try {
          return await runCompose(cli, full, {
            cwd: target.set.dir,
            env: this.env(),
            signal: ac.signal,
            onLine: (l) => {
              const text = globalRedactor.redact(l);
              this.output.appendLine(text);
              if (text.trim()) progress.report({ message: text.trim().slice(0, 120) });
            },
          });
        } finally {
          sub1.dispose();
        }
      },
    ).then(undefined, (err: unknown) => {
      void vscode.window.showErrorMessage(vscode.l10n.t('Could not run {0}: {1}', cli.command, (err as Error).message));
      return undefined;
    });
    if (!result) return false;
    if (result.cancelled) {
      this.output.appendLine(vscode.l10n.t('(cancelled)'));
      return false;
    }
    if (result.code === 0) return true;
    await this.reportFailure(title, target, result.output);
    return false;
  }

  private async reportFailure(title: string, target: Target, output: string): Promise<void> {
    const files = [...target.set.files, ...(target.extraFiles ?? [])];
    const texts = await Promise.all(files.map(async (f) => {
      try {
        return { path: f, text: Buffer.from(await vscode.workspace.fs.readFile(vscode.Uri.file(f))).toString('utf8') };
      } catch {
        return { path: f, text: '' };
      }
    }));
    const { locateCliError } = await import('./cliErrors');
    const loc = locateCliError(output, texts);
    const last = globalRedactor.redact(output.trim().split('\n').filter((l) => /error|invalid|unsupported|failed|cannot/i.test(l)).pop() ?? output.trim().split('\n').pop() ?? '');
    const showFile = vscode.l10n.t('Show in File');
    const showOutput = vscode.l10n.t('Open Output');
    const choice = await vscode.window.showErrorMessage(
      vscode.l10n.t('{0} failed: {1}', title, last.slice(0, 300)),
      ...(loc ? [showFile] : []),
      showOutput,
    );
    if (choice === showFile && loc) {
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(loc.path));
      await vscode.window.showTextDocument(doc, { selection: toRange(loc.range) });
    } else if (choice === showOutput) {
      this.output.show(true);
    }
  }

  /** Streams `compose logs --follow` into a terminal; closing the terminal stops it. */
  async logs(target: Target, services: string[], name: string): Promise<void> {
    let cli: ComposeCli;
    try {
      cli = await this.getCli();
    } catch (err) {
      void vscode.window.showErrorMessage((err as Error).message);
      return;
    }
    const full = composeArgs(cli, target, sub.logs(true, services));
    const write = new vscode.EventEmitter<string>();
    const close = new vscode.EventEmitter<number | void>();
    const ac = new AbortController();
    const pty: vscode.Pseudoterminal = {
      onDidWrite: write.event,
      onDidClose: close.event,
      open: () => {
        write.fire(`\x1b[2m$ ${describeCommand(cli, full)}\x1b[0m\r\n`);
        void runCompose(cli, full, {
          cwd: target.set.dir,
          env: this.env(),
          signal: ac.signal,
          onLine: (l) => write.fire(globalRedactor.redact(l) + '\r\n'),
        }).then(
          (r) => write.fire(`\x1b[2m${r.cancelled ? 'stopped' : `logs ended (exit ${r.code ?? r.signal})`}\x1b[0m\r\n`),
          (err: unknown) => write.fire(`\x1b[31m${(err as Error).message}\x1b[0m\r\n`),
        );
      },
      close: () => ac.abort(),
    };
    vscode.window.createTerminal({ name, pty, iconPath: new vscode.ThemeIcon('output') }).show();
  }

  async shell(target: Target, service: string): Promise<void> {
    let cli: ComposeCli;
    try {
      cli = await this.getCli();
    } catch (err) {
      void vscode.window.showErrorMessage((err as Error).message);
      return;
    }
    const env = this.env();
    // Passed to the process as an argument list; `null` removes a variable from the terminal's environment.
    const termEnv: Record<string, string | null> = { DOCKER_HOST: env.DOCKER_HOST ?? null, DOCKER_CONTEXT: null, DOCKER_TLS_VERIFY: env.DOCKER_TLS_VERIFY ?? null, DOCKER_TLS: env.DOCKER_TLS ?? null, DOCKER_CERT_PATH: env.DOCKER_CERT_PATH ?? null };
    vscode.window.createTerminal({
      name: `${target.set.projectName}/${service}`,
      shellPath: cli.command,
      shellArgs: composeArgs(cli, target, sub.shell(service)),
      cwd: target.set.dir,
      env: termEnv,
      iconPath: new vscode.ThemeIcon('terminal'),
    }).show();
  }

  dispose(): void {
    this.output.dispose();
  }
}

// ---------------------------------------------------------------------------------------- commands

function targetOfProject(p: ComposeProject): Target | undefined {
  if (p.found) return { set: p.found.set };
  if (!p.configFiles.length || !p.workingDir) return undefined;
  return { set: { dir: p.workingDir, files: p.configFiles, projectName: p.name } };
}

async function targetOfFile(uri: vscode.Uri, found: readonly FoundProject[]): Promise<Target> {
  const file = uri.fsPath;
  const dir = path.dirname(file);
  const inSet = found.find((f) => f.set.dir === dir);
  if (inSet && inSet.set.files.includes(file)) return { set: inSet.set };
  if (inSet && inSet.set.extras.includes(file)) return { set: inSet.set, extraFiles: [file] };
  const set: ComposeFileSet = { dir, files: [file], extras: [], projectName: inSet?.set.projectName ?? normalizeProjectName(path.basename(dir)) };
  return { set };
}

export function registerCompose(context: vscode.ExtensionContext, deps: ComposeDeps): void {
  const model = new ComposeModel(() => deps.engines.getEngine());
  const tree = new ComposeTree(model, () => !!vscode.workspace.workspaceFolders?.length);
  const view = vscode.window.createTreeView(COMPOSE_VIEW, { treeDataProvider: tree, showCollapseAll: true });
  const runner = new ComposeRunner(deps);
  const diagnostics = new ComposeDiagnostics();

  let scanTimer: NodeJS.Timeout | undefined;
  const scan = async () => {
    const folders = vscode.workspace.workspaceFolders ?? [];
    const all = (await Promise.all(folders.filter((f) => f.uri.scheme === 'file').map((f) => findComposeProjects(f.uri.fsPath)))).flat();
    model.setFound(all);
  };
  const scanSoon = () => {
    clearTimeout(scanTimer);
    scanTimer = setTimeout(() => void scan(), 300);
  };
  const watcher = vscode.workspace.createFileSystemWatcher('**/{compose,docker-compose}*.{yml,yaml}');
  watcher.onDidCreate(scanSoon);
  watcher.onDidChange(scanSoon);
  watcher.onDidDelete(scanSoon);

  // The view says which engine and which compose it talks to, e.g. "Podman Engine 4.3.1 · docker-compose 1.29.2".
  const describeView = async () => {
    const parts: string[] = [];
    try {
      const product = await (await deps.engines.getEngine()).product?.();
      if (product) parts.push(product.label);
    } catch {
      // engine down: the tree's error rows say so
    }
    try {
      const cli = await runner.getCli();
      parts.push(`${cli.kind === 'plugin' ? 'docker compose' : 'docker-compose'} ${cli.version}`);
    } catch {
      parts.push(vscode.l10n.t('compose CLI not found'));
    }
    view.description = parts.join(' · ');
  };

  const follow = (visible: boolean) => {
    if (visible) {
      void scan();
      void describeView();
      model.start();
    } else model.stop();
  };
  follow(view.visible);

  const pickProject = async (arg: unknown, title: string, needsFiles = true): Promise<{ target: Target; project?: ComposeProject } | undefined> => {
    if (arg instanceof vscode.Uri) return { target: await targetOfFile(arg, model.found) };
    const node = arg as Node | undefined;
    if (node && (node.kind === 'project' || node.kind === 'service' || node.kind === 'container')) {
      const t = targetOfProject(node.project);
      if (!t) void vscode.window.showWarningMessage(vscode.l10n.t('No compose file is known for project {0}.', node.project.name));
      return t ? { target: t, project: node.project } : undefined;
    }
    const editor = vscode.window.activeTextEditor;
    if (editor && isComposeDocument(editor.document) && editor.document.uri.scheme === 'file') return { target: await targetOfFile(editor.document.uri, model.found) };
    await scan();
    const candidates = model.projects.filter((p) => (needsFiles ? !!targetOfProject(p) : true));
    if (!candidates.length) {
      void vscode.window.showInformationMessage(vscode.l10n.t('No compose project found in the workspace.'));
      return undefined;
    }
    const picked = candidates.length === 1 ? candidates[0] : (await vscode.window.showQuickPick(
      candidates.map((p) => ({ label: p.name, description: p.workingDir ? vscode.workspace.asRelativePath(p.workingDir) : '', p })),
      { title },
    ))?.p;
    const t = picked && targetOfProject(picked);
    return t ? { target: t, project: picked } : undefined;
  };

  const serviceOf = (arg: unknown): { project: ComposeProject; service: ComposeService } | undefined => {
    const node = arg as Node | undefined;
    return node && (node.kind === 'service' || node.kind === 'container') ? { project: node.project, service: node.service } : undefined;
  };

  const pickService = async (arg: unknown, title: string): Promise<{ target: Target; service: string } | undefined> => {
    const s = serviceOf(arg);
    if (s) {
      const target = targetOfProject(s.project);
      return target ? { target, service: s.service.name } : undefined;
    }
    const p = await pickProject(arg, title);
    if (!p) return undefined;
    const names = p.project?.services.map((x) => x.name) ?? model.projects.find((x) => x.name === p.target.set.projectName)?.services.map((x) => x.name) ?? [];
    const service = await vscode.window.showQuickPick(names, { title });
    return service ? { target: p.target, service } : undefined;
  };

  const refreshAfter = () => {
    void model.refresh();
    deps.refreshViews?.();
  };

  const commands: FeatureCommand<undefined>[] = [
    { id: 'mlContainers.compose.refresh', run: async () => {
      await scan();
      await model.refresh();
    } },
    { id: 'mlContainers.compose.up', needsTrust: true, run: async (_ctx, arg?: unknown) => {
      const p = await pickProject(arg, vscode.l10n.t('Compose Up'));
      if (p && (await runner.run(vscode.l10n.t('Compose Up: {0}', p.target.set.projectName), p.target, sub.up()))) refreshAfter();
    } },
    { id: 'mlContainers.compose.down', needsTrust: true, run: async (_ctx, arg?: unknown) => {
      const p = await pickProject(arg, vscode.l10n.t('Compose Down'));
      if (!p) return;
      const keep = vscode.l10n.t('Down');
      const wipe = vscode.l10n.t('Down and Remove Volumes');
      const choice = await vscode.window.showQuickPick([
        { label: keep, detail: vscode.l10n.t('Stop and remove the containers; named volumes (databases, model caches) are kept.') },
        { label: wipe, detail: vscode.l10n.t('Also delete the named volumes: their data is lost.') },
      ], { title: vscode.l10n.t('Compose Down: {0}', p.target.set.projectName) });
      if (!choice) return;
      const volumes = choice.label === wipe;
      if (volumes) {
        const ok = await vscode.window.showWarningMessage(
          vscode.l10n.t('Delete the named volumes of {0}? Database contents and cached models in them are lost.', p.target.set.projectName),
          { modal: true },
          vscode.l10n.t('Delete Volumes'),
        );
        if (!ok) return;
      }
      if (await runner.run(vscode.l10n.t('Compose Down: {0}', p.target.set.projectName), p.target, sub.down(volumes))) refreshAfter();
    } },
    { id: 'mlContainers.compose.restart', needsTrust: true, run: async (_ctx, arg?: unknown) => {
      const p = await pickProject(arg, vscode.l10n.t('Compose Restart'));
      if (p && (await runner.run(vscode.l10n.t('Compose Restart: {0}', p.target.set.projectName), p.target, sub.restart()))) refreshAfter();
    } },
    { id: 'mlContainers.compose.build', needsTrust: true, run: async (_ctx, arg?: unknown) => {
      const p = await pickProject(arg, vscode.l10n.t('Compose Build'));
      if (p) await runner.run(vscode.l10n.t('Compose Build: {0}', p.target.set.projectName), p.target, sub.build());
    } },
    { id: 'mlContainers.compose.logs', needsTrust: true, run: async (_ctx, arg?: unknown) => {
      const p = await pickProject(arg, vscode.l10n.t('Compose Logs'));
      if (p) await runner.logs(p.target, [], vscode.l10n.t('Logs: {0}', p.target.set.projectName));
    } },
    { id: 'mlContainers.compose.serviceUp', needsTrust: true, run: async (_ctx, arg?: unknown) => {
      const s = await pickService(arg, vscode.l10n.t('Compose Up a Service'));
      if (s && (await runner.run(vscode.l10n.t('Compose Up: {0}', s.service), s.target, sub.up([s.service])))) refreshAfter();
    } },
    { id: 'mlContainers.compose.serviceRestart', needsTrust: true, run: async (_ctx, arg?: unknown) => {
      const s = await pickService(arg, vscode.l10n.t('Compose Restart a Service'));
      if (s && (await runner.run(vscode.l10n.t('Compose Restart: {0}', s.service), s.target, sub.restart([s.service])))) refreshAfter();
    } },
    { id: 'mlContainers.compose.serviceLogs', needsTrust: true, run: async (_ctx, arg?: unknown) => {
      const s = await pickService(arg, vscode.l10n.t('Compose Service Logs'));
      if (s) await runner.logs(s.target, [s.service], vscode.l10n.t('Logs: {0}/{1}', s.target.set.projectName, s.service));
    } },
    { id: 'mlContainers.compose.serviceShell', needsTrust: true, run: async (_ctx, arg?: unknown) => {
      const s = await pickService(arg, vscode.l10n.t('Compose Shell'));
      if (s) await runner.shell(s.target, s.service);
    } },
    { id: 'mlContainers.compose.openFile', run: async (_ctx, arg?: unknown) => {
      const node = arg as Node | undefined;
      const file = node && node.kind !== 'message' ? node.project.found?.set.files[0] ?? node.project.configFiles[0] : undefined;
      if (!file) return;
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
      const editor = await vscode.window.showTextDocument(doc);
      if (node && node.kind !== 'project' && node.kind !== 'message') {
        const { serviceRange } = await import('./cliErrors');
        const r = serviceRange(doc.getText(), node.service.name);
        if (r) editor.selection = new vscode.Selection(toRange(r).start, toRange(r).end);
        if (r) editor.revealRange(toRange(r));
      }
    } },
    { id: 'mlContainers.compose.addProfile', needsTrust: true, run: async () => {
      await addProfileToCompose(model, deps);
      scanSoon();
    } },
  ];

  context.subscriptions.push(
    tree,
    view,
    runner,
    diagnostics,
    watcher,
    { dispose: () => model.stop() },
    { dispose: () => clearTimeout(scanTimer) },
    model.onDidChange(() => tree.rerender()),
    view.onDidChangeVisibility((e) => follow(e.visible)),
    vscode.workspace.onDidChangeWorkspaceFolders(() => scanSoon()),
    deps.engines.onDidChangeEngine(() => {
      runner.forget();
      model.reset();
      if (view.visible) void describeView();
    }),
    ...(deps.onDidRequestRefresh ? [deps.onDidRequestRefresh(() => {
      if (view.visible) void model.refresh();
    })] : []),
    ...registerCommandTable(undefined, deps.log, commands),
  );
}

// ------------------------------------------------------------------------------ profile → compose

async function addProfileToCompose(model: ComposeModel, deps: ComposeDeps): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a folder first.'));
    return;
  }
  const parseProfiles = deps.parseProfiles;
  if (!parseProfiles) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Run profiles are not available in this build.'));
    return;
  }
  const { addServiceToCompose, profileToService, serviceNameFor } = await import('./profile');
  const profilesUri = vscode.Uri.joinPath(folder.uri, '.vscode', 'ml-containers.yaml');
  let text: string;
  try {
    text = Buffer.from(await vscode.workspace.fs.readFile(profilesUri)).toString('utf8');
  } catch {
    void vscode.window.showInformationMessage(vscode.l10n.t('No run profiles yet: run an image and save the options as a profile first.'));
    return;
  }
  const vars = { workspaceFolder: folder.uri.fsPath, userHome: os.homedir() };
  const profiles = parseProfiles(text, vars);
  const items = [...profiles.entries()].flatMap(([image, list]) => list.map((p) => ({ label: p.name, description: image, image, p })));
  if (!items.length) {
    void vscode.window.showInformationMessage(vscode.l10n.t('.vscode/ml-containers.yaml has no run profiles.'));
    return;
  }
  const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Add Run Profile to Compose File') });
  if (!picked) return;
  const files = model.found.flatMap((f) => [f.set.files[0]]);
  const newFile = path.join(folder.uri.fsPath, 'compose.yaml');
  const fileChoice = files.length === 1 ? files[0] : files.length === 0 ? newFile : (await vscode.window.showQuickPick(
    files.map((f) => ({ label: vscode.workspace.asRelativePath(f), f })),
    { title: vscode.l10n.t('Which compose file?') },
  ))?.f;
  if (!fileChoice) return;
  const uri = vscode.Uri.file(fileChoice);
  let current = '';
  let exists = true;
  try {
    current = (await vscode.workspace.openTextDocument(uri)).getText();
  } catch {
    exists = false;
  }
  const name = serviceNameFor(picked.p.name);
  const { service, fromEnvironment } = profileToService(picked.image, picked.p, { composeDir: path.dirname(fileChoice), home: os.homedir() });
  const result = addServiceToCompose(current, name, service);
  if (result.replaced) {
    const ok = await vscode.window.showWarningMessage(vscode.l10n.t('Service {0} exists in {1}. Replace it?', name, path.basename(fileChoice)), { modal: true }, vscode.l10n.t('Replace'));
    if (!ok) return;
  }
  const edit = new vscode.WorkspaceEdit();
  if (!exists) {
    edit.createFile(uri, { ignoreIfExists: true });
    edit.insert(uri, new vscode.Position(0, 0), result.text);
  } else {
    const doc = await vscode.workspace.openTextDocument(uri);
    edit.replace(uri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), result.text);
  }
  await vscode.workspace.applyEdit(edit);
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc);
  deps.log.info(`compose: profile "${picked.p.name}" of ${picked.image} written as service "${name}" in ${fileChoice}`);
  if (fromEnvironment.length) {
    void vscode.window.showInformationMessage(vscode.l10n.t(
      'Service {0} reads {1} from the environment: put the values in a .env file next to {2} (and keep it out of git).',
      name, fromEnvironment.join(', '), path.basename(fileChoice)));
  }
}
