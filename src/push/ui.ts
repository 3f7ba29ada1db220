// mlContainers.push: tag an image for a registry (validated reference, last target remembered per
// image) and push it with the credentials the user already has (~/.docker/config.json auths,
// credsStore, credHelpers), else prompted ones kept in SecretStorage. Never logs a credential.
// Also callable with an options object: see PushCommandOptions.
import * as vscode from 'vscode';
import type { FeatureCommand } from '../services/commands';
import { findCredentials, toEngineAuth, type EngineAuthConfig, type RegistryCredential } from '../docker/credentials';
import { PushError, type LayerProgress } from '../docker/push/push';
import { globalRedactor } from '../docker/push/redact';
import { credentialServerUrl, familiarName, parseReference, repositoryOf } from '../docker/reference';
import { pushTargetPlan } from './plan';
import { formatSize } from '../docker/imageInfo';
import { type FeatureDeps, imageRefOf, isCancelled, isOptionsObject, OutputTerminal, pickImage, reportError, safe } from '../services/ui';

export const PUSH_COMMAND = 'mlContainers.push';

export interface PushCommandOptions {
  /** Local image (reference or id) to push. */
  image: string;
  /** Full target reference with registry and tag, e.g. `ghcr.io/org/model:1.0`; default: the image itself. */
  target?: string;
  /** Credentials for this push only (else config.json / helpers / SecretStorage). Never logged. */
  username?: string;
  password?: string;
}

export interface PushCommandResult {
  ok: boolean;
  cancelled?: boolean;
  reference?: string;
  digest?: string;
  /** Where the credentials came from (no secret), or 'none'. */
  credentialSource?: string;
  error?: string;
  code?: string;
}

const TARGET_KEY = (image: string): string => `mlContainers.push.target:${image}`;
const SECRET_KEY = (host: string): string => `mlContainers.registry:${host}`;

function validateTarget(t: string): string | undefined {
  const plan = pushTargetPlan(t);
  return plan.ok ? undefined : plan.problem;
}

async function storedCredential(deps: FeatureDeps, host: string): Promise<RegistryCredential | undefined> {
  const raw = await deps.context.secrets.get(SECRET_KEY(host));
  if (!raw) return undefined;
  try {
    const v = JSON.parse(raw) as { username: string; password: string };
    globalRedactor.addBasic(v.username, v.password);
    return { registry: host, serverAddress: credentialServerUrl(host), username: v.username, password: v.password, source: 'VS Code secret storage' };
  } catch {
    await deps.context.secrets.delete(SECRET_KEY(host));
    return undefined;
  }
}

async function promptCredential(host: string, reason: string): Promise<RegistryCredential | undefined> {
  const username = await vscode.window.showInputBox({ title: vscode.l10n.t('Log in to {0}', host), prompt: reason, placeHolder: vscode.l10n.t('User name'), ignoreFocusOut: true });
  if (!username) return undefined;
  const password = await vscode.window.showInputBox({
    title: vscode.l10n.t('Log in to {0}', host), prompt: vscode.l10n.t('Password or access token for {0}', username), password: true, ignoreFocusOut: true,
  });
  if (!password) return undefined;
  globalRedactor.addBasic(username, password);
  return { registry: host, serverAddress: credentialServerUrl(host), username, password, source: 'prompt' };
}

function summarise(all: ReadonlyMap<string, LayerProgress>): string {
  let done = 0;
  let cur = 0;
  let tot = 0;
  for (const l of all.values()) {
    if (/Pushed|already exists|Mounted from/i.test(l.status)) done++;
    if (l.total) { cur += l.current ?? 0; tot += l.total; }
  }
  return vscode.l10n.t('{0}/{1} layers pushed', done, all.size) + (tot ? ` · ${formatSize(cur)} / ${formatSize(tot)}` : '');
}

/** Asks for the push target; a target without a tag is pushed as :latest only when the user says so. */
async function askTarget(deps: FeatureDeps, image: string): Promise<string | undefined> {
  let value = deps.context.workspaceState.get<string>(TARGET_KEY(image)) ?? (image.startsWith('sha256:') ? '' : image);
  for (;;) {
    const target = await vscode.window.showInputBox({
      title: vscode.l10n.t('Push {0}', image),
      prompt: vscode.l10n.t('Target: registry/repository:tag — Docker Hub user/name:tag, ghcr.io/org/name:tag, localhost:5000/name:tag'),
      value, validateInput: validateTarget, ignoreFocusOut: true,
    });
    if (!target) return undefined;
    const plan = pushTargetPlan(target);
    if (!plan.ok || !plan.tagWasImplied) return target;
    const asLatest = vscode.l10n.t('Push as {0}', plan.reference);
    const addTag = vscode.l10n.t('Add a Tag…');
    const choice = await vscode.window.showWarningMessage(vscode.l10n.t('"{0}" names no tag. Push it as :latest?', target), { modal: true }, asLatest, addTag);
    if (choice === asLatest) return plan.reference;
    if (choice !== addTag) return undefined;
    value = `${target}:`;
  }
}

export async function pushCommand(deps: FeatureDeps, arg?: unknown, _nodes?: unknown): Promise<PushCommandResult | undefined> {
  const opts = isOptionsObject(arg, 'image') ? (arg as unknown as PushCommandOptions) : undefined;
  try {
    const image = opts?.image ?? imageRefOf(arg) ?? (await pickImage(deps.engines, vscode.l10n.t('Image to push')));
    if (!image) return undefined;
    const target = opts ? (opts.target ?? image) : await askTarget(deps, image);
    if (!target) return undefined;
    const plan = pushTargetPlan(target);
    if (!plan.ok) throw new PushError('invalidReference', plan.problem);
    const ref = parseReference(plan.reference);
    const targetRef = plan.reference;
    await deps.context.workspaceState.update(TARGET_KEY(image), targetRef);
    const engine = await deps.engines.getEngine();
    if (familiarName(parseReference(targetRef)) !== safeFamiliar(image)) {
      await engine.tagImage(image, repositoryOf(ref), ref.tag ?? 'latest');
      deps.log.info(`Tagged ${image} as ${targetRef}`);
    }
    // Credentials: explicit → the user's Docker config → SecretStorage → (on 401) prompt.
    let cred: RegistryCredential | undefined;
    if (opts?.password !== undefined) {
      globalRedactor.addBasic(opts.username, opts.password);
      cred = { registry: ref.domain, serverAddress: credentialServerUrl(ref.domain), username: opts.username ?? '', password: opts.password, source: 'command arguments' };
    } else {
      try {
        cred = await findCredentials(ref.domain);
      } catch (e) {
        deps.log.warn(`Docker credentials for ${ref.domain}: ${safe((e as Error).message)}`);
      }
      cred ??= await storedCredential(deps, ref.domain);
    }
    deps.log.info(`Push ${targetRef}: credentials from ${cred?.source ?? 'none'}`);
    for (let attempt = 0; ; attempt++) {
      try {
        const result = await pushWithUi(deps, targetRef, cred ? toEngineAuth(cred) : undefined);
        if (cred?.source === 'prompt') await deps.context.secrets.store(SECRET_KEY(ref.domain), JSON.stringify({ username: cred.username, password: cred.password }));
        deps.refreshViews();
        const msg = vscode.l10n.t('Pushed {0}{1}', targetRef, result.digest ? ` (${result.digest.slice(0, 19)}…)` : '');
        deps.log.info(msg);
        if (!opts) void vscode.window.showInformationMessage(msg);
        return { ok: true, reference: targetRef, digest: result.digest, credentialSource: cred?.source ?? 'none' };
      } catch (err) {
        const retryable = err instanceof PushError && (err.code === 'unauthorized' || err.code === 'denied') && !opts && attempt < 2;
        if (!retryable) throw err;
        if (cred?.source === 'VS Code secret storage' || cred?.source === 'prompt') await deps.context.secrets.delete(SECRET_KEY(ref.domain));
        const why = cred
          ? vscode.l10n.t('{0} (credentials from {1})', (err as Error).message, cred.source)
          : vscode.l10n.t('{0} needs credentials and none were found in your Docker config.', ref.domain);
        const login = vscode.l10n.t('Enter Credentials');
        const choice = await vscode.window.showErrorMessage(why, login);
        if (choice !== login) return { ok: false, error: (err as Error).message, code: (err as PushError).code, credentialSource: cred?.source ?? 'none' };
        cred = await promptCredential(ref.domain, why);
        if (!cred) return { ok: false, cancelled: true };
      }
    }
  } catch (err) {
    if (isCancelled(err)) return { ok: false, cancelled: true };
    reportError(deps.log, vscode.l10n.t('Push'), err);
    return { ok: false, error: safe(err instanceof Error ? err.message : String(err)), code: err instanceof PushError ? err.code : undefined };
  }
}

function safeFamiliar(image: string): string {
  try {
    return familiarName(parseReference(image));
  } catch {
    return image;
  }
}

let lastTerminal: OutputTerminal | undefined;

async function pushWithUi(deps: FeatureDeps, target: string, auth: EngineAuthConfig | undefined): Promise<{ digest?: string }> {
  const engine = await deps.engines.getEngine();
  const ac = new AbortController();
  lastTerminal?.dispose();
  const term = new OutputTerminal(vscode.l10n.t('Push {0}', target), () => ac.abort());
  lastTerminal = term;
  term.show();
  term.write(`Pushing ${target}\n`);
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Pushing {0}', target), cancellable: true },
    async (progress, token) => {
      token.onCancellationRequested(() => ac.abort());
      const r = await engine.push(target, auth, {
        onLog: (t) => term.write(t),
        onLayer: (_l, all) => progress.report({ message: summarise(all) }),
      }, { signal: ac.signal });
      term.write(`Pushed ${target} ${r.digest ?? ''}\n`);
      return r;
    },
  );
}

export const PUSH_COMMANDS: readonly FeatureCommand<FeatureDeps>[] = [
  { id: PUSH_COMMAND, needsTrust: true, run: (deps, node, nodes) => pushCommand(deps, node, nodes) },
];
