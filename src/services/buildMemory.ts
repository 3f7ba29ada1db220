// What the user chose when building each Dockerfile (context folder, tag, args, …), remembered in the
// workspace. Build reads and writes it; the diagnostics read the context folder from it, so ML009 scans
// the context the build will really send, not just the Dockerfile's folder.
import * as vscode from 'vscode';

/** The choices of one build, remembered per Dockerfile. */
export interface BuildChoices {
  context: string;
  tag: string;
  buildArgs: Record<string, string>;
  target?: string;
  platform?: string;
  noCache: boolean;
  pull: boolean;
}

const KEY = (dockerfile: string): string => `mlContainers.build:${dockerfile}`;

export class BuildMemory implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<string>();
  /** Fires with the Dockerfile's path when its remembered choices change. */
  readonly onDidChange = this.emitter.event;

  constructor(private readonly state: vscode.Memento) {}

  get(dockerfile: string): BuildChoices | undefined {
    return this.state.get<BuildChoices>(KEY(dockerfile));
  }

  async set(dockerfile: string, choices: BuildChoices): Promise<void> {
    const before = this.get(dockerfile)?.context;
    await this.state.update(KEY(dockerfile), choices);
    if (before !== choices.context) this.emitter.fire(dockerfile);
  }

  /** The build context folder the user chose for this Dockerfile, if any. */
  contextOf(dockerfile: string): string | undefined {
    return this.get(dockerfile)?.context;
  }

  dispose(): void {
    this.emitter.dispose();
  }
}
