import { defineRule } from '../../rule';

const QUOTES_AT_ENDS = /^["']|["']$/g;
/** Cheap test for QUOTES_AT_ENDS (which is global, so not used with `test`). */
const QUOTE_START_END = /^["']|["']$/;

/** True when `s[from, end)` is all ASCII digits (`/^\d+$/` for a non-empty range). */
function isDigits(s: string, from: number, end: number): boolean {
  for (let i = from; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

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
      const trimmed = instr.rest.trim();
      const spec = QUOTE_START_END.test(trimmed) ? trimmed.replace(QUOTES_AT_ENDS, '') : trimmed;
      if (!spec || spec.includes('$') || /\s/.test(spec)) continue;
      // the `:`-separated parts (user, group) that are not numeric ids; empty parts are ignored
      let parts = 1;
      let bad = 0;
      let firstBad = '';
      for (let from = 0; ; parts++) {
        const colon = spec.indexOf(':', from);
        const end = colon < 0 ? spec.length : colon;
        if (end > from && !isDigits(spec, from, end) && bad++ === 0) firstBad = spec.slice(from, end);
        if (colon < 0) break;
        from = colon + 1;
      }
      if (bad === 0) continue;
      ctx.report(ctx.argsRange(instr, instr.restOffset, instr.args.length),
        `USER ${spec} names ${bad > 1 ? 'the user and group' : `"${firstBad}"`} instead of giving a numeric id; use the numeric uid${parts > 1 ? ':gid' : ''} so the host and orchestrators can resolve it.`);
    }
  },
});
