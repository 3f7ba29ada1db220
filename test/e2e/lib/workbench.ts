// Drives the VS Code workbench in Chromium the way a user does: command palette, quick open,
// editor typing, Problems panel, notifications, quick inputs, tree views. Every wait polls the DOM
// with a timeout; nothing sleeps for a fixed time.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { waitFor } from './util';

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-quic', '--disable-dev-shm-usage'];

const norm = (s: string): string => s.replace(/\s+/g, ' ').trim();
const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export interface TreeRow { label: string; description: string }

/** How to answer one prompt (quick pick or input box) of a command, recognised by its text. */
export type Answer =
  | { expect: RegExp; pick: string | RegExp }
  | { expect: RegExp; check: (string | RegExp)[] }
  | { expect: RegExp; type: string }
  | { expect: RegExp; accept: true };

const matches = (label: string, want: string | RegExp): boolean => (typeof want === 'string' ? label === want : want.test(label));

export class Workbench {
  constructor(readonly page: Page) {}

  /** Opens the workbench and waits until the explorer shows the workspace. */
  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await this.page.waitForSelector('.monaco-workbench', { timeout: 60000 });
    await this.page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: 60000 });
  }

  get quickInput(): Locator { return this.page.locator('.quick-input-widget'); }

  quickInputVisible(): Promise<boolean> { return this.quickInput.isVisible(); }

  /** Label of each row of the quick input's list, in row order (a row's detail line is not a label). */
  async quickPickLabels(): Promise<string[]> {
    const labels = await this.quickInput.locator('.quick-input-list .monaco-list-row').evaluateAll((rows) =>
      rows.map((r) => r.querySelector('.label-name')?.textContent ?? ''));
    return labels.map(norm);
  }

  /** The n-th row of the quick input's list (same order as quickPickLabels). */
  quickPickRow(n: number): Locator {
    return this.quickInput.locator('.quick-input-list .monaco-list-row').nth(n);
  }

  /** Opens the command palette and runs the command whose label is exactly `title`. */
  async runCommand(title: string, { timeout = 20000 } = {}): Promise<void> {
    // Right after start-up the palette may not list an extension's commands yet (contributions
    // arrive with the extension host): reopen it until the command is listed.
    await waitFor(async () => {
      await this.closeQuickInput();
      await this.page.keyboard.press('F1');
      const input = this.quickInput.locator('input.input');
      await input.waitFor({ state: 'visible', timeout: 5000 });
      // a short timeout: when the palette closes again at once (focus taken by a terminal that opens), open it anew
      await input.fill(`>${title}`, { timeout: 3000 });
      return waitFor(async () => (await this.quickPickLabels()).includes(title), { timeout: 3000, what: title }).catch(() => false);
    }, { timeout, interval: 100, what: `command "${title}" in the palette` });
    await this.pickRow(title);
  }

  /** Clicks the quick input row whose label is exactly `label`. */
  async pickRow(label: string): Promise<void> {
    const labels = await this.quickPickLabels();
    const i = labels.indexOf(label);
    if (i < 0) throw new Error(`no quick input row "${label}" (rows: ${labels.join(' | ')})`);
    await this.quickPickRow(i).click();
  }

  async closeQuickInput(): Promise<void> {
    if (await this.quickInputVisible()) {
      await this.page.keyboard.press('Escape');
      await waitFor(async () => !(await this.quickInputVisible()), { timeout: 5000, what: 'quick input to close' });
    }
  }

  /** What the quick input currently asks: its title, placeholder/prompt, and whether it lists rows. */
  async quickInputState(): Promise<{ title: string; placeholder: string; message: string; rows: string[] } | undefined> {
    if (!(await this.quickInputVisible())) return undefined;
    const title = norm((await this.quickInput.locator('.quick-input-title').innerText().catch(() => '')) ?? '');
    const placeholder = (await this.quickInput.locator('input.input').getAttribute('placeholder')) ?? '';
    const message = norm(await this.quickInput.locator('.quick-input-message').innerText().catch(() => ''));
    const rows = (await this.quickInput.locator('.quick-input-list').isVisible()) ? await this.quickPickLabels() : [];
    return { title, placeholder, message, rows };
  }

  /** The quick input's visible text: title, placeholder and prompt message. */
  async quickInputText(): Promise<string | undefined> {
    const st = await this.quickInputState();
    return st ? norm(`${st.title} ${st.placeholder} ${st.message}`) : undefined;
  }

  /**
   * Answers a command's prompts in order, each recognised by its text, the way a user would:
   * click a row, tick rows of a multi-select list then Enter, or type into an input box then Enter.
   */
  async answer(steps: Answer[], timeout = 20000): Promise<void> {
    for (const step of steps) {
      const text = await waitFor(async () => {
        const t = await this.quickInputText();
        return t !== undefined && step.expect.test(t) ? t : undefined;
      }, { timeout, what: `a prompt matching ${step.expect}` }).catch(async (err: Error) => {
        throw new Error(`${err.message}; showing: ${(await this.quickInputText()) ?? '(no prompt)'}`);
      });
      if ('pick' in step) {
        await waitFor(async () => (await this.quickPickLabels()).some((l) => matches(l, step.pick)), { timeout: 10000, what: `row ${step.pick}` })
          .catch(async (err: Error) => { throw new Error(`${err.message}; rows: ${(await this.quickPickLabels()).join(' | ')}`); });
        const labels = await this.quickPickLabels();
        await this.quickPickRow(labels.findIndex((l) => matches(l, step.pick))).click();
      } else if ('check' in step) {
        for (const want of step.check) {
          const labels = await waitFor(async () => {
            const ls = await this.quickPickLabels();
            return ls.some((l) => matches(l, want)) ? ls : undefined;
          }, { timeout: 10000, what: `row ${want}` });
          const row = this.quickPickRow(labels.findIndex((l) => matches(l, want)));
          const box = row.locator('input[type=checkbox], .monaco-custom-toggle').first();
          const checked = async (): Promise<boolean> =>
            (await row.getAttribute('aria-checked')) === 'true' || (await box.isChecked().catch(() => false));
          if (!(await checked())) await box.click();
          await waitFor(checked, { timeout: 5000, what: `row ${want} to be ticked` });
        }
        // OK, not Enter: Enter on the focused checkbox would untick it again
        await this.quickInput.locator('.monaco-button', { hasText: /^OK$/ }).first().click();
      } else if ('type' in step) {
        const input = this.quickInput.locator('input.input');
        await input.fill(step.type);
        await this.page.keyboard.press('Enter');
      } else {
        await this.page.keyboard.press('Enter');
      }
      // the prompt is answered once the widget moves on (another prompt, or closed)
      await waitFor(async () => (await this.quickInputText()) !== text, { timeout: 10000, what: `the prompt "${text}" to be answered` });
    }
  }

  /** Waits for a prompt whose text matches `expect`; returns that text. */
  async waitForPrompt(expect: RegExp, timeout = 20000): Promise<string> {
    return waitFor(async () => {
      const t = await this.quickInputText();
      return t !== undefined && expect.test(t) ? t : undefined;
    }, { timeout, what: `a prompt matching ${expect}` }).catch(async (err: Error) => {
      throw new Error(`${err.message}; showing: ${(await this.quickInputText()) ?? '(no prompt)'}`);
    });
  }

  /** Label of the quick input's active row (where the arrow keys are), or undefined. */
  async activeRow(): Promise<string | undefined> {
    const labels = await this.quickInput.locator('.quick-input-list .monaco-list-row.focused').evaluateAll((rows) =>
      rows.map((r) => r.querySelector('.label-name')?.textContent ?? ''));
    return labels.length ? norm(labels[0]) : undefined;
  }

  /** Whether the row labelled `want` is ticked (multi-select list). */
  async isTicked(want: string | RegExp): Promise<boolean> {
    const labels = await this.quickPickLabels();
    const i = labels.findIndex((l) => matches(l, want));
    if (i < 0) throw new Error(`no row ${want} (rows: ${labels.join(' | ')})`);
    const row = this.quickPickRow(i);
    return (await row.getAttribute('aria-checked')) === 'true' || (await row.locator('input[type=checkbox], .monaco-custom-toggle').first().isChecked().catch(() => false));
  }

  /** Keyboard: moves the active row with the arrow keys until it is the one labelled `want`. */
  private async arrowTo(want: string | RegExp): Promise<void> {
    await waitFor(async () => (await this.quickPickLabels()).some((l) => matches(l, want)), { timeout: 10000, what: `row ${want}` })
      .catch(async (err: Error) => { throw new Error(`${err.message}; rows: ${(await this.quickPickLabels()).join(' | ')}`); });
    await waitFor(async () => {
      const active = await this.activeRow();
      if (active !== undefined && matches(active, want)) return true;
      await this.page.keyboard.press('ArrowDown');
      return false;
    }, { timeout: 15000, interval: 100, what: `row ${want} to be active` });
  }

  /**
   * Keyboard only (clicks can land while the widget animates): waits for a prompt matching `expect`,
   * types `filter` into it when given, moves to the row `want` with the arrow keys and presses Enter.
   */
  async keyChoose(expect: RegExp, want: string | RegExp, filter?: string): Promise<void> {
    await this.waitForPrompt(expect);
    if (filter !== undefined) await this.quickInput.locator('input.input').fill(filter);
    await this.arrowTo(want);
    await this.page.keyboard.press('Enter');
  }

  /** Keyboard, multi-select list: ticks or unticks rows to match `ticks` (Space on each), then Enter. */
  async keyTick(expect: RegExp, ticks: [string | RegExp, boolean][]): Promise<void> {
    await this.waitForPrompt(expect);
    for (const [want, on] of ticks) {
      await this.arrowTo(want);
      if ((await this.isTicked(want)) !== on) await this.page.keyboard.press('Space');
      await waitFor(async () => (await this.isTicked(want)) === on, { timeout: 5000, what: `row ${want} ${on ? 'ticked' : 'unticked'}` });
    }
    await this.page.keyboard.press('Enter');
  }

  /** Keyboard: waits for an input box matching `expect`, replaces its text with `text` and presses Enter. */
  async keyType(expect: RegExp, text: string): Promise<void> {
    await this.waitForPrompt(expect);
    await this.quickInput.locator('input.input').fill(text);
    await this.page.keyboard.press('Enter');
  }

  /** Keyboard: the quick input's Back (VS Code's "Quick Input: Back" key on Linux, Ctrl+Alt+-). */
  async keyBack(): Promise<void> {
    await this.page.keyboard.press('Control+Alt+Minus');
  }

  /**
   * A picture of the workbench for the README (test-results/e2e/flows/NAME.png): the main flows are
   * documented with what a real run showed, not with mock-ups.
   */
  async snapshot(name: string): Promise<void> {
    const dir = path.resolve(__dirname, '../../../test-results/e2e/flows');
    fs.mkdirSync(dir, { recursive: true });
    await this.page.screenshot({ path: path.join(dir, `${name}.png`) });
  }

  /** The text of the modal dialog on screen (message and detail), or undefined when none is. */
  async dialogText(): Promise<string | undefined> {
    const box = this.page.locator('.monaco-dialog-box');
    if (!(await box.isVisible().catch(() => false))) return undefined;
    return norm(await box.innerText());
  }

  /** Waits for a modal dialog whose text matches `re`; returns its text. */
  async waitForDialog(re: RegExp, timeout = 20000): Promise<string> {
    return waitFor(async () => {
      const t = await this.dialogText();
      return t && re.test(t) ? t : undefined;
    }, { timeout, what: `a dialog matching ${re}` });
  }

  /** Clicks a button of the modal dialog on screen and waits for it to close. */
  async clickDialogButton(label: string | RegExp): Promise<void> {
    await this.page.locator('.monaco-dialog-box .dialog-buttons .monaco-button', { hasText: label }).first().click();
    await waitFor(async () => (await this.dialogText()) === undefined, { timeout: 10000, what: 'the dialog to close' });
  }

  /** Clicks a button of the notification whose message matches `re`. */
  async clickNotificationButton(re: RegExp, button: string): Promise<void> {
    const toast = this.page.locator('.notifications-toasts .notification-toast', { has: this.page.locator('.notification-list-item-message', { hasText: re }) });
    await toast.locator('.monaco-button', { hasText: button }).first().click();
  }

  /**
   * Quick Open (Go to File) by file name, or by a workspace-relative path ("tiny/Dockerfile": the row
   * named Dockerfile whose folder is tiny); waits for its editor tab to be active.
   */
  async openFile(file: string): Promise<void> {
    const slash = file.lastIndexOf('/');
    const name = file.slice(slash + 1);
    const dir = slash >= 0 ? file.slice(0, slash) : undefined;
    await this.closeQuickInput();
    await this.page.keyboard.press('F1');
    const input = this.quickInput.locator('input.input');
    await input.waitFor({ state: 'visible' });
    await input.fill(file);
    if (dir === undefined) {
      await waitFor(async () => (await this.quickPickLabels()).includes(name), { timeout: 15000, what: `${name} in quick open` });
      await this.page.keyboard.press('Enter');
    } else {
      // a row's description is its folder (the workspace-relative path, or the full path)
      const row = await waitFor(async () => {
        const rows = await this.quickInput.locator('.quick-input-list .monaco-list-row').evaluateAll((els) => els.map((r) => [
          r.querySelector('.label-name')?.textContent ?? '', r.querySelector('.label-description')?.textContent ?? '']));
        const i = rows.findIndex(([l, d]) => norm(l) === name && (norm(d) === dir || norm(d).endsWith(`/${dir}`)));
        return i >= 0 ? i + 1 : undefined;
      }, { timeout: 15000, what: `${file} in quick open` });
      await this.quickPickRow(row - 1).click();
    }
    await this.waitForActiveTab(name);
    await this.focusEditor();
  }

  async waitForActiveTab(name: string, timeout = 15000): Promise<void> {
    await waitFor(async () => {
      const label = await this.page.locator('.tabs-container .tab.active').first().getAttribute('aria-label').catch(() => null);
      return label !== null && label.startsWith(name);
    }, { timeout, what: `editor tab ${name}` });
  }

  async focusEditor(): Promise<void> {
    await this.page.locator('.editor-instance .monaco-editor .view-lines').first().click({ position: { x: 5, y: 5 } });
  }

  /**
   * Opens the code-action menu (Ctrl+.) at `at` ("line:column", or where the cursor is) and returns its
   * row titled `title` once visible. The menu closes when the editor re-lays out under it (a CodeLens
   * or an inlay arriving late), so it is opened again, a few times, until the row is seen.
   */
  async codeAction(title: string, at?: string): Promise<Locator> {
    const row = this.page.locator('.action-widget .monaco-list-row', { hasText: title }).first();
    let last: unknown;
    for (let attempt = 0; attempt < 4; attempt++) {
      if (at) {
        await this.runCommand('Go to Line/Column...');
        await this.page.keyboard.type(at);
        await this.page.keyboard.press('Enter');
      } else await this.focusEditor();
      await this.page.keyboard.press('Control+.');
      try {
        await row.waitFor({ state: 'visible', timeout: 5000 });
        return row;
      } catch (err) {
        last = err;
        await this.page.keyboard.press('Escape');
      }
    }
    throw last instanceof Error ? last : new Error(`no code action "${title}"`);
  }

  /** Saves the active editor with the keyboard, as a user does. */
  async save(): Promise<void> {
    await this.page.keyboard.press('Control+S');
  }

  /** Problems panel rows as shown: message, source(code), [Ln, Col]. */
  async problemRows(): Promise<string[]> {
    return (await this.page.locator('.markers-panel .monaco-list-row').allInnerTexts()).map(norm);
  }

  /**
   * The Problems rows under one file's header row. A header reads "<file name><folder> <count>"; rows of
   * the extension's own output (paths containing "ml-containers") are not the workspace's files.
   */
  async problemRowsOf(fileName: string): Promise<string[]> {
    const rows = await this.problemRows();
    const at = rows.findIndex((r) => r.startsWith(fileName) && !r.includes('ml-containers'));
    if (at < 0) return [];
    const next = rows.findIndex((r, i) => i > at && /^\S+ \d+$/.test(r) && !r.includes('ml-containers'));
    return rows.slice(at + 1, next < 0 ? undefined : next);
  }

  async showProblems(): Promise<void> {
    await this.runCommand('View: Focus Problems (Errors, Warnings, Infos)');
    await this.page.locator('.markers-panel').waitFor({ state: 'visible', timeout: 10000 });
  }

  /** Messages of the visible notification toasts. */
  async notifications(): Promise<string[]> {
    return (await this.page.locator('.notifications-toasts .notification-list-item-message').allInnerTexts()).map(norm);
  }

  /** Dismisses every notification (so a later wait sees only new ones). */
  async clearNotifications(): Promise<void> {
    await this.runCommand('Notifications: Clear All Notifications');
    await waitFor(async () => (await this.notifications()).length === 0, { timeout: 5000, what: 'the notifications to be cleared' });
  }

  async waitForNotification(re: RegExp, timeout = 20000): Promise<string> {
    return waitFor(async () => (await this.notifications()).find((t) => re.test(t)), { timeout, what: `a notification matching ${re}` });
  }

  /** Opens a view container from the activity bar, as a user clicks its icon. */
  async showViewContainer(title: string): Promise<void> {
    const item = this.page.locator(`.activitybar .action-item a.action-label[aria-label^="${title}"]`).first();
    await item.waitFor({ state: 'visible', timeout: 15000 });
    // clicking the icon of the container already shown would hide the side bar
    const cls = (await item.locator('xpath=..').getAttribute('class')) ?? '';
    if (!/\bchecked\b/.test(cls)) await item.click();
    await this.page.locator('.sidebar .composite.title', { hasText: title }).first().waitFor({ state: 'visible', timeout: 10000 });
  }

  /** The pane (view section) whose header title is `title`. */
  pane(title: string): Locator {
    return this.page.locator('.pane', { has: this.page.locator('.pane-header h3.title', { hasText: new RegExp(`^${escapeRe(title)}$`, 'i') }) });
  }

  /** Rows of a tree view section: label and description as shown. */
  async treeRows(title: string): Promise<TreeRow[]> {
    return this.pane(title).locator('.monaco-list-row').evaluateAll((rows) => rows.map((r) => ({
      label: (r.querySelector('.label-name')?.textContent ?? '').trim(),
      description: (r.querySelector('.label-description')?.textContent ?? '').trim(),
    })));
  }

  /** The row of a tree view section whose label is exactly `label`. */
  treeRow(title: string, label: string): Locator {
    return this.pane(title).locator('.monaco-list-row', { has: this.page.locator('.label-name', { hasText: new RegExp(`^${escapeRe(label)}$`) }) }).first();
  }
}
