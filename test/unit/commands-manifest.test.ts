// Every command the extension registers is contributed in package.json, and every contributed
// command is registered: a command missing from the manifest has no title or palette entry, and a
// contributed one that nobody registers fails with "command not found" when a user runs it.
//
// The registrations are read from the source with the TypeScript parser (no editor needed):
// `registerCommand(ID, …)` / `registerTextEditorCommand(ID, …)` with ID a string literal or a
// constant holding one, or `registerCommand(entry.id, …)` over a command table, whose entries are
// the object literals with an `id: 'mlContainers.…'` and a `run` member.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';

const root = path.resolve(__dirname, '../..');
const SRC = path.join(root, 'src');
const OUR_ID = /^mlContainers\.[A-Za-z][\w.]*$/;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

interface Found {
  /** Constant name → string value, for `const X = 'mlContainers.…'`. */
  constants: Map<string, Set<string>>;
  /** First arguments of registerCommand calls: a literal or constant name, or `table` for `x.id`. */
  calls: { arg: ts.Expression; where: string }[];
  /** `{ id: 'mlContainers.…', run … }` object literals (or `id: CONSTANT`, resolved after the scan). */
  tableIds: { id: string; where: string }[];
  tableIdConstants: { name: string; where: string }[];
  /** `executeCommand('mlContainers.…')` literals. */
  executed: { id: string; where: string }[];
}

function scan(): Found {
  const found: Found = { constants: new Map(), calls: [], tableIds: [], tableIdConstants: [], executed: [] };
  for (const file of sourceFiles(SRC)) {
    const sf = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const where = (n: ts.Node) => `${path.relative(root, file)}:${sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1}`;
    const visit = (n: ts.Node): void => {
      if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.initializer && ts.isStringLiteralLike(n.initializer)) {
        const values = found.constants.get(n.name.text) ?? new Set<string>();
        values.add(n.initializer.text);
        found.constants.set(n.name.text, values);
      }
      if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression)) {
        const name = n.expression.name.text;
        if ((name === 'registerCommand' || name === 'registerTextEditorCommand') && n.arguments[0]) found.calls.push({ arg: n.arguments[0], where: where(n) });
        const first = n.arguments[0];
        if (name === 'executeCommand' && first && ts.isStringLiteralLike(first) && OUR_ID.test(first.text)) found.executed.push({ id: first.text, where: where(n) });
      }
      if (ts.isObjectLiteralExpression(n)) {
        let id: string | null = null;
        let idConstant: string | null = null;
        let hasRun = false;
        for (const p of n.properties) {
          const key = p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? p.name.text : null;
          if (key === 'id' && ts.isPropertyAssignment(p) && ts.isStringLiteralLike(p.initializer) && OUR_ID.test(p.initializer.text)) id = p.initializer.text;
          if (key === 'id' && ts.isPropertyAssignment(p) && ts.isIdentifier(p.initializer)) idConstant = p.initializer.text;
          if (key === 'run') hasRun = true;
        }
        if (id && hasRun) found.tableIds.push({ id, where: where(n) });
        if (idConstant && hasRun) found.tableIdConstants.push({ name: idConstant, where: where(n) });
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  return found;
}

interface Manifest { contributes?: { commands?: { command: string }[] } }
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as Manifest;
const contributed = (pkg.contributes?.commands ?? []).map((c) => c.command);

describe('commands: registered in src and contributed in package.json', () => {
  const found = scan();
  const registered: { id: string; where: string }[] = [];
  const unresolved: string[] = [];
  let tableRegistered = false;
  for (const { arg, where } of found.calls) {
    if (ts.isStringLiteralLike(arg)) registered.push({ id: arg.text, where });
    else if (ts.isIdentifier(arg) && found.constants.get(arg.text)?.size === 1) registered.push({ id: [...found.constants.get(arg.text)!][0], where });
    else if (ts.isPropertyAccessExpression(arg) && arg.name.text === 'id') tableRegistered = true;
    else unresolved.push(`${where}: registerCommand(${arg.getText()}, …)`);
  }
  if (tableRegistered) {
    registered.push(...found.tableIds);
    for (const { name, where } of found.tableIdConstants) {
      const values = found.constants.get(name);
      if (values?.size === 1 && OUR_ID.test([...values][0])) registered.push({ id: [...values][0], where });
      else unresolved.push(`${where}: { id: ${name} } is not a constant holding one command id`);
    }
  }
  const registeredIds = new Set(registered.map((r) => r.id));

  it('every registration names its command in a way this test can read', () => {
    assert.deepEqual(unresolved, [], 'use a string literal, a constant, or a table of { id, run } entries');
    assert.ok(registered.length >= 5, `found only ${registered.length} registrations: is the scan still finding them?`);
  });

  it('no command is registered twice', () => {
    const seen = new Map<string, string>();
    const twice: string[] = [];
    for (const r of registered) {
      const first = seen.get(r.id);
      if (first) twice.push(`${r.id} (${first} and ${r.where})`);
      else seen.set(r.id, r.where);
    }
    assert.deepEqual(twice, []);
  });

  it('every registered command is contributed', () => {
    const missing = registered.filter((r) => !contributed.includes(r.id)).map((r) => `${r.id} (${r.where})`);
    assert.deepEqual(missing, [], 'registered in src but not in package.json contributes.commands');
  });

  it('every contributed command is registered', () => {
    const missing = contributed.filter((id) => !registeredIds.has(id));
    assert.deepEqual(missing, [], 'in package.json contributes.commands but registered nowhere in src');
  });

  it('commands run from code are registered', () => {
    const missing = found.executed.filter((e) => !registeredIds.has(e.id)).map((e) => `${e.id} (${e.where})`);
    assert.deepEqual(missing, []);
  });
});
