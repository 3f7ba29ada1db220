import { defineRule } from '../../rule';
import { splitWords, unquote } from '../../parser';

const MAX_PORT = 65535;
const PORT_RANGE_RE = /^(\d+)-(\d+)$/;
const DIGITS_RE = /^\d+$/;

/** What is wrong with one EXPOSE word, or null when it is fine (or cannot be judged). */
function portProblem(word: string): string | null {
  const w = unquote(word);
  if (w.includes('$') || w.includes(':')) return null; // build variables; host mappings are another check's business
  const slash = w.indexOf('/');
  const spec = slash >= 0 ? w.slice(0, slash) : w;
  const range = PORT_RANGE_RE.exec(spec);
  if (range) {
    const lo = Number(range[1]);
    const hi = Number(range[2]);
    if (lo > MAX_PORT || hi > MAX_PORT) return `the range ${spec} goes beyond ${MAX_PORT}`;
    if (lo > hi) return `the range ${spec} runs backwards`;
    return null;
  }
  if (DIGITS_RE.test(spec)) return Number(spec) > MAX_PORT ? `${spec} is above ${MAX_PORT}` : null;
  return `"${spec}" is not a port number`;
}

/**
 * Fast path for the usual `EXPOSE 8080 9000/tcp`, per escape character: every word is a port of one to
 * four digits (so at most 9999), optionally followed by `/` and a suffix without quotes or escapes. Such
 * words have no problem; anything else (ranges, variables, five digits…) goes through the full check.
 */
const PLAIN_PORTS_RE: Record<string, RegExp> = {
  '\\': /^[0-9]{1,4}(?:\/[^ \t\n\r"'\\]*)?(?:[ \t\n\r]+[0-9]{1,4}(?:\/[^ \t\n\r"'\\]*)?)*$/,
  '`': /^[0-9]{1,4}(?:\/[^ \t\n\r"'`]*)?(?:[ \t\n\r]+[0-9]{1,4}(?:\/[^ \t\n\r"'`]*)?)*$/,
};

function plainPortsOnly(rest: string, escape: string): boolean {
  const re = PLAIN_PORTS_RE[escape];
  return re !== undefined && re.test(rest);
}

export const DL3011 = defineRule({
  code: 'DL3011',
  level: 'error',
  title: 'EXPOSE ports must be between 0 and 65535.',
  description:
    'TCP and UDP ports are 16-bit numbers, so `EXPOSE` only makes sense for values from 0 to 65535. ' +
    'A larger number is usually a typo (an extra digit) and the port will never be reachable. Ranges such as ' +
    '`8000-8010` and protocol suffixes (`/tcp`, `/udp`) are accepted; ports given by a build variable are not checked.',
  example: {
    bad: 'FROM python:3.12-slim\nEXPOSE 80800',
    good: 'FROM python:3.12-slim\nEXPOSE 8080/tcp 9000-9010',
  },
  check(ctx) {
    for (const { instr } of ctx.instructions('EXPOSE')) {
      if (plainPortsOnly(instr.rest, ctx.doc.escape)) continue;
      for (const w of splitWords(instr.rest, ctx.doc.escape)) {
        const problem = portProblem(w.text);
        if (!problem) continue;
        ctx.report(ctx.argsRange(instr, instr.restOffset + w.start, instr.restOffset + w.end),
          `EXPOSE ${w.text}: ${problem}; a port must be a number from 0 to ${MAX_PORT}.`);
      }
    }
  },
});
