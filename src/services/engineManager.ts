// Owns "which engine": the resolved endpoint (setting → DOCKER_HOST → context → default → Podman) and a
// lazily created Engine for it. dockerode is loaded on first use, never at activation.
//
// API for features (the explorer, build/run/push):
//   getEngine(): Promise<Engine>      the engine for the current endpoint (created lazily; throws EngineError)
//   endpoint / endpointError          the last resolution, for tooltips and messages
//   onDidChangeEngine                 fires after the endpoint was re-resolved and the old engine disposed
//
// Re-resolves without a reload when the `mlContainers.engine.host` setting changes or when
// $DOCKER_CONFIG/config.json, a context's meta.json or its TLS files change.
import * as os from 'node:os';
import * as vscode from 'vscode';
import type { Engine } from '../docker/engine';
import { describeEndpoint, dockerConfigDir, type Endpoint, resolveEndpoint } from '../docker/endpoint';
import { EngineError, toEngineError } from '../docker/errors';

export const ENGINE_HOST_SETTING = 'mlContainers.engine.host';

export type EngineFactory = (endpoint: Endpoint) => Promise<Engine>;

/** Loads dockerode (and ssh2) only when the first engine is needed. */
const lazyDockerodeFactory: EngineFactory = async (endpoint) => {
  const { DockerodeEngine } = await import('../docker/dockerodeEngine');
  return new DockerodeEngine(endpoint);
};

export class EngineManager implements vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<Endpoint | undefined>();
  /** Fires after the endpoint was re-resolved (old engine disposed). */
  readonly onDidChangeEngine = this.changeEmitter.event;

  private _endpoint: Endpoint | undefined;
  private _endpointError: EngineError | undefined;
  private engine: Promise<Engine> | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private watcher: vscode.FileSystemWatcher | undefined;
  private watchedDir: string | undefined;
  private reresolveTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly log: vscode.LogOutputChannel,
    private readonly factory: EngineFactory = lazyDockerodeFactory,
  ) {
    this.resolve();
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(ENGINE_HOST_SETTING)) this.scheduleReresolve('setting changed');
      }),
    );
  }

  get endpoint(): Endpoint | undefined {
    return this._endpoint;
  }

  /** Why the endpoint could not be resolved (bad DOCKER_HOST, missing context…), if so. */
  get endpointError(): EngineError | undefined {
    return this._endpointError;
  }

  /** One line for tooltips/status: the endpoint and where it came from, or the resolution error. */
  describe(): string {
    return this._endpoint ? describeEndpoint(this._endpoint) : (this._endpointError?.message ?? 'no engine');
  }

  /** The engine for the current endpoint. Throws an EngineError (config, unreachable, apiTooOld…). */
  getEngine(): Promise<Engine> {
    if (!this._endpoint) {
      return Promise.reject(this._endpointError ?? new EngineError('config', 'No engine endpoint.'));
    }
    if (!this.engine) {
      const endpoint = this._endpoint;
      const pending = (async () => {
        const engine = await this.factory(endpoint);
        try {
          await engine.version(); // also rejects engines whose API is too old
        } catch (err) {
          engine.dispose();
          throw toEngineError(err, endpoint);
        }
        this.log.info(`engine: connected to ${describeEndpoint(endpoint)}`);
        return engine;
      })();
      this.engine = pending;
      // Do not cache failures: the next call tries again (the engine may have started meanwhile).
      pending.catch(() => {
        if (this.engine === pending) this.engine = undefined;
      });
    }
    return this.engine;
  }

  /** Re-resolve now (e.g. the user pressed Retry after fixing their context). */
  reresolve(reason = 'requested'): void {
    const before = this._endpoint ? JSON.stringify(this._endpoint) : this._endpointError?.message;
    this.resolve();
    const after = this._endpoint ? JSON.stringify(this._endpoint) : this._endpointError?.message;
    this.log.info(`engine: re-resolved (${reason}): ${this.describe()}`);
    // TLS files may have changed in place: always drop the engine when a watched file changed.
    void this.engine?.then(
      (e) => e.dispose(),
      () => undefined,
    );
    this.engine = undefined;
    if (before !== after || reason !== 'requested') this.changeEmitter.fire(this._endpoint);
  }

  private scheduleReresolve(reason: string): void {
    if (this.reresolveTimer) clearTimeout(this.reresolveTimer);
    this.reresolveTimer = setTimeout(() => {
      this.reresolveTimer = undefined;
      this.reresolve(reason);
    }, 300);
  }

  private resolve(): void {
    const settingHost = vscode.workspace.getConfiguration().get<string>(ENGINE_HOST_SETTING, '');
    try {
      this._endpoint = resolveEndpoint({ settingHost, env: process.env });
      this._endpointError = undefined;
    } catch (err) {
      this._endpoint = undefined;
      this._endpointError = toEngineError(err);
      this.log.warn(`engine: ${this._endpointError.message}`);
    }
    // Palette entries of the explorer commands show only when there is an endpoint to talk to.
    void vscode.commands.executeCommand('setContext', 'mlContainers.engineResolved', !!this._endpoint);
    this.watchConfigDir();
  }

  /** Watches $DOCKER_CONFIG (config.json, contexts/meta, contexts/tls) so `docker context use` is picked up. */
  private watchConfigDir(): void {
    const dir = dockerConfigDir(process.env, os.homedir());
    if (dir === this.watchedDir) return;
    this.watcher?.dispose();
    this.watchedDir = dir;
    const pattern = new vscode.RelativePattern(vscode.Uri.file(dir), '{config.json,contexts/meta/**,contexts/tls/**}');
    const watcher = vscode.workspace.createFileSystemWatcher(pattern);
    const onChange = (uri: vscode.Uri) => this.scheduleReresolve(`${vscode.workspace.asRelativePath(uri)} changed`);
    watcher.onDidChange(onChange);
    watcher.onDidCreate(onChange);
    watcher.onDidDelete(onChange);
    this.watcher = watcher;
  }

  dispose(): void {
    if (this.reresolveTimer) clearTimeout(this.reresolveTimer);
    this.watcher?.dispose();
    void this.engine?.then(
      (e) => e.dispose(),
      () => undefined,
    );
    this.engine = undefined;
    for (const d of this.disposables) d.dispose();
    this.changeEmitter.dispose();
  }
}
