import { defineRule } from '../../rule';

export const DL1001 = defineRule({
  code: 'DL1001',
  level: 'ignore',
  title: 'Avoid inline `# hadolint ignore=` pragmas.',
  description:
    'Teams that want every exception to be visible in one place can switch this rule on: it points at each ' +
    '`# hadolint ignore=…`, `stage ignore=…` and `global ignore=…` comment in the Dockerfile. It is off by default ' +
    '(severity `ignore`); enable it with `override: { info: [DL1001] }` in `.hadolint.yaml` and move the ' +
    'exceptions to the `ignored` list of the config file instead.',
  example: {
    bad: 'FROM ubuntu:24.04\n# hadolint ignore=DL3008\nRUN apt-get update && apt-get install -y --no-install-recommends curl \\\n && rm -rf /var/lib/apt/lists/*',
    good: 'FROM ubuntu:24.04\nRUN apt-get update && apt-get install -y --no-install-recommends curl=8.5.0-2ubuntu10 \\\n && rm -rf /var/lib/apt/lists/*',
  },
  check(ctx) {
    for (const p of ctx.pragmas) {
      if (p.codes.length === 0) continue; // a pragma that ignores nothing (ML022 explains why)
      const where = p.scope === 'global' ? ' for the whole file' : p.scope === 'stage' ? ' for the rest of this stage' : '';
      ctx.report(p.range, `This comment switches off ${p.codes.join(', ')}${where}; keep exceptions in .hadolint.yaml ("ignored") instead of inline pragmas.`);
    }
  },
});
