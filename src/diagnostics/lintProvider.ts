// Dockerfile diagnostics in the editor: on open, on change (debounced), on save; cleared on close.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { BuildMemory } from '../services/buildMemory';
import { ConfigCache, findConfigFileAsync, type ParsedConfig } from '../lint/config';
import { gatherContextFacts } from '../lint/contextFacts';
import type * as LintCore from '../lint/index';
import { ShellcheckAbortError, ShellcheckRunner } from '../lint/shellcheckRun';
import { SEVERITIES, type BuildContextFacts, type LintConfig, type LintOptions, type Problem, type Severity } from '../lint/types';
import { isDockerfile, SOURCE, toRange, type LintState, type LintStates } from './documents';

/** The rules and their shared facts, loaded by the first lint rather than at activation (a bundle of their own: LAZY_BUNDLES in esbuild.js). */
let lintCore: typeof LintCore | undefined;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const lintWithDocument: typeof LintCore.lintWithDocument = (text, options) => (lintCore ??= require('../lint/index') as typeof LintCore).lintWithDocument(text, options);

const SEVERITY: Record<string, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
  style: vscode.DiagnosticSeverity.Hint,
};

export class LintProvider implements vscode.Disposable, LintStates {
  readonly collection = vscode.languages.createDiagnosticCollection(SOURCE);
  private readonly configDiagnostics = vscode.languages.createDiagnosticCollection(`${SOURCE}-config`);
  private readonly states = new Map<string, LintState>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** Parsed configs by file, re-read when the file changes (off the typing path: read before a lint starts). */
  private readonly configFiles = new ConfigCache();
  /** Where the config of a folder is (per folder and explicit setting), found asynchronously. */
  private readonly configLookups = new Map<string, Promise<string | null>>();
  /** The config each document was last linted with, for synchronous re-lints (quick fixes). */
  private readonly resolvedConfigs = new Map<string, LintConfig>();
  private readonly shellcheck: ShellcheckRunner;
  /** The ShellCheck pass in progress per document, cancelled when a newer lint starts. */
  private readonly shellcheckRuns = new Map<string, AbortController>();
  /** The last ShellCheck findings per document and the version they are for (kept across synchronous re-lints). */
  private readonly shellcheckFound = new Map<string, { version: number; problems: Problem[] }>();
  private warnedUntrustedConfig = false;
  private readonly contextCache = new Map<string, BuildContextFacts | undefined>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly extensionUri: vscode.Uri, private readonly log: vscode.LogOutputChannel, private readonly buildMemory: BuildMemory) {
    this.shellcheck = new ShellcheckRunner({ onError: (m) => this.log.warn(m) });
    this.disposables.push(
      // a new build context for a Dockerfile: ML009 looks at that folder from now on
      buildMemory.onDidChange((dockerfile) => {
        this.contextCache.clear();
        const doc = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && d.uri.fsPath === dockerfile);
        if (doc) this.lintSoon(doc, 0);
      }),
      this.collection,
      this.configDiagnostics,
      vscode.workspace.onDidOpenTextDocument((d) => this.lintSoon(d, 0)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (this.settings(e.document).run === 'onType') this.lintSoon(e.document, this.settings(e.document).debounceMs);
      }),
      vscode.workspace.onDidSaveTextDocument((d) => {
        this.contextCache.clear(); // a saved .dockerignore or Dockerfile: scan the context again
        this.lintSoon(d, 0);
      }),
      vscode.workspace.onDidCloseTextDocument((d) => this.clear(d.uri)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('mlContainers.lint')) {
          this.configLookups.clear();
          this.lintAll();
        }
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => {
        this.configLookups.clear();
        this.lintAll();
      }),
    );
    const watcher = vscode.workspace.createFileSystemWatcher('**/{.hadolint.yaml,.hadolint.yml,.dockerignore,*.dockerignore}');
    const invalidate = () => {
      this.configLookups.clear();
      this.contextCache.clear();
      this.lintAll();
    };
    watcher.onDidChange(invalidate, undefined, this.disposables);
    watcher.onDidCreate(invalidate, undefined, this.disposables);
    watcher.onDidDelete(invalidate, undefined, this.disposables);
    this.disposables.push(watcher);
    this.lintAll();
  }

  /** The last lint of a document (for quick fixes). */
  state(uri: vscode.Uri): LintState | undefined {
    return this.states.get(uri.toString());
  }

  lintAll(): void {
    for (const d of vscode.workspace.textDocuments) this.lintSoon(d, 0);
  }

  private settings(doc: vscode.TextDocument) {
    const c = vscode.workspace.getConfiguration('mlContainers.lint', doc.uri);
    return {
      enable: c.get<boolean>('enable', true),
      run: c.get<'onType' | 'onSave'>('run', 'onType'),
      debounceMs: Math.max(0, c.get<number>('debounceMs', 150)),
      severity: c.get<Record<string, Severity>>('severity', {}),
      ignored: c.get<string[]>('ignoredRules', []),
      configFile: c.get<string>('configFile', ''),
      shellcheck: c.get<'auto' | 'off'>('shellcheck', 'auto'),
    };
  }

  private lintSoon(doc: vscode.TextDocument, delay: number): void {
    if (!isDockerfile(doc)) return;
    const key = doc.uri.toString();
    const old = this.timers.get(key);
    if (old) clearTimeout(old);
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      void this.lintWhenReady(doc);
    }, delay));
  }

  /**
   * Reads the config (asynchronously, cached by the file's identity, size and time), lints, then runs
   * ShellCheck as a second pass whose findings are added when they arrive, unless the text changed.
   */
  private async lintWhenReady(doc: vscode.TextDocument): Promise<void> {
    const key = doc.uri.toString();
    this.shellcheckRuns.get(key)?.abort();
    this.shellcheckRuns.delete(key);
    const s = this.settings(doc);
    if (doc.isClosed || !s.enable) {
      this.lintNow(doc);
      return;
    }
    let config: LintConfig = {};
    try {
      config = await this.configFor(doc, s.configFile);
    } catch (err) {
      this.log.warn(`lint config for ${doc.uri.fsPath} not read: ${String(err)}`);
    }
    this.resolvedConfigs.set(key, config);
    if (doc.isClosed) return;
    const version = doc.version;
    this.shellcheckFound.delete(key); // settings or config may have changed: the pass below decides again
    this.lintNow(doc);
    const state = this.states.get(key);
    if (!state || s.shellcheck === 'off') return;
    const ac = new AbortController();
    this.shellcheckRuns.get(key)?.abort();
    this.shellcheckRuns.set(key, ac);
    try {
      const sc = await this.shellcheck.problems(state.doc, this.lintOptions(doc, s, this.resolvedConfigs.get(key) ?? {}), ac.signal);
      const current = this.states.get(key);
      if (ac.signal.aborted || doc.isClosed || doc.version !== version || current?.version !== version) return;
      this.shellcheckFound.set(key, { version, problems: sc });
      if (sc.length) this.collection.set(doc.uri, [...current.problems, ...sc].map((p) => this.toDiagnostic(p)));
    } catch (err) {
      if (!(err instanceof ShellcheckAbortError)) this.log.warn(`ShellCheck pass on ${doc.uri.fsPath} failed: ${String(err)}`);
    } finally {
      if (this.shellcheckRuns.get(key) === ac) this.shellcheckRuns.delete(key);
    }
  }

  private lintOptions(doc: vscode.TextDocument, s: ReturnType<LintProvider['settings']>, config: LintConfig): LintOptions {
    return { config, severityOverrides: normaliseSeverities(s.severity), ignore: s.ignored, fileName: path.basename(doc.uri.path) };
  }

  /**
   * Lints a document right away with the config it was last linted with (no file reads here) and
   * publishes its diagnostics. Before its first config read, the defaults are used and a full lint follows.
   */
  lintNow(doc: vscode.TextDocument): Problem[] {
    if (doc.isClosed) return [];
    const s = this.settings(doc);
    if (!s.enable) {
      this.clear(doc.uri);
      return [];
    }
    const config = this.resolvedConfigs.get(doc.uri.toString());
    if (!config) this.lintSoon(doc, 0);
    // the build context the user chose for this Dockerfile, else its folder (what a plain `docker build .` there sends)
    const dir = doc.uri.scheme === 'file' ? (this.buildMemory.contextOf(doc.uri.fsPath) ?? path.dirname(doc.uri.fsPath)) : null;
    const context = dir ? this.contextFor(dir, doc.uri.fsPath) : undefined;
    const started = Date.now();
    const onRuleError = (code: string, err: unknown): void => this.log.error(`lint rule ${code} failed on ${doc.uri.fsPath} and was skipped: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
    const res = lintWithDocument(doc.getText(), { ...this.lintOptions(doc, s, config ?? {}), context, onRuleError });
    const ms = Date.now() - started;
    if (ms > 50) this.log.debug(`lint of ${doc.uri.fsPath} took ${ms} ms`);
    this.states.set(doc.uri.toString(), { problems: res.problems, doc: res.doc, version: doc.version });
    const sc = this.shellcheckFound.get(doc.uri.toString());
    const shown = sc && sc.version === doc.version && sc.problems.length ? [...res.problems, ...sc.problems] : res.problems;
    this.collection.set(doc.uri, shown.map((p) => this.toDiagnostic(p)));
    return res.problems;
  }

  private toDiagnostic(p: Problem): vscode.Diagnostic {
    const d = new vscode.Diagnostic(toRange(p), p.message, SEVERITY[p.level]);
    d.source = SOURCE;
    d.code = {
      value: p.code,
      target: p.code.startsWith('SC')
        ? vscode.Uri.parse(`https://www.shellcheck.net/wiki/${p.code}`)
        : vscode.Uri.joinPath(this.extensionUri, 'docs', 'rules', `${p.code}.md`),
    };
    return d;
  }

  /**
   * The config for a document: the `configFile` setting (ignored in an untrusted workspace, where a
   * workspace setting could point anywhere), else the lookup hadolint does. A config that cannot be
   * used gets one diagnostic on its file, and linting goes on with the defaults (or its valid parts).
   */
  private async configFor(doc: vscode.TextDocument, explicitSetting: string): Promise<LintConfig> {
    const folder = vscode.workspace.getWorkspaceFolder(doc.uri);
    const dir = doc.uri.scheme === 'file' ? path.dirname(doc.uri.fsPath) : folder?.uri.fsPath ?? null;
    let explicit = explicitSetting;
    if (explicit && !vscode.workspace.isTrusted) {
      if (!this.warnedUntrustedConfig) this.log.info('mlContainers.lint.configFile is ignored in an untrusted workspace; the usual .hadolint.yaml lookup is used.');
      this.warnedUntrustedConfig = true;
      explicit = '';
    }
    const key = `${dir}|${explicit}`;
    let lookup = this.configLookups.get(key);
    if (!lookup) {
      if (explicit) lookup = Promise.resolve(path.isAbsolute(explicit) || !folder ? explicit : path.join(folder.uri.fsPath, explicit));
      else lookup = dir ? findConfigFileAsync(dir, folder?.uri.fsPath ?? dir) : Promise.resolve(null);
      this.configLookups.set(key, lookup);
    }
    const file = await lookup;
    if (!file) return {};
    const parsed = await this.configFiles.get(file);
    this.publishConfigProblems(file, parsed);
    return parsed.config;
  }

  private readonly publishedConfigErrors = new Map<string, string>();

  private publishConfigProblems(file: string, parsed: ParsedConfig): void {
    const summary = parsed.errors.map((e) => `${e.line}:${e.column}:${e.message}`).join('\n');
    if (this.publishedConfigErrors.get(file) === summary) return;
    this.publishedConfigErrors.set(file, summary);
    this.configDiagnostics.set(vscode.Uri.file(file), parsed.errors.map((e) => {
      const pos = new vscode.Position(Math.max(0, e.line - 1), Math.max(0, e.column - 1));
      const d = new vscode.Diagnostic(new vscode.Range(pos, pos.translate(0, 1)), e.message, vscode.DiagnosticSeverity.Error);
      d.source = SOURCE;
      return d;
    }));
    if (parsed.errors.length) this.log.warn(`${file}: ${parsed.errors.length} problem(s) in the lint config; linting goes on with its valid parts or the defaults.`);
  }

  private contextFor(dir: string, dockerfileName: string): BuildContextFacts | undefined {
    const key = `${dir}|${dockerfileName}`;
    if (this.contextCache.has(key)) return this.contextCache.get(key);
    let facts: BuildContextFacts | undefined;
    try {
      facts = gatherContextFacts(dir, dockerfileName);
    } catch (err) {
      this.log.debug(`build context scan of ${dir} failed: ${String(err)}`);
    }
    this.contextCache.set(key, facts);
    return facts;
  }

  clear(uri: vscode.Uri): void {
    const key = uri.toString();
    this.shellcheckRuns.get(key)?.abort();
    this.shellcheckRuns.delete(key);
    this.shellcheckFound.delete(key);
    this.resolvedConfigs.delete(key);
    const t = this.timers.get(key);
    if (t) clearTimeout(t);
    this.timers.delete(key);
    this.states.delete(key);
    this.collection.delete(uri);
  }

  dispose(): void {
    for (const ac of this.shellcheckRuns.values()) ac.abort();
    this.shellcheckRuns.clear();
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    this.disposables.forEach((d) => d.dispose());
  }
}

function normaliseSeverities(s: Record<string, Severity>): Record<string, Severity> {
  const out: Record<string, Severity> = {};
  for (const [k, v] of Object.entries(s ?? {})) {
    if (SEVERITIES.includes(v)) out[k.toUpperCase()] = v;
  }
  return out;
}
