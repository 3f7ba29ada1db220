import type { ExplorerCommand } from './context';

/**
 * Message row "Retry": re-resolve the endpoint (the user may have fixed the context or started the
 * engine), which restarts the explorer's events stream and re-lists (see registerExplorer).
 */
export const retryCommand: ExplorerCommand = {
  id: 'mlContainers.explorer.retry',
  run: (ctx) => {
    ctx.engines.reresolve('retry');
  },
};
