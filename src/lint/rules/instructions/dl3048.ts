import { keyValuesOf, unquote, type Instruction } from '../../parser';
import { defineRule } from '../../rule';

const RESERVED = ['com.docker.', 'io.docker.', 'org.dockerproject.'];
/** First letters of RESERVED. */
const RESERVED_START = 'cio';
/** A key with none of the problems below, except maybe a reserved namespace. */
const GOOD_KEY = /^[a-z0-9]+(?:[.-][a-z0-9]+)*$/;

/** Why a label key breaks Docker's key guidelines, or null when it is fine. */
export function labelKeyProblem(key: string): string | null {
  // fast path for the usual good key: lowercase words joined by single separators, outside the reserved namespaces
  if (GOOD_KEY.test(key)) {
    if (!RESERVED_START.includes(key[0])) return null;
    // a good key is lower case already and breaks none of the rules below: only the namespace can be wrong
    for (let k = 0; k < RESERVED.length; k++) if (key.startsWith(RESERVED[k])) return `the "${RESERVED[k]}" namespace is reserved for Docker`;
    return null;
  }
  const lower = key.toLowerCase();
  const ns = RESERVED.find((p) => lower.startsWith(p));
  if (ns) return `the "${ns}" namespace is reserved for Docker`;
  if (key === '') return 'the key is empty';
  if (!/^[a-z0-9]/.test(key) || !/[a-z0-9]$/.test(key)) return 'a key must start and end with a lowercase letter or digit';
  if (/[^a-z0-9.-]/.test(key)) return 'use only lowercase letters, digits, "." and "-"';
  if (/[.-]{2}/.test(key)) return 'separators ("." or "-") must not follow each other';
  return null;
}

/** LABEL pairs with offsets in `instr.args`; keys unquoted. */
export function labelPairs(instr: Instruction, escape = '\\') {
  return keyValuesOf(instr, escape).map((kv) => ({ ...kv, key: kv.legacy ? unquote(kv.key) : kv.key }));
}

export const DL3048 = defineRule({
  code: 'DL3048',
  level: 'style',
  title: 'Invalid label key.',
  description:
    'Label keys should follow Docker\'s conventions so tools can read them: lowercase letters, digits, `.` and ' +
    '`-` only, starting and ending with a letter or digit, with no two separators in a row, and outside the ' +
    'namespaces Docker reserves (`com.docker.*`, `io.docker.*`, `org.dockerproject.*`). Prefer reverse-DNS ' +
    'keys such as `org.opencontainers.image.source`. As in hadolint, `ONBUILD LABEL` is not checked.',
  example: {
    bad: 'FROM ubuntu:24.04\nLABEL Maintainer="ml-team@example.com" com.docker.extension=1',
    good: 'FROM ubuntu:24.04\nLABEL org.opencontainers.image.authors="ml-team@example.com"',
  },
  check(ctx) {
    for (const { instr } of ctx.instructions('LABEL')) {
      for (const kv of keyValuesOf(instr, ctx.doc.escape)) {
        const key = kv.legacy ? unquote(kv.key) : kv.key; // as labelPairs gives it
        const why = labelKeyProblem(key);
        if (why) ctx.report(ctx.argsRange(instr, kv.keyStart, kv.keyEnd), `Label key "${key}" is not valid: ${why}.`);
      }
    }
  },
});
