import { defineRule } from '../../rule';
import { commandsOf } from '../../shell';

const POINTLESS = new Map<string, string>(Object.entries({
  ssh: 'an interactive remote login has no place in a build; fetch what you need with COPY, git or a build secret',
  vim: 'nobody can type into an editor during a build; write files with COPY or a heredoc',
  shutdown: 'a container has no machine to shut down',
  service: 'there is no init system in a container; start the process in CMD or ENTRYPOINT',
  ps: 'the process list of a build step tells you nothing about the running container',
  free: 'memory figures of the build host are meaningless in the image',
  top: 'an interactive monitor cannot run in a build',
  kill: 'build steps start no long-lived processes worth killing; each RUN ends with its processes',
  mount: 'mounts made in a RUN are gone in the next step; use RUN --mount or VOLUME',
  ifconfig: 'network settings of the build container do not carry over to the image',
}));

export const DL3001 = defineRule({
  code: 'DL3001',
  level: 'info',
  title: 'This command makes no sense inside a container build.',
  description:
    'Commands such as `ssh`, `vim`, `shutdown`, `service`, `ps`, `free`, `top`, `kill`, `mount` and `ifconfig` ' +
    'are meant for an interactive machine with an init system. In a `RUN` step they either hang, fail, or ' +
    'change state that does not survive into the image. Only the command word counts: installing a package ' +
    'called `vim` is fine. Applies to `ONBUILD RUN` too.',
  example: {
    bad: 'FROM ubuntu:24.04\nRUN service nginx start',
    good: 'FROM ubuntu:24.04\nCMD ["nginx", "-g", "daemon off;"]',
  },
  check(ctx) {
    for (const run of ctx.runs()) {
      // Of a command's wrapper chain (`sudo service …` → sudo, service) only the last link can be one of the
      // commands above (the others are wrappers), and that link is the unwrapped command.
      for (const link of commandsOf(run.script)) {
        const why = POINTLESS.get(link.base);
        if (!why || !link.nameWord) continue;
        // an unwrapped command ends where the command as written ends
        ctx.report(run.range(link.nameWord.start, link.end), `Avoid "${link.base}" in a RUN: ${why}.`);
      }
    }
  },
});
