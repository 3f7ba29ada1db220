// Export to Kubernetes… (on a run profile from the palette, or on a running container in the explorer)
// and Apply to Cluster (on a YAML file). The thin editor part: pickers and prompts, the file written
// under k8s/, kubectl's output and the pods' logs in one output channel. The work is in source.ts,
// plan.ts, yaml.ts (loaded on first use: the Kubernetes schemas are large) and kubectl.ts.
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { readDockerConfig } from '../docker/credentials';
import { dockerConfigDir } from '../docker/endpoint';
import type { ImageInspect } from '../docker/engine';
import { parseProfiles } from '../docker/run/profiles';
import { normaliseRegistryHost } from '../docker/reference';
import { registerCommandTable, type FeatureCommand } from '../services/commands';
import { type EngineAccess, isCancelled, safe, toFsPath, userCancelled } from '../services/ui';
import type { ExportOptions, WorkloadKind } from './plan';
import type { WorkloadSource } from './source';
import type { KubectlError } from './kubectl';

export const EXPORT_COMMAND = 'mlContainers.exportToKubernetes';
export const APPLY_COMMAND = 'mlContainers.applyToCluster';
const PROFILES_FILE = '.vscode/ml-containers.yaml';

export interface KubernetesDeps {
  readonly log: vscode.LogOutputChannel;
  readonly engines: EngineAccess;
}

interface Ctx extends KubernetesDeps {
  output(): vscode.OutputChannel;
}

function workspaceRoot(): vscode.Uri | undefined {
  return vscode.workspace.workspaceFolders?.[0]?.uri;
}

function containerIdOf(x: unknown): string | undefined {
  if (!x || typeof x !== 'object') return undefined;
  const c = (x as { container?: { Id?: unknown } }).container;
  return c && typeof c.Id === 'string' ? c.Id : undefined;
}

async function tryInspectImage(ctx: Ctx, ref: string): Promise<ImageInspect | undefined> {
  try {
    return await (await ctx.engines.getEngine()).inspectImage(ref);
  } catch (e) {
    ctx.log.info(`Export to Kubernetes: image ${ref} not inspected (${safe((e as Error).message)}); no digest or HEALTHCHECK from it`);
    return undefined;
  }
}

/** Palette: an image from the profiles file, then one of its profiles. */
async function sourceFromPalette(ctx: Ctx): Promise<WorkloadSource | undefined> {
  const root = workspaceRoot();
  if (!root) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a folder with run profiles ({0}) first, or export a running container from the Containers view.', PROFILES_FILE));
    return undefined;
  }
  let text: string;
  try {
    text = Buffer.from(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(root, PROFILES_FILE))).toString('utf8');
  } catch {
    text = '';
  }
  const profiles = parseProfiles(text, { workspaceFolder: root.fsPath, userHome: os.homedir() });
  const images = [...profiles.entries()].filter(([, list]) => list.length);
  if (!images.length) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No run profiles yet: run an image and save its options as a profile, or export a running container from the Containers view.'));
    return undefined;
  }
  const image = images.length === 1 ? images[0] : (await vscode.window.showQuickPick(
    images.map(([ref, list]) => ({ label: ref, description: list.map((p) => p.name).join(', '), entry: [ref, list] as const })),
    { title: vscode.l10n.t('Export to Kubernetes: image'), placeHolder: vscode.l10n.t('Which image?') },
  ))?.entry;
  if (!image) throw userCancelled();
  const [ref, list] = image;
  const profile = list.length === 1 ? list[0] : (await vscode.window.showQuickPick(
    list.map((p) => ({ label: p.name, description: [p.gpus ? 'GPU' : '', p.ports?.length ? `ports ${p.ports.map((x) => x.container).join(',')}` : '', p.mounts?.length ? `${p.mounts.length} mounts` : ''].filter(Boolean).join(' · '), p })),
    { title: vscode.l10n.t('Export to Kubernetes: run profile of {0}', ref) },
  ))?.p;
  if (!profile) throw userCancelled();
  const { sourceFromProfile } = await import('./source');
  return sourceFromProfile(ref, profile, await tryInspectImage(ctx, ref));
}

async function sourceFromContainerNode(ctx: Ctx, id: string): Promise<WorkloadSource> {
  const engine = await ctx.engines.getEngine();
  const inspect = await engine.inspectContainer(id);
  const image = await tryInspectImage(ctx, String(inspect.Image));
  const { sourceFromContainer } = await import('./source');
  return sourceFromContainer(inspect, image);
}

/** True when the user's docker config has credentials (or a helper) for the image's registry. */
async function registryNeedsCredentials(image: string): Promise<boolean> {
  const { registryOf } = await import('./source');
  const host = normaliseRegistryHost(registryOf(image));
  const cfg = await readDockerConfig(dockerConfigDir(process.env)).catch(() => undefined);
  if (!cfg) return false;
  return Object.keys(cfg.auths ?? {}).some((k) => normaliseRegistryHost(k) === host) || Object.keys(cfg.credHelpers ?? {}).some((k) => normaliseRegistryHost(k) === host);
}

async function askOptions(src: WorkloadSource): Promise<ExportOptions> {
  const { kubeName, isQuantity } = await import('./plan');
  const api = src.ports.length > 0;
  // kind, name, [volumes], [GPU nodes], pull secret, resources, [replicas]
  let kindChosen: WorkloadKind = api ? 'deployment' : 'job';
  const steps = (): number => 4 + (src.mounts.some((m) => !m.volume) ? 1 : 0) + (src.gpus ? 1 : 0) + (kindChosen === 'deployment' ? 1 : 0);
  let step = 0;
  const title = (): string => vscode.l10n.t('Export to Kubernetes ({0}/{1})', ++step, steps());
  const cancelled = <T>(x: T | undefined): T => {
    if (x === undefined) throw userCancelled();
    return x;
  };

  const kinds: (vscode.QuickPickItem & { workload: WorkloadKind })[] = [
    { workload: 'deployment', label: vscode.l10n.t('Deployment + Service'), description: vscode.l10n.t('a model API: replicas, probes, a stable address') },
    { workload: 'job', label: vscode.l10n.t('Job'), description: vscode.l10n.t('a training or batch run: runs to completion, no restarts') },
  ];
  if (!api) kinds.reverse();
  const kind = cancelled(await vscode.window.showQuickPick(kinds, { title: title(), placeHolder: vscode.l10n.t('What is {0}? (default from the profile: {1})', src.name, api ? vscode.l10n.t('it publishes a port') : vscode.l10n.t('no port')) })).workload;
  kindChosen = kind;

  const name = cancelled(await vscode.window.showInputBox({
    title: title(), prompt: vscode.l10n.t('Name of the {0} (lowercase letters, digits, "-")', kind === 'job' ? 'Job' : 'Deployment'), value: kubeName(src.name),
    validateInput: (v) => (kubeName(v) === v ? undefined : vscode.l10n.t('Use lowercase letters, digits and "-", starting with a letter (for example {0})', kubeName(v))),
  }));

  const o: ExportOptions = { kind, name };
  if (src.mounts.some((m) => !m.volume)) {
    const v = cancelled(await vscode.window.showQuickPick([
      { value: 'pvc' as const, label: vscode.l10n.t('PersistentVolumeClaims'), description: vscode.l10n.t('any cluster: copy the data into the claims') },
      { value: 'hostPath' as const, label: vscode.l10n.t('hostPath'), description: vscode.l10n.t('the same folders on the node: single-node clusters (kind, minikube)') },
    ], { title: title(), placeHolder: vscode.l10n.t('Data and model folders ({0}) as…', src.mounts.map((m) => m.target).join(', ')) }));
    o.volumes = v.value;
  }
  if (src.gpus) {
    const picks = cancelled(await vscode.window.showQuickPick([
      { key: 'tolerations' as const, label: vscode.l10n.t('Tolerate the nvidia.com/gpu taint'), description: vscode.l10n.t('GPU node pools are usually tainted'), picked: true },
      { key: 'selector' as const, label: vscode.l10n.t('Select GPU nodes'), description: 'nodeSelector nvidia.com/gpu.present=true', picked: true },
    ], { title: title(), canPickMany: true, placeHolder: vscode.l10n.t('Scheduling on GPU nodes') }));
    o.gpuTolerations = picks.some((p) => p.key === 'tolerations');
    o.gpuNodeSelector = picks.some((p) => p.key === 'selector');
  }
  const needsCreds = await registryNeedsCredentials(src.digestRef ?? src.image);
  const pull = cancelled(await vscode.window.showInputBox({
    title: title(),
    prompt: needsCreds
      ? vscode.l10n.t('You log in to this image\'s registry: name of the docker-registry Secret for imagePullSecrets (empty: none)')
      : vscode.l10n.t('imagePullSecrets: name of a docker-registry Secret if the registry is private (empty: none)'),
    value: needsCreds ? 'regcred' : '',
    validateInput: (v) => (v === '' || kubeName(v, 253) === v ? undefined : vscode.l10n.t('Use lowercase letters, digits and "-"')),
  }));
  if (pull) o.pullSecret = pull;
  const res = cancelled(await vscode.window.showInputBox({
    title: title(), prompt: vscode.l10n.t('CPU and memory requests, e.g. "4, 16Gi" (empty: decide later; the file says where)'),
    value: [src.cpus ? String(src.cpus) : '', src.memoryBytes ? `${Math.round(src.memoryBytes / 1024 ** 3)}Gi` : ''].filter(Boolean).join(', '),
    validateInput: (v) => {
      const parts = v.split(',').map((s) => s.trim()).filter(Boolean);
      if (parts.length > 2 || parts.some((p) => !isQuantity(p))) return vscode.l10n.t('Write Kubernetes quantities: cpu like 4 or 500m, memory like 16Gi');
      return undefined;
    },
  }));
  const [cpu, memory] = res.split(',').map((s) => s.trim());
  if (cpu) o.cpu = cpu;
  if (memory) o.memory = memory;
  if (kind === 'deployment') {
    const replicas = cancelled(await vscode.window.showInputBox({ title: title(), prompt: vscode.l10n.t('Replicas'), value: '1', validateInput: (v) => (/^[1-9]\d{0,2}$/.test(v) ? undefined : vscode.l10n.t('A number from 1 to 999')) }));
    o.replicas = Number(replicas);
  }
  return o;
}

async function exportToKubernetes(ctx: Ctx, node?: unknown): Promise<vscode.Uri | undefined> {
  const root = workspaceRoot();
  const id = containerIdOf(node);
  const src = id ? await sourceFromContainerNode(ctx, id) : await sourceFromPalette(ctx);
  if (!src) return undefined;
  if (!root) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a folder first: the manifest is written to its k8s/ folder.'));
    return undefined;
  }
  const o = await askOptions(src);
  const { planExport } = await import('./plan');
  const { planToYaml } = await import('./yaml');
  const plan = planExport(src, o);
  const rel = `k8s/${plan.name}.yaml`;
  const uri = vscode.Uri.joinPath(root, 'k8s', `${plan.name}.yaml`);
  const exists = await vscode.workspace.fs.stat(uri).then(() => true, () => false);
  if (exists) {
    const overwrite = vscode.l10n.t('Overwrite');
    const choice = await vscode.window.showWarningMessage(vscode.l10n.t('{0} exists. Overwrite it?', rel), { modal: true }, overwrite);
    if (choice !== overwrite) throw userCancelled();
  }
  await vscode.workspace.fs.writeFile(uri, Buffer.from(planToYaml(plan, { file: rel, origin: src.origin }), 'utf8'));
  ctx.log.info(`Export to Kubernetes: wrote ${rel} (${plan.docs.map((d) => d.object.kind).join(', ')}) from ${src.origin}`);
  await vscode.window.showTextDocument(uri, { preview: false });
  const apply = vscode.l10n.t('Apply to Cluster…');
  void vscode.window.showInformationMessage(vscode.l10n.t('Wrote {0}. Check the CHANGE comments, create the Secrets it names, then apply it.', rel), apply).then((c) => {
    if (c === apply) void vscode.commands.executeCommand(APPLY_COMMAND, uri);
  });
  return uri;
}

// ------------------------------------------------------------------------------ apply

function describeKubectl(e: KubectlError): string {
  return e.message;
}

async function applyToCluster(ctx: Ctx, arg?: unknown): Promise<void> {
  const file = toFsPath(arg) ?? vscode.window.activeTextEditor?.document.uri.fsPath;
  if (!file || !/\.ya?ml$/i.test(file)) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open or pick a Kubernetes YAML file to apply.'));
    return;
  }
  const doc = vscode.workspace.textDocuments.find((d) => d.uri.fsPath === file);
  if (doc?.isDirty) await doc.save();
  const { classifyFailure, followWorkload, KubectlError: KErr, kubectlArgs, listContexts, runKubectl, workloadsIn } = await import('./kubectl');
  let contexts: { contexts: string[]; current?: string };
  try {
    contexts = await listContexts();
  } catch (e) {
    if (e instanceof KErr) {
      void vscode.window.showErrorMessage(describeKubectl(e));
      return;
    }
    throw e;
  }
  const items = [...contexts.contexts].sort((a, b) => (a === contexts.current ? -1 : b === contexts.current ? 1 : 0))
    .map((c) => ({ label: c, description: c === contexts.current ? vscode.l10n.t('current context') : undefined }));
  const context = items.length === 1 ? items[0].label : (await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Apply {0} to which cluster?', path.basename(file)) }))?.label;
  if (!context) return;

  const out = ctx.output();
  out.show(true);
  const text = Buffer.from(await vscode.workspace.fs.readFile(vscode.Uri.file(file))).toString('utf8');
  const workloads = workloadsIn(text);
  await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Kubernetes ({0})', context), cancellable: true }, async (progress, token) => {
    const abort = new AbortController();
    const sub = token.onCancellationRequested(() => abort.abort());
    try {
      const args = kubectlArgs.apply(file, context);
      progress.report({ message: vscode.l10n.t('applying {0}…', path.basename(file)) });
      out.appendLine(`$ kubectl ${args.join(' ')}`);
      const r = await runKubectl(args, { signal: abort.signal, onLine: (l) => out.appendLine(safe(l)) });
      if (abort.signal.aborted) throw userCancelled();
      if (r.code !== 0) {
        const e = classifyFailure(r.stderr, context);
        out.appendLine(safe(e.message));
        void vscode.window.showErrorMessage(safe(describeKubectl(e)));
        return;
      }
      if (!workloads.length) return;
      out.appendLine(vscode.l10n.t('Following the pods of {0} (cancel the notification to stop)…', workloads.map((w) => `${w.kind.toLowerCase()}/${w.name}`).join(', ')));
      await Promise.all(workloads.map((w) => followWorkload(w, {
        context, signal: abort.signal,
        onLine: (l) => out.appendLine(safe(l)),
        onStatus: (row) => progress.report({ message: `${row.name}: ${row.status}` }),
      })));
    } catch (e) {
      if (isCancelled(e)) return;
      throw e;
    } finally {
      sub.dispose();
      abort.abort();
    }
  });
}

export function registerKubernetes(context: vscode.ExtensionContext, deps: KubernetesDeps): void {
  let channel: vscode.OutputChannel | undefined;
  const ctx: Ctx = {
    ...deps,
    output: () => {
      if (!channel) {
        channel = vscode.window.createOutputChannel('ML Containers: Kubernetes');
        context.subscriptions.push(channel);
      }
      return channel;
    },
  };
  const commands: FeatureCommand<Ctx>[] = [
    { id: EXPORT_COMMAND, title: vscode.l10n.t('Export to Kubernetes'), needsTrust: true, run: (c, node) => exportToKubernetes(c, node) },
    { id: APPLY_COMMAND, title: vscode.l10n.t('Apply to Cluster'), needsTrust: true, run: (c, uri) => applyToCluster(c, uri) },
  ];
  context.subscriptions.push(...registerCommandTable(ctx, deps.log, commands));
}
