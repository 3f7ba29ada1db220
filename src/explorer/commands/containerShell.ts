import * as vscode from 'vscode';
import type { Engine, ExecSession } from '../../docker/engine';
import { describeError } from '../../docker/errors';
import { containerTargets, engineOf, type ContainerTarget, type ExplorerCommand } from './context';

/** bash when the image has it, else sh (busybox, alpine, distroless debug images). */
export const SHELL_CMD = ['/bin/sh', '-c', 'if command -v bash >/dev/null 2>&1; then exec bash; else exec sh; fi'];

/** A terminal attached to `exec` with a TTY through the Engine API — no docker CLI needed. */
export function shellPseudoterminal(engine: Engine, target: ContainerTarget): vscode.Pseudoterminal {
  const write = new vscode.EventEmitter<string>();
  const close = new vscode.EventEmitter<number | void>();
  const controller = new AbortController();
  let session: ExecSession | undefined;
  let pendingSize: vscode.TerminalDimensions | undefined;
  return {
    onDidWrite: write.event,
    onDidClose: close.event,
    open: (dims) => {
      void (async () => {
        try {
          session = await engine.exec(target.id, {
            cmd: SHELL_CMD,
            tty: true,
            env: ['TERM=xterm-256color'],
            rows: dims?.rows,
            cols: dims?.columns,
            signal: controller.signal,
          });
          const decoder = new TextDecoder('utf-8');
          session.stream.on('data', (b: Buffer) => write.fire(decoder.decode(b, { stream: true })));
          if (pendingSize) void session.resize(pendingSize.rows, pendingSize.columns).catch(() => undefined);
          const code = await session.exited();
          close.fire(code ?? undefined);
        } catch (err) {
          const message = describeError(err);
          if (message) write.fire(`\x1b[31m${message}\x1b[0m\r\n`);
        }
      })();
    },
    handleInput: (data) => {
      session?.stream.write(data);
    },
    setDimensions: (dims) => {
      pendingSize = dims;
      void session?.resize(dims.rows, dims.columns).catch(() => undefined);
    },
    close: () => {
      controller.abort();
      session?.close();
    },
  };
}

export const containerShellCommand: ExplorerCommand = {
  id: 'mlContainers.containers.shell',
  run: async (ctx, node, nodes) => {
    const [t] = await containerTargets(ctx, node, nodes, { many: false, states: ['running'], title: vscode.l10n.t('Open a shell in') });
    if (!t) return;
    const engine = await engineOf(ctx);
    const terminal = vscode.window.createTerminal({
      name: vscode.l10n.t('Shell: {0}', t.name),
      pty: shellPseudoterminal(engine, t),
      iconPath: new vscode.ThemeIcon('terminal'),
    });
    terminal.show();
  },
};
