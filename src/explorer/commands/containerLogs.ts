import * as vscode from 'vscode';
import type { Engine, LogStream } from '../../docker/engine';
import { describeError } from '../../docker/errors';
import { containerTargets, engineOf, type ContainerTarget, type ExplorerCommand } from './context';

/**
 * A terminal that follows a container's logs through the Engine API (no CLI). Closing the terminal or
 * pressing Ctrl+C stops following. stderr is shown in red.
 */
export function logsPseudoterminal(engine: Engine, target: ContainerTarget, tail = 1000): vscode.Pseudoterminal {
  const write = new vscode.EventEmitter<string>();
  const close = new vscode.EventEmitter<number | void>();
  const controller = new AbortController();
  let stream: LogStream | undefined;
  const stop = (note?: string) => {
    if (controller.signal.aborted) return;
    controller.abort();
    stream?.close();
    if (note) write.fire(`\r\n\x1b[2m${note}\x1b[0m\r\n`);
  };
  return {
    onDidWrite: write.event,
    onDidClose: close.event,
    open: () => {
      write.fire(`\x1b[2mFollowing logs of ${target.name} (Ctrl+C stops)\x1b[0m\r\n`);
      void (async () => {
        try {
          stream = await engine.logs(target.id, { follow: true, tail, signal: controller.signal });
          for await (const chunk of stream) {
            const text = chunk.text.replace(/\r?\n/g, '\r\n');
            write.fire(chunk.stream === 'stderr' ? `\x1b[31m${text}\x1b[0m` : text);
          }
          if (!controller.signal.aborted) write.fire('\r\n\x1b[2m[the container stopped; logs ended]\x1b[0m\r\n');
        } catch (err) {
          const message = describeError(err);
          if (message) write.fire(`\r\n\x1b[31m${message}\x1b[0m\r\n`);
        }
      })();
    },
    handleInput: (data) => {
      if (data === '\x03') stop('[stopped following]');
    },
    close: () => stop(),
  };
}

export const containerLogsCommand: ExplorerCommand = {
  id: 'mlContainers.containers.logs',
  run: async (ctx, node, nodes) => {
    const [t] = await containerTargets(ctx, node, nodes, { many: false, title: vscode.l10n.t('View logs') });
    if (!t) return;
    const engine = await engineOf(ctx);
    const terminal = vscode.window.createTerminal({
      name: vscode.l10n.t('Logs: {0}', t.name),
      pty: logsPseudoterminal(engine, t),
      iconPath: new vscode.ThemeIcon('output'),
      location: vscode.TerminalLocation.Editor,
    });
    terminal.show();
  },
};
