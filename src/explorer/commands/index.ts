// The explorer's command table (registered by explorer/register.ts through services/commands.ts, with
// the one error policy: cancellation is silent, failures are logged and shown once with "Open Output").
import { configureEngineCommand } from './configureEngine';
import { containerLogsCommand } from './containerLogs';
import { containerShellCommand } from './containerShell';
import type { ExplorerCommand } from './context';
import { copyIdCommand } from './copyId';
import { imageHistoryCommand } from './imageHistory';
import { inspectContainerCommand } from './inspectContainer';
import { killContainerCommand } from './killContainer';
import { openInBrowserCommand } from './openInBrowser';
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
import { pullImageCommand, tagImageCommand } from './tagImage';
import { toggleDanglingCommand } from './toggleDangling';
import { NETWORK_COMMANDS } from './networks';
import { VOLUME_COMMANDS } from './volumes';

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
  openInBrowserCommand,
  inspectContainerCommand,
  copyIdCommand,
  tagImageCommand,
  pullImageCommand,
  removeImageCommand,
  pruneImagesCommand,
  inspectImageCommand,
  imageHistoryCommand,
  ...VOLUME_COMMANDS,
  ...NETWORK_COMMANDS,
];
