// Every ML snippet, expanded the way the editor does with its defaults (and with each other entry
// of its choice lists), must be a complete Dockerfile that our own linter accepts with no problem.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { expandSnippet, tabStops } from './helpers/snippetExpand';
import { DOCKERIGNORE_TEMPLATE } from '../../src/docker/ignoreTemplate';
import { lintDockerfile } from '../../src/lint/index';

interface Snippet { prefix: string | string[]; body: string | string[]; description?: string }

const root = path.resolve(__dirname, '../..');
const readJson = <T>(rel: string): T => JSON.parse(fs.readFileSync(path.join(root, rel), 'utf8')) as T;
const dockerfileSnippets = readJson<Record<string, Snippet>>('snippets/dockerfile.json');
const ignoreSnippets = readJson<Record<string, Snippet>>('snippets/ignore.json');


/** Every expansion worth checking: all defaults, then each other choice of each choice list. */
function variants(body: string | string[]): { label: string; text: string }[] {
  const out = [{ label: 'defaults', text: expandSnippet(body) }];
  for (const stop of tabStops(body)) {
    for (const choice of stop.choices?.slice(1) ?? []) {
      out.push({ label: `$${stop.index}=${choice}`, text: expandSnippet(body, { [stop.index]: choice }) });
    }
  }
  return out;
}

const fromLines = (text: string): string[] =>
  text.split('\n').filter((l) => /^FROM\s/i.test(l));

describe('snippets: package.json contributions', () => {
  const pkg = readJson<{ contributes?: { snippets?: { language: string; path: string }[] } }>('package.json');

  it('contributes the Dockerfile, ignore and compose snippet files, and they exist', () => {
    const contributed = pkg.contributes?.snippets ?? [];
    assert.deepEqual(
      contributed.map((s) => `${s.language}:${path.normalize(s.path)}`).sort(),
      ['dockercompose:snippets/compose.json', 'dockerfile:snippets/dockerfile.json', 'ignore:snippets/ignore.json', 'yaml:snippets/compose.json'],
    );
    for (const s of contributed) assert.ok(fs.existsSync(path.join(root, s.path)), s.path);
  });
});

describe('snippets: Dockerfile ML snippets', () => {
  const entries = Object.entries(dockerfileSnippets);

  it('has at least 12 snippets with unique ml- prefixes and a description', () => {
    assert.ok(entries.length >= 12, `only ${entries.length} snippets`);
    const prefixes = entries.flatMap(([, s]) => (Array.isArray(s.prefix) ? s.prefix : [s.prefix]));
    assert.equal(new Set(prefixes).size, prefixes.length, 'duplicate prefix');
    for (const [name, s] of entries) {
      for (const p of Array.isArray(s.prefix) ? s.prefix : [s.prefix]) assert.match(p, /^ml-[a-z0-9-]+$/, name);
      assert.ok((s.description ?? '').length > 20, `${name}: description`);
    }
  });

  it('covers the ML bases and patterns the issue lists', () => {
    const all = entries.map(([, s]) => expandSnippet(s.body)).join('\n');
    for (const needle of [
      'pytorch/pytorch:', '-cudnn-devel-', '-cudnn-runtime-', 'tensorflow/tensorflow:', 'jax[cuda12]',
      'download.pytorch.org/whl/cpu', 'transformers==', 'fastapi==', 'vllm/vllm-openai:', 'jupyterlab==',
      'micromamba', 'uv sync', 'HF_HOME=', 'HEALTHCHECK', 'EXPOSE',
    ]) assert.ok(all.includes(needle), `no snippet contains ${needle}`);
  });

  for (const [name, s] of entries) {
    describe(name, () => {
      it('parses, and every choice list has entries', () => {
        const stops = tabStops(s.body);
        assert.ok(stops.length > 0, 'no tab stops');
        for (const st of stops) if (st.choices) assert.ok(st.choices.length >= 1);
      });

      it('expands to a Dockerfile whose base images are pinned to a version tag', () => {
        for (const v of variants(s.body)) {
          const froms = fromLines(v.text);
          assert.ok(froms.length >= 1, `${v.label}: no FROM`);
          assert.doesNotMatch(v.text, /\$\{|\$\d/, `${v.label}: unexpanded snippet syntax`);
          for (const f of froms) {
            const image = f.split(/\s+/)[1];
            const stageRef = /^[a-z][a-z0-9_.-]*$/.test(image) && v.text.includes(` AS ${image}`);
            if (stageRef) continue;
            assert.match(image, /:[\w.-]+$|@sha256:/, `${v.label}: ${f} has no tag`);
            assert.doesNotMatch(image, /:(latest|nightly|main|edge)$|:latest-|-latest$/, `${v.label}: ${f} floats`);
          }
        }
      });

      it('lints clean with the default settings, for the defaults and every choice', () => {
        for (const v of variants(s.body)) {
          const problems = lintDockerfile(v.text);
          assert.deepEqual(
            problems.map((p) => `${v.label} line ${p.line}: ${p.code} ${p.message}`),
            [],
            `expanded text:\n${v.text}`,
          );
        }
      });
    });
  }
});

describe('snippets: .dockerignore for ML projects', () => {
  const entries = Object.values(ignoreSnippets);

  it('is the same text the Create .dockerignore command writes', () => {
    assert.equal(entries.length, 1);
    assert.equal(expandSnippet(entries[0].body), [...DOCKERIGNORE_TEMPLATE, ''].join('\n'));
  });

  it('excludes the ML bulk the issue lists', () => {
    const lines = new Set(DOCKERIGNORE_TEMPLATE);
    for (const p of ['data', 'checkpoints', 'runs', 'wandb', 'mlruns', '.venv', '.git', '**/.ipynb_checkpoints']) {
      assert.ok(lines.has(p), `missing ${p}`);
    }
  });
});
