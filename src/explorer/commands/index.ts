// The explorer's commands, registered from one table with one error policy: user cancellation is
// silent; other failures are logged with detail and shown as one short message with "Open Output".
import * as vscode from 'vscode';
import { describeError } from '../../docker/errors';
import { configureEngineCommand } from './configureEngine';
import { containerLogsCommand } from './containerLogs';
import { containerShellCommand } from './containerShell';
import type { ExplorerCommand, ExplorerCommandContext } from './context';
import { copyIdCommand } from './copyId';
import { imageHistoryCommand } from './imageHistory';
import { inspectContainerCommand } from './inspectContainer';
import { killContainerCommand } from './killContainer';
import { inspectImageCommand } from './inspectImage';
import { pruneImagesCommand } from './pruneImages';
import { refreshCommand } from './refresh';
import { removeContainerCommand } from './removeContainer';
import { removeImageCommand } from './removeImage';
import { restartContainerCommand } from './restartContainer';
import { retryCommand } from './retry';
import { sortImagesCommand } from './sortImages';
import { startContainerCommand } from './startContainer';
import { stopContainerCommand } from './stopContainer';
import { tagImageCommand } from './tagImage';
import { toggleDanglingCommand } from './toggleDangling';

export const EXPLORER_COMMANDS: readonly ExplorerCommand[] = [
  refreshCommand,
  retryCommand,
  configureEngineCommand,
  toggleDanglingCommand,
  sortImagesCommand,
  startContainerCommand,
  stopContainerCommand,
  killContainerCommand,
  restartContainerCommand,
  removeContainerCommand,
  containerLogsCommand,
  containerShellCommand,
  inspectContainerCommand,
  copyIdCommand,
  tagImageCommand,
  removeImageCommand,
  pruneImagesCommand,
  inspectImageCommand,
  imageHistoryCommand,
];

export function registerExplorerCommands(ctx: ExplorerCommandContext): vscode.Disposable[] {
  return EXPLORER_COMMANDS.map((command) =>
    vscode.commands.registerCommand(command.id, async (node?: unknown, nodes?: unknown) => {
      try {
        await command.run(ctx, node, nodes);
      } catch (err) {
        const message = describeError(err);
        if (!message) return; // cancelled
        ctx.log.error(`${command.id}: ${message}`);
        const open = vscode.l10n.t('Open Output');
        const firstLine = message.split('\n')[0];
        void vscode.window.showErrorMessage(firstLine, open).then((choice) => {
          if (choice === open) ctx.log.show(true);
        });
      }
    }),
  );
}
