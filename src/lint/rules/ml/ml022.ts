import { defineRule } from '../../rule';

export const ML022 = defineRule({
  code: 'ML022',
  level: 'warning',
  title: 'An ignore pragma with an entry that is not a rule code switches nothing off.',
  description:
    'hadolint reads the list after `# hadolint ignore=` (and `global ignore=`, `stage ignore=`) as rule codes separated ' +
    'by commas. When one entry is not a code (a typo such as `DL30O8`, a lower-case `dl3008`, an empty entry between ' +
    'two commas), hadolint cannot read the line and ignores none of the codes on it, not even the valid ones. ML Containers ' +
    'does the same, so the editor shows what hadolint in CI will show, and this rule points at the line. Words after the ' +
    'last code (a short reason) are not a problem.',
  example: {
    bad: 'FROM ubuntu:24.04\n# hadolint ignore=DL3008,dl3015\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*',
    good: 'FROM ubuntu:24.04\n# hadolint ignore=DL3008,DL3015\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*',
  },
  check(ctx) {
    for (const p of ctx.pragmas) {
      if (p.invalid.length === 0) continue;
      const bad = p.invalid.map((w) => `"${w}"`).join(', ');
      ctx.report(p.range,
        `${bad} ${p.invalid.length > 1 ? 'are not rule codes' : 'is not a rule code'}, so hadolint skips this whole line and nothing on it is ignored (here too); write codes such as DL3008, separated by commas.`);
    }
  },
});
