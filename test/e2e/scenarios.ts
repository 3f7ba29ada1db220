// The end-to-end scenarios: each drives the workbench as a user would and asserts what the user
// sees (editor text, Problems panel, tree views, notifications), cross-checked against the engine
// and registry APIs where the UI claims something happened there.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import YAML from 'yaml';
import { formatSize } from '../../src/docker/imageInfo';
import { dockerignoreText } from '../../src/docker/ignoreTemplate';
import { lintDockerfile } from '../../src/lint';
import { gatherContextFacts } from '../../src/lint/contextFacts';
import { expandSnippet } from '../unit/helpers/snippetExpand';
import * as engineApi from './lib/engine';
import { run, waitFor } from './lib/util';
import type { Answer, Workbench } from './lib/workbench';

const repo = path.resolve(__dirname, '../..');

interface Manifest {
  contributes?: {
    commands?: { command: string; title: string; category?: string }[];
    views?: Record<string, { id: string }[]>;
  };
}
const pkg = JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8')) as Manifest;
const contributes = pkg.contributes ?? {};

/**
 * What a scenario exercises that the manifest lacks. A scenario whose command or view is missing
 * fails: a contribution that went missing is a regression, not a reason to skip.
 */
function missing(sc: Scenario): string[] {
  const commands = new Set((contributes.commands ?? []).map((c) => c.command));
  const views = new Set(Object.values(contributes.views ?? {}).flat().map((v) => v.id));
  return [
    ...(sc.commands ?? []).filter((id) => !commands.has(id)).map((id) => `command ${id}`),
    ...(sc.views ?? []).filter((id) => !views.has(id)).map((id) => `view ${id}`),
  ];
}
/** The command's label in the palette: "Category: Title". */
function commandTitle(id: string): string {
  const c = (contributes.commands ?? []).find((x) => x.command === id);
  if (!c) throw new Error(`${id} is not contributed`);
  return c.category ? `${c.category}: ${c.title}` : c.title;
}

export interface Ctx {
  wb: Workbench;
  page: Page;
  workspace: string;
  /** The run's temp folder: code-server's user-data, extensions and XDG dirs, its log, the workspace. */
  root: string;
}

export interface Scenario {
  name: string;
  /** Command ids the scenario runs; it fails when package.json does not contribute one. */
  commands?: string[];
  /** View ids the scenario reads; it fails when package.json does not contribute one. */
  views?: string[];
  timeout?: number;
  run(ctx: Ctx): Promise<void>;
}

/** The image the build scenario makes (and later scenarios run and push). */
const BUILT = 'ml-e2e/built:1';
const escapeRe = (t: string): string => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Whether a Problems panel row shows our rule code: "ml-containers(CODE)" (the brackets are drawn by CSS). */
const hasCode = (row: string, code: string): boolean => new RegExp(`ml-containers\\W*${code}\\b`).test(row);

/** Problems panel rows grouped under their file's header row ("Dockerfile.snippet 1"). */
function problemsByFile(rows: string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const r of rows) {
    const header = /^(\S+) \d+$/.exec(r);
    if (header && !r.includes('ml-containers')) out.set(header[1], (current = []));
    else current?.push(r);
  }
  return out;
}

/** Builds the tiny busybox image of the fixture with the docker CLI, straight on the private engine. */
async function seedImage(workspace: string, tag: string): Promise<void> {
  await run('docker', ['build', '--network', 'none', '-q', '-t', tag, path.join(workspace, 'tiny')], {
    env: { ...process.env, DOCKER_BUILDKIT: '0' },
  });
}

/** The prompts of a first Build Image… after the Dockerfile: the tiny/ folder as context, `tag`, no build args, default options. */
function firstBuildAnswers(tag: string): Answer[] {
  return [
    { expect: /Build context folder/, pick: /^(workspace\/)?tiny$/ },
    { expect: /Image tag/, type: tag },
    { expect: /Build args/, accept: true },
    { expect: /Options \(Enter to build\)/, accept: true },
  ];
}

/** Runs Build Image… (with a Dockerfile open, it is the one built) and returns its first prompt once shown. */
async function startBuild(wb: Workbench): Promise<NonNullable<Awaited<ReturnType<Workbench['quickInputState']>>>> {
  await wb.runCommand(commandTitle('mlContainers.build'));
  return waitFor(async () => {
    const st = await wb.quickInputState();
    return st && st.rows.length && /Dockerfile|Build context folder/.test(`${st.title} ${st.placeholder}`) ? st : undefined;
  }, { timeout: 15000, what: 'the first prompt of Build Image…' });
}

/** Builds tiny/Dockerfile through every prompt (nothing remembered yet), as BUILT; waits for "Built …". */
async function buildTinyThroughPrompts(wb: Workbench): Promise<string> {
  await wb.runCommand('View: Close All Editors');
  await wb.runCommand(commandTitle('mlContainers.build'));
  await wb.answer([{ expect: /Dockerfile to build/, pick: 'tiny/Dockerfile' }, ...firstBuildAnswers(BUILT)]);
  return wb.waitForNotification(new RegExp(`^Built ${escapeRe(BUILT)} with .* in [\\d.]+ s`), 120000);
}

const norm = (t: string): string => t.replace(/\s+/g, ' ').trim();

/** The run form's overview (src/run/form.ts): every setting with its value, "Run" first. */
const RUN_FORM = /Enter runs\. Pick a setting/;

/**
 * Run Image… on BUILT, by the keyboard: the image, then (when the image has saved profiles, listed
 * first) "New run profile…"; returns once the run form shows.
 */
async function openRunForm(wb: Workbench): Promise<void> {
  await wb.runCommand(commandTitle('mlContainers.run'));
  await wb.keyChoose(/Image to run/, BUILT, BUILT);
  const next = await waitFor(async () => {
    const t = await wb.quickInputText();
    return t && (RUN_FORM.test(t) || /^Run /.test(t)) ? t : undefined;
  }, { timeout: 15000, what: 'the profile list or the run form' });
  if (!RUN_FORM.test(next)) await wb.keyChoose(/^Run /, /New run profile/);
  await wb.waitForPrompt(RUN_FORM);
}

/** The description (value) of a row of the quick input, by its label. */
async function rowValue(wb: Workbench, label: string | RegExp): Promise<string | undefined> {
  const rows = await wb.quickInput.locator('.quick-input-list .monaco-list-row').evaluateAll((els) => els.map((r) => [
    r.querySelector('.label-name')?.textContent ?? '', r.querySelector('.label-description')?.textContent ?? '']));
  const row = rows.map(([l, d]) => [norm(l), norm(d)]).find(([l]) => (typeof label === 'string' ? l === label : label.test(l)));
  return row?.[1];
}

/** On the run form: picks a setting by the keyboard (typing part of its name, then Enter). */
async function formEdit(wb: Workbench, label: string | RegExp, filter: string): Promise<void> {
  await wb.keyChoose(RUN_FORM, label, filter);
}

/** On the run form: waits until the row `label` shows `value` (the form is back, with the edit applied). */
async function formShows(wb: Workbench, label: string | RegExp, value: RegExp): Promise<void> {
  await wb.waitForPrompt(RUN_FORM);
  let last: string | undefined;
  await waitFor(async () => { last = await rowValue(wb, label); return last !== undefined && value.test(last); },
    { timeout: 10000, what: `the run form's ${label} row to read ${value}` })
    .catch((err: Error) => { throw new Error(`${err.message}; it reads: ${last ?? '(no such row)'}`); });
}

/** On the run form: names the profile, then Run (Enter on the first row). */
async function formRun(wb: Workbench, profile: string): Promise<void> {
  await formEdit(wb, 'Profile name', 'Profile name');
  await wb.keyType(/Save as run profile/, profile);
  await formShows(wb, 'Profile name', new RegExp(`^${escapeRe(profile)} `));
  await formEdit(wb, 'Run', 'Run');
  await waitFor(async () => !RUN_FORM.test((await wb.quickInputText()) ?? ''), { timeout: 10000, what: 'the run form to close' });
}

/** The run profiles saved for an image in .vscode/ml-containers.yaml. */
interface SavedProfile { name: string; mounts?: { source: string; target: string; readOnly?: boolean }[]; gpus?: unknown }
function savedProfiles(workspace: string, image: string): SavedProfile[] {
  const file = path.join(workspace, '.vscode/ml-containers.yaml');
  if (!fs.existsSync(file)) return [];
  const doc = (YAML.parse(fs.readFileSync(file, 'utf8')) ?? {}) as { runProfiles?: Record<string, SavedProfile[]> };
  return doc.runProfiles?.[image] ?? [];
}

/** Files under `dir` whose bytes contain any of `needles` (binary files, databases and logs included). */
function filesContaining(dir: string, needles: string[]): string[] {
  const found: string[] = [];
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) {
        let buf: Buffer;
        try { buf = fs.readFileSync(p); } catch { continue; } // removed meanwhile
        if (needles.some((n) => buf.includes(n))) found.push(p);
      }
    }
  };
  if (fs.existsSync(dir)) walk(dir);
  return found;
}

const SCENARIOS: Scenario[] = [
  {
    name: 'lint: opening an ML Dockerfile shows its problems in the Problems panel',
    async run({ wb }) {
      await wb.openFile('Dockerfile');
      await wb.showProblems();
      const expected = ['ML001', 'DL3000', 'DL3007', 'DL3027'];
      let last: string[] = [];
      const rows = await waitFor(async () => {
        last = await wb.problemRows();
        return expected.every((code) => last.some((x) => hasCode(x, code))) ? last : undefined;
      }, { timeout: 20000, what: `Problems panel rows with ${expected.join(', ')}` }).catch((err: Error) => {
        throw new Error(`${err.message}; rows:\n${last.join('\n')}`);
      });
      // the pragma above the RUN suppresses DL3008: it must not be listed
      assert.ok(!rows.some((r) => r.includes('DL3008')), `DL3008 is suppressed by the pragma, yet listed:\n${rows.join('\n')}`);
      const workdir = rows.find((r) => hasCode(r, 'DL3000')) ?? '';
      assert.match(workdir, /relative/i, 'DL3000 says what is wrong');
      assert.match(workdir, /\[Ln 4, Col \d+\]/, 'DL3000 points at the WORKDIR line');
      await wb.snapshot('1-lint-problems');
    },
  },
  {
    name: 'quick fix: "Replace apt with apt-get" changes the text and the DL3027 problem goes',
    async run({ wb, workspace }) {
      await wb.openFile('Dockerfile');
      const file = path.join(workspace, 'Dockerfile');
      const lineNo = fs.readFileSync(file, 'utf8').split('\n').findIndex((l) => l.startsWith('RUN apt install')) + 1;
      assert.ok(lineNo > 0, 'fixture has no apt line');
      const item = await wb.codeAction('Replace apt with apt-get', `${lineNo}:5`);
      await item.click();
      await wb.save();
      await waitFor(() => fs.readFileSync(file, 'utf8').split('\n')[lineNo - 1].startsWith('RUN apt-get install -y python3'),
        { timeout: 10000, what: 'the fixed line on disk' });
      await wb.showProblems();
      await waitFor(async () => {
        const r = await wb.problemRows();
        return r.some((x) => hasCode(x, 'DL3000')) && !r.some((x) => hasCode(x, 'DL3027'));
      }, { timeout: 15000, what: 'DL3027 to leave the Problems panel (DL3000 staying)' });
    },
  },
  {
    name: 'grammar: lint directives in comments are highlighted apart from the comment',
    async run({ wb, page }) {
      await wb.openFile('Dockerfile');
      const tokens = async (text: string): Promise<[string, string][]> => {
        const line = page.locator('.editor-instance .view-line', { hasText: text }).first();
        await line.waitFor({ state: 'visible', timeout: 10000 });
        return line.locator('span > span').evaluateAll((els) => els.map((e): [string, string] => [e.textContent ?? '', e.className]));
      };
      const directive = await tokens('hadolint ignore=');
      const classOf = (t: string): string | undefined => directive.find(([x]) => x.includes(t))?.[1];
      const hash = classOf('#');
      assert.ok(hash, JSON.stringify(directive));
      assert.notEqual(classOf('DL3008'), hash, 'rule code rendered like the comment');
      assert.notEqual(classOf('hadolint'), hash, '"hadolint" rendered like the comment');
      const plain = await tokens('an ordinary comment');
      const plainClasses = [...new Set(plain.map(([, c]) => c))];
      assert.deepEqual(plainClasses, [hash], 'an ordinary comment keeps one comment colour');
    },
  },
  {
    name: 'snippet: typing ml-pytorch-cuda inserts the PyTorch CUDA Dockerfile, which lints clean but for the missing .dockerignore',
    async run({ wb, page, workspace }) {
      const file = path.join(workspace, 'Dockerfile.snippet');
      await wb.openFile('Dockerfile.snippet');
      await page.keyboard.type('ml-pytorch-cuda');
      await page.keyboard.press('Control+Space');
      const row = page.locator('.suggest-widget .monaco-list-row', { hasText: 'ml-pytorch-cuda' }).first();
      await row.waitFor({ state: 'visible', timeout: 15000 });
      await row.click();
      // leave the choice list, then tab-stop mode, keeping every default
      await waitFor(async () => {
        await page.keyboard.press('Escape');
        return !(await page.locator('.suggest-widget.visible').isVisible());
      }, { timeout: 5000, what: 'the choice list to close' });
      await page.keyboard.press('Escape');
      await wb.save();
      const snippets = JSON.parse(fs.readFileSync(path.join(repo, 'snippets/dockerfile.json'), 'utf8')) as Record<string, { prefix: string; body: string[] }>;
      const snippet = Object.values(snippets).find((s) => s.prefix === 'ml-pytorch-cuda');
      assert.ok(snippet);
      const text = await waitFor(() => {
        const t = fs.readFileSync(file, 'utf8');
        return t.includes('FROM pytorch/pytorch:') ? t : undefined;
      }, { timeout: 10000, what: 'the snippet text on disk' });
      assert.equal(text.trimEnd(), expandSnippet(snippet.body).trimEnd());
      // The snippet itself lints clean; the one problem is about the folder: it has data/ and no
      // .dockerignore yet (ML009, fixed by the next scenario, as in the walkthrough).
      await wb.showProblems();
      let last: string[] = [];
      await waitFor(async () => {
        last = problemsByFile(await wb.problemRows()).get('Dockerfile.snippet') ?? [];
        return last.length === 1 && hasCode(last[0], 'ML009') && /\.dockerignore/.test(last[0]);
      }, { timeout: 10000, what: 'exactly one problem (ML009) for Dockerfile.snippet' }).catch((err: Error) => {
        throw new Error(`${err.message}; its rows:\n${last.join('\n')}`);
      });
    },
  },
  {
    name: 'command: Create .dockerignore for ML Project writes the template (ignore language) and the ML009 problem goes',
    commands: ['mlContainers.createDockerignore'],
    async run({ wb, page, workspace }) {
      const file = path.join(workspace, '.dockerignore');
      assert.ok(!fs.existsSync(file), 'fixture already has a .dockerignore');
      await wb.runCommand(commandTitle('mlContainers.createDockerignore'));
      await wb.waitForActiveTab('.dockerignore');
      assert.equal(fs.readFileSync(file, 'utf8'), dockerignoreText());
      const mode = page.locator('.statusbar-item#status\\.editor\\.mode');
      await waitFor(async () => /ignore/i.test(await mode.innerText()), { timeout: 10000, what: 'language mode "Ignore"' });
      // the linter notices the new .dockerignore: the build-context problem of the snippet's Dockerfile goes
      await wb.showProblems();
      await waitFor(async () => {
        const byFile = problemsByFile(await wb.problemRows());
        return byFile.has('Dockerfile') && !byFile.has('Dockerfile.snippet');
      }, { timeout: 15000, what: 'ML009 to leave the Problems panel' });
    },
  },
  {
    name: 'walkthrough: "Containerize an ML Project" opens with its seven steps, from Containerize This Project to a push',
    async run({ wb, page }) {
      await wb.runCommand('Welcome: Open Walkthrough...');
      await wb.answer([{ expect: /walkthrough/i, pick: 'Containerize an ML Project' }]);
      const titles = ['Containerize this project', 'Start a Dockerfile from an ML snippet', 'Keep datasets out of the build context', 'Fix what the linter finds',
        'Build the image', 'Run it with your data and a GPU', 'Push to a registry'];
      await waitFor(async () => {
        const shown = (await page.locator('.gettingStartedContainer .getting-started-step .step-title').allInnerTexts()).map((t) => t.trim());
        return titles.every((t) => shown.includes(t));
      }, { timeout: 20000, what: 'the seven walkthrough steps' });
      // the first step's markdown page (media/walkthrough/0-containerize.md) is rendered next to the list, in a webview frame
      await waitFor(async () => {
        for (const frame of page.frames()) {
          if (await frame.locator('code', { hasText: 'ml-containers containerize' }).count().catch(() => 0)) return true;
        }
        return false;
      }, { timeout: 15000, what: 'the first step\'s markdown page' });
      await page.locator('.tabs-container .tab.active .tab-actions .action-label').first().click();
      await waitFor(async () => !(await page.locator('.gettingStartedContainer').isVisible()), { timeout: 10000, what: 'the walkthrough to close' });
    },
  },
  {
    name: "views: the Images view lists the engine's images",
    views: ['mlContainers.images'],
    async run({ wb, page, workspace }) {
      await seedImage(workspace, 'ml-e2e/seed:1');
      const tags = await engineApi.imageTags();
      assert.ok(tags.includes('ml-e2e/seed:1'), `engine lacks the seeded image: ${tags.join(', ')}`);
      await wb.showViewContainer('ML Containers');
      const repos = [...new Set(tags.map((t) => t.slice(0, t.lastIndexOf(':'))))];
      await waitFor(async () => {
        const rows = await wb.treeRows('Images');
        return repos.every((r) => rows.some((row) => row.label === r));
      }, { timeout: 20000, what: `Images view rows for ${repos.join(', ')}` });
      // expanding the repository (select, then Right arrow) shows its tag with size and age; a
      // refresh from the engine's events may re-render the tree meanwhile, so expand until shown
      const repoRow = wb.treeRow('Images', 'ml-e2e/seed');
      await waitFor(async () => {
        if ((await wb.treeRows('Images')).some((row) => row.label === '1' && /B ·/.test(row.description))) return true;
        if ((await repoRow.getAttribute('aria-expanded')) !== 'true') {
          await repoRow.click();
          await page.keyboard.press('ArrowRight');
        }
        return false;
      }, { timeout: 10000, interval: 300, what: 'tag 1 under ml-e2e/seed' });
    },
  },
  {
    name: 'build: Build Image… from the palette builds tiny/Dockerfile, and the image appears in the Images view',
    commands: ['mlContainers.build'],
    timeout: 150000,
    async run({ wb }) {
      await buildTinyThroughPrompts(wb);
      assert.ok((await engineApi.imageTags()).includes(BUILT), 'the engine has no such image');
      await wb.showViewContainer('ML Containers');
      await waitFor(async () => (await wb.treeRows('Images')).some((r) => r.label === 'ml-e2e/built'),
        { timeout: 20000, what: 'ml-e2e/built in the Images view' });
      await wb.snapshot('2-build-images-view');
    },
  },
  {
    name: 'build again: with tiny/Dockerfile open, Build Image… is one Enter (its choices are remembered)',
    commands: ['mlContainers.build'],
    timeout: 150000,
    async run({ wb, page }) {
      await wb.openFile('tiny/Dockerfile');
      await wb.clearNotifications();
      let prompt = await startBuild(wb);
      if (/Build context folder/.test(prompt.placeholder)) {
        // run alone: nothing remembered yet, so make the first build here
        await wb.answer(firstBuildAnswers(BUILT));
        await wb.waitForNotification(new RegExp(`^Built ${escapeRe(BUILT)} with `), 120000);
        await wb.clearNotifications();
        prompt = await startBuild(wb);
      }
      // the only prompt: the remembered build of this Dockerfile, first and focused, named in its title
      assert.equal(prompt.title, 'Build tiny/Dockerfile', `the prompt is about another file: ${JSON.stringify(prompt)}`);
      assert.equal(prompt.rows[0], `Build ${BUILT}`, `rows: ${prompt.rows.join(' | ')}`);
      await page.keyboard.press('Enter');
      // the one Enter builds: no further prompt, then "Built …"
      const text = norm(`${prompt.title} ${prompt.placeholder} ${prompt.message}`);
      await waitFor(async () => (await wb.quickInputText()) !== text, { timeout: 10000, what: 'the prompt to close' });
      const outcome = await waitFor(async () => {
        const asked = await wb.quickInputText();
        if (asked) return { asked };
        const built = (await wb.notifications()).find((t) => new RegExp(`^Built ${escapeRe(BUILT)} with `).test(t));
        return built ? { built } : undefined;
      }, { timeout: 120000, what: `a notification "Built ${BUILT} …"` });
      assert.equal(outcome.asked, undefined, `the second build asked again: ${outcome.asked}`);
      assert.ok((await engineApi.imageTags()).includes(BUILT), 'the engine has no such image');
    },
  },
  {
    name: 'image size: after Build Image…, the layer sizes show as CodeLenses on their lines of tiny/Dockerfile, and a lens opens the Image Size Report with the layers',
    commands: ['mlContainers.build', 'mlContainers.imageSizeReport'],
    timeout: 180000,
    async run({ wb, page, workspace }) {
      await wb.openFile('tiny/Dockerfile');
      await wb.clearNotifications();
      // Build with our command (the lenses are for what it built): one Enter when remembered, else every prompt.
      const prompt = await startBuild(wb);
      if (/Build context folder/.test(prompt.placeholder)) {
        await wb.answer(firstBuildAnswers(BUILT));
      } else {
        assert.equal(prompt.rows[0], `Build ${BUILT}`, `rows: ${prompt.rows.join(' | ')}`);
        await page.keyboard.press('Enter');
      }
      await wb.waitForNotification(new RegExp(`^Built ${escapeRe(BUILT)} with `), 120000);
      await wb.focusEditor();

      // COPY busybox (line 3) carries the busybox binary's bytes; the exec-form RUN (line 4) makes a
      // layer too, of symlinks only; CMD (line 5) makes none and has no lens.
      const busybox = formatSize(fs.statSync(path.join(workspace, 'tiny/busybox')).size);
      const lensRe = new RegExp(`(\\S+ \\S*B) in ${escapeRe(BUILT)} \\((\\d+)%\\)`);
      /** Each lens with the number of the line right below it (the lens is drawn above its line). */
      const lensLines = (): Promise<{ text: string; line: number }[]> =>
        page.locator('.part.editor .editor-instance .monaco-editor').first().evaluate((editor) => {
          const numbers = [...editor.querySelectorAll('.margin-view-overlays .line-numbers')].map((n) => ({ top: n.getBoundingClientRect().top, line: Number((n.textContent ?? '').trim()) }));
          return [...editor.querySelectorAll('.codelens-decoration')].map((lens) => {
            const r = lens.getBoundingClientRect();
            const below = numbers.filter((n) => n.top >= r.bottom - 2).sort((a, b) => a.top - b.top)[0];
            return { text: (lens.textContent ?? '').trim(), line: below ? below.line : -1 };
          });
        });
      let lenses: { text: string; line: number }[] = [];
      await waitFor(async () => {
        lenses = (await lensLines()).filter((l) => lensRe.test(l.text));
        return lenses.length === 2;
      }, { timeout: 30000, what: `two size lenses for ${BUILT}` }).catch((err: Error) => {
        throw new Error(`${err.message}; lenses: ${JSON.stringify(lenses)}`);
      });
      const copy = lenses.find((l) => l.line === 3);
      const runLens = lenses.find((l) => l.line === 4);
      assert.ok(copy && runLens, `lenses on lines 3 and 4: ${JSON.stringify(lenses)}`);
      assert.equal(lensRe.exec(copy.text)?.[1], busybox, `COPY busybox: ${copy.text}`);
      assert.ok(Number(lensRe.exec(copy.text)?.[2]) >= 90, `COPY busybox holds nearly all the image: ${copy.text}`);
      await wb.snapshot('image-size-lenses');

      // The lens opens the report: a Markdown preview (a webview frame) with the layers by size.
      await wb.clearNotifications();
      await page.locator('.monaco-editor .codelens-decoration a', { hasText: `${busybox} in ${BUILT}` }).first().click();
      const rows = await waitFor(async () => {
        for (const frame of page.frames()) {
          if (!(await frame.locator('h1', { hasText: `Image size: ${BUILT}` }).count().catch(() => 0))) continue;
          const cells = await frame.locator('table tr').allInnerTexts().catch(() => [] as string[]);
          const layers = cells.map(norm).filter((r) => /\bCOPY busybox\b|\/bin\/busybox$/.test(r));
          // the layers table, and the biggest files read from the engine's export of the largest layer
          if (layers.some((r) => /COPY busybox/.test(r)) && layers.includes(`${busybox} /bin/busybox`)) return layers;
        }
        return undefined;
      }, { timeout: 60000, what: `the Image Size Report of ${BUILT} in a preview` });
      const copyRow = rows.find((r) => /COPY busybox/.test(r));
      assert.ok(copyRow, `rows: ${JSON.stringify(rows)}`);
      assert.match(copyRow, new RegExp(`^${escapeRe(busybox)} \\d+% 3 COPY busybox /bin/busybox$`), copyRow);
      await wb.snapshot('image-size-report');
    },
  },
  {
    name: 'build failure: a failing RUN step is named by its line in the notification and marked on that line in the Problems panel',
    commands: ['mlContainers.build'],
    timeout: 150000,
    async run({ wb, page, workspace }) {
      const text = fs.readFileSync(path.join(workspace, 'tiny/failing.Dockerfile'), 'utf8');
      const line = text.split('\n').findIndex((l) => l.includes('exit 3')) + 1;
      assert.ok(line > 0, 'fixture has no failing RUN');
      const tag = 'ml-e2e/failing:1';
      await wb.openFile('failing.Dockerfile');
      await wb.clearNotifications();
      await wb.runCommand(commandTitle('mlContainers.build'));
      // choices are remembered per Dockerfile: this one has none yet (tiny/Dockerfile's do not apply)
      await wb.answer(firstBuildAnswers(tag));
      const msg = await wb.waitForNotification(/^Build failed/, 120000);
      assert.match(msg, new RegExp(`^Build failed at line ${line}\\b`), msg);
      assert.doesNotMatch(msg, /\bat \w+ \(/, 'a message, not a stack trace');
      assert.ok(!(await engineApi.imageTags()).includes(tag), `the engine has ${tag} though its build failed`);
      // the Problems panel has the failure on the RUN line
      await wb.showProblems();
      let last: string[] = [];
      await waitFor(async () => {
        last = (await wb.problemRows()).filter((r) => /Build failed here/.test(r));
        return last.length === 1 && last[0].includes(`[Ln ${line}, Col 1]`);
      }, { timeout: 15000, what: `a "Build failed here" problem on line ${line}` }).catch((err: Error) => {
        throw new Error(`${err.message}; rows:\n${last.join('\n')}`);
      });
      // "Show Line" in the notification puts the cursor on it
      await wb.clickNotificationButton(/^Build failed at line/, 'Show Line');
      const cursor = page.locator('.statusbar-item#status\\.editor\\.selection');
      await waitFor(async () => new RegExp(`^Ln ${line}, Col 1\\b`).test((await cursor.innerText()).trim()),
        { timeout: 10000, what: `the cursor on line ${line}` });
    },
  },
  {
    name: 'run: Run Image… with the data folder mounted read-only; the container runs and shows in the Containers view',
    commands: ['mlContainers.run'],
    timeout: 120000,
    async run({ wb, workspace }) {
      if (!(await engineApi.imageTags()).includes(BUILT)) await seedImage(workspace, BUILT); // independent of the build scenario
      const before = new Set((await engineApi.containers()).map((c) => c.Id));
      await openRunForm(wb);
      await formEdit(wb, 'Mounts', 'Mounts');
      await wb.keyTick(/Bind mounts/, [[/\/data → \/workspace\/data$/, true]]);
      await wb.keyTick(/read-only/, [['/workspace/data', true]]);
      await formShows(wb, 'Mounts', /\/data → \/workspace\/data \(read-only\)$/);
      await formRun(wb, 'data-ro');
      const started = await waitFor(async () => (await engineApi.containers()).find((c) => !before.has(c.Id) && c.Image === BUILT),
        { timeout: 30000, what: 'a new container of ml-e2e/built:1' });
      const info = await waitFor(async () => {
        const i = await engineApi.inspectContainer(started.Id);
        return i.State.Running ? i : undefined;
      }, { timeout: 20000, what: 'the container to be running' });
      const mount = info.Mounts.find((m) => m.Destination === '/workspace/data');
      assert.ok(mount, `no /workspace/data mount: ${JSON.stringify(info.Mounts)}`);
      assert.equal(mount.Source, path.join(workspace, 'data'));
      assert.equal(mount.RW, false, 'the data mount should be read-only');
      // the container sees the data: its output lists the file
      await waitFor(async () => (await engineApi.engine('GET', `/containers/${started.Id}/logs?stdout=1&stderr=1`)).text.includes('train.csv'),
        { timeout: 15000, what: 'train.csv in the container output' });
      await wb.showViewContainer('ML Containers');
      const name = info.Name.replace(/^\//, '');
      await waitFor(async () => (await wb.treeRows('Containers')).some((r) => r.label === name && r.description.includes(BUILT) && /\bUp\b/.test(r.description)),
        { timeout: 20000, what: `${name} running in the Containers view` });
      // the new profile is saved in the workspace, paths relative to it, for the team to commit
      const profile = savedProfiles(workspace, BUILT).find((p) => p.name === 'data-ro');
      assert.ok(profile, `.vscode/ml-containers.yaml has no profile "data-ro" for ${BUILT}`);
      assert.deepEqual(profile.mounts, [{ source: '${workspaceFolder}/data', target: '/workspace/data', readOnly: true }]);
      assert.equal(profile.gpus, undefined);
      await wb.snapshot('3-run-containers-view');
    },
  },
  {
    name: 'run with a GPU on an engine without one: asked at the GPU prompt, not after; a refused run keeps no profile and offers Run without GPU',
    commands: ['mlContainers.run'],
    timeout: 120000,
    async run({ wb, workspace }) {
      if (!(await engineApi.imageTags()).includes(BUILT)) await seedImage(workspace, BUILT);
      const running = async (): Promise<number> => (await engineApi.containers()).filter((c) => c.Image === BUILT && c.State === 'running').length;
      const before = await running();
      await openRunForm(wb);
      await formEdit(wb, 'GPU', 'GPU');
      await wb.keyChoose(/GPU \(now: none\)/, 'All GPUs');
      // the engine is asked right away, inside the form: no GPU runtime here
      await wb.waitForPrompt(/GPU check: this run will fail/, 30000);
      const text = `${(await wb.quickInputText()) ?? ''} ${norm(await wb.quickInput.innerText())}`;
      assert.match(text, /no NVIDIA runtime/i, text);
      assert.match(text, /NVIDIA Container Toolkit/, text);
      assert.ok((await wb.quickPickLabels()).includes('Run without GPU'), text);
      await wb.keyChoose(/GPU check/, 'Keep the GPU request');
      await formShows(wb, 'GPU', /^all GPUs/);
      await formRun(wb, 'gpu');
      const msg = await wb.waitForNotification(/GPU/, 30000);
      assert.match(msg, /NVIDIA Container Toolkit/, msg);
      assert.doesNotMatch(msg, /\bat \w+ \(|Error: /, 'a message, not a stack trace');
      assert.equal(await running(), before, 'a refused GPU run must not leave a container running');
      assert.equal(savedProfiles(workspace, BUILT).find((p) => p.name === 'gpu'), undefined, 'a profile that failed to start is not saved');
      // "Run without GPU" starts it on the CPU, and then the profile is kept (without the GPU)
      await wb.clickNotificationButton(/GPU/, 'Run without GPU');
      await waitFor(async () => savedProfiles(workspace, BUILT).find((p) => p.name === 'gpu'), { timeout: 30000, what: 'the gpu profile saved after the CPU run' });
      assert.equal(savedProfiles(workspace, BUILT).find((p) => p.name === 'gpu')?.gpus, undefined);
    },
  },
  {
    name: 'run: environment values keep their commas (CUDA_VISIBLE_DEVICES=0,1) and a token goes to secret storage, not the profile file',
    commands: ['mlContainers.run'],
    timeout: 120000,
    async run({ wb, workspace }) {
      if (!(await engineApi.imageTags()).includes(BUILT)) await seedImage(workspace, BUILT);
      const before = new Set((await engineApi.containers()).map((c) => c.Id));
      const token = 'hf_e2eSecretValue0123456789abcdefghij';
      await openRunForm(wb);
      await formEdit(wb, 'Environment', 'Environment');
      await wb.keyType(/KEY=VALUE/, `CUDA_VISIBLE_DEVICES=0,1, HF_TOKEN=${token}`);
      await wb.keyChoose(/look like secrets/, /secret storage/);
      await formShows(wb, 'Environment', /^CUDA_VISIBLE_DEVICES=0,1, HF_TOKEN=\*+$/);
      assert.ok(!(await wb.quickInput.innerText()).includes(token), 'the token is not shown on the form');
      await formRun(wb, 'env-commas');
      const started = await waitFor(async () => (await engineApi.containers()).find((c) => !before.has(c.Id) && c.Image === BUILT),
        { timeout: 30000, what: 'a new container of ml-e2e/built:1' });
      const env = (await engineApi.inspectContainer(started.Id)).Config.Env ?? [];
      assert.ok(env.includes('CUDA_VISIBLE_DEVICES=0,1'), `env: ${env.join(' ')}`);
      assert.ok(env.includes(`HF_TOKEN=${token}`), 'the token reaches the container');
      // the profile is saved once the container has started
      const file = await waitFor(() => {
        const text = fs.readFileSync(path.join(workspace, '.vscode/ml-containers.yaml'), 'utf8');
        return text.includes('env-commas') ? text : undefined;
      }, { timeout: 15000, what: 'the env-commas profile in .vscode/ml-containers.yaml' });
      assert.ok(!file.includes(token), 'the token is not in the committable profile file');
      assert.match(file, /HF_TOKEN: \$\{secret:HF_TOKEN\}/);
    },
  },
  {
    name: 'run form: Escape leaves no trace; fill it, go Back a step, change a value and run; the container has the settings of the form, and the form kept its values across Back',
    commands: ['mlContainers.run'],
    timeout: 150000,
    async run({ wb, workspace }) {
      if (!(await engineApi.imageTags()).includes(BUILT)) await seedImage(workspace, BUILT);
      const name = 'run-form-e2e';
      // Escape leaves the form without a trace: no container, no profile, no secret in a file
      const before = (await engineApi.containers()).length;
      await openRunForm(wb);
      await formEdit(wb, 'Environment', 'Environment');
      await wb.keyType(/KEY=VALUE/, 'HF_TOKEN=hf_escapedValue0123456789abcdef');
      await wb.keyChoose(/look like secrets/, /Write to \.env/);
      await formEdit(wb, 'Profile name', 'Profile name');
      await wb.keyType(/Save as run profile/, 'escaped');
      await formShows(wb, 'Profile name', /^escaped /);
      await wb.page.keyboard.press('Escape');
      await waitFor(async () => !(await wb.quickInputVisible()), { timeout: 10000, what: 'the form to close' });
      assert.equal((await engineApi.containers()).length, before, 'no container from a cancelled form');
      assert.equal(savedProfiles(workspace, BUILT).find((p) => p.name === 'escaped'), undefined, 'no profile from a cancelled form');
      assert.ok(!fs.existsSync(path.join(workspace, '.env')), 'no .env written by a cancelled form');
      await openRunForm(wb);
      // fill: environment, container name (an invalid one is refused inline, the form stays), command
      await formEdit(wb, 'Environment', 'Environment');
      await wb.keyType(/KEY=VALUE/, 'STAGE=one, LIST=a,b');
      await formShows(wb, 'Environment', /^STAGE=one, LIST=a,b$/);
      await formEdit(wb, 'Container name', 'Container name');
      await wb.keyType(/Container name/, '-bad name');
      await waitFor(async () => /Letters, digits/.test((await wb.quickInputState())?.message ?? ''), { timeout: 10000, what: 'the name problem shown in the input' });
      assert.match((await wb.quickInputText()) ?? '', /Container name/, 'still on the name step');
      await wb.keyType(/Container name/, name);
      await formShows(wb, 'Container name', new RegExp(`^${name}$`));
      await formEdit(wb, 'Command', 'Command');
      await wb.keyType(/Command \(empty = the image default\)/, 'sleep 601');
      await formShows(wb, 'Command', /^sleep 601$/);
      // mounts are two steps: tick data, Enter; on the read-only step go Back: the tick is still there
      await formEdit(wb, 'Mounts', 'Mounts');
      await wb.keyTick(/Bind mounts/, [[/\/data → \/workspace\/data$/, true]]);
      await wb.waitForPrompt(/read-only/);
      await wb.keyBack();
      await wb.waitForPrompt(/Bind mounts/);
      assert.equal(await wb.isTicked(/\/data → \/workspace\/data$/), true, 'Back keeps the ticked mount');
      await wb.keyTick(/Bind mounts/, [[/\/data → \/workspace\/data$/, true]]);
      await wb.keyTick(/read-only/, [['/workspace/data', true]]);
      await formShows(wb, 'Mounts', /\(read-only\)$/);
      // go Back out of an edit: the environment step shows what was typed; Back leaves it unchanged
      await formEdit(wb, 'Environment', 'Environment');
      await wb.waitForPrompt(/KEY=VALUE/);
      assert.equal(await wb.quickInput.locator('input.input').inputValue(), 'STAGE=one, LIST=a,b');
      await wb.keyBack();
      await formShows(wb, 'Environment', /^STAGE=one, LIST=a,b$/);
      // …and change a value
      await formEdit(wb, 'Environment', 'Environment');
      await wb.keyType(/KEY=VALUE/, 'STAGE=two, LIST=a,b');
      await formShows(wb, 'Environment', /^STAGE=two, LIST=a,b$/);
      // a toggle flips in place
      await formEdit(wb, /Remove when it exits/, 'Remove when');
      await formShows(wb, /Remove when it exits/, /^off$/);
      await wb.snapshot('7-run-form');
      await formRun(wb, 'form-back');
      // the engine's view of the container: exactly what the form said
      const info = await waitFor(async () => {
        const c = (await engineApi.containers()).find((x) => x.Names?.includes(`/${name}`));
        const i = c ? await engineApi.inspectContainer(c.Id) : undefined;
        return i?.State.Running ? i : undefined;
      }, { timeout: 30000, what: `${name} running` });
      try {
        const env = info.Config.Env ?? [];
        assert.ok(env.includes('STAGE=two') && env.includes('LIST=a,b') && !env.includes('STAGE=one'), `env: ${env.join(' ')}`);
        assert.deepEqual(info.Config.Cmd, ['sleep', '601']);
        assert.equal(info.HostConfig.AutoRemove, false);
        const mount = info.Mounts.find((m) => m.Destination === '/workspace/data');
        assert.ok(mount && mount.Source === path.join(workspace, 'data') && mount.RW === false, JSON.stringify(info.Mounts));
        const profile = await waitFor(() => savedProfiles(workspace, BUILT).find((p) => p.name === 'form-back'), { timeout: 15000, what: 'the form-back profile saved' });
        assert.deepEqual(profile.mounts, [{ source: '${workspaceFolder}/data', target: '/workspace/data', readOnly: true }]);
      } finally {
        await engineApi.removeContainer(info.Id);
      }
    },
  },
  {
    name: 'lint messages: DL3000 quotes a quoted WORKDIR once, and DL3013 does not take a variable holding the pin for a package',
    async run({ wb }) {
      await wb.runCommand('View: Close All Editors');
      await wb.openFile('lintmsg/messages.Dockerfile');
      await wb.showProblems();
      const rowsOfFile = (): Promise<string[]> => wb.problemRowsOf('messages.Dockerfile');
      let rows: string[] = [];
      const workdir = await waitFor(async () => {
        rows = await rowsOfFile();
        return rows.find((r) => hasCode(r, 'DL3000'));
      }, { timeout: 20000, what: 'DL3000 on messages.Dockerfile' }).catch((err: Error) => { throw new Error(`${err.message}; rows:\n${rows.join('\n')}`); });
      assert.match(workdir, /^WORKDIR "serve" is relative/, workdir);
      assert.doesNotMatch(workdir, /""/, workdir);
      // the file's problems arrive together: DL3013 would be among them by now
      assert.ok(!rows.some((r) => hasCode(r, 'DL3013')), `DL3013 listed:\n${rows.join('\n')}`);
      assert.ok(!rows.some((r) => r.includes('"$VERSION"')), `"$VERSION" is named as a package:\n${rows.join('\n')}`);
    },
  },
  {
    name: 'push: Push Image… to the private registry asks for credentials on 401, then the registry has the tag',
    commands: ['mlContainers.push'],
    timeout: 120000,
    async run({ wb, page, workspace, root }) {
      if (!(await engineApi.imageTags()).includes(BUILT)) await seedImage(workspace, BUILT);
      const registry = process.env.ML_TEST_REGISTRY ?? '';
      const user = process.env.ML_TEST_REGISTRY_USER ?? '';
      const password = process.env.ML_TEST_REGISTRY_PASSWORD ?? '';
      assert.ok(registry && user && password, 'the test environment has no authenticated registry');
      const target = `${registry}/ml-e2e/built:1`;
      await wb.runCommand(commandTitle('mlContainers.push'));
      await wb.answer([
        { expect: /Image to push/, pick: BUILT },
        { expect: /Target: registry\/repository:tag/, type: target },
      ]);
      // no credentials in the (empty) Docker config: the registry answers 401 and the user is asked
      await wb.waitForNotification(/credentials/i, 60000);
      await wb.clickNotificationButton(/credentials/i, 'Enter Credentials');
      await wb.answer([
        { expect: /User name/, type: user },
        { expect: /Password or access token/, type: password },
      ]);
      await wb.waitForNotification(new RegExp(`^Pushed ${escapeRe(target)}`), 60000);
      assert.deepEqual(await engineApi.registryTags(registry, 'ml-e2e/built', { user, password }), ['1']);
      // The password is written nowhere: not in code-server's user data (settings, state, logs,
      // the extension's output channel), its extensions dir, the workspace or the Docker config.
      // The output channel's log file has the push by now, so the scan covers what was logged.
      const logs = path.join(root, 'user-data/logs');
      await waitFor(() => filesContaining(logs, [`Pushed ${target}`]).length > 0,
        { timeout: 20000, what: `"Pushed ${target}" in the ML Containers log under ${logs}` });
      const needles = [password, Buffer.from(`${user}:${password}`).toString('base64')];
      const leaks = [root, process.env.DOCKER_CONFIG ?? ''].filter(Boolean).flatMap((d) => filesContaining(d, needles));
      assert.deepEqual(leaks, [], 'files holding the registry password');
      assert.ok(!(await page.locator('body').innerText()).includes(password), 'the password is shown in the workbench');
    },
  },
  {
    name: 'push: a target without a tag is not sent as :latest silently; Add a Tag… lets the user name one',
    commands: ['mlContainers.push'],
    timeout: 120000,
    async run({ wb, workspace }) {
      if (!(await engineApi.imageTags()).includes(BUILT)) await seedImage(workspace, BUILT);
      const registry = process.env.ML_TEST_OPEN_REGISTRY ?? '';
      assert.ok(registry, 'the test environment has no open registry');
      await wb.runCommand(commandTitle('mlContainers.push'));
      await wb.answer([
        { expect: /Image to push/, pick: BUILT },
        { expect: /Target: registry\/repository:tag/, type: `${registry}/ml-e2e/notag` },
      ]);
      const dialog = await wb.waitForDialog(/names no tag/, 20000);
      assert.match(dialog, /:latest/);
      await wb.clickDialogButton('Add a Tag…');
      await wb.answer([{ expect: /Target: registry\/repository:tag/, type: `${registry}/ml-e2e/notag:v2` }]);
      await wb.waitForNotification(new RegExp(`^Pushed ${escapeRe(registry)}/ml-e2e/notag:v2`), 60000);
      assert.deepEqual(await engineApi.registryTags(registry, 'ml-e2e/notag'), ['v2'], 'only the tag the user named, no latest');
    },
  },
  {
    name: 'ML009 follows the build context chosen for a Dockerfile: app/ alone is clean, the workspace as context is not, and the quick fix writes its .dockerignore',
    commands: ['mlContainers.build', 'mlContainers.createDockerignore'],
    timeout: 150000,
    async run({ wb, workspace }) {
      // fixture: app/app.Dockerfile (COPY . /app) with app/.dockerignore; the workspace holds data/
      fs.rmSync(path.join(workspace, '.dockerignore'), { force: true }); // the workspace context: data/ and no ignore file
      await wb.runCommand('View: Close All Editors');
      await wb.openFile('app.Dockerfile');
      await wb.showProblems();
      const rowsOfApp = (): Promise<string[]> => wb.problemRowsOf('app.Dockerfile');
      const ml009 = async (): Promise<boolean> => (await rowsOfApp()).some((r) => hasCode(r, 'ML009'));
      assert.equal(await ml009(), false, 'app/ as its own context has a .dockerignore and no data');
      await wb.runCommand(commandTitle('mlContainers.build'));
      await wb.answer([
        { expect: /Build context folder/, pick: /^workspace$/ },
        { expect: /Image tag/, type: 'ml-e2e/ctx:1' },
        { expect: /Build args/, accept: true },
        { expect: /Options \(Enter to build\)/, accept: true },
      ]);
      await wb.waitForNotification(/^Built ml-e2e\/ctx:1/, 120000);
      await wb.showProblems(); // the build's terminal took the panel
      await waitFor(ml009, { timeout: 20000, what: 'ML009 on app.Dockerfile once the workspace is its build context' })
        .catch(async (err: Error) => { throw new Error(`${err.message}; Problems rows: ${JSON.stringify(await wb.problemRows())}`); });
      const row = (await rowsOfApp()).find((r) => hasCode(r, 'ML009')) ?? '';
      assert.match(row, /data\//, row);
      await wb.snapshot('4-ml009-build-context');
      // the quick fix writes the .dockerignore of that context (the workspace), and the problem goes
      await wb.openFile('app.Dockerfile');
      // (the image size CodeLens of the build may arrive under the menu and close it: codeAction opens it again)
      const item = await wb.codeAction('Create or complete the .dockerignore of this build context', '2:2');
      await item.click();
      await waitFor(() => fs.existsSync(path.join(workspace, '.dockerignore')) || undefined, { timeout: 15000, what: 'the workspace .dockerignore' });
      await wb.showProblems();
      await waitFor(async () => !(await ml009()), { timeout: 20000, what: 'ML009 to go' });
    },
  },
  {
    name: 'kubernetes: Export to Kubernetes… on a running container in the Containers view writes k8s/<name>.yaml',
    commands: ['mlContainers.exportToKubernetes'],
    views: ['mlContainers.containers'],
    timeout: 120000,
    async run({ wb, page, workspace }) {
      if (!(await engineApi.imageTags()).includes(BUILT)) await seedImage(workspace, BUILT);
      const name = 'k8s-export-e2e';
      const created = await engineApi.engine('POST', `/containers/create?name=${name}`, {
        Image: BUILT, Cmd: ['sleep', '600'], Env: ['WANDB_MODE=offline', 'HF_TOKEN=hf_e2e_not_a_real_token'],
        HostConfig: { Binds: [`${path.join(workspace, 'data')}:/workspace/data:ro`], NetworkMode: 'none', ShmSize: 1024 ** 3 },
      });
      assert.equal(created.status, 201, created.text);
      const id = (created.json as { Id: string }).Id;
      try {
        assert.equal((await engineApi.engine('POST', `/containers/${id}/start`)).status, 204);
        await wb.showViewContainer('ML Containers');
        await waitFor(async () => (await wb.treeRows('Containers')).some((r) => r.label === name && /\bUp\b/.test(r.description)),
          { timeout: 20000, what: `${name} running in the Containers view` });
        // the context menu, driven by the keyboard (a mouse click on its item is sometimes taken while it opens):
        // move down to "Export to Kubernetes…" and press Enter; start over if the prompt does not show
        await waitFor(async () => {
          if (/Export to Kubernetes/.test((await wb.quickInputText()) ?? '')) return true;
          await page.keyboard.press('Escape');
          await wb.treeRow('Containers', name).click({ button: 'right' });
          await page.locator('.monaco-menu .action-item').first().waitFor({ state: 'visible', timeout: 5000 });
          for (let i = 0; i < 20; i++) {
            const focused = (await page.locator('.monaco-menu .action-item.focused').allInnerTexts().catch(() => [] as string[]))[0] ?? '';
            if (/Export to Kubernetes/.test(focused)) {
              await page.keyboard.press('Enter');
              break;
            }
            await page.keyboard.press('ArrowDown');
          }
          return waitFor(async () => /Export to Kubernetes/.test((await wb.quickInputText()) ?? '') || undefined, { timeout: 5000, what: 'the export prompt' }).catch(() => undefined);
        }, { timeout: 60000, what: 'the Export to Kubernetes prompt from the context menu' });
        await wb.answer([
          { expect: /Export to Kubernetes \(1\/\d\)/, pick: 'Job' },
          { expect: /Name of the Job/, accept: true },
          { expect: /\/workspace\/data\) as/, pick: 'hostPath' },
          { expect: /imagePullSecrets/, accept: true },
          { expect: /CPU and memory requests/, accept: true },
        ], 30000);
        const file = path.join(workspace, 'k8s', `${name}.yaml`);
        await waitFor(() => fs.existsSync(file), { timeout: 20000, what: `${file} to be written` });
        await wb.waitForActiveTab(`${name}.yaml`);
        const text = fs.readFileSync(file, 'utf8');
        assert.ok(!text.includes('hf_e2e_not_a_real_token'), 'the secret value is not written');
        const docs = YAML.parseAllDocuments(text).map((d) => d.toJS() as { kind: string; spec: { template: { spec: { containers: { env: unknown[]; volumeMounts: unknown[] }[]; volumes: unknown[]; restartPolicy: string } } } });
        assert.deepEqual(docs.map((d) => d.kind), ['Job']);
        const pod = docs[0].spec.template.spec;
        assert.equal(pod.restartPolicy, 'Never');
        assert.deepEqual(pod.volumes, [
          { name: 'data', hostPath: { path: path.join(workspace, 'data'), type: 'Directory' } },
          { name: 'dshm', emptyDir: { medium: 'Memory', sizeLimit: '1Gi' } },
        ]);
        assert.deepEqual(pod.containers[0].env, [
          { name: 'WANDB_MODE', value: 'offline' },
          { name: 'HF_TOKEN', valueFrom: { secretKeyRef: { name: `${name}-secrets`, key: 'HF_TOKEN' } } },
        ]);
      } finally {
        await engineApi.removeContainer(id);
      }
    },
  },
  {
    name: 'quick fix: apt-get update in a RUN of its own is merged with the next install, and the lists are deleted after the install, not before',
    async run({ wb, page, workspace }) {
      const file = path.join(workspace, 'apt/apt.Dockerfile');
      await wb.runCommand('View: Close All Editors');
      await wb.openFile('apt.Dockerfile');
      const item = await wb.codeAction('Merge with the install in the next RUN', '2:6');
      // the old fix that broke the build is not offered on this RUN
      assert.equal(await page.locator('.action-widget .monaco-list-row', { hasText: 'Delete the apt lists at the end of this RUN' }).count(), 0);
      await item.click();
      await wb.save();
      await waitFor(() => fs.readFileSync(file, 'utf8').includes('&& rm -rf /var/lib/apt/lists/*') || undefined, { timeout: 10000, what: 'the merged RUN on disk' });
      const lines = fs.readFileSync(file, 'utf8').split('\n');
      assert.equal(lines[1], 'RUN apt-get update \\');
      assert.match(lines[2], /^ && apt-get install -y --no-install-recommends curl=7\.88\.1-10\+deb12u8 && rm -rf \/var\/lib\/apt\/lists\/\*$/);
    },
  },
  {
    name: 'compose: Compose Up starts the fixture project through the real compose CLI, the Compose view lists it, Compose Down removes it',
    commands: ['mlContainers.compose.up', 'mlContainers.compose.down'],
    views: ['mlContainers.compose'],
    timeout: 150000,
    async run({ wb, workspace }) {
      if (!(await engineApi.imageTags()).includes(BUILT)) await seedImage(workspace, BUILT);
      const ofProject = async () => (await engineApi.containers()).filter((c) => c.Labels?.['com.docker.compose.project'] === 'compose-demo');
      await wb.runCommand('View: Close All Editors');
      await wb.runCommand(commandTitle('mlContainers.compose.up'));
      await waitFor(async () => {
        const cs = await ofProject();
        return cs.length === 2 && cs.every((c) => c.State === 'running') ? cs : undefined;
      }, { timeout: 90000, what: 'the two services of compose-demo running' });
      await wb.showViewContainer('ML Containers');
      const header = wb.pane('Compose').locator('.pane-header').first();
      if ((await header.getAttribute('aria-expanded')) === 'false') await header.click();
      await waitFor(async () => (await wb.treeRows('Compose')).some((r) => r.label === 'compose-demo'),
        { timeout: 30000, what: 'compose-demo in the Compose view' });
      await wb.snapshot('5-compose-view');
      await wb.runCommand(commandTitle('mlContainers.compose.down'));
      await wb.answer([{ expect: /Compose Down: compose-demo/, pick: /^Down$/ }]);
      await waitFor(async () => ((await ofProject()).length === 0 ? true : undefined), { timeout: 60000, what: 'nothing of compose-demo left on the engine' });
    },
  },
  {
    name: 'containerize: on an empty Dockerfile, the code action reads the project, previews the files and writes them on confirmation; the Dockerfile lints clean',
    commands: ['mlContainers.containerize'],
    timeout: 120000,
    async run({ wb, workspace }) {
      const dir = path.join(workspace, 'containerize-demo');
      await wb.runCommand('View: Close All Editors');
      await wb.openFile('containerize-demo/Dockerfile');
      const item = await wb.codeAction('Containerize this project');
      await item.click();
      // what was found and proposed: a Flask API on a slim CPU image
      const review = await waitFor(async () => {
        const st = await wb.quickInputState();
        return st && /^Containerize: /.test(st.title) ? st : undefined;
      }, { timeout: 30000, what: 'the containerize review' });
      assert.ok(review.rows.some((r) => /GPU: off/.test(r)), `rows: ${review.rows.join(' | ')}`);
      assert.ok(review.rows.some((r) => /flask/i.test(r)), `rows: ${review.rows.join(' | ')}`);
      await wb.answer([{ expect: /^Containerize: /, pick: /Preview the files/ }]);
      // nothing is written before the confirmation
      const dialog = await wb.waitForDialog(/Write the containerize files in containerize-demo\?/, 30000);
      assert.match(dialog, /exist and will change .*Dockerfile/, 'the empty Dockerfile is named as a file that changes');
      assert.equal(fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8'), '', 'the Dockerfile is untouched until confirmed');
      assert.ok(!fs.existsSync(path.join(dir, '.dockerignore')), 'nothing written before the confirmation');
      await wb.snapshot('6-containerize-preview');
      await wb.clickDialogButton(/^Write$/);
      // the files are written one after the other: wait for all three
      await waitFor(() => (fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8').includes('FROM ')
        && fs.existsSync(path.join(dir, '.dockerignore')) && fs.existsSync(path.join(dir, '.vscode', 'ml-containers.yaml'))) || undefined,
      { timeout: 15000, what: 'the Dockerfile, .dockerignore and run profile written' });
      const text = fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8');
      assert.match(text, /EXPOSE \d+/);
      assert.match(text, /HEALTHCHECK/);
      // the written Dockerfile has no problems: the same lint, with the same build-context facts, finds none,
      // and its file has no group in the Problems panel
      assert.deepEqual(lintDockerfile(text, { context: gatherContextFacts(dir, 'Dockerfile') }).map((p) => `${p.line} ${p.code} ${p.message}`), []);
      await wb.waitForActiveTab('Dockerfile');
      await wb.showProblems();
      const rows = await wb.problemRows();
      assert.ok(!rows.some((r) => /^Dockerfilecontainerize-demo \d+$/.test(r)), `Problems: ${JSON.stringify(rows)}`);
    },
  },
];

/** The scenarios, each first checking that what it exercises is contributed. */
export const scenarios: Scenario[] = SCENARIOS.map((sc) => ({
  ...sc,
  async run(ctx: Ctx): Promise<void> {
    const lacking = missing(sc);
    assert.deepEqual(lacking, [], `package.json does not contribute ${lacking.join(', ')}`);
    await sc.run(ctx);
  },
}));
