// Writes docs/rules/<CODE>.md for every rule and the rule table in README.md (between markers).
// `npm run docs` regenerates; test/unit/lint/docs.test.ts fails when they are out of date.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ALL_RULES } from '../src/lint/rules';
import { SYNTAX_CODE } from '../src/lint/index';

const root = path.resolve(__dirname, '..');
const docsDir = path.join(root, 'docs', 'rules');

export function rulePage(code: string): string {
  if (code === SYNTAX_CODE) {
    return `# ${SYNTAX_CODE}: the builder cannot parse this instruction\n\nDefault severity: **error**\n\n` +
      'What the Docker builder itself would reject: an unknown instruction, missing or malformed arguments, a flag the ' +
      'instruction does not take, an exec form that is not valid JSON, an unterminated heredoc. The build fails on these ' +
      '(or, for broken JSON, silently runs the text through a shell), so they are reported as errors.\n';
  }
  const r = ALL_RULES.find((x) => x.code === code)!;
  let s = `# ${r.code}: ${r.title}\n\nDefault severity: **${r.level}**${r.level === 'ignore' ? ' (off unless switched on)' : ''}`;
  s += r.code.startsWith('DL') ? ` · hadolint-compatible code\n\n` : ` · ML Containers rule\n\n`;
  s += `${r.description.trim()}\n`;
  if (r.example) {
    s += `\n## Flagged\n\n\`\`\`dockerfile\n${r.example.bad.trim()}\n\`\`\`\n\n## Fine\n\n\`\`\`dockerfile\n${r.example.good.trim()}\n\`\`\`\n`;
  }
  s += `\n## Turning it off\n\n- For one instruction: \`# hadolint ignore=${r.code}\` on the line above it.\n` +
    `- For the file: \`# hadolint global ignore=${r.code}\`.\n` +
    `- For the project: \`ignored: [${r.code}]\` in \`.hadolint.yaml\`, or the \`mlContainers.lint.ignoredRules\` setting.\n`;
  return s;
}

export function ruleTable(): string {
  const esc = (t: string) => t.replace(/\|/g, '\\|');
  const rows = [`| Code | Severity | Rule |`, `|---|---|---|`, `| [${SYNTAX_CODE}](docs/rules/${SYNTAX_CODE}.md) | error | The builder cannot parse this instruction |`];
  for (const r of [...ALL_RULES].sort((a, b) => a.code.localeCompare(b.code))) {
    rows.push(`| [${r.code}](docs/rules/${r.code}.md) | ${r.level} | ${esc(r.title)} |`);
  }
  return rows.join('\n');
}

export function expectedFiles(): Map<string, string> {
  const out = new Map<string, string>();
  for (const code of [SYNTAX_CODE, ...ALL_RULES.map((r) => r.code)]) out.set(path.join(docsDir, `${code}.md`), rulePage(code));
  return out;
}

export function readmeWithTable(readme: string): string {
  const start = '<!-- rules:start -->';
  const end = '<!-- rules:end -->';
  const a = readme.indexOf(start);
  const b = readme.indexOf(end);
  if (a < 0 || b < a) return readme;
  return readme.slice(0, a + start.length) + '\n' + ruleTable() + '\n' + readme.slice(b);
}

if (require.main === module) {
  fs.mkdirSync(docsDir, { recursive: true });
  const want = expectedFiles();
  for (const f of fs.readdirSync(docsDir)) {
    const full = path.join(docsDir, f);
    if (f.endsWith('.md') && !want.has(full)) fs.unlinkSync(full);
  }
  for (const [file, text] of want) fs.writeFileSync(file, text);
  const readmePath = path.join(root, 'README.md');
  if (fs.existsSync(readmePath)) fs.writeFileSync(readmePath, readmeWithTable(fs.readFileSync(readmePath, 'utf8')));
  console.log(`wrote ${want.size} rule pages`);
}
