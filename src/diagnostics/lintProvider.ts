// Dockerfile diagnostics in the editor: on open, on change (debounced), on save; cleared on close.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { findConfigFile, loadConfigFile } from '../lint/config';
import { gatherContextFacts } from '../lint/contextFacts';
import { lintWithDocument } from '../lint/index';
import { SEVERITIES, type BuildContextFacts, type LintConfig, type Problem, type Severity } from '../lint/types';
import { isDockerfile, SOURCE, toRange, type LintState, type LintStates } from './documents';

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
  private readonly configCache = new Map<string, { file: string | null; config: LintConfig }>();
  private readonly contextCache = new Map<string, BuildContextFacts | undefined>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly extensionUri: vscode.Uri, private readonly log: vscode.LogOutputChannel) {
    this.disposables.push(
      this.collection,
      this.configDiagnostics,
      vscode.workspace.onDidOpenTextDocument((d) => this.lintSoon(d, 0)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (this.settings(e.document).run === 'onType') this.lintSoon(e.document, this.settings(e.document).debounceMs);
      }),
      vscode.workspace.onDidSaveTextDocument((d) => {
        this.contextCache.delete(path.dirname(d.uri.fsPath));
        this.lintSoon(d, 0);
      }),
      vscode.workspace.onDidCloseTextDocument((d) => this.clear(d.uri)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('mlContainers.lint')) this.lintAll();
      }),
    );
    const watcher = vscode.workspace.createFileSystemWatcher('**/{.hadolint.yaml,.hadolint.yml,.dockerignore,*.dockerignore}');
    const invalidate = () => {
      this.configCache.clear();
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
    };
  }

  private lintSoon(doc: vscode.TextDocument, delay: number): void {
    if (!isDockerfile(doc)) return;
    const key = doc.uri.toString();
    const old = this.timers.get(key);
    if (old) clearTimeout(old);
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      this.lintNow(doc);
    }, delay));
  }

  /** Lints a document right away and publishes its diagnostics. */
  lintNow(doc: vscode.TextDocument): Problem[] {
    if (doc.isClosed) return [];
    const s = this.settings(doc);
    if (!s.enable) {
      this.clear(doc.uri);
      return [];
    }
    const { config } = this.configFor(doc, s.configFile);
    const dir = doc.uri.scheme === 'file' ? path.dirname(doc.uri.fsPath) : null;
    const context = dir ? this.contextFor(dir, path.basename(doc.uri.fsPath)) : undefined;
    const started = Date.now();
    const res = lintWithDocument(doc.getText(), {
      config,
      severityOverrides: normaliseSeverities(s.severity),
      ignore: s.ignored,
      fileName: path.basename(doc.uri.path),
      context,
    });
    const ms = Date.now() - started;
    if (ms > 50) this.log.debug(`lint of ${doc.uri.fsPath} took ${ms} ms`);
    this.states.set(doc.uri.toString(), { problems: res.problems, doc: res.doc, version: doc.version });
    this.collection.set(doc.uri, res.problems.map((p) => this.toDiagnostic(p)));
    return res.problems;
  }

  private toDiagnostic(p: Problem): vscode.Diagnostic {
    const d = new vscode.Diagnostic(toRange(p), p.message, SEVERITY[p.level]);
    d.source = SOURCE;
    d.code = { value: p.code, target: vscode.Uri.joinPath(this.extensionUri, 'docs', 'rules', `${p.code}.md`) };
    return d;
  }

  private configFor(doc: vscode.TextDocument, explicit: string): { config: LintConfig } {
    const folder = vscode.workspace.getWorkspaceFolder(doc.uri);
    const dir = doc.uri.scheme === 'file' ? path.dirname(doc.uri.fsPath) : folder?.uri.fsPath ?? null;
    const key = `${dir}|${explicit}`;
    const cached = this.configCache.get(key);
    if (cached) return cached;
    let file: string | null = null;
    if (explicit) file = path.isAbsolute(explicit) || !folder ? explicit : path.join(folder.uri.fsPath, explicit);
    else if (dir) file = findConfigFile(dir, folder?.uri.fsPath ?? dir);
    let config: LintConfig = {};
    if (file) {
      const parsed = loadConfigFile(file);
      config = parsed.config;
      const uri = vscode.Uri.file(file);
      this.configDiagnostics.set(uri, parsed.errors.map((e) => {
        const pos = new vscode.Position(Math.max(0, e.line - 1), Math.max(0, e.column - 1));
        const d = new vscode.Diagnostic(new vscode.Range(pos, pos.translate(0, 1)), e.message, vscode.DiagnosticSeverity.Error);
        d.source = SOURCE;
        return d;
      }));
      if (parsed.errors.length) this.log.warn(`${file}: ${parsed.errors.length} problem(s) in the lint config; the valid parts are used.`);
    }
    const entry = { file, config };
    this.configCache.set(key, entry);
    return entry;
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
    const t = this.timers.get(key);
    if (t) clearTimeout(t);
    this.timers.delete(key);
    this.states.delete(key);
    this.collection.delete(uri);
  }

  dispose(): void {
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
