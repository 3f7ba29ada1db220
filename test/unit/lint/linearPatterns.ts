// Adversarial Dockerfile shapes, each built at about `n` characters: the linearity test checks that
// the work of linting them grows linearly with `n` (test/unit/lint/linearity.test.ts), and
// bench/linearity.js prints the wall-time ratios of the same shapes. Backtracking inside one regex
// match is invisible to the work counts: only the bench's timings show it.
const rep = (s: string, n: number) => s.repeat(Math.max(1, Math.floor(n / s.length)));

/**
 * Adversarial inputs; each builds a Dockerfile of about `n` characters.
 * Regressions kept here: "spaces inside a line" and "tabs and spaces inside ENV" were quadratic
 * (`/[ \t]+$/` in parser.ts: 20,000 spaces took 1.8 s to parse); "many comment lines and pragmas"
 * was quadratic (suppress.ts rebuilt the set of comment lines for every pragma).
 */
export const LINEAR_PATTERNS: Record<string, (n: number) => string> = {
  'long line of double quotes': (n) => `FROM a\nRUN echo ${rep('"', n)}\n`,
  'long line of single quotes': (n) => `FROM a\nRUN echo ${rep("'", n)}\n`,
  'long line of backslashes': (n) => `FROM a\nRUN echo ${rep('\\', n)}x\n`,
  'backslash-space runs': (n) => `FROM a\nRUN echo ${rep('\\ ', n)}x\n`,
  'spaces inside a line (trailing-whitespace regex)': (n) => `FROM a\nRUN a${rep(' ', n)}b\n`,
  'tabs and spaces inside ENV': (n) => `FROM a\nENV a${rep(' \t', n)}b\n`,
  '$((( nesting': (n) => `FROM a\nRUN echo ${rep('$(((', n)}\n`,
  '"$( unclosed in quotes': (n) => `FROM a\nRUN echo ${rep('"$(', n)}\n`,
  '${ unclosed': (n) => `ARG A=1\nFROM a${rep('${', n)}\nRUN echo ${rep('${', n)}\n`,
  '<<<< run': (n) => `FROM a\nRUN cat ${rep('<', n)}\n`,
  'many heredoc markers on one line': (n) => `FROM a\nRUN cat ${rep('<<EOF ', n)}\n${rep('x\nEOF\n', n)}`,
  '===== run': (n) => `FROM a\nENV ${rep('=', n)}\nLABEL ${rep('=', n)}\nRUN ${rep('=', n)}\n`,
  '[[[[ (deep JSON)': (n) => `FROM a\nCMD ${rep('[', n / 2)}${rep(']', n / 2)}\n`,
  '[[[[ unclosed': (n) => `FROM a\nENTRYPOINT ${rep('[', n)}\n`,
  '-------- run': (n) => `FROM a\nRUN ${rep('-', n)}\nCOPY ${rep('-', n)} /x\n`,
  'many flags': (n) => `FROM a\nCOPY ${rep('--chown=1 ', n)}a /b/\n`,
  'long continuation chain': (n) => `FROM a\nRUN ${rep('echo a && \\\n', n)}true\n`,
  'continuation chain with comments': (n) => `FROM a\nRUN ${rep('x \\\n# c\n', n)}y\n`,
  'empty continuation lines': (n) => `FROM a\nRUN a \\\n${rep('\n', n)}b\n`,
  'many && commands': (n) => `FROM a\nRUN ${rep('apt-get install -y x && ', n)}true\n`,
  'many pipes': (n) => `FROM a\nRUN ${rep('curl x | ', n)}sh\n`,
  'many stages referencing each other': (n) => {
    let s = '';
    for (let i = 0; s.length < n; i++) s += `FROM base${i} AS s${i}\nCOPY --from=s${Math.max(0, i - 1)} /a /b\n`;
    return s;
  },
  'many plain stages': (n) => rep('FROM python:3.11-slim\nRUN pip install x\n', n),
  'long ENV key=value chain': (n) => {
    let s = 'FROM a\nENV';
    for (let i = 0; s.length < n; i++) s += ` K${i}=v${i}$K${i > 0 ? i - 1 : 0}`;
    return s + '\n';
  },
  'ENV chain over continuation lines': (n) => {
    let s = 'FROM a\nENV';
    for (let i = 0; s.length < n; i++) s += ` K${i}="v ${i}" \\\n   `;
    return s + 'END=1\n';
  },
  'many consecutive RUNs': (n) => 'FROM a\n' + rep('RUN apt-get update && apt-get install -y curl\n', n),
  'update-only RUNs, each followed by its install (the merge fix)': (n) => 'FROM a\n' + rep('RUN apt-get update\nRUN apt-get install -y curl\nRUN rm -rf /tmp/x\n', n),
  'many global ARGs used in FROM': (n) => {
    let s = '';
    let i = 0;
    for (; s.length < n / 2; i++) s += `ARG A${i}=x${i}\n`;
    return s + `FROM ${Array.from({ length: Math.min(i, 2000) }, (_, k) => `$A${k}`).join('')}\n`;
  },
  'many ONBUILD triggers': (n) => 'FROM a\n' + rep('ONBUILD RUN pip install x\n', n),
  'many comment lines and pragmas': (n) => 'FROM a\n' + rep('# hadolint ignore=DL3008\nRUN apt-get install x\n', n),
  'backticks': (n) => `FROM a\nRUN echo ${rep('`', n)}\n`,
  'long word': (n) => `FROM a\nRUN ${rep('a', n)}\n`,
  // Regexes that backtracked quadratically on one long word (20,000 characters: 0.3–0.8 s each):
  // DL3067's root path, the parser's directive line, the cache-mount check's trailing slashes.
  'run of slashes in COPY --from': (n) => `FROM a AS b\nFROM c\nCOPY --from=b ${rep('/', n)}x /dst/\n`,
  'directive line of blanks ending in U+2028': (n) => `# a=${rep(' ', n)}\u2028\nFROM a\n`,
  'run of slashes in a cache mount target': (n) => `FROM a\nRUN --mount=type=cache,target=${rep('/', n)}x pip install x==1\n`,
  // the same kind, in rules: DL4005's link target, ML008's URL query, ML013's conda spec
  'run of slashes in a symlink target': (n) => `FROM a\nRUN ln -sf /bin/bash ${rep('/', n)}x\n`,
  'run of ? in a download URL before U+2028': (n) => `FROM a\nRUN wget https://x/m.pt${rep('?', n)}\u2028\n`,
  'long conda spec before U+2028': (n) => `FROM a\nRUN conda install -y ${rep('a', n)}\u2028\n`,
};
