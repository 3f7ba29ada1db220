import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { expectedFiles, readmeWithTable } from '../../../scripts/gen-rule-docs';
import { lintDockerfile, rules } from '../../../src/lint';
import { ALL_RULES } from '../../../src/lint/rules';

describe('rule docs', () => {
  it('every rule has an up-to-date docs page (run `npm run docs`)', () => {
    const stale: string[] = [];
    for (const [file, text] of expectedFiles()) {
      if (!fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== text) stale.push(path.basename(file));
    }
    assert.deepEqual(stale, []);
  });
  it('the README rule table is up to date (run `npm run docs`)', () => {
    const readme = fs.readFileSync(path.join(__dirname, '../../../README.md'), 'utf8');
    assert.equal(readme, readmeWithTable(readme));
    for (const r of rules) assert.ok(readme.includes(`docs/rules/${r.code}.md`), `${r.code} missing from README`);
  });
  it('has the rule counts the product promises', () => {
    const dl = rules.filter((r) => r.code.startsWith('DL') && r.code !== 'DL1000').length;
    const ml = rules.filter((r) => r.code.startsWith('ML')).length;
    assert.ok(dl >= 60, `only ${dl} hadolint rules`);
    assert.ok(ml >= 12, `only ${ml} ML rules`);
  });
  it('every rule has a description and an example whose good side it accepts', () => {
    const bad: string[] = [];
    for (const r of ALL_RULES) {
      if (r.description.trim().length < 40) bad.push(`${r.code}: description too short`);
      if (!r.example) continue;
      const on = { config: r.example.config, context: r.example.context, ...(r.level === 'ignore' ? { severityOverrides: { [r.code]: 'info' as const } } : {}) };
      if (lintDockerfile(r.example.good, on).some((p) => p.code === r.code)) bad.push(`${r.code}: its good example is flagged`);
      if (!lintDockerfile(r.example.bad, on).some((p) => p.code === r.code)) bad.push(`${r.code}: its bad example is not flagged`);
    }
    assert.deepEqual(bad, []);
  });
});
