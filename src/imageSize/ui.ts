// The editor side of "why is my image so big": a CodeLens with the layer size above each
// instruction of a Dockerfile that our build command built (its tag comes from BuildMemory), and
// the "Image Size Report" command (image in the explorer, a Dockerfile, or the palette) that opens
// a read-only Markdown preview. The size of the previous build of each tag is remembered in the
// workspace state, for the report's "since the previous build" part.
import * as vscode from 'vscode';
import type { Engine, EventStream, ImageHistoryEntry } from '../docker/engine';
import { formatSize } from '../docker/imageInfo';
import type { BuildMemory } from '../services/buildMemory';
import { registerCommandTable } from '../services/commands';
import { imageRefOf, pickImage, safe, toFsPath } from '../services/ui';
import { mapHistory, snapshotOf, type SizeSnapshot } from './mapping';

export const IMAGE_SIZE_REPORT_COMMAND = 'mlContainers.imageSizeReport';
export const CODELENS_SETTING = 'mlContainers.imageSize.codeLens';
const SCHEME = 'ml-containers-size';
const STATE_KEY = (tag: string): string => `mlContainers.imageSize:${tag}`;

export interface ImageSizeDeps {
  readonly engines: { getEngine(): Promise<Engine> };
  readonly buildMemory: BuildMemory;
  readonly log: vscode.LogOutputChannel;
}

/** The last two builds seen of a tag. */
interface TagMemory {
  readonly last: SizeSnapshot;
  readonly previous?: SizeSnapshot;
}

interface ImageFacts {
  readonly imageId: string;
  readonly history: ImageHistoryEntry[];
}

class SizeMemory {
  constructor(private readonly state: vscode.Memento) {}

  /** Records `snapshot` as the newest build of `tag`; returns the build before it (if any). */
  async record(tag: string, snapshot: SizeSnapshot): Promise<SizeSnapshot | undefined> {
    const known = this.state.get<TagMemory>(STATE_KEY(tag));
    if (known?.last.imageId === snapshot.imageId) return known.previous;
    await this.state.update(STATE_KEY(tag), { last: snapshot, previous: known?.last } satisfies TagMemory);
    return known?.last;
  }
}

/** Read-only Markdown documents of the reports, previewed with the built-in Markdown preview. */
class ReportDocuments implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();
  private readonly emitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.emitter.event;

  set(uri: vscode.Uri, text: string): void {
    this.texts.set(uri.toString(), text);
    this.emitter.fire(uri);
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? 'This report is no longer available: run "Image Size Report" again.';
  }

  dispose(): void {
    this.emitter.dispose();
  }
}

class SizeLenses implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.emitter.event;
  /** tag → what the engine says about it; dropped when an image event arrives. */
  private readonly facts = new Map<string, Promise<ImageFacts | undefined>>();
  private events: EventStream | undefined;
  private watching = false;
  private disposed = false;
  private refreshTimer: NodeJS.Timeout | undefined;

  constructor(private readonly deps: ImageSizeDeps, private readonly memory: SizeMemory) {}

  refresh(): void {
    this.facts.clear();
    this.emitter.fire();
  }

  async provideCodeLenses(doc: vscode.TextDocument, token: vscode.CancellationToken): Promise<vscode.CodeLens[]> {
    if (!vscode.workspace.getConfiguration().get<boolean>(CODELENS_SETTING, true)) return [];
    if (doc.uri.scheme !== 'file') return [];
    const tag = this.deps.buildMemory.get(doc.uri.fsPath)?.tag;
    if (!tag) return [];
    this.watch();
    const facts = await this.factsOf(tag);
    if (!facts || token.isCancellationRequested) return [];
    const mapping = mapHistory(facts.history, doc.getText());
    void this.memory.record(tag, snapshotOf(facts.imageId, mapping)).catch(() => undefined);
    const lenses: vscode.CodeLens[] = [];
    const seen = new Set<number>();
    for (const e of mapping.entries) {
      const i = e.instruction;
      if (!i || seen.has(i.line) || (e.size === 0 && !['RUN', 'COPY', 'ADD'].includes(i.keyword))) continue;
      seen.add(i.line);
      const size = mapping.byLine.get(i.line) ?? 0;
      const share = mapping.total > 0 ? Math.round((100 * size) / mapping.total) : 0;
      const title = vscode.l10n.t('$(database) {0} in {1} ({2}%)', formatSize(size), tag, share);
      const range = new vscode.Range(i.line - 1, 0, i.line - 1, 0);
      lenses.push(new vscode.CodeLens(range, { title, command: IMAGE_SIZE_REPORT_COMMAND, arguments: [tag, doc.uri], tooltip: vscode.l10n.t('Open the size report of {0}', tag) }));
    }
    return lenses;
  }

  private factsOf(tag: string): Promise<ImageFacts | undefined> {
    let pending = this.facts.get(tag);
    if (!pending) {
      pending = (async () => {
        try {
          const engine = await this.deps.engines.getEngine();
          const inspect = await engine.inspectImage(tag);
          return { imageId: inspect.Id, history: await engine.imageHistory(inspect.Id) };
        } catch (err) {
          // No engine or no such image (yet): no lenses, quietly; ask again next time.
          this.facts.delete(tag);
          this.deps.log.debug(`image size: no lenses for ${tag}: ${safe(err instanceof Error ? err.message : String(err))}`);
          return undefined;
        }
      })();
      this.facts.set(tag, pending);
    }
    return pending;
  }

  /** Engine image events (build, tag, remove, load) drop the cached facts and redraw the lenses. */
  private watch(): void {
    if (this.watching || this.disposed) return;
    this.watching = true;
    void (async () => {
      try {
        const engine = await this.deps.engines.getEngine();
        this.events = await engine.events({ filters: { type: ['image'] } });
        for await (const _event of this.events) {
          if (this.refreshTimer) clearTimeout(this.refreshTimer);
          this.refreshTimer = setTimeout(() => this.refresh(), 300);
        }
      } catch (err) {
        this.deps.log.debug(`image size: engine events ended: ${safe(err instanceof Error ? err.message : String(err))}`);
      } finally {
        this.events = undefined;
        // Watch again on the next lens request (the engine may have restarted or changed).
        this.watching = false;
      }
    })();
  }

  dispose(): void {
    this.disposed = true;
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.events?.close();
    this.emitter.dispose();
  }
}

const DOCKERFILE_GLOB = '**/{Dockerfile,Containerfile,*.Dockerfile,*.dockerfile,Dockerfile.*,Containerfile.*}';

/** The Dockerfile our build command last built as `tag`: an open one first, else one in the workspace. */
async function dockerfileFor(tag: string, buildMemory: BuildMemory, hint?: string): Promise<string | undefined> {
  if (hint && buildMemory.get(hint)?.tag === tag) return hint;
  for (const d of vscode.workspace.textDocuments) if (d.uri.scheme === 'file' && buildMemory.get(d.uri.fsPath)?.tag === tag) return d.uri.fsPath;
  const files = await vscode.workspace.findFiles(DOCKERFILE_GLOB, '**/node_modules/**', 200);
  return files.find((f) => buildMemory.get(f.fsPath)?.tag === tag)?.fsPath;
}

async function readText(file: string): Promise<string | undefined> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && d.uri.fsPath === file);
  if (open) return open.getText();
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.file(file)));
  } catch {
    return undefined;
  }
}

export function registerImageSize(context: vscode.ExtensionContext, deps: ImageSizeDeps): void {
  const memory = new SizeMemory(context.workspaceState);
  const lenses = new SizeLenses(deps, memory);
  const documents = new ReportDocuments();
  context.subscriptions.push(
    lenses,
    documents,
    vscode.languages.registerCodeLensProvider([{ language: 'dockerfile', scheme: 'file' }], lenses),
    vscode.workspace.registerTextDocumentContentProvider(SCHEME, documents),
    deps.buildMemory.onDidChange(() => lenses.refresh()),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(CODELENS_SETTING)) lenses.refresh();
    }),
  );

  context.subscriptions.push(
    ...registerCommandTable(deps, deps.log, [
      {
        id: IMAGE_SIZE_REPORT_COMMAND,
        title: vscode.l10n.t('Image Size Report'),
        needsTrust: true,
        async run(_deps: ImageSizeDeps, node?: unknown, uri?: unknown): Promise<void> {
          const file = toFsPath(uri) ?? (node instanceof vscode.Uri ? node.fsPath : undefined);
          let ref = node instanceof vscode.Uri ? deps.buildMemory.get(node.fsPath)?.tag : imageRefOf(node);
          if (!ref) ref = await pickImage(deps.engines, vscode.l10n.t('Image to report on'));
          if (!ref) return;
          const target = ref;
          const { collectSizeReport } = await import('./collect');
          const { formatSizeReport } = await import('./report');
          const markdown = await vscode.window.withProgress(
            { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Measuring {0}…', target), cancellable: true },
            async (_progress, token) => {
              const controller = new AbortController();
              const sub = token.onCancellationRequested(() => controller.abort());
              try {
                const engine = await deps.engines.getEngine();
                const dockerfilePath = await dockerfileFor(target, deps.buildMemory, file);
                const text = dockerfilePath ? await readText(dockerfilePath) : undefined;
                const dockerfile = dockerfilePath && text !== undefined ? { path: vscode.workspace.asRelativePath(dockerfilePath), text } : undefined;
                const report = await collectSizeReport(engine, target, { dockerfile, signal: controller.signal });
                const previous = await memory.record(target, report.snapshot);
                return formatSizeReport({ ...report, previous });
              } finally {
                sub.dispose();
              }
            },
          );
          const uriOut = vscode.Uri.from({ scheme: SCHEME, path: `/${target.replace(/[^\w.:@-]+/g, '_')}.md` });
          documents.set(uriOut, safe(markdown));
          await vscode.commands.executeCommand('markdown.showPreview', uriOut);
        },
      },
    ]),
  );
}
