import { defineRule } from '../../rule';
import { commandsNamed } from '../../facts';
import { positionals } from '../../shell';

const SHELL_PATHS = new Set(['/bin/sh', '/usr/bin/sh']);
const LN = ['ln'];
const LN_OPTS_WITH_VALUE = ['-t', '--target-directory', '-S', '--suffix'];

export const DL4005 = defineRule({
  code: 'DL4005',
  level: 'warning',
  title: 'Use SHELL rather than linking over /bin/sh.',
  description:
    'Replacing `/bin/sh` with a link to another shell (`ln -sf /bin/bash /bin/sh`) changes the system shell for ' +
    'every program in the image, not just for the build, and can break package scripts that expect a POSIX ' +
    '`sh`. To run `RUN` steps with another shell, use the `SHELL` instruction. Applies to `ONBUILD RUN` too.',
  example: {
    bad: 'FROM ubuntu:24.04\nRUN ln -sf /bin/bash /bin/sh',
    good: 'FROM ubuntu:24.04\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]',
  },
  check(ctx) {
    for (const { run, cmd } of commandsNamed(ctx, LN)) {
      const pos = positionals(cmd, LN_OPTS_WITH_VALUE);
      const target = pos.length >= 2 ? pos[pos.length - 1] : null;
      if (!target || !SHELL_PATHS.has(target.text.replace(/\/+$/, ''))) continue;
      ctx.report(run.range(cmd.start, cmd.end), `Do not replace ${target.text} with a link; set the shell for RUN steps with SHELL ["/bin/bash", "-c"] instead.`);
    }
  },
});
