// Every compose snippet, expanded with its defaults and with each other choice, is a compose file our
// own compose hints accept with no finding.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { lintCompose } from '../../../src/compose/hints';
import { expandSnippet, tabStops } from '../helpers/snippetExpand';

interface Snippet { prefix: string; body: string[]; description: string }
const root = path.resolve(__dirname, '../../..');
const snippets = JSON.parse(fs.readFileSync(path.join(root, 'snippets/compose.json'), 'utf8')) as Record<string, Snippet>;

function variants(body: string[]): { label: string; text: string }[] {
  const out = [{ label: 'defaults', text: expandSnippet(body) }];
  for (const stop of tabStops(body)) for (const choice of stop.choices?.slice(1) ?? []) out.push({ label: `$${stop.index}=${choice}`, text: expandSnippet(body, { [stop.index]: choice }) });
  return out;
}

describe('snippets: compose templates', () => {
  const entries = Object.entries(snippets);

  it('has the four ML templates with compose- prefixes and descriptions', () => {
    assert.deepEqual(entries.map(([, s]) => s.prefix).sort(), ['compose-gpu-model-server', 'compose-jupyter', 'compose-mlflow', 'compose-model-api-postgres']);
    for (const [, s] of entries) assert.ok(s.description.length > 40);
  });

  it('is contributed for yaml and dockercompose files', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { contributes: { snippets: { language: string; path: string }[] } };
    const langs = pkg.contributes.snippets.filter((s) => path.normalize(s.path) === 'snippets/compose.json').map((s) => s.language).sort();
    assert.deepEqual(langs, ['dockercompose', 'yaml']);
  });

  for (const [name, s] of entries) {
    for (const v of variants(s.body)) {
      it(`${name} (${v.label}) is valid compose with no hint`, () => {
        const doc = parse(v.text) as { services: Record<string, unknown> };
        assert.ok(Object.keys(doc.services).length >= 1);
        assert.deepEqual(lintCompose(v.text), []);
        assert.doesNotMatch(v.text, /\$\{\d|\\\$/, 'tab stops and escapes are expanded');
      });
    }
  }

  it('compose variables stay literal after expansion (not eaten as snippet variables)', () => {
    const api = expandSnippet(snippets['Compose: model API + PostgreSQL'].body);
    assert.match(api, /POSTGRES_PASSWORD: \$\{POSTGRES_PASSWORD:\?set POSTGRES_PASSWORD in \.env\}/);
    const gpu = parse(expandSnippet(snippets['Compose: GPU model server (vLLM)'].body)) as { services: { llm: { deploy: unknown; environment: { HF_TOKEN: string } } } };
    assert.equal(gpu.services.llm.environment.HF_TOKEN, '${HF_TOKEN:-}');
  });
});
