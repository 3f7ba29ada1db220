// The run form: every setting of a run on one screen (an overview list with each current value),
// where picking a setting edits it in one or two steps (with Back) and "Run" runs. This is the
// form's state machine: which step shows what, what Back returns to, the defaults, the validation
// messages and the final plan. Pure (no vscode import): src/run/ui.ts renders the steps it describes
// with quick picks and input boxes, and does the I/O it asks for (a folder dialog, the GPU check).
//
// Nothing the user does in the form has a side effect: the draft changes only in memory, and the
// plan it ends with says where secret values go; ui.ts stores them only when the run goes ahead.
import { exposedPortsOf, parseSize, splitCommand, toDockerRunCommand, type GpuOption, type MountOption, type PortOption } from '../docker/run/options';
import { applyProfile, separateSecrets, type RunProfile } from '../docker/run/profiles';
import { formatKeyValues, parseKeyValues } from '../services/keyValues';
import { parsePortSpec } from './plan';

/** Where the values of secret-looking env variables go when the profile is saved. */
export type SecretHome = 'storage' | 'envFile' | 'inline';

/** The GPU check's verdict, as far as the form needs it (src/run/gpuPlan.ts decides it). */
export interface GpuVerdict {
  readonly level: 'ok' | 'warn' | 'block';
  readonly message: string;
  readonly fix?: string;
}

/** What the editor found before the form opens. */
export interface FormContext {
  readonly image: string;
  /** The image's EXPOSE entries, e.g. `8888/tcp`. */
  readonly exposed: readonly string[];
  /** Folders worth mounting (workspace data/models folders, caches) that exist on this machine. */
  readonly mountCandidates: readonly { source: string; target: string; what: string }[];
  /** The workspace's `.env`, when it exists (offered as `--env-file`). */
  readonly envFileCandidate?: string;
  /** Whether a workspace folder is open (secrets can then go to a git-ignored .env). */
  readonly hasWorkspace: boolean;
  /** Shown as `~` in paths. */
  readonly homeDir: string;
  /** Paths under it are shown relative (`./data`). */
  readonly workspaceFolder?: string;
  /** Names of the image's saved profiles (a new profile gets a name not among them). */
  readonly profileNames: readonly string[];
  readonly isSecret: (name: string) => boolean;
}

export interface FormItem {
  readonly id: string;
  readonly label: string;
  readonly description?: string;
  readonly detail?: string;
  /** Ticked, in a multi-select step. */
  readonly picked?: boolean;
}

export type StepId =
  | 'overview' | 'mounts' | 'mountTarget' | 'mountsReadOnly' | 'ports' | 'portOther'
  | 'gpu' | 'gpuCount' | 'gpuDevices' | 'gpuVerdict' | 'env' | 'secretHome'
  | 'shm' | 'network' | 'networkName' | 'command' | 'containerName' | 'profileName';

/** What to show next. `back`: the step offers the Back button (every step but the overview). */
export type Step =
  | { kind: 'pick'; id: StepId; title: string; placeholder: string; items: FormItem[]; many: boolean; activeId?: string; back: boolean }
  | { kind: 'input'; id: StepId; title: string; prompt: string; value: string; back: boolean }
  /** Ask for a host folder or file (an open dialog); answer with `browsed`. */
  | { kind: 'browse'; title: string }
  /** Run the GPU check for this request; answer with `checked`. */
  | { kind: 'check'; title: string; gpus: GpuOption; env: Readonly<Record<string, string>> }
  | { kind: 'done'; plan: RunPlan };

/** What the form ends with. */
export interface RunPlan {
  /** The profile to run and save (env still holds typed secret values; see `secretHome`). */
  readonly profile: RunProfile;
  /** Where the typed values of `secretNames` go; undefined when there are none. */
  readonly secretHome?: SecretHome;
  readonly secretNames: readonly string[];
  /** The GPU request was checked in the form (its verdict accepted): no second check before the run. */
  readonly gpuChecked: boolean;
}

const ENV_FILE_NOTE = '--env-file .env';

const NAME_RE = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;
const NETWORK_RE = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;
const NAME_MESSAGE = 'Letters, digits, "_", "." and "-"';

/** Why a command line cannot be split into arguments (an unterminated quote), or undefined. */
export function commandProblem(text: string): string | undefined {
  try {
    splitCommand(text);
    return undefined;
  } catch (e) {
    return `${(e as Error).message}: close the quote, or escape it with a backslash.`;
  }
}

/** The validation message of an input step for `text`, or undefined when it is accepted. */
export function validateInput(id: StepId, text: string): string | undefined {
  const t = text.trim();
  switch (id) {
    case 'mountTarget': return text.startsWith('/') ? undefined : 'Use an absolute path';
    case 'portOther': { const r = parsePortSpec(text); return typeof r === 'string' ? r : undefined; }
    case 'gpuCount': return /^[1-9]\d*$/.test(t) ? undefined : 'A positive number';
    case 'gpuDevices': return /^[\w-]+(\s*,\s*[\w-]+)*$/.test(t) ? undefined : 'e.g. 0,1 or GPU-3a1b…';
    case 'env': { const r = parseKeyValues(text); return typeof r === 'string' ? r : undefined; }
    case 'shm':
      if (t === '') return undefined;
      try { parseSize(t); return undefined; } catch (e) { return (e as Error).message; }
    case 'networkName': return NETWORK_RE.test(t) ? undefined : NAME_MESSAGE;
    case 'command': return commandProblem(text);
    case 'containerName': return text === '' || NAME_RE.test(text) ? undefined : NAME_MESSAGE;
    case 'profileName': return t ? undefined : 'A name, e.g. train or notebook';
    default: return undefined;
  }
}

function portLabel(p: PortOption, any = 'any'): string {
  return `${p.hostIp ? p.hostIp + ':' : ''}${p.host ?? any} → ${p.container}/${p.protocol ?? 'tcp'}`;
}
const portKey = (p: PortOption): string => `${p.container}/${p.protocol ?? 'tcp'}`;
/** The image's exposed ports, each published on the same host port. */
function exposedPorts(exposed: readonly string[]): PortOption[] {
  return exposedPortsOf(exposed).map((p) => ({ container: p.container, host: p.container, ...(p.protocol ? { protocol: p.protocol } : {}) }));
}
function gpuText(g: GpuOption | undefined): string {
  if (!g) return 'none';
  if (g.kind === 'all') return 'all GPUs (--gpus all)';
  if (g.kind === 'count') return `${g.count} GPU${g.count === 1 ? '' : 's'} (--gpus ${g.count})`;
  return `devices ${g.deviceIds.join(',')}`;
}
function commandText(c: RunProfile['command']): string {
  return c === undefined ? '' : typeof c === 'string' ? c : c.join(' ');
}
/** The `NVIDIA_*` part of an env map: what the GPU check reads from the profile. */
function nvidiaEnv(env: Readonly<Record<string, string>> | undefined): string {
  return JSON.stringify(Object.entries(env ?? {}).filter(([k]) => k.startsWith('NVIDIA_')).sort());
}

/** A name for a new profile that is not taken yet: `default`, else `default-2`, … */
export function freshProfileName(taken: readonly string[]): string {
  if (!taken.includes('default')) return 'default';
  for (let i = 2; ; i++) if (!taken.includes(`default-${i}`)) return `default-${i}`;
}

/** What an edit in progress remembers, so that Back and forward again show the same answers. */
interface Session {
  /** The steps shown in this edit, the current one last. */
  stack: StepId[];
  /** Text typed in each input step. */
  texts: Partial<Record<StepId, string>>;
  mountChoices?: MountOption[];
  mountPicked?: Set<number>;
  browse?: boolean;
  custom?: string;
  readOnly?: Set<string>;
  portChoices?: PortOption[];
  portPicked?: Set<number>;
  portOther?: boolean;
  gpuKind?: 'none' | 'all' | 'count' | 'devices';
  gpu?: GpuOption;
  verdict?: GpuVerdict;
  env?: Record<string, string>;
  network?: string;
}

export class RunForm {
  private draft: RunProfile;
  private secretHome: SecretHome | undefined;
  private verdict: GpuVerdict | undefined;
  private gpuChecked: boolean;
  private session: Session | undefined;
  private lastField: string | undefined;

  /** `start`: the profile being changed (its values are the defaults); none for a new profile. */
  constructor(private readonly ctx: FormContext, start?: RunProfile) {
    this.draft = start
      ? { ...start, mounts: start.mounts?.map((m) => ({ ...m })), ports: start.ports?.map((p) => ({ ...p })), env: start.env ? { ...start.env } : undefined }
      : { name: freshProfileName(ctx.profileNames), ports: exposedPorts(ctx.exposed), interactive: true, autoRemove: true };
    // a saved GPU request has not been checked on this engine yet
    this.gpuChecked = false;
    // literal secret values in a saved profile were written into its file on purpose: they stay there
    if (start && this.literalSecrets(start.env).length) this.secretHome = 'inline';
  }

  /** The profile as it stands (for the `docker run` line and tests). */
  get profile(): RunProfile {
    return this.draft;
  }

  /** The current step. */
  get step(): Step {
    return this.render();
  }

  private title(what?: string, n?: number, of?: number): string {
    const base = `Run ${this.ctx.image}`;
    if (!what) return base;
    return `${base} · ${what}${n && of && of > 1 ? ` (${n}/${of})` : ''}`;
  }

  /** A host path as short as it stays clear: `./data` in the workspace, `~/…` in the home folder. */
  private tilde(p: string): string {
    const ws = this.ctx.workspaceFolder;
    if (ws && (p === ws || p.startsWith(ws + '/'))) return '.' + (p.slice(ws.length) || '/');
    return this.ctx.homeDir && (p === this.ctx.homeDir || p.startsWith(this.ctx.homeDir + '/')) ? '~' + p.slice(this.ctx.homeDir.length) : p;
  }

  private mountText(m: MountOption): string {
    return `${this.tilde(m.source)} → ${m.target}${m.readOnly ? ' (read-only)' : ''}`;
  }

  private envText(env: Readonly<Record<string, string>> | undefined): string {
    return Object.entries(env ?? {}).map(([k, v]) => `${k}=${this.ctx.isSecret(k) && v && !v.startsWith('${secret:') ? '********' : v}`).join(', ');
  }

  /** The overview: every setting with its value; "Run" first. */
  private overview(): Step {
    const d = this.draft;
    const toggle = (on: boolean | undefined): string => (on ? '$(pass-filled)' : '$(circle-large-outline)');
    const onOff = (on: boolean | undefined): string => (on ? 'on' : 'off');
    const { profile } = this.plan();
    const gpuDetail = d.gpus && this.verdict && this.verdict.level !== 'ok'
      ? `${this.verdict.level === 'block' ? '$(error)' : '$(warning)'} ${this.verdict.message}` : d.gpus && this.verdict ? `$(check) ${this.verdict.message}` : undefined;
    const items: FormItem[] = [
      { id: 'run', label: '$(play) Run', description: `saves the run profile "${d.name}"`, detail: this.commandLine(profile) },
      { id: 'mounts', label: '$(folder) Mounts', description: d.mounts?.length ? d.mounts.map((m) => this.mountText(m)).join(', ') : 'none' },
      { id: 'ports', label: '$(plug) Ports', description: d.ports?.length ? d.ports.map((p) => portLabel(p)).join(', ') : 'none' },
      { id: 'gpu', label: '$(circuit-board) GPU', description: gpuText(d.gpus), ...(gpuDetail ? { detail: gpuDetail } : {}) },
      { id: 'env', label: '$(symbol-variable) Environment', description: this.envText(d.env) || 'none' },
      ...(this.ctx.envFileCandidate ? [{ id: 'envFile', label: `${toggle(!!d.envFile && d.envFile === this.ctx.envFileCandidate)} ${ENV_FILE_NOTE}`, description: onOff(!!d.envFile) }] : []),
      { id: 'shm', label: '$(database) Shared memory', description: d.shmSize ? `--shm-size ${d.shmSize}` : 'engine default (64 MB)' },
      { id: 'ipcHost', label: `${toggle(d.ipcHost)} Host IPC (--ipc=host)`, description: `${onOff(d.ipcHost)} · PyTorch DataLoader workers share memory` },
      { id: 'network', label: '$(globe) Network', description: d.network ?? 'engine default' },
      { id: 'command', label: '$(terminal) Command', description: commandText(d.command) || 'image default' },
      { id: 'containerName', label: '$(tag) Container name', description: d.containerName ?? 'chosen by the engine' },
      { id: 'interactive', label: `${toggle(d.interactive)} Interactive terminal (-it)`, description: onOff(d.interactive) },
      { id: 'autoRemove', label: `${toggle(d.autoRemove)} Remove when it exits (--rm)`, description: onOff(d.autoRemove) },
      { id: 'profileName', label: '$(save) Profile name', description: `${d.name} (in .vscode/ml-containers.yaml)` },
    ];
    return { kind: 'pick', id: 'overview', title: this.title(), placeholder: 'Enter runs. Pick a setting to change it.', items, many: false, activeId: this.lastField ?? 'run', back: false };
  }

  /** The equivalent `docker run` line, secret values masked. */
  private commandLine(p: RunProfile): string {
    try {
      return toDockerRunCommand(applyProfile(this.ctx.image, this.masked(p)));
    } catch (e) {
      return (e as Error).message; // a command from the profile file with an open quote
    }
  }

  /** Secret values replaced by references (what the line shows and the file would hold). */
  private masked(p: RunProfile): RunProfile {
    return p.env ? { ...p, env: separateSecrets(p.env, this.ctx.isSecret).env } : p;
  }

  private render(): Step {
    const s = this.session;
    const id = s?.stack[s.stack.length - 1];
    if (!s || !id) return this.overview();
    const d = this.draft;
    const text = (fallback: string): string => s.texts[id] ?? fallback;
    const input = (what: string, prompt: string, value: string, n?: number, of?: number): Step =>
      ({ kind: 'input', id, title: this.title(what, n, of), prompt, value: text(value), back: true });
    switch (id) {
      case 'mounts': {
        const items: FormItem[] = (s.mountChoices ?? []).map((m, i) => {
          const found = this.ctx.mountCandidates.find((c) => c.source === m.source && c.target === m.target);
          return { id: `m${i}`, label: `${this.tilde(m.source)} → ${m.target}`, description: found?.what ?? 'from the profile', picked: s.mountPicked?.has(i) };
        });
        items.push({ id: 'browse', label: '$(folder) Custom folder…', picked: !!s.browse });
        return { kind: 'pick', id, title: this.title('Mounts', 1, 2), placeholder: 'Bind mounts (host → container)', items, many: true, back: true };
      }
      case 'mountTarget':
        return input('Mounts', `Path inside the container for ${s.custom ?? ''}`, `/mnt/${(s.custom ?? '').split(/[\\/]/).filter(Boolean).pop() ?? 'data'}`, 2, 3);
      case 'mountsReadOnly': {
        const chosen = this.chosenMounts();
        const of = s.stack.includes('mountTarget') ? 3 : 2;
        return { kind: 'pick', id, title: this.title('Mounts', of, of), placeholder: 'Which mounts are read-only? (none picked = all read-write)',
          items: chosen.map((m) => ({ id: m.target, label: m.target, description: this.tilde(m.source), picked: s.readOnly?.has(m.target) })), many: true, back: true };
      }
      case 'ports': {
        const items: FormItem[] = (s.portChoices ?? []).map((p, i) => ({
          id: `p${i}`, label: portLabel(p), ...(this.ctx.exposed.includes(portKey(p)) ? { description: 'EXPOSE in the image' } : {}), picked: s.portPicked?.has(i),
        }));
        items.push({ id: 'other', label: '$(add) Other port…', picked: !!s.portOther });
        return { kind: 'pick', id, title: this.title('Ports', 1, s.portOther ? 2 : 1), placeholder: 'Published ports (host → container)', items, many: true, back: true };
      }
      case 'portOther':
        return input('Ports', 'Port: [host-ip:][host-port:]container-port[/udp]', '8888:8888', 2, 2);
      case 'gpu': {
        const cur = s.gpuKind ?? d.gpus?.kind ?? 'none';
        const items: FormItem[] = [
          { id: 'none', label: 'No GPU' }, { id: 'all', label: 'All GPUs', description: '--gpus all' },
          { id: 'count', label: 'Number of GPUs…', description: '--gpus N' }, { id: 'devices', label: 'Specific GPUs…', description: '--gpus device=0,1' },
        ];
        return { kind: 'pick', id, title: this.title('GPU', 1, cur === 'count' || cur === 'devices' ? 3 : 2), placeholder: `GPU (now: ${gpuText(d.gpus)}); a GPU request is checked against the engine`, items, many: false, activeId: cur, back: true };
      }
      case 'gpuCount':
        return input('GPU', 'How many GPUs?', d.gpus?.kind === 'count' ? String(d.gpus.count) : '1', 2, 3);
      case 'gpuDevices':
        return input('GPU', 'GPU device ids or UUIDs, comma-separated', d.gpus?.kind === 'devices' ? d.gpus.deviceIds.join(',') : '0', 2, 3);
      case 'gpuVerdict': {
        const v = s.verdict!;
        const n = s.stack.includes('gpuCount') || s.stack.includes('gpuDevices') ? 3 : 2;
        return {
          kind: 'pick', id, title: this.title(`GPU check: ${v.level === 'block' ? 'this run will fail' : 'this run may fail'}`, n, n), placeholder: v.message,
          items: [
            { id: 'without', label: 'Run without GPU', ...(v.fix ? { detail: v.fix } : {}) },
            { id: 'keep', label: 'Keep the GPU request', description: v.level === 'block' ? 'the engine will refuse it' : 'run and see' },
          ],
          many: false, activeId: 'without', back: true,
        };
      }
      case 'env':
        return input('Environment', 'KEY=VALUE pairs, separated by commas (values may contain commas)', formatKeyValues(d.env ?? {}), 1, this.literalSecrets(s.env ?? d.env).length ? 2 : 1);
      case 'secretHome': {
        const names = this.literalSecrets(s.env);
        const items: FormItem[] = [
          { id: 'storage', label: '$(lock) Keep in VS Code secret storage', description: 'the profile holds ${secret:NAME}; the value stays on this machine' },
          ...(this.ctx.hasWorkspace ? [{ id: 'envFile', label: '$(file) Write to .env (kept out of git)', description: 'passed with --env-file' }] : []),
          { id: 'inline', label: '$(warning) Write into the profile file', description: 'readable by anyone with the repository' },
        ];
        return { kind: 'pick', id, title: this.title(`Environment: ${names.join(', ')} look like secrets`, 2, 2), placeholder: 'Where should their values live?', items, many: false, activeId: this.secretHome ?? 'storage', back: true };
      }
      case 'shm':
        return input('Shared memory', 'Shared-memory size, e.g. 8g (empty = the engine default, 64 MB)', d.shmSize !== undefined ? String(d.shmSize) : '8g');
      case 'network': {
        const items: FormItem[] = [
          { id: 'host', label: 'host', description: "the host's network: servers answer on the host's ports, no -p needed" },
          { id: 'none', label: 'none', description: 'no network at all (offline training)' },
          { id: 'bridge', label: 'bridge', description: 'the engine default, with published ports' },
          { id: 'other', label: 'Other network…', description: 'a network you created' },
        ];
        const cur = s.network ?? (d.network === undefined ? 'bridge' : ['host', 'none'].includes(d.network) ? d.network : 'other');
        return { kind: 'pick', id, title: this.title('Network', 1, cur === 'other' ? 2 : 1), placeholder: `Network for the container (now: ${d.network ?? 'engine default'})`, items, many: false, activeId: cur, back: true };
      }
      case 'networkName':
        return input('Network', 'Network name', d.network && !['host', 'none'].includes(d.network) ? d.network : '', 2, 2);
      case 'command':
        return input('Command', 'Command (empty = the image default)', commandText(d.command));
      case 'containerName':
        return input('Container name', 'Container name (empty = chosen by the engine)', d.containerName ?? '');
      case 'profileName':
        return input('Profile name', 'Save as run profile (in .vscode/ml-containers.yaml)', d.name);
      default:
        return this.overview();
    }
  }

  private literalSecrets(env: Readonly<Record<string, string>> | undefined): string[] {
    return Object.keys(separateSecrets(env ?? {}, this.ctx.isSecret).secrets);
  }

  private chosenMounts(): MountOption[] {
    const s = this.session!;
    const out = (s.mountChoices ?? []).filter((_, i) => s.mountPicked?.has(i)).map((m) => ({ source: m.source, target: m.target }));
    const target = s.texts.mountTarget;
    if (s.browse && s.custom && target !== undefined && !validateInput('mountTarget', target)) out.push({ source: s.custom, target });
    return out;
  }

  private push(id: StepId): Step {
    this.session!.stack.push(id);
    return this.render();
  }

  private finish(): Step {
    this.session = undefined;
    return this.render();
  }

  private startSession(field: string): Step {
    const d = this.draft;
    this.lastField = field;
    const s: Session = { stack: [], texts: {} };
    this.session = s;
    switch (field) {
      case 'mounts': {
        const choices: MountOption[] = (d.mounts ?? []).map((m) => ({ source: m.source, target: m.target }));
        for (const c of this.ctx.mountCandidates) if (!choices.some((m) => m.source === c.source && m.target === c.target)) choices.push({ source: c.source, target: c.target });
        s.mountChoices = choices;
        s.mountPicked = new Set((d.mounts ?? []).map((_, i) => i));
        s.readOnly = new Set((d.mounts ?? []).filter((m) => m.readOnly).map((m) => m.target));
        return this.push('mounts');
      }
      case 'ports': {
        const choices = (d.ports ?? []).map((p) => ({ ...p }));
        for (const p of exposedPorts(this.ctx.exposed)) if (!choices.some((q) => portKey(q) === portKey(p))) choices.push(p);
        s.portChoices = choices;
        s.portPicked = new Set((d.ports ?? []).map((_, i) => i));
        return this.push('ports');
      }
      case 'gpu': return this.push('gpu');
      case 'env': return this.push('env');
      case 'shm': return this.push('shm');
      case 'network': return this.push('network');
      case 'command': return this.push('command');
      case 'containerName': return this.push('containerName');
      case 'profileName': return this.push('profileName');
      case 'envFile':
        this.session = undefined;
        if (d.envFile && d.envFile === this.ctx.envFileCandidate) delete d.envFile;
        else if (this.ctx.envFileCandidate) d.envFile = this.ctx.envFileCandidate;
        return this.render();
      case 'ipcHost': case 'interactive': case 'autoRemove':
        this.session = undefined;
        d[field] = !d[field];
        return this.render();
      default:
        this.session = undefined;
        return this.render();
    }
  }

  /** The user picked `ids` (one for a single-select step, the ticked ones for a multi-select step). */
  pick(ids: readonly string[]): Step {
    const cur = this.render();
    if (cur.kind !== 'pick') return cur;
    if (cur.id === 'overview') {
      const id = ids[0];
      if (id === 'run') return { kind: 'done', plan: this.plan() };
      return id ? this.startSession(id) : cur;
    }
    const s = this.session!;
    const d = this.draft;
    const one = ids[0];
    switch (cur.id) {
      case 'mounts': {
        s.mountPicked = new Set(ids.filter((x) => /^m\d+$/.test(x)).map((x) => Number(x.slice(1))));
        s.browse = ids.includes('browse');
        if (s.browse) return { kind: 'browse', title: this.title('Mounts: a host folder') };
        return this.chosenMounts().length ? this.push('mountsReadOnly') : this.commitMounts();
      }
      case 'mountsReadOnly':
        s.readOnly = new Set(ids);
        return this.commitMounts();
      case 'ports': {
        s.portPicked = new Set(ids.filter((x) => /^p\d+$/.test(x)).map((x) => Number(x.slice(1))));
        s.portOther = ids.includes('other');
        return s.portOther ? this.push('portOther') : this.commitPorts();
      }
      case 'gpu': {
        const kind = one as Session['gpuKind'];
        s.gpuKind = kind;
        if (kind === 'none') {
          delete d.gpus;
          this.verdict = undefined;
          this.gpuChecked = false;
          return this.finish();
        }
        if (kind === 'count') return this.push('gpuCount');
        if (kind === 'devices') return this.push('gpuDevices');
        return this.check({ kind: 'all' });
      }
      case 'gpuVerdict':
        if (one === 'without') {
          delete d.gpus;
          this.verdict = undefined;
          this.gpuChecked = false;
        } else {
          d.gpus = s.gpu;
          this.verdict = s.verdict;
          this.gpuChecked = true;
        }
        return this.finish();
      case 'secretHome':
        this.secretHome = one as SecretHome;
        return this.commitEnv();
      case 'network':
        s.network = one;
        if (one === 'other') return this.push('networkName');
        if (one === 'bridge') delete d.network; else d.network = one;
        return this.finish();
      default:
        return cur;
    }
  }

  /** The user accepted `text` in an input step; an invalid text keeps the step (ui.ts shows the message inline). */
  input(text: string): Step {
    const cur = this.render();
    if (cur.kind !== 'input') return cur;
    const s = this.session!;
    s.texts[cur.id] = text;
    if (validateInput(cur.id, text)) return this.render();
    const d = this.draft;
    const t = text.trim();
    switch (cur.id) {
      case 'mountTarget': return this.push('mountsReadOnly');
      case 'portOther': return this.commitPorts();
      case 'gpuCount': return this.check({ kind: 'count', count: Number(t) });
      case 'gpuDevices': return this.check({ kind: 'devices', deviceIds: t.split(',').map((x) => x.trim()) });
      case 'env': {
        const env = parseKeyValues(text) as Record<string, string>;
        s.env = env;
        if (this.literalSecrets(env).length) return this.push('secretHome');
        return this.commitEnv();
      }
      case 'shm':
        if (t) d.shmSize = t; else delete d.shmSize;
        return this.finish();
      case 'networkName':
        d.network = t;
        return this.finish();
      case 'command':
        if (t) d.command = t; else delete d.command;
        return this.finish();
      case 'containerName':
        if (text) d.containerName = text; else delete d.containerName;
        return this.finish();
      case 'profileName':
        d.name = t;
        return this.finish();
      default:
        return cur;
    }
  }

  /** The answer to a `browse` step: the chosen path, or undefined when the dialog was cancelled. */
  browsed(p: string | undefined): Step {
    const s = this.session;
    if (!s || s.stack[s.stack.length - 1] !== 'mounts') return this.render();
    if (p === undefined) {
      // no custom folder after all: go on with the ticked ones
      s.browse = false;
      return this.chosenMounts().length ? this.push('mountsReadOnly') : this.commitMounts();
    }
    if (s.custom !== p) delete s.texts.mountTarget;
    s.custom = p;
    return this.push('mountTarget');
  }

  private check(gpus: GpuOption): Step {
    this.session!.gpu = gpus;
    return { kind: 'check', title: this.title('GPU: checking the engine and driver'), gpus, env: this.draft.env ?? {} };
  }

  /** The answer to a `check` step: the verdict, or undefined when the check could not run. */
  checked(v: GpuVerdict | undefined): Step {
    const s = this.session;
    if (!s?.gpu) return this.render();
    if (!v || v.level === 'ok') {
      this.draft.gpus = s.gpu;
      this.verdict = v;
      this.gpuChecked = !!v;
      return this.finish();
    }
    s.verdict = v;
    return this.push('gpuVerdict');
  }

  /**
   * Back: the previous step of this edit, with its answers as they were; from the first step of an
   * edit, the overview with the setting unchanged. `text`: what an input step held (kept for later).
   */
  back(text?: string): Step {
    const s = this.session;
    if (!s) return this.render();
    const top = s.stack.pop();
    if (top && text !== undefined && top !== 'overview') s.texts[top] = text;
    if (!s.stack.length) return this.finish();
    return this.render();
  }

  private commitMounts(): Step {
    const s = this.session!;
    const ro = s.readOnly ?? new Set<string>();
    const mounts = this.chosenMounts().map((m) => (ro.has(m.target) ? { ...m, readOnly: true } : m));
    if (mounts.length) this.draft.mounts = mounts; else delete this.draft.mounts;
    return this.finish();
  }

  private commitPorts(): Step {
    const s = this.session!;
    const ports = (s.portChoices ?? []).filter((_, i) => s.portPicked?.has(i));
    const other = s.portOther ? parsePortSpec(s.texts.portOther ?? '') : undefined;
    if (other && typeof other !== 'string' && !ports.some((p) => portKey(p) === portKey(other) && p.host === other.host && p.hostIp === other.hostIp)) ports.push(other);
    if (ports.length) this.draft.ports = ports; else delete this.draft.ports;
    return this.finish();
  }

  private commitEnv(): Step {
    const s = this.session!;
    const env = s.env ?? {};
    const before = this.draft.env;
    if (Object.keys(env).length) this.draft.env = env; else delete this.draft.env;
    if (!this.literalSecrets(env).length) this.secretHome = undefined;
    // the GPU check read the NVIDIA_* variables of the profile: when they change, it runs again before the run
    if (this.draft.gpus && nvidiaEnv(before) !== nvidiaEnv(env)) this.gpuChecked = false;
    return this.finish();
  }

  /** The plan as the form stands now. */
  plan(): RunPlan {
    const p = { ...this.draft };
    for (const k of Object.keys(p) as (keyof RunProfile)[]) if (p[k] === undefined) delete p[k];
    const secretNames = this.literalSecrets(p.env);
    return {
      profile: p,
      ...(secretNames.length ? { secretHome: this.secretHome ?? 'storage' } : {}),
      secretNames,
      gpuChecked: !!p.gpus && this.gpuChecked,
    };
  }
}
