import { defineRule } from '../../rule';
import type { Fix } from '../../types';
import { commandsOf, wrapperChain } from '../../shell';

export const DL3004 = defineRule({
  code: 'DL3004',
  level: 'error',
  title: 'Do not use sudo in a RUN.',
  description:
    'Build steps already run as the current `USER`, usually root, so `sudo` adds nothing but a setuid binary ' +
    'in the image, a TTY and password prompt that can hang the build, and surprises with environment handling. ' +
    'Switch user with `USER` around the steps instead, and use a tool like `gosu` or `su-exec` in the ' +
    'entrypoint when a process must drop privileges at run time. Applies to `ONBUILD RUN` too. ' +
    'The quick fix removes a plain `sudo ` (one without options).',
  example: {
    bad: 'FROM ubuntu:24.04\nUSER 10001\nRUN sudo make -C /src install',
    good: 'FROM ubuntu:24.04\nRUN make -C /src install\nUSER 10001',
  },
  check(ctx) {
    for (const run of ctx.runs()) {
      const cmds = run.script.commands;
      const unwrapped = commandsOf(run.script);
      for (let i = 0; i < cmds.length; i++) {
        const cmd = cmds[i];
        // a command that is not sudo and runs no other command (it is its own unwrapped form) has no sudo link
        if (cmd.base !== 'sudo' && unwrapped[i] === cmd) continue;
        const chain = wrapperChain(cmd);
        chain.forEach((link, k) => {
          if (link.base !== 'sudo' || !link.nameWord) return;
          let fixes: Fix[] | undefined;
          const next = chain[k + 1];
          // only a bare `sudo cmd`: no options and a command after it
          if (!run.exec && next && (link.args.length === 0 || link.args[0] === next.nameWord)) {
            const a = run.range(link.nameWord.start, next.start);
            fixes = [{ title: 'Remove sudo', edits: [{ ...a, newText: '' }] }];
          }
          ctx.report(run.range(link.nameWord.start, link.nameWord.end),
            'sudo in a build step is unpredictable (TTY, password prompt, environment); run the step as root with USER, and use gosu or su-exec at run time.', fixes);
        });
      }
    }
  },
});
