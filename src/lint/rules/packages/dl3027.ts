import { commandRange, defineRule } from '../../rule';
import { commandsNamed } from '../../facts';
import type { Command } from '../../shell';
import type { TextEdit } from '../../types';

const APT = ['apt'];

/** `apt-cache` for the subcommands it provides, else `apt-get`. */
function replacementOf(cmd: Command): string {
  const sub = cmd.args.find((a) => !a.text.startsWith('-'))?.text ?? '';
  return APT_CACHE_SUBS.includes(sub) ? 'apt-cache' : 'apt-get';
}
/** apt subcommands that apt-cache provides. */
const APT_CACHE_SUBS = ['search', 'show', 'policy', 'depends', 'rdepends', 'showpkg'];

export const DL3027 = defineRule({
  code: 'DL3027',
  level: 'warning',
  title: 'Use apt-get or apt-cache, not apt.',
  description:
    '`apt` is the interactive front end: its output and options are not a stable interface and it warns ' +
    'when used in scripts. In a Dockerfile use `apt-get` (install, update, remove) or `apt-cache` (search, show).',
  example: {
    bad: 'FROM ubuntu:24.04\nRUN apt update && apt install -y curl',
    good: 'FROM ubuntu:24.04\nRUN apt-get update && apt-get install -y --no-install-recommends curl=8.5.0-2ubuntu10 \\\n && rm -rf /var/lib/apt/lists/*',
  },
  check(ctx) {
    const all = commandsNamed(ctx, APT);
    for (let k = 0; k < all.length; k++) {
      const { run, cmd } = all[k];
      if (k > 0 && all[k - 1].run === run) continue; // one finding per RUN; its fix replaces every apt in it
      const edits: TextEdit[] = [];
      for (let j = k; j < all.length && all[j].run === run; j++) {
        const c = all[j].cmd;
        edits.push({ ...run.range(c.nameWord!.start, c.nameWord!.end), newText: replacementOf(c) });
      }
      const replacement = replacementOf(cmd);
      ctx.report(commandRange(run, cmd), `"apt" is meant for people at a terminal; use "${replacement}" in a Dockerfile.`,
        run.exec ? undefined : [{ title: edits.length > 1 ? 'Replace apt with apt-get/apt-cache' : `Replace apt with ${replacement}`, edits }]);
    }
  },
});
