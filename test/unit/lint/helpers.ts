// Case tables for rules: each `catches` case must raise the rule, each `passes` case must not.
import * as assert from 'node:assert/strict';
import { lintDockerfile, ruleByCode, type LintOptions, type Problem } from '../../../src/lint';

export interface Case {
  /** The Dockerfile. */
  text: string;
  /** Why this case exists (shown in the test title). */
  name?: string;
  /** Expected number of findings of the rule (default: at least one for catches). */
  count?: number;
  /** 1-based lines the findings must start on, in order. */
  lines?: number[];
  options?: LintOptions;
  /** The text after applying the first fix of the first finding. */
  fixed?: string;
}

export type CaseInput = string | Case;

function norm(c: CaseInput): Case {
  return typeof c === 'string' ? { text: c } : c;
}

/** Lints `text` and returns only the findings of `code`; fails the test if any rule throws. */
export function findings(code: string, text: string, options: LintOptions = {}): Problem[] {
  const errors: string[] = [];
  const onRuleError = (c: string, err: unknown): void => { errors.push(`${c}: ${err instanceof Error ? err.stack : String(err)}`); };
  const rule = ruleByCode(code);
  // rules that are off by default are switched on for their own tests
  const opts: LintOptions = rule && rule.level === 'ignore' ? { ...options, severityOverrides: { [code]: 'info', ...options.severityOverrides } } : options;
  const all = lintDockerfile(text, { ...opts, onRuleError });
  assert.deepEqual(errors, [], 'a rule threw');
  return all.filter((p) => p.code === code);
}

/** Applies text edits (1-based ranges) to `text`. */
export function applyEdits(text: string, edits: { line: number; column: number; endLine: number; endColumn: number; newText: string }[]): string {
  const lines = text.split('\n');
  const offset = (line: number, col: number) => {
    let o = 0;
    for (let k = 0; k < line - 1; k++) o += lines[k].length + 1;
    return o + col - 1;
  };
  const sorted = [...edits].sort((a, b) => offset(b.line, b.column) - offset(a.line, a.column));
  let out = text;
  for (const e of sorted) out = out.slice(0, offset(e.line, e.column)) + e.newText + out.slice(offset(e.endLine, e.endColumn));
  return out;
}

const short = (s: string) => JSON.stringify(s.length > 70 ? s.slice(0, 67) + '...' : s);

/** Declares a mocha suite for one rule from its case table. */
export function ruleCases(code: string, table: { catches: CaseInput[]; passes: CaseInput[] }): void {
  describe(`rule ${code}`, () => {
    it('is registered', () => assert.ok(ruleByCode(code), `${code} is not in the rule list`));
    for (const raw of table.catches) {
      const c = norm(raw);
      it(`catches ${c.name ?? short(c.text)}`, () => {
        const got = findings(code, c.text, c.options);
        if (c.count !== undefined) assert.equal(got.length, c.count, `expected ${c.count} finding(s), got ${JSON.stringify(got)}`);
        else assert.ok(got.length > 0, `expected ${code} to fire`);
        if (c.lines) assert.deepEqual(got.map((p) => p.line), c.lines);
        for (const p of got) {
          assert.ok(p.line >= 1 && p.column >= 1 && (p.endLine > p.line || (p.endLine === p.line && p.endColumn >= p.column)), `bad range ${JSON.stringify(p)}`);
          assert.ok(p.message.length > 10, 'message too short');
        }
        if (c.fixed !== undefined) {
          const fix = got[0].fixes?.[0];
          assert.ok(fix, 'expected a fix');
          const after = applyEdits(c.text, fix.edits);
          assert.equal(after, c.fixed);
          assert.equal(findings(code, after, c.options).length, got.length - 1, 'the fix should remove the finding');
        }
      });
    }
    for (const raw of table.passes) {
      const c = norm(raw);
      it(`passes ${c.name ?? short(c.text)}`, () => {
        const got = findings(code, c.text, c.options);
        assert.deepEqual(got, [], `expected no ${code}`);
      });
    }
  });
}
