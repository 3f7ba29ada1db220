#!/usr/bin/env node
// Lint benchmark: our linter (dist/lint.js) against dockerfile-utils `validate`, in one process.
//
//   node esbuild.js && node bench/lint.js [--iterations N] [--json] [--corpus DIR]
//
// --corpus picks another folder of *.Dockerfile (e.g. bench/realworld, the long real-world files).
//
// Prints, for the corpus in bench/corpus: the first pass after loading (cold), then, after a
// warm-up of both tools over the whole corpus, per-file and total median times and the speed ratio,
// the median of whole-corpus passes (GC included) and its ratio, the findings per rule code of both
// tools, and what dockerfile-utils finds that we do not (the gap list). Then the time for a generated
// 1,000-line Dockerfile and a parser-only comparison of our parseDockerfile with dockerfile-ast's
// DockerfileParser.parse. Times are medians of process.hrtime.bigint() measurements.
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const distLint = path.join(root, 'dist', 'lint.js');
if (!fs.existsSync(distLint)) {
  console.error('dist/lint.js is missing: run `node esbuild.js` first.');
  process.exit(2);
}
const ours = require(distLint);
const dfu = require('dockerfile-utils');
const { DockerfileParser } = require('dockerfile-ast');

const args = process.argv.slice(2);
const argValue = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? Number(args[i + 1]) : dflt;
};
const ITER = argValue('--iterations', 101);
const WARMUP = 25;
const JSON_OUT = args.includes('--json');

// ---------------------------------------------------------------------------------------------
// corpus
const corpusArg = args.indexOf('--corpus');
const corpusDir = corpusArg >= 0 && args[corpusArg + 1] ? path.resolve(args[corpusArg + 1]) : path.join(__dirname, 'corpus');
const corpus = fs
  .readdirSync(corpusDir)
  .filter((f) => f.endsWith('.Dockerfile'))
  .sort()
  .map((name) => ({ name, text: fs.readFileSync(path.join(corpusDir, name), 'utf8') }));
if (corpus.length === 0) {
  console.error(`${path.relative(root, corpusDir)} holds no *.Dockerfile`);
  process.exit(2);
}

// ---------------------------------------------------------------------------------------------
// timing helpers
function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Fastest single run of each `time()` call, for context on a loaded machine (µs). */
const minimums = new Map();
/** Median time of `fn()` in microseconds. */
function time(fn, iterations = ITER, warmup = WARMUP, label) {
  for (let i = 0; i < warmup; i++) fn();
  const samples = new Array(iterations);
  for (let i = 0; i < iterations; i++) {
    const t0 = process.hrtime.bigint();
    fn();
    samples[i] = Number(process.hrtime.bigint() - t0) / 1000;
  }
  if (label) minimums.set(label, (minimums.get(label) ?? 0) + Math.min(...samples));
  return median(samples);
}

const fmt = (us) => (us >= 1000 ? `${(us / 1000).toFixed(2)} ms` : `${us.toFixed(1)} µs`);
const pad = (s, n) => String(s).padEnd(n);
const lpad = (s, n) => String(s).padStart(n);

// ---------------------------------------------------------------------------------------------
// dockerfile-utils diagnostics → our codes
const VC = dfu.ValidationCode;
const codeName = (c) => (VC && VC[c] !== undefined ? String(VC[c]) : String(c));

/**
 * For each dockerfile-utils ValidationCode name: the codes of ours that report the same thing.
 * A function gets the instruction keyword of the diagnostic's line. An empty list means we have
 * no rule for it (it is listed as a gap whenever dockerfile-utils reports it).
 */
const SYNTAX = ['DL1000'];
const MAP = {
  CASING_INSTRUCTION: ['ML018'], // hadolint has none; ours covers instruction and AS casing
  CASING_DIRECTIVE: [],
  ARGUMENT_MISSING: SYNTAX,
  ARGUMENT_EXTRA: SYNTAX,
  ARGUMENT_REQUIRES_ONE: SYNTAX,
  ARGUMENT_REQUIRES_AT_LEAST_ONE: SYNTAX,
  ARGUMENT_REQUIRES_TWO: SYNTAX,
  ARGUMENT_REQUIRES_AT_LEAST_TWO: SYNTAX,
  ARGUMENT_REQUIRES_ONE_OR_THREE: SYNTAX,
  ARGUMENT_UNNECESSARY: SYNTAX,
  DUPLICATE_BUILD_STAGE_NAME: ['DL3024'],
  EMPTY_CONTINUATION_LINE: [], // BuildKit NoEmptyContinuation; no DL code
  INVALID_BUILD_STAGE_NAME: [...SYNTAX, 'DL3063'],
  FLAG_AT_LEAST_ONE: SYNTAX,
  FLAG_DUPLICATE: SYNTAX,
  FLAG_INVALID_DURATION: SYNTAX,
  FLAG_LESS_THAN_1MS: SYNTAX,
  FLAG_MISSING_DURATION: SYNTAX,
  FLAG_MISSING_VALUE: SYNTAX,
  FLAG_UNKNOWN_UNIT: SYNTAX,
  NO_SOURCE_IMAGE: [...SYNTAX, 'DL3061'],
  INVALID_ESCAPE_DIRECTIVE: SYNTAX,
  INVALID_AS: SYNTAX,
  INVALID_DESTINATION: ['DL3021', ...SYNTAX],
  INVALID_PORT: ['DL3011', ...SYNTAX],
  INVALID_PROTO: ['DL3011', ...SYNTAX],
  INVALID_REFERENCE_FORMAT: SYNTAX,
  INVALID_SIGNAL: SYNTAX,
  INVALID_SYNTAX: SYNTAX,
  ONBUILD_CHAINING_DISALLOWED: ['DL3043', ...SYNTAX],
  ONBUILD_TRIGGER_DISALLOWED: ['DL3043', ...SYNTAX],
  SHELL_JSON_FORM: SYNTAX,
  SHELL_REQUIRES_ONE: SYNTAX,
  SYNTAX_MISSING_EQUALS: SYNTAX,
  SYNTAX_MISSING_NAMES: SYNTAX,
  SYNTAX_MISSING_SINGLE_QUOTE: SYNTAX,
  SYNTAX_MISSING_DOUBLE_QUOTE: SYNTAX,
  MULTIPLE_INSTRUCTIONS: (kw) => ({ CMD: ['DL4003'], ENTRYPOINT: ['DL4004'], HEALTHCHECK: ['DL3012'] })[kw] ?? [],
  UNKNOWN_INSTRUCTION: SYNTAX,
  UNKNOWN_ADD_FLAG: SYNTAX,
  UNKNOWN_COPY_FLAG: SYNTAX,
  UNKNOWN_FROM_FLAG: SYNTAX,
  UNKNOWN_HEALTHCHECK_FLAG: SYNTAX,
  UNKNOWN_TYPE: SYNTAX,
  UNSUPPORTED_MODIFIER: SYNTAX,
  DEPRECATED_MAINTAINER: ['DL4000'],
  HEALTHCHECK_CMD_ARGUMENT_MISSING: SYNTAX,
  FLAG_INVALID_FROM_VALUE: [...SYNTAX, 'DL3022', 'DL3023'],
  FLAG_INVALID_LINK_VALUE: SYNTAX,
  FLAG_EXPECTED_BOOLEAN_VALUE: SYNTAX,
  JSON_IN_SINGLE_QUOTES: [...SYNTAX, 'DL3025'],
  WORKDIR_IS_NOT_ABSOLUTE: ['DL3000'],
  BASE_NAME_EMPTY: [...SYNTAX, 'ML001'],
  DUPLICATED_ESCAPE_DIRECTIVE: SYNTAX,
};

function keywordAt(text, line0) {
  const l = text.split(/\r\n|\r|\n/)[line0] ?? '';
  const m = /^\s*([A-Za-z]+)/.exec(l);
  return m ? m[1].toUpperCase() : '';
}

function correspondingCodes(d, text) {
  const name = codeName(d.code);
  const m = MAP[name];
  if (!m) return [];
  return typeof m === 'function' ? m(keywordAt(text, d.range.start.line)) : m;
}

// ---------------------------------------------------------------------------------------------
// 0. cold start, then a warm-up of both tools over the whole corpus
// The first lints after loading run in V8's interpreter while the code is compiled; timing each file
// right after the previous one made the first files of the alphabet pay for compiling 90 rules (and
// dockerfile-utils' validator), so the per-file figures are taken in the steady state an editor
// reaches after a few keystrokes. The cold figures are printed on their own.
function coldPass(fn) {
  const t0 = process.hrtime.bigint();
  for (const f of corpus) fn(f.text);
  return Number(process.hrtime.bigint() - t0) / 1000;
}
const coldOurs = coldPass((t) => ours.lintDockerfile(t));
const coldTheirs = coldPass((t) => dfu.validate(t));
const WARM_PASSES = 30;
for (let k = 0; k < WARM_PASSES; k++) {
  for (const f of corpus) {
    ours.lintDockerfile(f.text);
    dfu.validate(f.text);
  }
}

// ---------------------------------------------------------------------------------------------
// 1. corpus timing and findings
const ruleCodes = new Set(ours.rules.map((r) => r.code));
const perFile = [];
const ourCounts = new Map();
const theirCounts = new Map();
const gaps = [];
let extraOurs = 0;

for (const f of corpus) {
  const problems = ours.lintDockerfile(f.text);
  const diags = dfu.validate(f.text);
  for (const p of problems) ourCounts.set(p.code, (ourCounts.get(p.code) ?? 0) + 1);
  for (const d of diags) {
    const n = codeName(d.code);
    theirCounts.set(n, (theirCounts.get(n) ?? 0) + 1);
  }
  // what they find that we don't, at the same line (a finding of ours whose range covers the line)
  let matched = 0;
  for (const d of diags) {
    const line = d.range.start.line + 1;
    const want = correspondingCodes(d, f.text);
    let hit = problems.some((p) => want.includes(p.code) && p.line <= line && line <= Math.max(p.endLine, p.line));
    // dockerfile-utils marks the instructions that do not take effect (all but the last), hadolint's
    // DL4003/DL4004/DL3012 mark the repeated ones (all but the first): the same finding, another line.
    if (!hit && codeName(d.code) === 'MULTIPLE_INSTRUCTIONS') {
      const kw = keywordAt(f.text, d.range.start.line);
      hit = problems.some((p) => want.includes(p.code) && keywordAt(f.text, p.line - 1) === kw);
    }
    if (hit) matched++;
    else {
      const implemented = want.filter((c) => c === 'DL1000' || ruleCodes.has(c));
      gaps.push({
        file: f.name,
        line,
        kind: codeName(d.code),
        message: d.message,
        expected: want,
        why: want.length === 0
          ? 'no corresponding rule'
          : [implemented.length ? `${implemented.join('/')} did not fire here` : '', want.some((c) => !implemented.includes(c)) ? `${want.filter((c) => !implemented.includes(c)).join('/')} not written yet` : '']
            .filter(Boolean).join('; '),
      });
    }
  }
  extraOurs += problems.length;
  const oursUs = time(() => ours.lintDockerfile(f.text), ITER, WARMUP, 'ours');
  const theirsUs = time(() => dfu.validate(f.text), ITER, WARMUP, 'theirs');
  perFile.push({ name: f.name, lines: f.text.split('\n').length, oursUs, theirsUs, ours: problems.length, theirs: diags.length, matched });
}

const totOurs = perFile.reduce((a, r) => a + r.oursUs, 0);
const totTheirs = perFile.reduce((a, r) => a + r.theirsUs, 0);
const ratio = totTheirs / totOurs;

// 1b. whole-corpus passes: each timed sample lints every file of the corpus once, so it includes the garbage
// collection and the cache misses that a file-by-file median of repeated runs leaves out. Blocks
// of the two tools alternate; the figure is the median pass of each tool.
function passTimes(fn, passes) {
  const xs = [];
  for (let i = 0; i < passes; i++) xs.push(coldPass(fn));
  return xs;
}
const passOurs = [];
const passTheirs = [];
for (let round = 0; round < 4; round++) {
  passOurs.push(...passTimes((t) => ours.lintDockerfile(t), 25));
  passTheirs.push(...passTimes((t) => dfu.validate(t), 25));
}
const wholeOurs = median(passOurs);
const wholeTheirs = median(passTheirs);
const wholeRatio = wholeTheirs / wholeOurs;

// ---------------------------------------------------------------------------------------------
// 2. a generated 1,000-line Dockerfile (corpus bodies concatenated into one multi-stage file)
function build1000() {
  const out = ['# syntax=docker/dockerfile:1.7', 'ARG CUDA_VERSION=12.4.1', 'ARG UBUNTU=ubuntu22.04', 'ARG TORCH_VERSION=2.4.0'];
  for (const f of corpus) {
    if (/^#\s*escape\s*=/m.test(f.text.split('\n').slice(0, 3).join('\n'))) continue; // backtick escape cannot be mixed in
    const body = f.text
      .replace(/\r\n/g, '\n')
      .split('\n')
      .filter((l, i) => !(i < 3 && /^#\s*(syntax|check|escape)\s*=/.test(l)));
    while (body.length && body[body.length - 1] === '') body.pop();
    if (out.length + body.length > 1000) continue;
    out.push(...body);
  }
  let k = 0;
  while (out.length < 1000) out.push(`LABEL bench.pad.${k++}="line ${out.length + 1}"`);
  return out.join('\n') + '\n';
}
const big = build1000();
const bigLines = big.split('\n').length - 1;
const bigOurs = time(() => ours.lintDockerfile(big), 51, 10, 'bigOurs');
const bigTheirs = time(() => dfu.validate(big), 21, 5, 'bigTheirs');
const bigProblems = ours.lintDockerfile(big).length;

// ---------------------------------------------------------------------------------------------
// 3. parser only: our parseDockerfile vs dockerfile-ast
let parseOurs = 0;
let parseAst = 0;
for (const f of corpus) {
  parseOurs += time(() => ours.parseDockerfile(f.text));
  parseAst += time(() => DockerfileParser.parse(f.text));
}
const parseBigOurs = time(() => ours.parseDockerfile(big), 51, 10);
const parseBigAst = time(() => DockerfileParser.parse(big), 51, 10);

// ---------------------------------------------------------------------------------------------
// report
if (JSON_OUT) {
  console.log(JSON.stringify({ perFile, totOurs, totTheirs, ratio, bigLines, bigOurs, bigTheirs, parseOurs, parseAst, gaps,
    ourCounts: Object.fromEntries(ourCounts), theirCounts: Object.fromEntries(theirCounts), rules: ours.rules.length }, null, 2));
  process.exit(0);
}

console.log(`ML Containers lint benchmark — ${corpus.length} corpus files, ${ITER} timed iterations each (median), warm-up ${WARMUP}`);
console.log(`node ${process.version}, ours: dist/lint.js (${ours.rules.length} rules), theirs: dockerfile-utils ${require('dockerfile-utils/package.json').version}\n`);

console.log(`${pad('file', 46)}${lpad('lines', 6)}${lpad('ours', 12)}${lpad('d-utils', 12)}${lpad('ratio', 8)}${lpad('#ours', 7)}${lpad('#theirs', 9)}`);
for (const r of perFile) {
  console.log(`${pad(r.name, 46)}${lpad(r.lines, 6)}${lpad(fmt(r.oursUs), 12)}${lpad(fmt(r.theirsUs), 12)}${lpad((r.theirsUs / r.oursUs).toFixed(1) + '×', 8)}${lpad(r.ours, 7)}${lpad(r.theirs, 9)}`);
}
console.log(`${pad('TOTAL', 46)}${lpad(perFile.reduce((a, r) => a + r.lines, 0), 6)}${lpad(fmt(totOurs), 12)}${lpad(fmt(totTheirs), 12)}${lpad(ratio.toFixed(1) + '×', 8)}\n`);

const sortCounts = (m) => [...m.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
console.log('Findings per rule code — ours:');
console.log('  ' + (sortCounts(ourCounts).map(([c, n]) => `${c} ${n}`).join(', ') || '(none)'));
console.log(`  ${ourCounts.size} distinct codes fired, ${[...ourCounts.values()].reduce((a, b) => a + b, 0)} findings`);
console.log('Findings per kind — dockerfile-utils:');
console.log('  ' + (sortCounts(theirCounts).map(([c, n]) => `${c} ${n}`).join(', ') || '(none)'));
console.log(`  ${theirCounts.size} distinct kinds, ${[...theirCounts.values()].reduce((a, b) => a + b, 0)} findings\n`);

console.log('Finds what it finds — dockerfile-utils findings with no corresponding finding of ours on the same line:');
if (gaps.length === 0) console.log('  none');
for (const g of gaps) {
  console.log(`  GAP ${g.file}:${g.line} ${g.kind} (${g.why}) — ${g.message.replace(/\s+/g, ' ').slice(0, 90)}`);
}
const theirTotal = [...theirCounts.values()].reduce((a, b) => a + b, 0);
console.log(`  matched ${theirTotal - gaps.length}/${theirTotal}\n`);

console.log(`1,000-line Dockerfile (${bigLines} lines, ${bigProblems} findings): ours ${fmt(bigOurs)}, dockerfile-utils ${fmt(bigTheirs)} (${(bigTheirs / bigOurs).toFixed(1)}×)`);
console.log(`Parser only, corpus: parseDockerfile ${fmt(parseOurs)}, dockerfile-ast ${fmt(parseAst)} → ${(parseAst / parseOurs).toFixed(1)}× ; 1,000 lines: ${fmt(parseBigOurs)} vs ${fmt(parseBigAst)} → ${(parseBigAst / parseBigOurs).toFixed(1)}×\n`);

const ok = (b) => (b ? 'PASS' : 'MISS');
console.log('================ summary ================');
console.log(`corpus files                 ${corpus.length}`);
console.log(`rules (incl. DL1000)         ${ours.rules.length}`);
console.log(`corpus lint, ours            ${fmt(totOurs)} total (${fmt(totOurs / corpus.length)} per file)`);
console.log(`corpus lint, dockerfile-utils ${fmt(totTheirs)} total (${fmt(totTheirs / corpus.length)} per file)`);
console.log(`speed ratio                  ${ratio.toFixed(1)}× faster   [target ≥ 5×: ${ok(ratio >= 5)}]`);
console.log(`whole-corpus passes (median) ${fmt(wholeOurs)} vs ${fmt(wholeTheirs)}: ${wholeRatio.toFixed(1)}× faster, GC included   [target ≥ 5×: ${ok(wholeRatio >= 5)}]`);
console.log(`1,000-line file, ours        ${fmt(bigOurs)}   [target < 5 ms: ${ok(bigOurs < 5000)}]`);
console.log(`1,000-line file, d-utils     ${fmt(bigTheirs)}`);
console.log(`parser vs dockerfile-ast     ${(parseAst / parseOurs).toFixed(1)}× faster on the corpus, ${(parseBigAst / parseBigOurs).toFixed(1)}× on 1,000 lines`);
console.log(`first pass after load        corpus ${fmt(coldOurs)} vs ${fmt(coldTheirs)} (${(coldTheirs / coldOurs).toFixed(1)}×; before the ${WARM_PASSES}-pass warm-up of both)`);
console.log(`fastest runs (not medians)   corpus ${fmt(minimums.get('ours'))} vs ${fmt(minimums.get('theirs'))} (${(minimums.get('theirs') / minimums.get('ours')).toFixed(1)}×); 1,000 lines ${fmt(minimums.get('bigOurs'))} vs ${fmt(minimums.get('bigTheirs'))}`);
console.log(`load average                 ${require('node:os').loadavg().map((x) => x.toFixed(1)).join(' ')} (${require('node:os').cpus().length} cores)`);
console.log(`findings, ours / d-utils     ${[...ourCounts.values()].reduce((a, b) => a + b, 0)} / ${theirTotal}`);
console.log(`gaps vs dockerfile-utils     ${gaps.length}${gaps.length ? ' (' + [...new Set(gaps.map((g) => g.kind))].join(', ') + ')' : ''}`);
console.log('==========================================');
