// mlContainers.run: run an image with the options a data scientist needs (mounts, ports, GPU, shm,
// ipc, env, interactive TTY) set on one form (src/run/form.ts), remembered as named profiles in
// .vscode/ml-containers.yaml; shows the equivalent `docker run …` line. Also callable with an options object: see RunCommandOptions.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Duplex } from 'stream';
import * as vscode from 'vscode';
import type { FeatureCommand } from '../services/commands';
import type { RunOptions } from '../docker/run/options';
import { toDockerRunCommand } from '../docker/run/options';
import { RunError, type RunProblemCode, type StartedContainer } from '../docker/run/run';
import { profileRisks } from './plan';
import { RunForm, validateInput, type FormContext, type RunPlan, type SecretHome, type Step } from './form';
import type { Engine } from '../docker/engine';
import { formatSmoke, gatherGpuFacts, gpuSmokeTest } from '../docker/gpuPreflight';
import { decideGpuPreflight } from './gpuPlan';
import { containerNotes } from '../services/containerNotes';
import { isSecretName } from '../docker/secretNames';
import { globalRedactor } from '../docker/push/redact';
import { applyProfile, resolveSecretRefs, secretRefsIn, separateSecrets, parseProfiles, RunProfile, upsertProfile, type ProfileVars } from '../docker/run/profiles';
import { type FeatureDeps, imageRefOf, isCancelled, isOptionsObject, pickImage, reportError, safe } from '../services/ui';

export const RUN_COMMAND = 'mlContainers.run';
export const PROFILES_FILE = '.vscode/ml-containers.yaml';
const LAST_PROFILE_KEY = (image: string): string => `mlContainers.run.lastProfile:${image}`;

/** Non-interactive use: `image` plus any RunOptions fields; `profile` loads a saved profile first. */
export type RunCommandOptions = Partial<RunOptions> & {
  image: string;
  /** Name of a profile in .vscode/ml-containers.yaml for this image; explicit fields override it. */
  profile?: string;
  /** Save the resulting options as this profile. */
  saveAs?: string;
};

export interface RunCommandResult {
  ok: boolean;
  containerId?: string;
  /** The equivalent `docker run …` line. */
  commandLine?: string;
  error?: string;
  code?: RunProblemCode;
}

function workspaceRoot(): string | undefined {
  return vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
}
function vars(): ProfileVars {
  return { workspaceFolder: workspaceRoot() ?? '', userHome: os.homedir() };
}
function profilesPath(): string | undefined {
  const root = workspaceRoot();
  return root ? path.join(root, PROFILES_FILE) : undefined;
}
async function readProfiles(): Promise<Map<string, RunProfile[]>> {
  const p = profilesPath();
  if (!p) return new Map();
  const text = await fs.promises.readFile(p, 'utf8').catch(() => '');
  return parseProfiles(text, vars());
}
async function saveProfile(image: string, profile: RunProfile): Promise<void> {
  const p = profilesPath();
  if (!p) return;
  const text = await fs.promises.readFile(p, 'utf8').catch(() => '');
  await fs.promises.mkdir(path.dirname(p), { recursive: true });
  await fs.promises.writeFile(p, upsertProfile(text, image, profile, vars()));
}

/** Run secrets: values of secret-looking env names, kept in the editor's secret storage per workspace. */
interface RunSecrets {
  store(name: string, value: string): Promise<void>;
  /** The options with `${secret:NAME}` references filled in (asking for missing ones when `ask`); undefined if the user cancels. */
  resolve(o: RunOptions, ask?: boolean): Promise<RunOptions | undefined>;
}

function runSecrets(deps: FeatureDeps): RunSecrets {
  const key = (name: string): string => `mlContainers.runSecret:${workspaceRoot() ?? ''}:${name}`;
  const store = async (name: string, value: string): Promise<void> => {
    globalRedactor.add(value);
    await deps.context.secrets.store(key(name), value);
  };
  return {
    store,
    resolve: async (o, ask = true) => {
      const values: Record<string, string> = {};
      for (const name of secretRefsIn(o.env)) {
        let value = await deps.context.secrets.get(key(name));
        if (value === undefined && ask) {
          value = await vscode.window.showInputBox({ title: vscode.l10n.t('Secret {0}', name), prompt: vscode.l10n.t('The run profile refers to {0}; it is kept in VS Code\'s secret storage on this machine only.', name), password: true, ignoreFocusOut: true });
          if (value === undefined) return undefined;
          await store(name, value);
        }
        if (value === undefined) return undefined;
        globalRedactor.add(value);
        values[name] = value;
      }
      return resolveSecretRefs(o, values);
    },
  };
}

/**
 * Typed env pairs whose names look like secrets (HF_TOKEN, WANDB_API_KEY) are not written into the
 * committable profile file: the form asked where they live — secret storage (the profile keeps
 * `${secret:NAME}`), an env file that stays out of git, or the profile file itself. Called once the
 * run goes ahead, so a cancelled form stores nothing.
 */
async function placeSecrets(secrets: RunSecrets, typed: Record<string, string>, home: SecretHome): Promise<{ env: Record<string, string>; envFile?: string }> {
  const split = separateSecrets(typed, isSecretName);
  const names = Object.keys(split.secrets);
  const root = workspaceRoot();
  if (!names.length || home === 'inline') return { env: typed };
  if (home === 'storage' || !root) {
    for (const n of names) await secrets.store(n, split.secrets[n]);
    return { env: split.env };
  }
  const envPath = path.join(root, '.env');
  const existing = await fs.promises.readFile(envPath, 'utf8').catch(() => '');
  const lines = names.map((n) => `${n}=${split.secrets[n]}`).join('\n');
  await fs.promises.writeFile(envPath, `${existing}${existing && !existing.endsWith('\n') ? '\n' : ''}${lines}\n`, { mode: 0o600 });
  for (const n of names) globalRedactor.add(split.secrets[n]);
  await keepOutOfGit(root, '.env');
  const env = Object.fromEntries(Object.entries(typed).filter(([k]) => !names.includes(k)));
  return { env, envFile: envPath };
}

/** Adds `entry` to the workspace's .gitignore unless a line already names it. */
async function keepOutOfGit(root: string, entry: string): Promise<void> {
  const file = path.join(root, '.gitignore');
  const text = await fs.promises.readFile(file, 'utf8').catch(() => '');
  if (text.split(/\r?\n/).some((l) => l.trim() === entry || l.trim() === `/${entry}`)) return;
  await fs.promises.writeFile(file, `${text}${text && !text.endsWith('\n') ? '\n' : ''}${entry}\n`);
}

/**
 * A profile from the (committable) profiles file that mounts /, the home folder or the engine socket, or
 * uses the host's network, is shown with those grants before its first run here; once confirmed, this
 * exact profile runs without asking again.
 */
async function confirmRisks(deps: FeatureDeps, image: string, profile: RunProfile, o: RunOptions): Promise<boolean> {
  const risks = profileRisks(o, os.homedir());
  if (!risks.length) return true;
  const key = `mlContainers.run.confirmed:${image}:${JSON.stringify(profile)}`;
  if (deps.context.workspaceState.get<boolean>(key)) return true;
  const run = vscode.l10n.t('Run');
  const choice = await vscode.window.showWarningMessage(
    vscode.l10n.t('The run profile "{0}" for {1} comes from {2} and has not run here before. It:', profile.name, image, PROFILES_FILE),
    { modal: true, detail: `${risks.map((r) => `• ${r}`).join('\n')}\n\n$ ${safe(toDockerRunCommand(o))}` },
    run,
  );
  if (choice !== run) return false;
  await deps.context.workspaceState.update(key, true);
  return true;
}

/** Folders worth mounting that exist here: the workspace's data/model folders, the workspace, ML caches. */
function mountCandidates(): FormContext['mountCandidates'] {
  const out: { source: string; target: string; what: string }[] = [];
  const root = workspaceRoot();
  if (root) {
    for (const name of ['data', 'datasets', 'models', 'checkpoints', 'notebooks', 'outputs', 'src']) {
      if (fs.existsSync(path.join(root, name))) out.push({ source: path.join(root, name), target: `/workspace/${name}`, what: vscode.l10n.t('workspace folder') });
    }
    out.push({ source: root, target: '/workspace', what: vscode.l10n.t('the whole workspace') });
  }
  for (const [rel, target, what] of [['.cache/huggingface', '/root/.cache/huggingface', 'Hugging Face cache'], ['.cache/torch', '/root/.cache/torch', 'torch cache'], ['.cache/pip', '/root/.cache/pip', 'pip cache']]) {
    const p = path.join(os.homedir(), rel);
    if (fs.existsSync(p)) out.push({ source: p, target, what });
  }
  return out;
}

/** How the user left a step of the form. */
type Answer = { kind: 'pick'; ids: string[] } | { kind: 'input'; text: string } | { kind: 'back'; text?: string } | { kind: 'cancel' };
type FormPickItem = vscode.QuickPickItem & { id: string };

/**
 * Renders the steps of a RunForm, one quick input at a time (the pattern of VS Code's multiStepInput
 * sample): the next input is shown before the previous one is disposed, so the widget never closes
 * between steps; a pick step reuses the quick pick on screen. Escape (hide) cancels the whole form.
 */
class FormView implements vscode.Disposable {
  private current: vscode.QuickInput | undefined;

  private swap(next: vscode.QuickInput): void {
    if (next !== this.current) {
      next.show();
      this.current?.dispose();
      this.current = next;
    }
  }

  /** Waits for one answer; `wire` connects the input's events to `finish`. */
  private ask<T extends vscode.QuickInput>(input: T, wire: (finish: (a: Answer) => void, subs: vscode.Disposable[]) => void): Promise<Answer> {
    return new Promise<Answer>((resolve) => {
      const subs: vscode.Disposable[] = [];
      let settled = false;
      const finish = (a: Answer): void => {
        if (settled) return;
        settled = true;
        for (const s of subs) s.dispose();
        resolve(a);
      };
      subs.push(input.onDidHide(() => finish({ kind: 'cancel' })));
      wire(finish, subs);
      input.enabled = true;
      input.busy = false;
      this.swap(input);
    });
  }

  pick(step: Extract<Step, { kind: 'pick' }>): Promise<Answer> {
    const qp = this.current && 'canSelectMany' in this.current ? (this.current as vscode.QuickPick<FormPickItem>) : vscode.window.createQuickPick<FormPickItem>();
    qp.ignoreFocusOut = true;
    qp.title = step.title;
    qp.placeholder = step.placeholder;
    qp.value = '';
    qp.canSelectMany = step.many;
    qp.matchOnDescription = true;
    qp.matchOnDetail = step.id === 'overview';
    qp.buttons = step.back ? [vscode.QuickInputButtons.Back] : [];
    const items: FormPickItem[] = step.items.map((i) => ({ id: i.id, label: i.label, description: i.description, detail: i.detail === undefined ? undefined : safe(i.detail), picked: i.picked }));
    qp.items = items;
    if (step.many) qp.selectedItems = items.filter((i) => i.picked);
    const active = items.find((i) => i.id === step.activeId);
    if (active) qp.activeItems = [active];
    return this.ask(qp, (finish, subs) => {
      subs.push(qp.onDidTriggerButton((b) => { if (b === vscode.QuickInputButtons.Back) finish({ kind: 'back' }); }));
      subs.push(qp.onDidAccept(() => {
        const chosen = step.many ? qp.selectedItems : qp.activeItems.slice(0, 1);
        if (!step.many && !chosen.length) return;
        finish({ kind: 'pick', ids: chosen.map((i) => i.id) });
      }));
    });
  }

  input(step: Extract<Step, { kind: 'input' }>): Promise<Answer> {
    const ib = this.current && 'password' in this.current ? (this.current as vscode.InputBox) : vscode.window.createInputBox();
    ib.ignoreFocusOut = true;
    ib.title = step.title;
    ib.prompt = step.prompt;
    ib.value = step.value;
    ib.validationMessage = step.value === '' ? undefined : validateInput(step.id, step.value);
    ib.buttons = step.back ? [vscode.QuickInputButtons.Back] : [];
    return this.ask(ib, (finish, subs) => {
      subs.push(ib.onDidChangeValue((v) => { ib.validationMessage = validateInput(step.id, v); }));
      subs.push(ib.onDidTriggerButton((b) => { if (b === vscode.QuickInputButtons.Back) finish({ kind: 'back', text: ib.value }); }));
      subs.push(ib.onDidAccept(() => {
        const problem = validateInput(step.id, ib.value);
        ib.validationMessage = problem;
        if (!problem) finish({ kind: 'input', text: ib.value });
      }));
    });
  }

  /** A busy, disabled quick pick while `work` runs; undefined `done` when the user pressed Escape meanwhile. */
  async busy<T>(title: string, placeholder: string, work: () => Promise<T>): Promise<{ done: true; value: T } | { done: false }> {
    const qp = vscode.window.createQuickPick();
    qp.ignoreFocusOut = true;
    qp.title = title;
    qp.placeholder = placeholder;
    qp.busy = true;
    qp.enabled = false;
    let hide: vscode.Disposable | undefined;
    const hidden = new Promise<{ done: false }>((resolve) => { hide = qp.onDidHide(() => resolve({ done: false })); });
    this.swap(qp);
    try {
      return await Promise.race([work().then((value) => ({ done: true as const, value })), hidden]);
    } finally {
      hide?.dispose();
    }
  }

  /** Takes the form off the screen (before a dialog of the editor's own). */
  close(): void {
    this.current?.dispose();
    this.current = undefined;
  }

  dispose(): void {
    this.close();
  }
}

/**
 * The run form (src/run/form.ts) on screen: every setting of the run with its value, "Run" first.
 * Returns the plan, or undefined when the user pressed Escape (nothing is stored or written then).
 */
async function runForm(deps: FeatureDeps, engine: Engine, image: string, exposed: string[], profileNames: string[], start?: RunProfile): Promise<RunPlan | undefined> {
  const root = workspaceRoot();
  const envFileCandidate = root && fs.existsSync(path.join(root, '.env')) ? path.join(root, '.env') : undefined;
  const form = new RunForm({
    image, exposed, mountCandidates: mountCandidates(), hasWorkspace: !!root, homeDir: os.homedir(), profileNames, isSecret: isSecretName,
    ...(envFileCandidate ? { envFileCandidate } : {}), ...(root ? { workspaceFolder: root } : {}),
  }, start);
  const view = new FormView();
  try {
    let step: Step = form.step;
    for (;;) {
      switch (step.kind) {
        case 'done':
          return step.plan;
        case 'pick':
        case 'input': {
          const a = step.kind === 'pick' ? await view.pick(step) : await view.input(step);
          if (a.kind === 'cancel') return undefined;
          step = a.kind === 'back' ? form.back(a.text) : a.kind === 'pick' ? form.pick(a.ids) : form.input(a.text);
          break;
        }
        case 'browse': {
          view.close();
          const chosen = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: true, canSelectMany: false, title: step.title });
          step = form.browsed(chosen?.[0]?.fsPath);
          break;
        }
        case 'check': {
          const { gpus, env } = step;
          const r = await view.busy(step.title, vscode.l10n.t('Checking the GPU setup for {0}…', image), async () => {
            try {
              const verdict = decideGpuPreflight(await gatherGpuFacts(engine, image, { extraEnv: { ...env } }));
              deps.log.info(`GPU check for ${image} (--gpus ${gpus.kind}): ${verdict.level}: ${verdict.message}${verdict.fix ? ` ${verdict.fix}` : ''} (${verdict.facts.join('; ')})`);
              return verdict;
            } catch (e) {
              deps.log.warn(`GPU check for ${image} failed: ${safe(e instanceof Error ? e.message : String(e))}`);
              return undefined;
            }
          });
          if (!r.done) return undefined;
          step = form.checked(r.value);
          break;
        }
      }
    }
  } finally {
    view.dispose();
  }
}

/** A terminal attached to a container's TTY. Closing it detaches (an `--rm -it` shell then exits). */
class AttachedTerminal {
  private readonly write = new vscode.EventEmitter<string>();
  private readonly close = new vscode.EventEmitter<void>();
  private buffered: string[] = [];
  private opened = false;
  readonly terminal: vscode.Terminal;

  constructor(name: string, private readonly started: StartedContainer, stream: Duplex, header: string) {
    const emit = (t: string): void => {
      if (this.opened) this.write.fire(t); else this.buffered.push(t);
    };
    emit(`\x1b[2m${header.replace(/\n/g, '\r\n')}\x1b[0m\r\n`);
    stream.on('data', (c: Buffer) => emit(c.toString('utf8')));
    stream.on('end', () => {
      void started.wait().then((code) => emit(`\r\n\x1b[2m[${vscode.l10n.t('container exited with code {0}', code ?? '?')}]\x1b[0m\r\n`), () => undefined);
    });
    const pty: vscode.Pseudoterminal = {
      onDidWrite: this.write.event,
      onDidClose: this.close.event,
      open: (dims) => {
        this.opened = true;
        for (const b of this.buffered.splice(0)) this.write.fire(b);
        if (dims) void started.resize(dims.rows, dims.columns);
      },
      close: () => stream.destroy(),
      handleInput: (data) => { stream.write(data); },
      setDimensions: (dims) => { void started.resize(dims.rows, dims.columns); },
    };
    this.terminal = vscode.window.createTerminal({ name, pty, iconPath: new vscode.ThemeIcon('vm') });
  }
}

/**
 * Before a GPU run: the preflight (GPU runtime, host driver, the image's CUDA needs) as a clear block or
 * warning with the fix. Returns the options to run (without the GPU when the user says so), or
 * undefined to stop. For saved profiles; the run form checks a GPU request when it is made.
 */
async function gpuPreflight(deps: FeatureDeps, engine: Engine, o: RunOptions): Promise<RunOptions | undefined> {
  if (!o.gpus) return o;
  const facts = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Checking the GPU setup for {0}…', o.image) },
    () => gatherGpuFacts(engine, o.image, { extraEnv: o.env }));
  const verdict = decideGpuPreflight(facts);
  deps.log.info(`GPU preflight for ${o.image}: ${verdict.level}: ${verdict.message}${verdict.fix ? ` ${verdict.fix}` : ''} (${verdict.facts.join('; ')})`);
  if (verdict.level === 'ok') return o;
  const without = vscode.l10n.t('Run without GPU');
  const withGpu = vscode.l10n.t('Run with GPU');
  const choice = verdict.level === 'block'
    ? await vscode.window.showErrorMessage(vscode.l10n.t('GPU preflight: {0}', verdict.message), { modal: true, detail: verdict.fix }, without)
    : await vscode.window.showWarningMessage(vscode.l10n.t('GPU preflight: {0}', verdict.message), { modal: true, detail: verdict.fix }, withGpu, without);
  if (choice === without) return { ...o, gpus: undefined };
  return choice === withGpu ? o : undefined;
}

/** After a GPU container started: nvidia-smi (and torch) inside it; the result goes on the container in the tree and in the log. */
function smokeTestGpu(deps: FeatureDeps, engine: Engine, id: string, name: string, notify: boolean): void {
  void (async () => {
    const r = await gpuSmokeTest(engine, id);
    if (r.skipped) {
      deps.log.info(`GPU smoke test of ${name} skipped: ${r.skipped}`);
      return;
    }
    const { text, ok } = formatSmoke(r);
    containerNotes.set(id, { text, ok });
    if (ok) deps.log.info(`GPU smoke test of ${name} (${id.slice(0, 12)}): ${text}`);
    else deps.log.warn(`GPU smoke test of ${name} (${id.slice(0, 12)}): ${text}`);
    if (notify) void (ok ? vscode.window.showInformationMessage(`${name}: ${text}`) : vscode.window.showWarningMessage(`${name}: ${text}`));
  })().catch((e: unknown) => deps.log.warn(`GPU smoke test of ${name} failed: ${safe(e instanceof Error ? e.message : String(e))}`));
}

async function startRun(deps: FeatureDeps, o: RunOptions, quiet: boolean): Promise<RunCommandResult> {
  const commandLine = toDockerRunCommand(o);
  deps.log.info(`Run: ${safe(commandLine)}`);
  const engine = await deps.engines.getEngine();
  let started: StartedContainer;
  try {
    started = await engine.run(o);
  } catch (err) {
    if (err instanceof RunError) {
      deps.log.error(`Run ${o.image}: ${err.message}`);
      // A GPU refusal in the interactive flow is answered by the caller with "Run without GPU".
      if (!quiet && !(err.code === 'gpuUnavailable' && o.gpus)) {
        const copy = vscode.l10n.t('Copy docker run Command');
        void vscode.window.showErrorMessage(err.message, copy).then((c) => { if (c === copy) void vscode.env.clipboard.writeText(commandLine); });
      }
      return { ok: false, error: err.message, code: err.code, commandLine };
    }
    throw err;
  }
  deps.refreshViews();
  if (o.gpus) smokeTestGpu(deps, engine, started.id, o.name ?? o.image, !quiet);
  if (o.interactive && started.stream) {
    const t = new AttachedTerminal(o.name ?? o.image, started, started.stream, `$ ${commandLine}`);
    t.terminal.show();
  } else if (!quiet) {
    const copy = vscode.l10n.t('Copy docker run Command');
    void vscode.window.showInformationMessage(vscode.l10n.t('Started {0} ({1}).', o.name ?? o.image, started.id.slice(0, 12)), copy)
      .then((c) => { if (c === copy) void vscode.env.clipboard.writeText(commandLine); });
  }
  return { ok: true, containerId: started.id, commandLine };
}

export async function runCommand(deps: FeatureDeps, arg?: unknown, _nodes?: unknown): Promise<RunCommandResult | undefined> {
  try {
    if (isOptionsObject(arg, 'image')) {
      const opts = arg as unknown as RunCommandOptions;
      const { profile: profileName, saveAs, ...explicit } = opts;
      let base: RunOptions = { image: opts.image };
      if (profileName) {
        const found = (await readProfiles()).get(opts.image)?.find((p) => p.name === profileName);
        if (!found) throw new Error(vscode.l10n.t('No run profile "{0}" for {1} in {2}', profileName, opts.image, PROFILES_FILE));
        base = applyProfile(opts.image, found);
      }
      const o: RunOptions = { ...base, ...Object.fromEntries(Object.entries(explicit).filter(([, v]) => v !== undefined)) } as RunOptions;
      if (saveAs) {
        const { image: _i, name: containerName, ...rest } = o;
        await saveProfile(o.image, { ...rest, name: saveAs, ...(containerName ? { containerName } : {}) });
      }
      const resolved = await runSecrets(deps).resolve(o, false);
      if (!resolved) throw new Error(vscode.l10n.t('A secret this profile refers to is not stored on this machine; run it once interactively.'));
      return await startRun(deps, resolved, true);
    }
    const image = imageRefOf(arg) ?? (await pickImage(deps.engines, vscode.l10n.t('Image to run')));
    if (!image) return undefined;
    const engine = await deps.engines.getEngine();
    const exposed = Object.keys((await engine.inspectImage(image).catch(() => undefined))?.Config?.ExposedPorts ?? {});
    const secrets = runSecrets(deps);
    let profiles: RunProfile[] = [];
    try {
      profiles = (await readProfiles()).get(image) ?? [];
    } catch (e) {
      void vscode.window.showWarningMessage((e as Error).message);
    }
    const lastName = deps.context.workspaceState.get<string>(LAST_PROFILE_KEY(image));
    const last = profiles.find((p) => p.name === lastName);
    type Item = vscode.QuickPickItem & { profile?: RunProfile; action?: 'new' | 'edit' | 'open' };
    let chosen: RunProfile | undefined;
    let plan: RunPlan | undefined;
    const names = profiles.map((p) => p.name);
    if (profiles.length) {
      const ordered = last ? [last, ...profiles.filter((p) => p !== last)] : profiles;
      const items: Item[] = [
        ...ordered.map((p) => ({
          label: p === last ? vscode.l10n.t('$(play) Run with last settings ({0})', p.name) : `$(play) ${p.name}`,
          detail: safe(toDockerRunCommand(applyProfile(image, p))),
          profile: p,
        })),
        { label: vscode.l10n.t('$(edit) Change a profile…'), action: 'edit' as const },
        { label: vscode.l10n.t('$(add) New run profile…'), action: 'new' as const },
        { label: vscode.l10n.t('$(go-to-file) Open {0}', PROFILES_FILE), action: 'open' as const },
      ];
      const pick = await vscode.window.showQuickPick(items, { placeHolder: vscode.l10n.t('Run {0}', image) });
      if (!pick) return undefined;
      if (pick.action === 'open') {
        const p = profilesPath();
        if (p) await vscode.window.showTextDocument(vscode.Uri.file(p));
        return undefined;
      }
      if (pick.profile) chosen = pick.profile;
      else {
        let start: RunProfile | undefined;
        if (pick.action === 'edit') {
          const which = profiles.length === 1 ? { p: profiles[0] }
            : await vscode.window.showQuickPick(profiles.map((p) => ({ label: p.name, p })), { placeHolder: vscode.l10n.t('Profile to change') });
          if (!which) return undefined;
          start = which.p;
        }
        plan = await runForm(deps, engine, image, exposed, names, start);
        if (!plan) return undefined;
      }
    } else {
      plan = await runForm(deps, engine, image, exposed, names);
      if (!plan) return undefined;
    }
    const isNew = !!plan;
    if (plan) {
      chosen = plan.profile;
      // the form only noted where typed secrets go; they are stored now that the run goes ahead
      if (plan.secretHome && chosen.env) {
        const placed = await placeSecrets(secrets, chosen.env, plan.secretHome);
        chosen = { ...chosen, env: placed.env, ...(placed.envFile ? { envFile: placed.envFile } : {}) };
      }
    }
    if (!chosen) return undefined;
    const resolved = await secrets.resolve(applyProfile(image, chosen));
    if (!resolved) return undefined;
    if (!isNew && !(await confirmRisks(deps, image, chosen, resolved))) return undefined;
    // a GPU request checked in the form (and its verdict accepted there) is not checked twice
    const options = plan?.gpuChecked ? resolved : await gpuPreflight(deps, engine, resolved);
    if (!options) return undefined;
    if (resolved.gpus && !options.gpus) chosen = { ...chosen, gpus: undefined };
    let result = await startRun(deps, options, false);
    if (!result.ok && result.code === 'gpuUnavailable' && chosen.gpus) {
      const without = vscode.l10n.t('Run without GPU');
      if ((await vscode.window.showWarningMessage(result.error ?? '', without)) === without) {
        chosen = { ...chosen, gpus: undefined };
        result = await startRun(deps, { ...options, gpus: undefined }, false);
      }
    }
    // A profile is saved only once it has started: a failing one is not kept for next time.
    if (result.ok) {
      if (isNew) await saveProfile(image, chosen);
      await deps.context.workspaceState.update(LAST_PROFILE_KEY(image), chosen.name);
    }
    return result;
  } catch (err) {
    if (isCancelled(err)) return undefined;
    reportError(deps.log, vscode.l10n.t('Run'), err);
    return { ok: false, error: safe(err instanceof Error ? err.message : String(err)) };
  }
}

export const RUN_COMMANDS: readonly FeatureCommand<FeatureDeps>[] = [
  { id: RUN_COMMAND, needsTrust: true, run: (deps, node, nodes) => runCommand(deps, node, nodes) },
];
