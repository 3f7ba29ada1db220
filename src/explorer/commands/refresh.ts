import type { ExplorerCommand } from './context';

/** View title: re-list both views now. */
export const refreshCommand: ExplorerCommand = {
  id: 'mlContainers.explorer.refresh',
  run: (ctx) => ctx.refresh.refreshNow(),
};
