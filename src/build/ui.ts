// mlContainers.build: pick Dockerfile, context, tag, args, target, platform → build through the
// Engine API with streamed output, step N/M progress, real cancellation and errors on the line.
// Also callable with an options object (no pickers): see BuildCommandOptions.
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { FeatureCommand } from '../services/commands';
import { BuildFailedError } from '../docker/build/build';
import { dockerignoreAppendText, scanContext, suggestIgnores, type ContextScan } from '../docker/build/context';
import { readDockerfile } from './dockerfileInfo';
import { mapFailedStep } from './errorMapping';
import { formatKeyValues, parseKeyValues } from '../services/keyValues';
import { type BuildChoices, declaredArgNames, defaultTag, tagProblem } from './plan';
import { BuildErrorDiagnostics, clearOnEdit } from './buildErrors';
import { formatSize } from '../docker/imageInfo';
import { type FeatureDeps, isCancelled, isOptionsObject, OutputTerminal, reportError, safe, toFsPath, userCancelled } from '../services/ui';

export const BUILD_COMMAND = 'mlContainers.build';

export interface BuildCommandOptions {
  /** Dockerfile path or Uri (required for non-interactive use). */
  dockerfile: string | vscode.Uri;
  /** Context folder; default: the Dockerfile's folder. */
  context?: string | vscode.Uri;
  /** Tag, e.g. `my-model:dev`; default: remembered, else `<folder>:latest`. */
  tag?: string;
  buildArgs?: Record<string, string>;
  target?: string;
  platform?: string;
  noCache?: boolean;
  pull?: boolean;
  /** RUN network: '', 'none' or 'host'; default: the `mlContainers.build.network` setting. */
  network?: string;
  /** Default: the `mlContainers.build.useBuildKit` setting. */
  builder?: 'auto' | 'buildkit' | 'classic';
}

export interface BuildCommandResult {
  ok: boolean;
  cancelled?: boolean;
  imageId?: string;
  tag?: string;
  builder?: 'buildkit' | 'classic';
  contextBytes?: number;
  error?: string;
  /** 1-based line of the failed instruction, when the failure maps to one. */
  errorLine?: number;
}

const DOCKERFILE_GLOB = '**/{Dockerfile,Containerfile,*.Dockerfile,*.dockerfile,Dockerfile.*,Containerfile.*}';

async function pickDockerfile(arg: unknown): Promise<vscode.Uri | undefined> {
  const given = toFsPath(arg);
  if (given) return vscode.Uri.file(given);
  const active = vscode.window.activeTextEditor?.document;
  if (active && (active.languageId === 'dockerfile' || /(^|[./])(Dockerfile|Containerfile)/i.test(path.basename(active.fileName))) && active.uri.scheme === 'file') {
    return active.uri;
  }
  const found = await vscode.workspace.findFiles(DOCKERFILE_GLOB, '**/{node_modules,.git,.venv}/**', 200);
  if (found.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No Dockerfile in this workspace.'));
    return undefined;
  }
  if (found.length === 1) return found[0];
  const pick = await vscode.window.showQuickPick(
    found.map((u) => ({ label: vscode.workspace.asRelativePath(u), uri: u })).sort((a, b) => a.label.localeCompare(b.label)),
    { placeHolder: vscode.l10n.t('Dockerfile to build') },
  );
  return pick?.uri;
}

async function askChoices(dockerfile: vscode.Uri, prev: BuildChoices | undefined): Promise<BuildChoices | undefined> {
  const dfDir = path.dirname(dockerfile.fsPath);
  // Every prompt names the Dockerfile: from the palette it is the active editor's, which the user may not expect.
  const title = vscode.l10n.t('Build {0}', vscode.workspace.asRelativePath(dockerfile));
  // 1. context folder
  const ws = vscode.workspace.getWorkspaceFolder(dockerfile)?.uri.fsPath;
  const ctxItems: (vscode.QuickPickItem & { value?: string })[] = [];
  const addCtx = (p: string, description: string): void => {
    if (ctxItems.some((i) => i.value === p)) return;
    const rel = vscode.workspace.asRelativePath(p, true);
    ctxItems.push({ label: rel && rel !== p ? rel : path.basename(p), description, detail: p, value: p });
  };
  if (prev?.context) addCtx(prev.context, vscode.l10n.t('last used'));
  addCtx(dfDir, vscode.l10n.t("the Dockerfile's folder"));
  if (ws) addCtx(ws, vscode.l10n.t('workspace folder'));
  ctxItems.push({ label: vscode.l10n.t('Browse…') });
  const ctxPick = await vscode.window.showQuickPick(ctxItems, { title, placeHolder: vscode.l10n.t('Build context folder (what the engine receives)') });
  if (!ctxPick) return undefined;
  let context = ctxPick.value;
  if (!context) {
    const chosen = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, defaultUri: vscode.Uri.file(dfDir) });
    if (!chosen?.[0]) return undefined;
    context = chosen[0].fsPath;
  }
  // 2. tag
  const tag = await vscode.window.showInputBox({
    title,
    prompt: vscode.l10n.t('Image tag'), value: prev?.tag ?? defaultTag(context), validateInput: tagProblem, ignoreFocusOut: true,
  });
  if (!tag) return undefined;
  // 3. target stage (only for multi-stage Dockerfiles)
  let target: string | undefined;
  let argNames: string[] = [];
  try {
    const text = await fs.promises.readFile(dockerfile.fsPath, 'utf8');
    const info = readDockerfile(text);
    argNames = declaredArgNames(text);
    if (info.stages.length > 1) {
      const items = [{ label: vscode.l10n.t('(last stage)'), value: undefined as string | undefined },
        ...info.stages.map((s) => ({ label: s.name ?? `stage-${s.index}`, description: `FROM ${s.from}`, value: s.name ?? String(s.index) }))];
      const pick = await vscode.window.showQuickPick(items, { title, placeHolder: vscode.l10n.t('Target stage (previous: {0})', prev?.target ?? vscode.l10n.t('last stage')) });
      if (!pick) return undefined;
      target = pick.value;
    }
  } catch {
    // unreadable Dockerfile: the build itself will say so
  }
  // 4. build args
  const prevArgs = formatKeyValues(prev?.buildArgs ?? {});
  let buildArgs: Record<string, string> = {};
  const argsText = await vscode.window.showInputBox({
    title,
    prompt: vscode.l10n.t('Build args as KEY=VALUE, separated by commas (values may contain commas); empty for none'),
    placeHolder: argNames.length ? argNames.map((n) => `${n}=…`).join(', ') : 'PYTHON_VERSION=3.11, TORCH_VERSION=2.3.1',
    value: prevArgs, ignoreFocusOut: true,
    validateInput: (t) => { const r = parseKeyValues(t); return typeof r === 'string' ? r : undefined; },
  });
  if (argsText === undefined) return undefined;
  const parsed = parseKeyValues(argsText);
  if (typeof parsed !== 'string') buildArgs = parsed;
  // 5. flags
  type FlagItem = vscode.QuickPickItem & { key: 'noCache' | 'pull' | 'platform' };
  const flagItems: FlagItem[] = [
    { key: 'noCache', label: '--no-cache', description: vscode.l10n.t('rebuild every step'), picked: prev?.noCache ?? false },
    { key: 'pull', label: '--pull', description: vscode.l10n.t('check for newer base images'), picked: prev?.pull ?? false },
    { key: 'platform', label: '--platform…', description: prev?.platform ?? vscode.l10n.t('engine default'), picked: !!prev?.platform },
  ];
  const flags = await vscode.window.showQuickPick(flagItems, { title, canPickMany: true, placeHolder: vscode.l10n.t('Options (Enter to build)') });
  if (!flags) return undefined;
  let platform: string | undefined;
  if (flags.some((f) => f.key === 'platform')) {
    platform = await vscode.window.showInputBox({ title, prompt: vscode.l10n.t('Platform, e.g. linux/amd64 or linux/arm64'), value: prev?.platform ?? 'linux/amd64',
      validateInput: (t) => (/^[a-z0-9]+\/[a-z0-9_]+(\/[a-z0-9]+)?$/.test(t.trim()) ? undefined : vscode.l10n.t('Use os/arch, e.g. linux/amd64')) });
    if (platform === undefined) return undefined;
  }
  return { context, tag, buildArgs, target, platform: platform?.trim() || undefined, noCache: flags.some((f) => f.key === 'noCache'), pull: flags.some((f) => f.key === 'pull') };
}

/** Offers the remembered choices as one Enter; else asks. */
async function choose(deps: FeatureDeps, dockerfile: vscode.Uri): Promise<BuildChoices | undefined> {
  const prev = deps.buildMemory.get(dockerfile.fsPath);
  if (prev) {
    const again = vscode.l10n.t('Build {0}', prev.tag);
    const change = vscode.l10n.t('Change build settings…');
    const pick = await vscode.window.showQuickPick([
      { label: `$(play) ${again}`, description: vscode.workspace.asRelativePath(prev.context, true) + (prev.target ? ` · target ${prev.target}` : '') + (prev.noCache ? ' · no cache' : ''), again: true },
      { label: `$(settings) ${change}`, again: false },
    ], { title: vscode.l10n.t('Build {0}', vscode.workspace.asRelativePath(dockerfile)), placeHolder: vscode.l10n.t('Same settings as last time, or change them') });
    if (!pick) return undefined;
    if (pick.again) return prev;
  }
  const chosen = await askChoices(dockerfile, prev);
  if (chosen) await deps.buildMemory.set(dockerfile.fsPath, chosen);
  return chosen;
}

/** Warns about a large context, offering to add the biggest folders to .dockerignore. Returns the scan to use. */
async function checkContextSize(deps: FeatureDeps, scan: ContextScan, dockerfile: string, interactive: boolean): Promise<ContextScan> {
  const limitMb = vscode.workspace.getConfiguration('mlContainers.build', vscode.Uri.file(dockerfile)).get<number>('contextSizeWarningMB', 200);
  if (limitMb <= 0 || scan.totalBytes <= limitMb * 1024 * 1024) return scan;
  const folders = suggestIgnores(scan);
  const list = folders.map((f) => `${f.folder}/ (${formatSize(f.bytes)})`).join(', ');
  const msg = vscode.l10n.t('The build context is {0} (warning above {1} MB). Biggest folders: {2}.', formatSize(scan.totalBytes), limitMb, list || '—');
  deps.log.warn(msg);
  if (!interactive) return scan;
  const add = vscode.l10n.t('Add to .dockerignore');
  const anyway = vscode.l10n.t('Build Anyway');
  const choice = await vscode.window.showWarningMessage(msg, { modal: true, detail: vscode.l10n.t('Data sets and checkpoints rarely belong in an image: mount them at run time instead.') },
    ...(folders.length ? [add] : []), anyway);
  if (!choice) throw userCancelled();
  if (choice === add) {
    const file = scan.ignoreFile.file ?? path.join(scan.contextDir, '.dockerignore');
    const existing = await fs.promises.readFile(file, 'utf8').catch(() => '');
    const extra = dockerignoreAppendText(existing, folders.map((f) => f.folder));
    if (extra) await fs.promises.appendFile(file, extra);
    deps.log.info(`Added ${folders.map((f) => f.folder).join(', ')} to ${file}`);
    return scanContext(scan.contextDir, dockerfile);
  }
  return scan;
}

let lastTerminal: OutputTerminal | undefined;

export async function buildCommand(deps: FeatureDeps, diags: BuildErrorDiagnostics, arg?: unknown): Promise<BuildCommandResult | undefined> {
  const opts = isOptionsObject(arg, 'dockerfile') ? (arg as unknown as BuildCommandOptions) : undefined;
  try {
    const dockerfile = opts ? vscode.Uri.file(toFsPath(opts.dockerfile) ?? '') : await pickDockerfile(arg);
    if (!dockerfile || !dockerfile.fsPath) return undefined;
    if (!fs.existsSync(dockerfile.fsPath)) throw new Error(vscode.l10n.t('Dockerfile not found: {0}', dockerfile.fsPath));
    let choices: BuildChoices | undefined;
    if (opts) {
      const prev = deps.buildMemory.get(dockerfile.fsPath);
      const context = toFsPath(opts.context) ?? prev?.context ?? path.dirname(dockerfile.fsPath);
      choices = {
        context, tag: opts.tag ?? prev?.tag ?? defaultTag(context), buildArgs: opts.buildArgs ?? {}, target: opts.target, platform: opts.platform,
        noCache: opts.noCache ?? false, pull: opts.pull ?? false,
      };
      const bad = tagProblem(choices.tag);
      if (bad) throw new Error(bad);
      await deps.buildMemory.set(dockerfile.fsPath, choices);
    } else {
      choices = await choose(deps, dockerfile);
    }
    if (!choices) return undefined;
    return await runBuildWithUi(deps, diags, dockerfile, choices, opts);
  } catch (err) {
    if (isCancelled(err)) return { ok: false, cancelled: true };
    reportError(deps.log, vscode.l10n.t('Build'), err);
    return { ok: false, error: safe(err instanceof Error ? err.message : String(err)) };
  }
}

async function runBuildWithUi(
  deps: FeatureDeps, diags: BuildErrorDiagnostics, dockerfile: vscode.Uri, c: BuildChoices, opts: BuildCommandOptions | undefined,
): Promise<BuildCommandResult> {
  const cfg = vscode.workspace.getConfiguration('mlContainers.build', dockerfile);
  const useBuildKit = cfg.get<string>('useBuildKit', 'auto');
  const builder = opts?.builder ?? (useBuildKit === 'always' ? 'buildkit' : useBuildKit === 'never' ? 'classic' : 'auto');
  const network = opts?.network ?? cfg.get<string>('network', '');
  let scan = await scanContext(c.context, dockerfile.fsPath);
  scan = await checkContextSize(deps, scan, dockerfile.fsPath, !opts);
  const engine = await deps.engines.getEngine();
  const ac = new AbortController();
  lastTerminal?.dispose();
  const term = new OutputTerminal(vscode.l10n.t('Build {0}', c.tag), () => ac.abort());
  lastTerminal = term;
  term.show();
  term.write(`Building ${c.tag} from ${vscode.workspace.asRelativePath(dockerfile)} (context ${c.context}, ${formatSize(scan.totalBytes)})\n`);
  deps.log.info(`Build ${c.tag}: ${dockerfile.fsPath}, context ${c.context}, ${scan.entries.length} entries, ${scan.totalBytes} bytes`);
  diags.clear(dockerfile);
  const started = Date.now();
  try {
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Building {0}', c.tag), cancellable: true },
      async (progress, token) => {
        token.onCancellationRequested(() => ac.abort());
        return engine.build({
          dockerfile: dockerfile.fsPath, context: c.context, tags: [c.tag], buildArgs: c.buildArgs, target: c.target, platform: c.platform,
          noCache: c.noCache, pull: c.pull, network, builder,
        }, {
          onLog: (t) => term.write(t),
          onStep: (s) => {
            if (s.index === undefined || !s.started) return;
            const stage = s.stageName ? `${s.stageName} ` : '';
            progress.report({ message: vscode.l10n.t('{0}step {1}/{2}: {3}', stage, s.index, s.total ?? '?', s.text.slice(0, 80)) });
          },
        }, { signal: ac.signal });
      },
    );
    const secs = ((Date.now() - started) / 1000).toFixed(1);
    const by = result.builder === 'buildkit' ? 'BuildKit' : vscode.l10n.t('the classic builder');
    const line = vscode.l10n.t('Built {0} with {1} in {2} s ({3} context sent).', c.tag, by, secs, formatSize(result.contextBytes));
    term.write(`\n${line}${result.fallbackReason ? ` ${vscode.l10n.t('BuildKit was not available: {0}', result.fallbackReason)}` : ''}\n`);
    deps.log.info(line);
    deps.refreshViews();
    if (!opts) {
      const run = vscode.l10n.t('Run');
      const push = vscode.l10n.t('Push');
      void vscode.window.showInformationMessage(line, run, push).then((choice) => {
        if (choice === run) void vscode.commands.executeCommand('mlContainers.run', c.tag);
        if (choice === push) void vscode.commands.executeCommand('mlContainers.push', c.tag);
      });
    }
    return { ok: true, imageId: result.imageId, tag: c.tag, builder: result.builder, contextBytes: result.contextBytes };
  } catch (err) {
    if (isCancelled(err)) {
      term.write(`\n${vscode.l10n.t('Build cancelled.')}\n`);
      deps.log.info(`Build ${c.tag}: cancelled`);
      return { ok: false, cancelled: true, tag: c.tag };
    }
    if (err instanceof BuildFailedError) {
      const text = await fs.promises.readFile(dockerfile.fsPath, 'utf8').catch(() => '');
      let mapped: ReturnType<typeof mapFailedStep>;
      try {
        mapped = mapFailedStep(readDockerfile(text), err.builder, err.progress.failedStep, safe(err.message));
      } catch {
        mapped = undefined; // a Dockerfile the parser cannot read: report without a line
      }
      const message = safe(err.message);
      deps.log.error(`Build ${c.tag} failed: ${message}`);
      if (mapped) {
        diags.show(dockerfile, mapped, err.builder === 'buildkit' ? 'BuildKit' : 'classic builder');
        const show = vscode.l10n.t('Show Line');
        term.write(`\n${vscode.l10n.t('Line {0}: {1}', mapped.startLine + 1, safe(mapped.message))}\n`);
        void vscode.window.showErrorMessage(vscode.l10n.t('Build failed at line {0}: {1}', mapped.startLine + 1, safe(mapped.message)), show).then(async (choice) => {
          if (choice !== show) return;
          const ed = await vscode.window.showTextDocument(dockerfile);
          ed.selection = new vscode.Selection(mapped.startLine, 0, mapped.startLine, 0);
          ed.revealRange(new vscode.Range(mapped.startLine, 0, mapped.endLine, 0), vscode.TextEditorRevealType.InCenter);
        });
      } else {
        reportError(deps.log, vscode.l10n.t('Build'), err);
      }
      return { ok: false, tag: c.tag, builder: err.builder, error: message, errorLine: mapped ? mapped.startLine + 1 : undefined };
    }
    // The engine went away, refused the request, …: the terminal says so too, not only "Building…".
    term.write(`\n${vscode.l10n.t('Build failed: {0}', safe(err instanceof Error ? err.message : String(err)))}\n`);
    throw err;
  }
}

/** The build feature's command table; its build-error diagnostics live as long as the extension. */
export function buildCommands(context: vscode.ExtensionContext): FeatureCommand<FeatureDeps>[] {
  const diags = new BuildErrorDiagnostics();
  context.subscriptions.push(diags, clearOnEdit(diags));
  return [{ id: BUILD_COMMAND, needsTrust: true, run: (deps, arg) => buildCommand(deps, diags, arg) }];
}
