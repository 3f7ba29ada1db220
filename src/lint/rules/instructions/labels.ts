// hadolint's label-schema rules: DL3049 (missing), DL3050 (superfluous), DL3051 (empty) and the
// per-type value checks DL3052–DL3058. They all read `label-schema` (label → type) from the config.
import { lintRunCache } from '../../cache';
import { defineRule, type Rule, type RuleContext } from '../../rule';
import type { Instruction } from '../../parser';
import type { LintConfig, Range } from '../../types';
import { labelPairs } from './dl3048';
import { stageLineage } from '../../facts';
import { isEmail, isGitHash, isRfc3339, isSemver, isSpdx, isUrl } from './label-values';

interface LabelUse {
  key: string;
  value: string;
  raw: string;
  instr: Instruction;
  keyRange: Range;
  valueRange: Range;
}

const NO_SCHEMA: ReadonlyMap<string, string> = new Map();
/** Per lint run: the schema read from a config's `label-schema` (the nine rules of this family share it). */
const schemaCache = lintRunCache<object, ReadonlyMap<string, string>>();

function schemaOf(ctx: RuleContext): ReadonlyMap<string, string> {
  const s = ctx.config['label-schema'];
  if (!s || typeof s !== 'object' || Array.isArray(s)) return NO_SCHEMA;
  let m = schemaCache.get(s);
  if (!m) {
    const map = new Map<string, string>();
    for (const [k, v] of Object.entries(s)) map.set(k, String(v ?? 'text').toLowerCase());
    schemaCache.set(s, (m = map));
  }
  return m;
}

/** True when some label of the schema has the given type. */
function hasType(schema: ReadonlyMap<string, string>, type: string): boolean {
  for (const t of schema.values()) if (t === type) return true;
  return false;
}

/** Labels per instruction, computed once per parsed document and shared by the rules of this family. */
const cache = lintRunCache<Instruction, LabelUse[]>();

function labelsOf(ctx: RuleContext, instrs: Instruction[]): LabelUse[] {
  const out: LabelUse[] = [];
  for (const instr of instrs) {
    if (instr.keyword !== 'LABEL') continue;
    let uses = cache.get(instr);
    if (!uses) cache.set(instr, (uses = parseLabels(ctx, instr)));
    out.push(...uses);
  }
  return out;
}

function parseLabels(ctx: RuleContext, instr: Instruction): LabelUse[] {
  return labelPairs(instr, ctx.doc.escape).map((kv) => ({
    key: kv.key, value: kv.value, raw: instr.args.slice(kv.valueStart, kv.valueEnd), instr,
    keyRange: ctx.argsRange(instr, kv.keyStart, kv.keyEnd),
    valueRange: ctx.argsRange(instr, kv.keyStart, kv.valueEnd),
  }));
}

const CONFIG_NOTE = 'It only runs when `.hadolint.yaml` has a `label-schema` map (label name → type: ' +
  '`text`, `url`, `rfc3339`, `semver`, `hash`, `spdx` or `email`).';

export const DL3049 = defineRule({
  code: 'DL3049',
  level: 'info',
  title: 'A label required by the label schema is missing.',
  description:
    'Every label listed in the `label-schema` config must be set. As in hadolint, each stage is checked, counting ' +
    'the labels it inherits from earlier stages it is built `FROM`. ' + CONFIG_NOTE,
  example: {
    bad: '# .hadolint.yaml: label-schema: { org.opencontainers.image.source: url }\nFROM ubuntu:24.04\nLABEL org.opencontainers.image.title=trainer',
    good: '# .hadolint.yaml: label-schema: { org.opencontainers.image.source: url }\nFROM ubuntu:24.04\nLABEL org.opencontainers.image.source=https://github.com/acme/trainer',
    config: { 'label-schema': { 'org.opencontainers.image.source': 'url' } },
  },
  check(ctx) {
    const schema = schemaOf(ctx);
    const stages = ctx.doc.stages;
    if (schema.size === 0 || stages.length === 0) return;
    const own = stages.map((st) => new Set(labelsOf(ctx, st.instructions).map((l) => l.key)));
    for (const st of stages) {
      if (st.implicit) continue;
      const lineage = stageLineage(ctx.doc, st);
      for (const key of schema.keys()) {
        if (!lineage.some((s) => own[s.index].has(key))) {
          ctx.report(ctx.headRange(st.from), `The label "${key}" required by the label schema is not set in this stage (nor in a stage it is built FROM); add LABEL ${key}=… to it.`);
        }
      }
    }
  },
});

export const DL3050 = defineRule({
  code: 'DL3050',
  level: 'info',
  title: 'Label not in the label schema (strict labels).',
  description:
    'With `strict-labels: true` in `.hadolint.yaml`, only the labels listed in `label-schema` may be set; any ' +
    'other label is reported so that the schema stays the single list of what images carry. Add the label to ' +
    'the schema or remove it. ' + CONFIG_NOTE,
  example: {
    bad: '# .hadolint.yaml: label-schema: { org.opencontainers.image.version: semver }, strict-labels: true\nFROM ubuntu:24.04\nLABEL org.opencontainers.image.version=1.2.0 team=ml',
    good: '# .hadolint.yaml: label-schema: { org.opencontainers.image.version: semver }, strict-labels: true\nFROM ubuntu:24.04\nLABEL org.opencontainers.image.version=1.2.0',
    config: { 'label-schema': { 'org.opencontainers.image.version': 'semver' }, 'strict-labels': true },
  },
  check(ctx) {
    const schema = schemaOf(ctx);
    if (schema.size === 0 || ctx.config['strict-labels'] !== true) return;
    for (const l of labelsOf(ctx, ctx.doc.instructions)) {
      if (!schema.has(l.key)) ctx.report(l.keyRange, `The label "${l.key}" is not in the label schema, and strict labels are on; add it to label-schema or remove it.`);
    }
  },
});

export const DL3051 = defineRule({
  code: 'DL3051',
  level: 'warning',
  title: 'A label of the label schema is empty.',
  description:
    'A label named in `label-schema` is set to an empty value, which carries no information and usually means ' +
    'a build argument was not passed. Give it a real value. ' + CONFIG_NOTE,
  example: {
    bad: '# .hadolint.yaml: label-schema: { org.opencontainers.image.title: text }\nFROM ubuntu:24.04\nLABEL org.opencontainers.image.title=""',
    good: '# .hadolint.yaml: label-schema: { org.opencontainers.image.title: text }\nFROM ubuntu:24.04\nLABEL org.opencontainers.image.title="trainer"',
    config: { 'label-schema': { 'org.opencontainers.image.title': 'text' } },
  },
  check(ctx) {
    const schema = schemaOf(ctx);
    if (schema.size === 0) return;
    for (const l of labelsOf(ctx, ctx.doc.instructions)) {
      if (schema.has(l.key) && l.value.trim() === '') ctx.report(l.valueRange, `The label "${l.key}" is empty; give it a value.`);
    }
  },
});

/** A rule that checks the values of schema labels of one type. */
function typedLabelRule(code: string, type: string, valid: (v: string) => boolean, title: string, what: string,
  description: string, example: { bad: string; good: string; config?: LintConfig }): Rule {
  return defineRule({
    code,
    level: 'warning',
    title,
    description: description + ' Values that use a build variable (`$VERSION`) cannot be checked and are skipped. ' + CONFIG_NOTE,
    example,
    check(ctx) {
      const schema = schemaOf(ctx);
      if (!hasType(schema, type)) return;
      for (const l of labelsOf(ctx, ctx.doc.instructions)) {
        if (schema.get(l.key) !== type) continue;
        const v = l.value.trim();
        if (v === '' || l.raw.includes('$')) continue;
        if (!valid(v)) ctx.report(l.valueRange, `The label "${l.key}" should be ${what}, but its value is "${v.length > 60 ? v.slice(0, 57) + '...' : v}".`);
      }
    },
  });
}

const schemaHead = (key: string, type: string) => `# .hadolint.yaml: label-schema: { ${key}: ${type} }\nFROM ubuntu:24.04\n`;
const schemaConfig = (key: string, type: string): LintConfig => ({ 'label-schema': { [key]: type } });

export const DL3052 = typedLabelRule('DL3052', 'url', isUrl, 'Label value is not a valid URL.', 'an absolute URL (https://…)',
  'Labels typed `url` in the schema must hold an absolute URL with a scheme, such as `https://github.com/acme/trainer`.',
  { bad: schemaHead('org.opencontainers.image.source', 'url') + 'LABEL org.opencontainers.image.source=github.com/acme/trainer',
    good: schemaHead('org.opencontainers.image.source', 'url') + 'LABEL org.opencontainers.image.source=https://github.com/acme/trainer',
    config: schemaConfig('org.opencontainers.image.source', 'url') });

export const DL3053 = typedLabelRule('DL3053', 'rfc3339', isRfc3339, 'Label value is not an RFC 3339 date-time.', 'an RFC 3339 date-time such as 2024-05-01T12:00:00Z',
  'Labels typed `rfc3339` (for example `org.opencontainers.image.created`) must be a full date and time with a time zone, as `date -u +%Y-%m-%dT%H:%M:%SZ` prints it.',
  { bad: schemaHead('org.opencontainers.image.created', 'rfc3339') + 'LABEL org.opencontainers.image.created="May 1 2024"',
    good: schemaHead('org.opencontainers.image.created', 'rfc3339') + 'LABEL org.opencontainers.image.created=2024-05-01T12:00:00Z',
    config: schemaConfig('org.opencontainers.image.created', 'rfc3339') });

export const DL3054 = typedLabelRule('DL3054', 'spdx', isSpdx, 'Label value is not an SPDX license expression.', 'an SPDX license identifier or expression (e.g. Apache-2.0, MIT OR Apache-2.0)',
  'Labels typed `spdx` (for example `org.opencontainers.image.licenses`) must name licenses by their SPDX identifiers, optionally combined with `AND`, `OR`, `WITH` and parentheses. Custom licenses use `LicenseRef-…`. The rule knows the common identifiers; a rare but valid one may need `LicenseRef-`.',
  { bad: schemaHead('org.opencontainers.image.licenses', 'spdx') + 'LABEL org.opencontainers.image.licenses="Apache License 2"',
    good: schemaHead('org.opencontainers.image.licenses', 'spdx') + 'LABEL org.opencontainers.image.licenses="Apache-2.0 AND MIT"',
    config: schemaConfig('org.opencontainers.image.licenses', 'spdx') });

export const DL3055 = typedLabelRule('DL3055', 'hash', isGitHash, 'Label value is not a git commit hash.', 'a git commit hash (7 to 40 hexadecimal digits)',
  'Labels typed `hash` (for example `org.opencontainers.image.revision`) must be a git commit id: 7 to 40 hexadecimal digits, as `git rev-parse HEAD` prints it.',
  { bad: schemaHead('org.opencontainers.image.revision', 'hash') + 'LABEL org.opencontainers.image.revision=main',
    good: schemaHead('org.opencontainers.image.revision', 'hash') + 'LABEL org.opencontainers.image.revision=3f2c9a1d',
    config: schemaConfig('org.opencontainers.image.revision', 'hash') });

export const DL3056 = typedLabelRule('DL3056', 'semver', isSemver, 'Label value is not a semantic version.', 'a semantic version such as 1.4.0 or 2.0.0-rc.1',
  'Labels typed `semver` (for example `org.opencontainers.image.version`) must follow Semantic Versioning 2.0.0: `MAJOR.MINOR.PATCH` with an optional `-prerelease` and `+build`, without a leading `v`.',
  { bad: schemaHead('org.opencontainers.image.version', 'semver') + 'LABEL org.opencontainers.image.version=v1.4',
    good: schemaHead('org.opencontainers.image.version', 'semver') + 'LABEL org.opencontainers.image.version=1.4.0',
    config: schemaConfig('org.opencontainers.image.version', 'semver') });

export const DL3058 = typedLabelRule('DL3058', 'email', isEmail, 'Label value is not an email address.', 'an email address (name@example.com)',
  'Labels typed `email` must hold a bare address as RFC 5322 defines it (`local@domain`), without a display name or angle brackets.',
  { bad: schemaHead('org.opencontainers.image.authors', 'email') + 'LABEL org.opencontainers.image.authors="ML team"',
    good: schemaHead('org.opencontainers.image.authors', 'email') + 'LABEL org.opencontainers.image.authors=ml-team@example.com',
    config: schemaConfig('org.opencontainers.image.authors', 'email') });

export const labelSchemaRules: Rule[] = [DL3049, DL3050, DL3051, DL3052, DL3053, DL3054, DL3055, DL3056, DL3058];
