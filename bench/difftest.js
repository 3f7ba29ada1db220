// Differential test for speed work on the linter: a baseline dist/lint.js (OLD) against the current one
// (NEW, default dist/lint.js) on every Dockerfile literal in the lint tests, the corpus and random
// mixes, under several option sets. Prints every difference; 0 differences means behaviour is unchanged.
//   node esbuild.js && cp dist/lint.js /tmp/lint-before.js   # before the change
//   node esbuild.js && OLD=/tmp/lint-before.js node bench/difftest.js [N]
'use strict';
const fs = require('fs'); const path = require('path');
function usage() { console.error('usage: OLD=<baseline lint.js> [NEW=<lint.js>] node bench/difftest.js [random inputs, default 20000]'); process.exit(2); }
const ts = require('typescript');
const base = require(path.resolve(process.env.OLD ?? usage()));
const cur = require(path.resolve(process.env.NEW ?? path.join(__dirname, '../dist/lint.js')));
const N = Number(process.argv[2] ?? 20000);
const lits = new Set();
function walk(dir) { for (const f of fs.readdirSync(dir)) { const p = path.join(dir, f); if (fs.statSync(p).isDirectory()) walk(p); else if (p.endsWith('.ts')) collect(p); } }
function fold(n) {
  if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) return n.text;
  if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.PlusToken) { const a = fold(n.left), b = fold(n.right); return a != null && b != null ? a + b : null; }
  if (ts.isParenthesizedExpression(n)) return fold(n.expression);
  if (ts.isTemplateExpression(n)) { let s = n.head.text; for (const sp of n.templateSpans) s += 'X' + sp.literal.text; return s; }
  return null;
}
function collect(file) {
  const sf = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const visit = (n) => { const v = fold(n); if (v != null) { if (/\b(FROM|RUN|COPY|ENV|ARG|from|run)\b/.test(v)) lits.add(v); if (!ts.isBinaryExpression(n)) return; } ts.forEachChild(n, visit); };
  visit(sf);
}
walk(path.join(__dirname, '../test/unit/lint'));
const corpusDir = path.join(__dirname, 'corpus');
const corpus = fs.readdirSync(corpusDir).filter((f) => f.endsWith('.Dockerfile')).map((f) => fs.readFileSync(path.join(corpusDir, f), 'utf8'));
const inputs = [...lits, ...corpus];
const allRulesOn = Object.fromEntries(base.rules.map((r) => [r.code, 'info']));
const OPTS = [
  {}, { severityOverrides: allRulesOn },
  { config: { trustedRegistries: ['docker.io', '*.example.com'] } },
  { config: { 'label-schema': { 'org.opencontainers.image.source': 'url', 'org.opencontainers.image.version': 'semver', 'org.opencontainers.image.created': 'rfc3339', 'org.opencontainers.image.licenses': 'spdx', 'org.opencontainers.image.revision': 'hash', 'org.opencontainers.image.authors': 'email', 'org.opencontainers.image.title': 'text' }, 'strict-labels': true } },
  { context: { hasDockerignore: false, unignoredBulk: ['data/'] }, fileName: 'Dockerfile.dev' },
  { config: { allowModelWeights: true, ignored: ['DL3008'], override: { error: ['DL3059'] } }, ignore: ['DL3013'] },
];
let seed = 12345; const rnd = () => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed / 0x7fffffff; };
const pick = (a) => a[Math.floor(rnd() * a.length)];
const pool = inputs.flatMap((t) => t.split('\n'));
const CH = ['\\', '\n', ' ', '&&', '|', ';', '"', "'", '$', '{', '}', '(', ')', '#', '=', '-', 'sudo ', 'env A=1 ', '<<EOF\n', 'EOF\n', 'FROM x AS y\n', 'FROM y\n', 'ONBUILD ', 'pip install torch ', 'apt-get install -y '];
function mutate() {
  const r = rnd();
  let t;
  if (r < 0.4) { const n = 1 + Math.floor(rnd() * 40); const ls = []; for (let i = 0; i < n; i++) ls.push(pick(pool)); t = ls.join('\n'); }
  else { t = pick(inputs); const ls = t.split('\n'); const k = Math.floor(rnd() * 4); for (let i = 0; i < k; i++) { const op = rnd(); const j = Math.floor(rnd() * (ls.length + 1)); if (op < 0.3) ls.splice(j, 1); else if (op < 0.6) ls.splice(j, 0, pick(pool)); else if (op < 0.8) { const a = ls[j] ?? ''; const c = Math.floor(rnd() * (a.length + 1)); ls[j] = a.slice(0, c) + pick(CH) + a.slice(c); } else ls.splice(j, 0, ...pick(inputs).split('\n').slice(0, 8)); } t = ls.join('\n'); }
  return t;
}
const diffs = new Map(); let count = 0, compared = 0;
function cmp(text, o, label) {
  compared++;
  let a, b;
  try { a = JSON.stringify(base.lintDockerfile(text, o)); } catch (e) { a = 'THROW ' + e.message; }
  try { b = JSON.stringify(cur.lintDockerfile(text, o)); } catch (e) { b = 'THROW ' + e.message; }
  if (a === b) return;
  count++;
  const pa = a.startsWith('THROW') ? [] : JSON.parse(a), pb = b.startsWith('THROW') ? [] : JSON.parse(b);
  const ka = pa.map((p) => JSON.stringify(p)), kb = pb.map((p) => JSON.stringify(p));
  const onlyA = pa.filter((p, i) => !kb.includes(ka[i])), onlyB = pb.filter((p, i) => !ka.includes(kb[i]));
  const codes = [...new Set([...onlyA, ...onlyB].map((p) => p.code))].join(',') || 'ORDER';
  if (!diffs.has(codes)) diffs.set(codes, []);
  const l = diffs.get(codes); if (l.length < 3) l.push({ label, text: text.length > 400 ? text.slice(0, 400) + '…' : text, opts: o, onlyBase: onlyA, onlyNew: onlyB });
}
for (const t of inputs) for (let k = 0; k < OPTS.length; k++) cmp(t, OPTS[k], 'lit/opt' + k);
for (let i = 0; i < N; i++) cmp(mutate(), i % 2 ? OPTS[1] : OPTS[0], 'mut' + i);
console.log(`literals ${lits.size}, compared ${compared}, differing ${count}`);
for (const [codes, l] of diffs) { console.log('=== ' + codes + ' (' + l.length + ' shown)'); for (const d of l) console.log(JSON.stringify(d, null, 1).slice(0, 2500)); }
