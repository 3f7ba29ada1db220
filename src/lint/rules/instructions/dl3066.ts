import { defineRule } from '../../rule';

export const DL3066 = defineRule({
  code: 'DL3066',
  level: 'info',
  title: 'USER by name rather than numeric id.',
  description:
    'A user (or group) name is looked up in the image\'s `/etc/passwd` at run time, and platforms that enforce ' +
    'non-root execution (Kubernetes `runAsNonRoot`, OpenShift) cannot verify a name from the outside. ' +
    'Use numeric ids, e.g. `USER 10001:10001`, after creating the user with that id. Values taken from ' +
    'variables are not checked.',
  example: {
    bad: 'FROM ubuntu:24.04\nRUN useradd -l -u 10001 app\nUSER app',
    good: 'FROM ubuntu:24.04\nRUN useradd -l -u 10001 app\nUSER 10001',
  },
  check(ctx) {
    for (const { instr } of ctx.instructions('USER')) {
      const spec = instr.rest.trim().replace(/^["']|["']$/g, '');
      if (!spec || spec.includes('$') || /\s/.test(spec)) continue;
      const parts = spec.split(':');
      const bad = parts.filter((p) => p !== '' && !/^\d+$/.test(p));
      if (bad.length === 0) continue;
      ctx.report(ctx.argsRange(instr, instr.restOffset, instr.args.length),
        `USER ${spec} names ${bad.length > 1 ? 'the user and group' : `"${bad[0]}"`} instead of giving a numeric id; use the numeric uid${parts.length > 1 ? ':gid' : ''} so the host and orchestrators can resolve it.`);
    }
  },
});
