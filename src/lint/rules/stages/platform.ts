// DL3029 and DL3065: the FROM --platform flag.
import { defineRule } from '../../rule';
import { unquote, type Dockerfile, type Flag, type Stage } from '../../parser';
import { flagNamed, hasVariable } from './util';

/** A stage's `--platform` flag with its value unquoted, or null when the stage has no valued flag. */
function platformFlag(st: Stage): { flag: Flag; value: string } | null {
  if (!st.platform) return null; // no --platform flag, or one without a value: nothing to judge
  const flag = flagNamed(st.from, 'platform');
  return flag ? { flag, value: flag.value ? unquote(flag.value.trim()) : '' } : null;
}

const TARGET_VAR_RE = /\$\{?TARGET(ARCH|OS|PLATFORM|VARIANT)\}?/g;

/**
 * A test for stage names that a FROM or COPY --from reaches through the target's variables
 * (`base-${TARGETARCH}` matches `base-amd64` and `base-arm64`). Literal parts are compared in order,
 * without building a regular expression from the file's text.
 */
function targetSelected(doc: Dockerfile): (name: string) => boolean {
  const templates: string[][] = [];
  const consider = (ref: string | null) => {
    if (ref && ref.includes('TARGET')) {
      const parts = ref.split(TARGET_VAR_RE).filter((_, k) => k % 2 === 0).map((p) => p.toLowerCase());
      if (parts.length > 1) templates.push(parts);
    }
  };
  for (const st of doc.stages) consider(st.image);
  for (const instr of doc.instructions) if (instr.keyword === 'COPY') consider(flagNamed(instr, 'from')?.value ?? null);
  if (!templates.length) return () => false;
  return (name) => templates.some((parts) => matchesInOrder(name, parts));
}

/** True when `name` starts with the first part, ends with the last, and holds the others in order between. */
function matchesInOrder(name: string, parts: string[]): boolean {
  const first = parts[0];
  const last = parts[parts.length - 1];
  if (!name.startsWith(first) || !name.endsWith(last) || name.length < first.length + last.length) return false;
  let at = first.length;
  const end = name.length - last.length;
  for (let k = 1; k < parts.length - 1; k++) {
    const i = name.indexOf(parts[k], at);
    if (i < 0 || i + parts[k].length > end) return false;
    at = i + parts[k].length;
  }
  return true;
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
    let selected: ((name: string) => boolean) | null = null;
    for (const st of ctx.doc.stages) {
      const p = platformFlag(st);
      if (!p || !p.value || hasVariable(p.value)) continue;
      // one stage per architecture, picked by the target's variables (`FROM base-$TARGETARCH`): the platform is the point
      selected ??= targetSelected(ctx.doc);
      if (st.name && selected(st.name.toLowerCase())) continue;
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
