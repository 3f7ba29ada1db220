// The package.json contributions, checked against what the issue asks of a manifest written for
// users: a category on every command, menus that only reference known commands with destructive
// items last, tree-only commands hidden from the palette, settings with a scope and a description,
// a limited untrusted-workspace mode, and a walkthrough whose pages exist.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

interface Command { command: string; title: string; category?: string; enablement?: string; icon?: unknown }
interface MenuItem { command?: string; submenu?: string; when?: string; group?: string }
interface Setting { scope?: string; description?: string; markdownDescription?: string }
interface Manifest {
  categories?: string[];
  activationEvents?: string[];
  capabilities?: { untrustedWorkspaces?: { supported: boolean | string; description?: string } };
  contributes: {
    commands?: Command[];
    menus?: Record<string, MenuItem[]>;
    configuration?: { properties: Record<string, Setting> } | { properties: Record<string, Setting> }[];
    views?: Record<string, { id: string; name: string }[]>;
    walkthroughs?: { id: string; steps: { id: string; media: { markdown?: string; image?: unknown }; description: string }[] }[];
    viewsContainers?: Record<string, { id: string; icon: string }[]>;
  };
}

const root = path.resolve(__dirname, '../..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as Manifest;
const c = pkg.contributes;
const commands = c.commands ?? [];
const commandIds = new Set(commands.map((x) => x.command));
const menus = c.menus ?? {};
/** Commands that change the engine or the registry: trusted workspaces only. */
const ENGINE_COMMANDS = /^mlContainers\.(build|run|push)/;
/** Commands that remove or stop things: last in their menus. */
const DESTRUCTIVE = /\.(remove|delete|prune|stop|kill)/i;

describe('manifest: commands', () => {
  it('every command has a category and a title', () => {
    for (const cmd of commands) {
      assert.ok(cmd.category, `${cmd.command} has no category`);
      assert.ok(cmd.title && cmd.title.length > 2, `${cmd.command} has no title`);
    }
  });

  it('menus reference contributed commands only', () => {
    for (const [menu, items] of Object.entries(menus)) {
      for (const item of items) if (item.command) assert.ok(commandIds.has(item.command), `${menu} references unknown ${item.command}`);
    }
  });

  it('every tree-item command states its palette behaviour (hidden with when: false, or a when clause)', () => {
    const palette = new Map((menus.commandPalette ?? []).map((m) => [m.command, m.when]));
    const treeCommands = new Set((menus['view/item/context'] ?? []).map((m) => m.command).filter((x): x is string => !!x));
    for (const id of treeCommands) {
      assert.ok(palette.has(id), `${id} is on tree items but has no commandPalette entry (add when: "false" if it needs a tree item)`);
      assert.ok(palette.get(id), `${id}: commandPalette entry without a when clause`);
    }
  });

  it('destructive items come after the others in each context menu group order', () => {
    for (const [menu, items] of Object.entries(menus)) {
      if (menu === 'commandPalette') continue;
      const groupOf = (i: MenuItem): string => i.group ?? '';
      const destructive = items.filter((i) => i.command && DESTRUCTIVE.test(i.command));
      const others = items.filter((i) => i.command && !DESTRUCTIVE.test(i.command) && !groupOf(i).startsWith('inline') && !groupOf(i).startsWith('navigation'));
      for (const d of destructive) {
        if (groupOf(d).startsWith('inline') || groupOf(d).startsWith('navigation')) continue;
        for (const o of others) {
          if (o.when && d.when && o.when === d.when) {
            assert.ok(groupOf(d).localeCompare(groupOf(o)) >= 0, `${menu}: ${d.command} (${groupOf(d)}) sorts before ${o.command} (${groupOf(o)})`);
          }
        }
        assert.match(groupOf(d), /^[0-9z]/i, `${menu}: ${d.command} needs an explicit group that sorts last`);
      }
    }
  });

  it('build, run and push are disabled in untrusted workspaces', () => {
    for (const cmd of commands.filter((x) => ENGINE_COMMANDS.test(x.command))) {
      assert.match(cmd.enablement ?? '', /isWorkspaceTrusted/, `${cmd.command} lacks enablement: isWorkspaceTrusted`);
    }
  });
});

describe('manifest: settings and capabilities', () => {
  it('every setting has a scope and a description', () => {
    const groups = Array.isArray(c.configuration) ? c.configuration : c.configuration ? [c.configuration] : [];
    for (const g of groups) {
      for (const [key, s] of Object.entries(g.properties)) {
        assert.ok(s.scope, `${key} has no scope`);
        assert.ok((s.description ?? s.markdownDescription ?? '').length > 10, `${key} has no description`);
      }
    }
  });

  it('declares limited support for untrusted workspaces, with a description', () => {
    const u = pkg.capabilities?.untrustedWorkspaces;
    assert.equal(u?.supported, 'limited');
    assert.ok((u?.description ?? '').length > 20);
  });

  it('has categories that include Snippets and Linters', () => {
    for (const cat of ['Snippets', 'Linters']) assert.ok(pkg.categories?.includes(cat), cat);
  });
});

describe('manifest: walkthrough and media', () => {
  it('has a walkthrough from an empty folder to a push, whose pages exist', () => {
    const w = c.walkthroughs?.[0];
    assert.ok(w, 'no walkthrough');
    assert.deepEqual(w.steps.map((s) => s.id), ['containerize', 'dockerfile', 'dockerignore', 'lint', 'build', 'run', 'push']);
    for (const s of w.steps) {
      assert.ok(s.media.markdown, `${s.id}: no markdown page`);
      assert.ok(fs.existsSync(path.join(root, s.media.markdown)), `${s.id}: ${s.media.markdown} missing`);
      for (const m of s.description.matchAll(/\(command:([\w.]+)/g)) {
        if (m[1].startsWith('mlContainers.')) assert.ok(commandIds.has(m[1]), `${s.id} links to unknown command ${m[1]}`);
      }
    }
  });

  it('every icon a view container or command names exists', () => {
    for (const list of Object.values(c.viewsContainers ?? {})) {
      for (const vc of list) assert.ok(fs.existsSync(path.join(root, vc.icon)), `${vc.id}: ${vc.icon} missing`);
    }
    for (const cmd of commands) {
      const icon = cmd.icon as string | { light: string; dark: string } | undefined;
      if (typeof icon === 'object') for (const f of [icon.light, icon.dark]) assert.ok(fs.existsSync(path.join(root, f)), `${cmd.command}: ${f}`);
    }
  });
});

describe('what ships where', () => {
  const ignore = fs.readFileSync(path.join(root, '.vscodeignore'), 'utf8').split('\n').map((l) => l.trim());
  const npmignore = fs.readFileSync(path.join(root, '.npmignore'), 'utf8').split('\n').map((l) => l.trim());
  it('the vsix carries only the bundles the extension loads', () => {
    assert.ok(ignore.includes('**'), '.vscodeignore starts from nothing');
    // every file the extension's builds write (the main bundle and those it requires on first use)
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the build script is CommonJS
    const { extensionBuilds } = require(path.join(root, 'esbuild.js')) as { extensionBuilds(outdir: string): { outfile?: string }[] };
    const shipped = extensionBuilds('dist').map((b) => `!${String(b.outfile)}`);
    assert.ok(shipped.length >= 4 && shipped.includes('!dist/extension.js'));
    for (const f of shipped) assert.ok(ignore.includes(f), `.vscodeignore must keep ${f.slice(1)}`);
    assert.ok(!ignore.some((l) => /dist\/(lint|cli)\.js/.test(l)), 'dist/lint.js and dist/cli.js stay out of the vsix');
  });
  it('the npm package carries the lint library and the CLIs', () => {
    // vsce refuses a package.json "files" list next to .vscodeignore, so npm's list is .npmignore
    assert.equal((JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { files?: unknown }).files, undefined);
    assert.ok(npmignore.includes('**') && npmignore.includes('!dist/*.js'), '.npmignore keeps dist/lint.js and dist/cli.js');
  });
});
