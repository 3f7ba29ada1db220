// mlContainers.run: run an image with the options a data scientist needs (mounts, ports, GPU, shm,
// ipc, env, interactive TTY), remembered as named profiles in .vscode/ml-containers.yaml; shows the
// equivalent `docker run …` line. Also callable with an options object: see RunCommandOptions.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Duplex } from 'stream';
import * as vscode from 'vscode';
import type { FeatureCommand } from '../services/commands';
import type { GpuOption, MountOption, PortOption, RunOptions } from '../docker/run/options';
import { parseSize, splitCommand, toDockerRunCommand } from '../docker/run/options';
import type { GpuSupport } from '../docker/gpu';
import { RunError, type RunProblemCode, type StartedContainer } from '../docker/run/run';
import { formatKeyValues, parseKeyValues } from '../services/keyValues';
import { parsePortSpec, profileRisks } from './plan';
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
 * committable profile file: the user picks secret storage (the profile keeps `${secret:NAME}`) or an
 * env file that stays out of git.
 */
async function placeSecrets(secrets: RunSecrets, typed: Record<string, string>): Promise<{ env: Record<string, string>; envFile?: string } | undefined> {
  const split = separateSecrets(typed, isSecretName);
  const names = Object.keys(split.secrets);
  if (!names.length) return { env: typed };
  const root = workspaceRoot();
  type Home = vscode.QuickPickItem & { home: 'storage' | 'envFile' | 'inline' };
  const items: Home[] = [
    { home: 'storage', label: vscode.l10n.t('$(lock) Keep in VS Code secret storage'), description: vscode.l10n.t('the profile holds ${secret:NAME}; the value stays on this machine') },
    ...(root ? [{ home: 'envFile' as const, label: vscode.l10n.t('$(file) Write to .env (kept out of git)'), description: vscode.l10n.t('passed with --env-file') }] : []),
    { home: 'inline', label: vscode.l10n.t('$(warning) Write into the profile file'), description: vscode.l10n.t('readable by anyone with the repository') },
  ];
  const pick = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('{0} look like secrets', names.join(', ')), placeHolder: vscode.l10n.t('Where should their values live?') });
  if (!pick) return undefined;
  if (pick.home === 'inline') return { env: typed };
  if (pick.home === 'storage') {
    for (const n of names) await secrets.store(n, split.secrets[n]);
    return { env: split.env };
  }
  const envPath = path.join(root!, '.env');
  const existing = await fs.promises.readFile(envPath, 'utf8').catch(() => '');
  const lines = names.map((n) => `${n}=${split.secrets[n]}`).join('\n');
  await fs.promises.writeFile(envPath, `${existing}${existing && !existing.endsWith('\n') ? '\n' : ''}${lines}\n`, { mode: 0o600 });
  for (const n of names) globalRedactor.add(split.secrets[n]);
  await keepOutOfGit(root!, '.env');
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

/** Why a command line cannot be split into arguments (an unterminated quote), or undefined. */
function commandProblem(text: string): string | undefined {
  try {
    splitCommand(text);
    return undefined;
  } catch (e) {
    return vscode.l10n.t('{0}: close the quote, or escape it with a backslash.', (e as Error).message);
  }
}

async function askMounts(prev?: MountOption[]): Promise<MountOption[] | undefined> {
  type Item = vscode.QuickPickItem & { mount?: MountOption; custom?: boolean };
  const items: Item[] = [];
  const prevKey = new Set((prev ?? []).map((m) => `${m.source}:${m.target}`));
  const add = (source: string, target: string, detail: string): void => {
    if (items.some((i) => i.mount?.source === source && i.mount.target === target)) return;
    items.push({ label: `${source.replace(os.homedir(), '~')} → ${target}`, description: detail, mount: { source, target }, picked: prevKey.has(`${source}:${target}`) });
  };
  for (const m of prev ?? []) add(m.source, m.target, vscode.l10n.t('from the profile'));
  const root = workspaceRoot();
  if (root) {
    for (const name of ['data', 'datasets', 'models', 'checkpoints', 'notebooks', 'outputs', 'src']) {
      if (fs.existsSync(path.join(root, name))) add(path.join(root, name), `/workspace/${name}`, vscode.l10n.t('workspace folder'));
    }
    add(root, '/workspace', vscode.l10n.t('the whole workspace'));
  }
  for (const [rel, target, what] of [['.cache/huggingface', '/root/.cache/huggingface', 'Hugging Face cache'], ['.cache/torch', '/root/.cache/torch', 'torch cache'], ['.cache/pip', '/root/.cache/pip', 'pip cache']]) {
    const p = path.join(os.homedir(), rel);
    if (fs.existsSync(p)) add(p, target, what);
  }
  items.push({ label: vscode.l10n.t('$(folder) Custom folder…'), custom: true });
  const picked = await vscode.window.showQuickPick(items, { canPickMany: true, placeHolder: vscode.l10n.t('Bind mounts (host → container)') });
  if (!picked) return undefined;
  const mounts = picked.filter((p) => p.mount).map((p) => ({ ...p.mount! }));
  if (picked.some((p) => p.custom)) {
    const chosen = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: true, canSelectMany: false });
    if (chosen?.[0]) {
      const target = await vscode.window.showInputBox({ prompt: vscode.l10n.t('Path inside the container for {0}', chosen[0].fsPath), value: `/mnt/${path.basename(chosen[0].fsPath)}`,
        validateInput: (t) => (t.startsWith('/') ? undefined : vscode.l10n.t('Use an absolute path')) });
      if (target === undefined) return undefined;
      mounts.push({ source: chosen[0].fsPath, target });
    }
  }
  if (mounts.length) {
    const ro = await vscode.window.showQuickPick(mounts.map((m) => ({ label: m.target, description: m.source, picked: !!prev?.find((p) => p.target === m.target)?.readOnly, m })),
      { canPickMany: true, placeHolder: vscode.l10n.t('Which mounts are read-only? (none picked = all read-write)') });
    if (!ro) return undefined;
    for (const r of ro) r.m.readOnly = true;
  }
  return mounts;
}

async function askPorts(exposed: string[], prev?: PortOption[]): Promise<PortOption[] | undefined> {
  type Item = vscode.QuickPickItem & { port?: PortOption; other?: boolean };
  const items: Item[] = [];
  const seen = new Set<string>();
  for (const p of prev ?? []) {
    seen.add(`${p.container}/${p.protocol ?? 'tcp'}`);
    items.push({ label: `${p.hostIp ? p.hostIp + ':' : ''}${p.host ?? vscode.l10n.t('any')} → ${p.container}/${p.protocol ?? 'tcp'}`, port: p, picked: true });
  }
  for (const e of exposed) {
    if (seen.has(e)) continue;
    const [port, proto] = e.split('/');
    items.push({ label: `${port} → ${e}`, description: vscode.l10n.t('EXPOSE in the image'), port: { container: Number(port), host: Number(port), protocol: proto === 'udp' ? 'udp' : undefined }, picked: !prev });
  }
  items.push({ label: vscode.l10n.t('$(add) Other port…'), other: true });
  const picked = await vscode.window.showQuickPick(items, { canPickMany: true, placeHolder: vscode.l10n.t('Published ports (host → container)') });
  if (!picked) return undefined;
  const ports = picked.filter((p) => p.port).map((p) => p.port!);
  if (picked.some((p) => p.other)) {
    const spec = await vscode.window.showInputBox({ prompt: vscode.l10n.t('Port: [host-ip:][host-port:]container-port[/udp]'), value: '8888:8888',
      validateInput: (t) => { const r = parsePortSpec(t); return typeof r === 'string' ? r : undefined; } });
    if (spec === undefined) return undefined;
    const r = parsePortSpec(spec);
    if (typeof r !== 'string') ports.push(r);
  }
  return ports;
}

async function askGpu(prev: GpuOption | undefined, check: () => Promise<GpuSupport | undefined>): Promise<GpuOption | undefined | null> {
  const items = [
    { label: vscode.l10n.t('No GPU'), value: 'none' }, { label: vscode.l10n.t('All GPUs'), description: '--gpus all', value: 'all' },
    { label: vscode.l10n.t('Number of GPUs…'), description: '--gpus N', value: 'count' }, { label: vscode.l10n.t('Specific GPUs…'), description: '--gpus device=0,1', value: 'devices' },
  ].map((i) => ({ ...i, picked: (prev?.kind ?? 'none') === i.value }));
  const pick = await vscode.window.showQuickPick(items, { placeHolder: vscode.l10n.t('GPU (previous: {0})', prev ? prev.kind : vscode.l10n.t('none')) });
  if (!pick) return null;
  if (pick.value === 'none') return undefined;
  // Check now, while the user is choosing, not after every other prompt.
  const support = await check();
  if (support && !support.available) {
    const without = vscode.l10n.t('Run without GPU');
    const anyway = vscode.l10n.t('Keep the GPU request');
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t('This engine cannot give containers a GPU: {0}.', support.reason), { modal: true,
        detail: vscode.l10n.t('Install the NVIDIA Container Toolkit on the engine host (nvidia-ctk runtime configure), or run on a machine with a GPU.') },
      without, anyway);
    if (!choice) return null;
    if (choice === without) return undefined;
  }
  if (pick.value === 'all') return { kind: 'all' };
  if (pick.value === 'count') {
    const n = await vscode.window.showInputBox({ prompt: vscode.l10n.t('How many GPUs?'), value: prev?.kind === 'count' ? String(prev.count) : '1',
      validateInput: (t) => (/^[1-9]\d*$/.test(t.trim()) ? undefined : vscode.l10n.t('A positive number')) });
    return n === undefined ? null : { kind: 'count', count: Number(n) };
  }
  const ids = await vscode.window.showInputBox({ prompt: vscode.l10n.t('GPU device ids or UUIDs, comma-separated'), value: prev?.kind === 'devices' ? prev.deviceIds.join(',') : '0',
    validateInput: (t) => (/^[\w-]+(\s*,\s*[\w-]+)*$/.test(t.trim()) ? undefined : vscode.l10n.t('e.g. 0,1 or GPU-3a1b…')) });
  return ids === undefined ? null : { kind: 'devices', deviceIds: ids.split(',').map((s) => s.trim()) };
}

/** Asks for a full profile, starting from `prev`. */
async function askProfile(image: string, exposed: string[], check: () => Promise<GpuSupport | undefined>, secrets: RunSecrets, prev?: RunProfile): Promise<RunProfile | undefined> {
  const mounts = await askMounts(prev?.mounts);
  if (!mounts) return undefined;
  const ports = await askPorts(exposed, prev?.ports);
  if (!ports) return undefined;
  const gpus = await askGpu(prev?.gpus, check);
  if (gpus === null) return undefined;
  type Flag = vscode.QuickPickItem & { key: string };
  const root = workspaceRoot();
  const envFileCandidate = root && fs.existsSync(path.join(root, '.env')) ? path.join(root, '.env') : undefined;
  const flagItems: Flag[] = [
    { key: 'interactive', label: vscode.l10n.t('Interactive terminal (-it)'), picked: prev?.interactive ?? true },
    { key: 'autoRemove', label: vscode.l10n.t('Remove when it exits (--rm)'), picked: prev?.autoRemove ?? true },
    { key: 'ipcHost', label: '--ipc=host', description: vscode.l10n.t('PyTorch DataLoader workers share memory'), picked: prev?.ipcHost ?? false },
    { key: 'shm', label: '--shm-size…', description: prev?.shmSize ? String(prev.shmSize) : vscode.l10n.t('engine default 64 MB'), picked: !!prev?.shmSize },
    ...(envFileCandidate ? [{ key: 'envFile', label: '--env-file .env', picked: !!prev?.envFile }] : []),
    { key: 'env', label: vscode.l10n.t('Environment variables…'), description: Object.keys(prev?.env ?? {}).join(', '), picked: !!prev?.env && Object.keys(prev.env).length > 0 },
    { key: 'command', label: vscode.l10n.t('Command override…'), description: typeof prev?.command === 'string' ? prev.command : prev?.command?.join(' '), picked: !!prev?.command },
    { key: 'name', label: vscode.l10n.t('Container name…'), description: prev?.containerName, picked: !!prev?.containerName },
    { key: 'network', label: vscode.l10n.t('Network…'), description: prev?.network ?? vscode.l10n.t('engine default'), picked: !!prev?.network },
  ];
  const flags = await vscode.window.showQuickPick(flagItems, { canPickMany: true, placeHolder: vscode.l10n.t('Run options for {0}', image) });
  if (!flags) return undefined;
  const has = (k: string): boolean => flags.some((f) => f.key === k);
  const profile: RunProfile = { name: prev?.name ?? 'default', mounts, ports, gpus, interactive: has('interactive'), autoRemove: has('autoRemove'), ipcHost: has('ipcHost') };
  if (has('shm')) {
    const v = await vscode.window.showInputBox({ prompt: vscode.l10n.t('Shared-memory size, e.g. 8g'), value: prev?.shmSize ? String(prev.shmSize) : '8g',
      validateInput: (t) => { try { parseSize(t); return undefined; } catch (e) { return (e as Error).message; } } });
    if (v === undefined) return undefined;
    profile.shmSize = v.trim();
  }
  if (has('envFile') && envFileCandidate) profile.envFile = envFileCandidate;
  if (has('env')) {
    const v = await vscode.window.showInputBox({ prompt: vscode.l10n.t('KEY=VALUE pairs, separated by commas (values may contain commas)'), value: formatKeyValues(prev?.env ?? {}),
      validateInput: (t) => { const r = parseKeyValues(t); return typeof r === 'string' ? r : undefined; } });
    if (v === undefined) return undefined;
    const r = parseKeyValues(v);
    if (typeof r !== 'string') {
      const placed = await placeSecrets(secrets, r);
      if (!placed) return undefined;
      profile.env = placed.env;
      if (placed.envFile) profile.envFile = placed.envFile;
    }
  }
  if (has('command')) {
    const v = await vscode.window.showInputBox({ prompt: vscode.l10n.t('Command (empty = the image default)'), value: typeof prev?.command === 'string' ? prev.command : prev?.command?.join(' ') ?? '',
      validateInput: (t) => commandProblem(t) });
    if (v === undefined) return undefined;
    if (v.trim()) profile.command = v.trim();
  }
  if (has('name')) {
    const v = await vscode.window.showInputBox({ prompt: vscode.l10n.t('Container name'), value: prev?.containerName ?? '',
      validateInput: (t) => (t === '' || /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/.test(t) ? undefined : vscode.l10n.t('Letters, digits, "_", "." and "-"')) });
    if (v === undefined) return undefined;
    if (v) profile.containerName = v;
  }
  if (has('network')) {
    const items = [
      { label: 'host', description: vscode.l10n.t("the host's network: servers answer on the host's ports, no -p needed") },
      { label: 'none', description: vscode.l10n.t('no network at all (offline training)') },
      { label: 'bridge', description: vscode.l10n.t('the engine default, with published ports') },
      { label: vscode.l10n.t('Other network…'), description: vscode.l10n.t('a network you created') },
    ];
    const pick = await vscode.window.showQuickPick(items, { placeHolder: vscode.l10n.t('Network for the container (previous: {0})', prev?.network ?? vscode.l10n.t('engine default')) });
    if (!pick) return undefined;
    let network = pick.label;
    if (pick === items[3]) {
      const v = await vscode.window.showInputBox({ prompt: vscode.l10n.t('Network name'), value: prev?.network ?? '',
        validateInput: (t) => (/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(t.trim()) ? undefined : vscode.l10n.t('Letters, digits, "_", "." and "-"')) });
      if (v === undefined) return undefined;
      network = v.trim();
    }
    if (network !== 'bridge') profile.network = network;
  }
  const name = await vscode.window.showInputBox({ prompt: vscode.l10n.t('Save as run profile (in {0})', PROFILES_FILE), value: profile.name,
    validateInput: (t) => (t.trim() ? undefined : vscode.l10n.t('A name, e.g. train or notebook')) });
  if (name === undefined) return undefined;
  profile.name = name.trim();
  return profile;
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
 * undefined to stop. `runtimeAsked`: the GPU prompt already asked about a missing runtime.
 */
async function gpuPreflight(deps: FeatureDeps, engine: Engine, o: RunOptions, runtimeAsked: boolean): Promise<RunOptions | undefined> {
  if (!o.gpus) return o;
  const facts = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Checking the GPU setup for {0}…', o.image) },
    () => gatherGpuFacts(engine, o.image, { extraEnv: o.env }));
  const verdict = decideGpuPreflight(facts);
  deps.log.info(`GPU preflight for ${o.image}: ${verdict.level}: ${verdict.message}${verdict.fix ? ` ${verdict.fix}` : ''} (${verdict.facts.join('; ')})`);
  if (verdict.level === 'ok' || (runtimeAsked && facts.support?.available === false)) return o;
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
    const check = () => engine.gpuSupport().catch(() => undefined);
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
    let isNew = false;
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
          const which = await vscode.window.showQuickPick(profiles.map((p) => ({ label: p.name, p })), { placeHolder: vscode.l10n.t('Profile to change') });
          if (!which) return undefined;
          start = which.p;
        }
        chosen = await askProfile(image, exposed, check, secrets, start);
        isNew = true;
      }
    } else {
      chosen = await askProfile(image, exposed, check, secrets);
      isNew = true;
    }
    if (!chosen) return undefined;
    const resolved = await secrets.resolve(applyProfile(image, chosen));
    if (!resolved) return undefined;
    if (!isNew && !(await confirmRisks(deps, image, chosen, resolved))) return undefined;
    const options = await gpuPreflight(deps, engine, resolved, isNew);
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
