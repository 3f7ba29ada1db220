import { defineRule, type RunInfo } from '../../rule';
import { commandsNamed } from '../../facts';
import { subshellDepths } from './common';

const CD = ['cd'];

export const DL3003 = defineRule({
  code: 'DL3003',
  level: 'warning',
  title: 'Use WORKDIR to change directory.',
  description:
    'A `cd` in a `RUN` lasts only for that step, so later instructions silently run somewhere else and the ' +
    'Dockerfile is harder to follow. Set the directory with `WORKDIR` (which also creates it). ' +
    'A `cd` inside a `( … )` subshell is not reported: the subshell makes the change explicitly temporary, ' +
    'the usual idiom for building in a scratch directory. Like hadolint, `ONBUILD` triggers are not checked.',
  example: {
    bad: 'FROM python:3.12-slim\nCOPY . /src\nRUN cd /src && pip install --no-cache-dir .',
    good: 'FROM python:3.12-slim\nWORKDIR /src\nCOPY . .\nRUN pip install --no-cache-dir .',
  },
  check(ctx) {
    // `cd` is no wrapper, so every `cd` command as written is in the index of (unwrapped) commands by name
    let last: RunInfo | null = null;
    for (const { run } of commandsNamed(ctx, CD)) {
      if (run === last || run.onbuild) continue;
      last = run;
      const depths = subshellDepths(run.script);
      run.script.commands.forEach((cmd, k) => {
        if (cmd.base !== 'cd' || !cmd.nameWord || depths[k] > 0) return;
        const target = cmd.args.find((a) => !a.text.startsWith('-'));
        const where = target ? ` ${target.text}` : '';
        ctx.report(run.range(cmd.start, cmd.end), `"cd${where}" only lasts for this RUN; use "WORKDIR${where || ' <dir>'}" instead, or wrap the cd in a ( … ) subshell if it is meant to be temporary.`);
      });
    }
  },
});
