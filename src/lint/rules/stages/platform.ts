// DL3029 and DL3065: the FROM --platform flag.
import { defineRule } from '../../rule';
import { unquote, type Flag, type Stage } from '../../parser';
import { flagNamed, hasVariable } from './util';

/** A stage's `--platform` flag with its value unquoted, or null when the stage has no valued flag. */
function platformFlag(st: Stage): { flag: Flag; value: string } | null {
  if (!st.platform) return null; // no --platform flag, or one without a value: nothing to judge
  const flag = flagNamed(st.from, 'platform');
  return flag ? { flag, value: flag.value ? unquote(flag.value.trim()) : '' } : null;
}

export const DL3029 = defineRule({
  code: 'DL3029',
  level: 'warning',
  title: 'Do not hard-code FROM --platform.',
  description:
    'A constant such as `--platform=linux/amd64` pins the stage to one architecture, so builds for other ' +
    'platforms (or on an ARM laptop) quietly produce or run emulated images. Leave the flag out, or use the ' +
    'build\'s variables: `--platform=$BUILDPLATFORM` for build tools, `$TARGETPLATFORM` for the target.',
  example: {
    bad: 'FROM --platform=linux/amd64 python:3.12-slim',
    good: 'FROM --platform=$BUILDPLATFORM golang:1.23 AS build\nFROM python:3.12-slim',
  },
  check(ctx) {
    for (const st of ctx.doc.stages) {
      const p = platformFlag(st);
      if (!p || !p.value || hasVariable(p.value)) continue;
      const { flag, value } = p;
      ctx.report(flag.range, `FROM --platform=${value} fixes this stage to one platform; drop the flag or use $BUILDPLATFORM / $TARGETPLATFORM.`);
    }
  },
});

export const DL3065 = defineRule({
  code: 'DL3065',
  level: 'warning',
  title: 'FROM --platform=$TARGETPLATFORM is redundant.',
  description:
    'A stage is built for the target platform unless told otherwise, so `--platform=$TARGETPLATFORM` restates ' +
    'the default and only adds noise. Remove the flag; keep `--platform` for stages that must run on another ' +
    'platform, such as `$BUILDPLATFORM` for cross-compiling.',
  example: {
    bad: 'FROM --platform=$TARGETPLATFORM python:3.12-slim',
    good: 'FROM python:3.12-slim',
  },
  check(ctx) {
    for (const st of ctx.doc.stages) {
      const p = platformFlag(st);
      if (!p || (p.value !== '$TARGETPLATFORM' && p.value !== '${TARGETPLATFORM}')) continue;
      const flag = p.flag;
      const lines = ctx.doc.lines;
      const r = flag.range;
      // remove the flag and the blank after it
      const after = r.line === r.endLine ? /^[ \t]*/.exec((lines[r.line - 1] ?? '').slice(r.endColumn - 1))![0].length : 0;
      ctx.report(r, 'The stage is built for $TARGETPLATFORM anyway; remove --platform=$TARGETPLATFORM.',
        [{ title: 'Remove the redundant --platform', edits: [{ ...r, endColumn: r.endColumn + after, newText: '' }] }]);
    }
  },
});
