import { commandRange, defineRule } from '../../rule';
import { commandsNamed } from '../../facts';

const APT = ['apt'];
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
    for (const { run, cmd } of commandsNamed(ctx, APT)) {
      const r = commandRange(run, cmd);
      const nr = run.range(cmd.nameWord!.start, cmd.nameWord!.end);
      const sub = cmd.args.find((a) => !a.text.startsWith('-'))?.text ?? '';
      const replacement = APT_CACHE_SUBS.includes(sub) ? 'apt-cache' : 'apt-get';
      ctx.report(r, `"apt" is meant for people at a terminal; use "${replacement}" in a Dockerfile.`,
        run.exec ? undefined : [{ title: `Replace apt with ${replacement}`, edits: [{ ...nr, newText: replacement }] }]);
    }
  },
});
