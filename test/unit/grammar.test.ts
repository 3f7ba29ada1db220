// Tokenizes sample Dockerfile lines with the real TextMate engine (vscode-textmate + oniguruma, as
// VS Code does) and our injection grammar, and checks which parts get which scopes.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as vsctm from 'vscode-textmate';

const root = path.resolve(__dirname, '../..');
const INJECTION = 'source.dockerfile.directives.ml-containers';
const injectionPath = path.join(root, 'syntaxes/dockerfile-directives.injection.tmLanguage.json');

interface Pkg {
  contributes?: {
    grammars?: { scopeName: string; path: string; injectTo?: string[] }[];
    languages?: { id: string; filenames?: string[] }[];
  };
}

let onigLoaded: Promise<vsctm.IOnigLib> | undefined;
function onigLib(): Promise<vsctm.IOnigLib> {
  onigLoaded ??= (async () => {
    const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    return { createOnigScanner: (s: string[]) => new oniguruma.OnigScanner(s), createOnigString: (s: string) => new oniguruma.OnigString(s) };
  })();
  return onigLoaded;
}

async function loadDockerfileGrammar(basePath: string): Promise<vsctm.IGrammar> {
  const registry = new vsctm.Registry({
    onigLib: onigLib(),
    loadGrammar: (scopeName) => {
      const file = scopeName === 'source.dockerfile' ? basePath : scopeName === INJECTION ? injectionPath : undefined;
      if (!file) return Promise.resolve(null);
      return Promise.resolve(vsctm.parseRawGrammar(fs.readFileSync(file, 'utf8'), file));
    },
    getInjections: (scopeName) => (scopeName === 'source.dockerfile' ? [INJECTION] : undefined),
  });
  const grammar = await registry.loadGrammar('source.dockerfile');
  assert.ok(grammar, 'grammar did not load');
  return grammar;
}

/** Each token's text with the innermost scope, skipping whitespace-only tokens. */
function tokens(grammar: vsctm.IGrammar, line: string): [string, string][] {
  const r = grammar.tokenizeLine(line, vsctm.INITIAL);
  return r.tokens
    .map((t): [string, string] => [line.slice(t.startIndex, t.endIndex), t.scopes[t.scopes.length - 1]])
    .filter(([text]) => text.trim() !== '');
}

const scopeOf = (toks: [string, string][], text: string): string | undefined => toks.find(([t]) => t === text)?.[1];

// Base grammars to run against: our stand-in always; VS Code's own when code-server is installed
// for the e2e suite (scripts/e2e/install-code-server.sh), so the injection is proven on the real one.
const bases: { name: string; file: string }[] = [
  { name: 'stand-in base grammar', file: path.join(__dirname, 'fixtures/dockerfile-base.tmLanguage.json') },
];
const cache = process.env.ML_E2E_CACHE ?? path.join(os.homedir(), '.cache/ml-containers-e2e');
const vscodeDocker = fs.existsSync(cache)
  ? fs.readdirSync(cache).filter((d) => d.startsWith('code-server-'))
      .map((d) => path.join(cache, d, 'node_modules/code-server/lib/vscode/extensions/docker/syntaxes/docker.tmLanguage.json'))
      .find((f) => fs.existsSync(f))
  : undefined;
if (vscodeDocker) bases.push({ name: "VS Code's docker grammar", file: vscodeDocker });

describe('grammar: manifest', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as Pkg;
  it('injects the directive grammar into source.dockerfile', () => {
    const g = pkg.contributes?.grammars?.find((x) => x.scopeName === INJECTION);
    assert.ok(g, 'grammar not contributed');
    assert.deepEqual(g.injectTo, ['source.dockerfile']);
    assert.equal(path.resolve(root, g.path), injectionPath);
  });
  it('associates .dockerignore and .containerignore with the ignore language', () => {
    const filenames = (pkg.contributes?.languages ?? []).filter((l) => l.id === 'ignore').flatMap((l) => l.filenames ?? []);
    assert.ok(filenames.includes('.dockerignore') && filenames.includes('.containerignore'), filenames.join(','));
  });
});

for (const base of bases) {
  describe(`grammar: directives on ${base.name}`, () => {
    let grammar: vsctm.IGrammar;
    before(async () => { grammar = await loadDockerfileGrammar(base.file); });

    it('highlights hadolint ignore with each rule code', () => {
      const t = tokens(grammar, '# hadolint ignore=DL3008,ML001, SC2086');
      assert.equal(scopeOf(t, 'hadolint'), 'keyword.control.directive.lint.dockerfile');
      assert.equal(scopeOf(t, 'ignore'), 'keyword.other.directive.dockerfile');
      assert.equal(scopeOf(t, '='), 'keyword.operator.assignment.dockerfile');
      for (const code of ['DL3008', 'ML001', 'SC2086']) assert.equal(scopeOf(t, code), 'constant.other.rule-code.dockerfile', code);
      assert.equal(scopeOf(t, ','), 'punctuation.separator.comma.dockerfile');
    });

    it('highlights hadolint stage ignore', () => {
      const t = tokens(grammar, '# hadolint stage ignore=DL3008');
      assert.equal(scopeOf(t, 'stage'), 'storage.modifier.directive.stage.dockerfile');
      assert.equal(scopeOf(t, 'DL3008'), scopeOf(tokens(grammar, '# hadolint ignore=DL3008'), 'DL3008'));
    });

    it('highlights hadolint global ignore and shell=', () => {
      const t = tokens(grammar, '  # hadolint global ignore=DL3059');
      assert.equal(scopeOf(t, 'global'), 'storage.modifier.directive.global.dockerfile');
      assert.equal(scopeOf(t, 'DL3059'), 'constant.other.rule-code.dockerfile');
      const s = tokens(grammar, '# hadolint shell=bash');
      assert.equal(scopeOf(s, 'shell'), 'keyword.other.directive.dockerfile');
    });

    it('highlights the parser directives syntax, escape and check', () => {
      const syn = tokens(grammar, '# syntax=docker/dockerfile:1.7');
      assert.equal(scopeOf(syn, 'syntax'), 'keyword.control.directive.parser.dockerfile');
      assert.equal(scopeOf(syn, 'docker/dockerfile:1.7'), 'entity.name.type.frontend-image.dockerfile');
      const esc = tokens(grammar, '# escape=`');
      assert.equal(scopeOf(esc, 'escape'), 'keyword.control.directive.parser.dockerfile');
      assert.equal(scopeOf(esc, '`'), 'constant.character.escape.dockerfile');
      const chk = tokens(grammar, '# check=skip=JSONArgsRecommended,StageNameCasing;error=true');
      assert.equal(scopeOf(chk, 'check'), 'keyword.control.directive.parser.dockerfile');
      assert.equal(scopeOf(chk, 'skip'), 'keyword.other.directive.dockerfile');
      assert.equal(scopeOf(chk, 'JSONArgsRecommended'), 'constant.other.rule-code.dockerfile');
      assert.equal(scopeOf(chk, 'StageNameCasing'), 'constant.other.rule-code.dockerfile');
      assert.equal(scopeOf(chk, 'true'), 'constant.language.dockerfile');
    });

    it('leaves ordinary comments and instructions to the base grammar', () => {
      const c = tokens(grammar, '# install DL3008 deps, ignore=later');
      assert.deepEqual(c.filter(([, s]) => !s.startsWith('comment.') && !s.startsWith('punctuation.')), []);
      const notDirective = tokens(grammar, '# hadolintish ignore=DL3008');
      assert.equal(scopeOf(notDirective, 'DL3008'), undefined, 'codes are only highlighted inside a directive');
      const from = tokens(grammar, 'FROM python:3.12-slim');
      assert.equal(scopeOf(from, 'FROM'), 'keyword.other.special-method.dockerfile');
      const run = tokens(grammar, 'RUN echo "# hadolint ignore=DL3008"');
      assert.equal(run.some(([, s]) => s.includes('directive')), false, 'a directive inside a string is not one');
    });

    it('does not carry a directive over to the next line', () => {
      const first = grammar.tokenizeLine('# hadolint ignore=DL3008', vsctm.INITIAL);
      const next = grammar.tokenizeLine('RUN apt-get update', first.ruleStack);
      const line = 'RUN apt-get update';
      const kinds = next.tokens.map((t) => [line.slice(t.startIndex, t.endIndex), t.scopes.join(' ')]);
      assert.ok(kinds.every(([, s]) => !s.includes('directive')), JSON.stringify(kinds));
    });
  });
}
