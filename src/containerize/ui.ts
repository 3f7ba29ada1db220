// "ML Containers: Containerize This Project…": the editor side of containerize (thin: detection,
// planning and generation are the pure modules next to this file). It shows what was found and
// proposed, lets the user adjust GPU / CUDA / Python / port, previews the files (a diff view for
// each file that exists), and writes only after confirmation. An existing .dockerignore gets the
// missing patterns added and an existing run-profile file gets the profile merged in; an existing
// Dockerfile is replaced only when the user says so. Disabled in untrusted workspaces (it writes).
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { missingPatterns } from '../docker/ignoreTemplate';
import { parseProfiles, upsertProfile } from '../docker/run/profiles';
import type { Choices, ContainerizeResult, GeneratedFiles } from './types';

export const CONTAINERIZE_COMMAND = 'mlContainers.containerize';
const PREVIEW_SCHEME = 'ml-containers-containerize';
const FILES: (keyof GeneratedFiles)[] = ['Dockerfile', '.dockerignore', '.vscode/ml-containers.yaml'];

/** Read-only documents holding the proposed files while the user looks at them. */
class Previews implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  set(uri: vscode.Uri, text: string): void {
    this.texts.set(uri.toString(), text);
    this.changed.fire(uri);
  }
  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }
}

export function registerContainerize(context: vscode.ExtensionContext): void {
  const previews = new Previews();
  context.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider(PREVIEW_SCHEME, previews),
    vscode.commands.registerCommand(CONTAINERIZE_COMMAND, (target?: vscode.Uri) => containerizeCommand(previews, target)),
    vscode.languages.registerCodeActionsProvider({ language: 'dockerfile' }, new EmptyDockerfileActions(), { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] }),
  );
}

/** On an empty Dockerfile: offer to generate one from the project. */
class EmptyDockerfileActions implements vscode.CodeActionProvider {
  provideCodeActions(doc: vscode.TextDocument): vscode.CodeAction[] {
    if (doc.uri.scheme !== 'file' || doc.getText().trim() !== '' || !vscode.workspace.isTrusted) return [];
    const a = new vscode.CodeAction(vscode.l10n.t('Containerize this project (generate the Dockerfile)…'), vscode.CodeActionKind.QuickFix);
    a.command = { command: CONTAINERIZE_COMMAND, title: a.title, arguments: [vscode.Uri.joinPath(doc.uri, '..')] };
    return [a];
  }
}

async function pickFolder(target: vscode.Uri | undefined): Promise<vscode.Uri | undefined> {
  if (target instanceof vscode.Uri && target.scheme === 'file') {
    const stat = await vscode.workspace.fs.stat(target);
    return stat.type & vscode.FileType.Directory ? target : vscode.Uri.joinPath(target, '..');
  }
  const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file');
  if (folders.length <= 1) return folders[0]?.uri;
  return (await vscode.window.showWorkspaceFolderPick({ placeHolder: vscode.l10n.t('Project folder to containerize') }))?.uri;
}

async function readText(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}

type Step = 'go' | 'gpu' | 'cuda' | 'python' | 'port' | undefined;

/** The summary step: what was found and proposed; pick an item to adjust it, or go on. */
async function review(r: ContainerizeResult): Promise<Step> {
  const d = r.detected;
  const p = r.plan;
  type Item = vscode.QuickPickItem & { step?: Step };
  const items: Item[] = [
    { label: `$(check) ${vscode.l10n.t('Preview the files')}`, detail: vscode.l10n.t('Dockerfile, .dockerignore and .vscode/ml-containers.yaml; nothing is written yet'), step: 'go' },
    { label: vscode.l10n.t('Adjust'), kind: vscode.QuickPickItemKind.Separator },
    { label: `$(circuit-board) GPU: ${p.gpu ? vscode.l10n.t('on') : vscode.l10n.t('off')}`, description: d.gpu.reasons.join(', '), step: 'gpu' },
  ];
  if (p.gpu && p.cuda) items.push({ label: `$(versions) CUDA ${p.cuda.major}.${p.cuda.minor}`, description: `${p.base} · driver ≥ ${p.minDriver ?? '?'}`, detail: p.cudaWhy, step: 'cuda' });
  if (p.python) items.push({ label: `$(symbol-namespace) Python ${p.python}`, description: d.python ? d.python.from : vscode.l10n.t('default'), step: 'python' });
  if (p.port) items.push({ label: `$(plug) ${vscode.l10n.t('Port {0}', p.port)}`, description: d.app.evidence, step: 'port' });
  items.push({ label: vscode.l10n.t('Found'), kind: vscode.QuickPickItemKind.Separator });
  items.push({ label: `$(package) ${d.language} · ${d.source.kind} · ${d.app.kind}`, description: d.app.evidence });
  for (const w of r.warnings) items.push({ label: `$(warning) ${w}` });
  const picked = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Containerize: {0}', p.base),
    placeHolder: vscode.l10n.t('Review what was found; pick an item to change it'),
    ignoreFocusOut: true,
    matchOnDescription: true,
  });
  return picked?.step;
}

async function adjust(step: Step, c: Choices, r: ContainerizeResult): Promise<Choices> {
  switch (step) {
    case 'gpu': {
      const pick = await vscode.window.showQuickPick(
        [
          { label: vscode.l10n.t('Auto (from the project)'), value: 'auto' as const },
          { label: vscode.l10n.t('GPU (CUDA base image)'), value: 'yes' as const },
          { label: vscode.l10n.t('CPU only'), value: 'no' as const },
        ],
        { title: vscode.l10n.t('GPU') },
      );
      return pick ? { ...c, gpu: pick.value, ...(pick.value === 'no' ? { cuda: undefined } : {}) } : c;
    }
    case 'cuda': {
      const v = await vscode.window.showInputBox({
        title: vscode.l10n.t('CUDA version (major.minor)'),
        value: r.plan.cuda ? `${r.plan.cuda.major}.${r.plan.cuda.minor}` : '',
        prompt: vscode.l10n.t('Pins that cannot run on it are reported, and the nearest valid version is proposed'),
        validateInput: (s) => (/^\d{1,2}\.\d{1,2}$/.test(s.trim()) ? undefined : vscode.l10n.t('major.minor, e.g. 12.1')),
      });
      return v ? { ...c, gpu: 'yes', cuda: v.trim() } : c;
    }
    case 'python': {
      const v = await vscode.window.showInputBox({
        title: vscode.l10n.t('Python version (3.X)'),
        value: r.plan.python ?? '',
        validateInput: (s) => (/^3\.\d{1,2}$/.test(s.trim()) ? undefined : vscode.l10n.t('3.X, e.g. 3.11')),
      });
      return v ? { ...c, python: v.trim() } : c;
    }
    case 'port': {
      const v = await vscode.window.showInputBox({
        title: vscode.l10n.t('Port the app listens on'),
        value: String(r.plan.port ?? ''),
        validateInput: (s) => (/^\d+$/.test(s.trim()) && Number(s) > 0 && Number(s) < 65536 ? undefined : vscode.l10n.t('A port number, 1-65535')),
      });
      return v ? { ...c, port: Number(v.trim()) } : c;
    }
    default:
      return c;
  }
}

/** What each file will be: new text, and whether it replaces, merges into, or creates a file. */
async function finalTexts(folder: vscode.Uri, r: ContainerizeResult, image: string): Promise<{ name: keyof GeneratedFiles; uri: vscode.Uri; text: string; existing?: string }[]> {
  const out = [];
  for (const name of FILES) {
    const uri = vscode.Uri.joinPath(folder, ...name.split('/'));
    const existing = await readText(uri);
    let text = r.files[name];
    if (existing !== undefined && name === '.dockerignore') {
      const missing = missingPatterns(existing);
      const sep = existing === '' || existing.endsWith('\n') ? '' : '\n';
      text = missing.length ? `${existing}${sep}\n# Added by ML Containers: ML data, checkpoints and environments\n${missing.join('\n')}\n` : existing;
    } else if (existing !== undefined && name === '.vscode/ml-containers.yaml') {
      const vars = { workspaceFolder: folder.fsPath, userHome: os.homedir() };
      try {
        const proposed = parseProfiles(r.files[name], vars).get(image) ?? [];
        text = proposed.reduce((acc, p) => upsertProfile(acc, image, p, vars), existing);
      } catch {
        text = existing; // a broken profiles file is left for the user to fix
      }
    }
    out.push({ name, uri, text, ...(existing !== undefined ? { existing } : {}) });
  }
  return out;
}

async function containerizeCommand(previews: Previews, target?: vscode.Uri): Promise<void> {
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Containerize writes files; trust this workspace first.'));
    return;
  }
  const folder = await pickFolder(target);
  if (!folder) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a project folder (on this machine) to containerize it.'));
    return;
  }
  // the pure module (TOML/YAML parsers included) loads on first use, not at activation
  const { containerizeFiles, imageNameFor, openProject } = await import('./index');
  const image = imageNameFor(folder.fsPath);
  const files = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Reading the project…') },
    async () => openProject(folder.fsPath),
  );
  let choices: Choices = { gpu: 'auto' };
  let result = containerizeFiles(files, choices, image);
  for (;;) {
    const step = await review(result);
    if (step === undefined) return;
    if (step === 'go') break;
    choices = await adjust(step, choices, result);
    result = containerizeFiles(files, choices, image);
  }
  const planned = await finalTexts(folder, result, image);
  for (const f of planned) {
    const preview = vscode.Uri.from({ scheme: PREVIEW_SCHEME, path: `/${path.basename(folder.fsPath)}/${f.name}` });
    previews.set(preview, f.text);
    if (f.existing !== undefined) {
      if (f.existing === f.text) continue;
      await vscode.commands.executeCommand('vscode.diff', f.uri, preview, vscode.l10n.t('{0} (current ↔ proposed)', f.name), { preview: false });
    } else {
      await vscode.window.showTextDocument(preview, { preview: false });
    }
  }
  const replaced = planned.filter((f) => f.existing !== undefined && f.existing !== f.text);
  const dockerfileExists = planned.some((f) => f.name === 'Dockerfile' && f.existing !== undefined && f.existing.trim() !== '');
  const write = vscode.l10n.t('Write');
  const writeKeep = vscode.l10n.t('Write, Keep My Dockerfile');
  const answer = await vscode.window.showInformationMessage(
    vscode.l10n.t('Write the containerize files in {0}?', path.basename(folder.fsPath)),
    {
      modal: true,
      detail: replaced.length
        ? vscode.l10n.t('These files exist and will change (see the diff views): {0}.', replaced.map((f) => f.name).join(', '))
        : vscode.l10n.t('New files: {0}.', planned.map((f) => f.name).join(', ')),
    },
    ...(dockerfileExists ? [writeKeep, write] : [write]),
  );
  if (answer === undefined) return;
  for (const f of planned) {
    if (f.existing === f.text) continue;
    if (f.name === 'Dockerfile' && dockerfileExists && answer !== write) continue;
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(f.uri, '..'));
    await vscode.workspace.fs.writeFile(f.uri, new TextEncoder().encode(f.text));
  }
  await vscode.window.showTextDocument(vscode.Uri.joinPath(folder, 'Dockerfile'), { preview: false });
}
