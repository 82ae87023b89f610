import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  apiLogin,
  describeBrowser,
  selectStep,
  startEditing,
  startReviewStack,
  until,
  type Page1,
  type ReviewStack,
} from './support/index.js';

/*
 * Where the keyboard focus goes after an action, and that focusing something never scrolls the
 * app shell itself: the defects a keyboard-first user meets first.
 */

/** How far the document itself (not a panel inside it) is scrolled, and how much it could be. */
function documentScroll(page: Page) {
  return page.evaluate(() => {
    const root = document.scrollingElement!;
    return { top: root.scrollTop, overflow: root.scrollHeight - root.clientHeight };
  });
}

function focusedElement(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return { tag: el?.tagName, id: el?.id, text: el?.textContent?.trim() ?? '' };
  });
}

describeBrowser('keyboard focus and a page that stays put', () => {
  let stack: ReviewStack;

  beforeAll(async () => {
    stack = await startReviewStack();
  }, 300_000);

  afterAll(() => stack?.stop(), 90_000);

  it('puts a reviewer who presses c straight into the note; typing never decides the task', async () => {
    const { server, designer, flowId } = stack;
    await designer.post(`/api/flows/${flowId}/runs`, { input: { topic: 'the focus release' } });
    const reviewer = await stack.pageFor('reviewer@example.com');
    await reviewer.goto(`${server.url}/inbox`);
    await reviewer.locator('.inbox-item', { hasText: 'the focus release' }).waitFor();
    await reviewer.keyboard.press('j');
    await reviewer.getByText('You are reviewing this').waitFor();

    await reviewer.keyboard.press('c');
    const dialog = reviewer.getByRole('dialog', { name: 'Request changes' });
    await dialog.waitFor();
    // Spaces and the decision letters a, e, c, r all belong to the note.
    const note = 'Add a clear release date and a reason to care';
    await reviewer.keyboard.type(note);
    await expect(dialog.getByLabel('What should change').inputValue()).resolves.toBe(note);
    await expect(dialog.isVisible()).resolves.toBe(true);
    await expect(reviewer.getByText('You are reviewing this').isVisible()).resolves.toBe(true);

    // The other form dialogs open in their first field too.
    await reviewer.keyboard.press('Escape');
    // The inbox takes its keys again once the dialog is gone; a key sent sooner is lost.
    await dialog.waitFor({ state: 'hidden' });
    await reviewer.keyboard.press('r');
    const reject = reviewer.getByRole('dialog', { name: 'Reject this content' });
    await reject.waitFor();
    await expect(focusedElement(reviewer)).resolves.toMatchObject({ tag: 'TEXTAREA' });
  }, 90_000);

  it('puts a reviewer who sends a reject without a tag on the first tag, then rejects by keys', async () => {
    const { server, designer, flowId } = stack;
    await designer.post(`/api/flows/${flowId}/runs`, { input: { topic: 'the missing tag' } });
    const reviewer = await stack.pageFor('reviewer@example.com');
    await reviewer.goto(`${server.url}/inbox`);
    await reviewer.locator('.inbox-item', { hasText: 'the missing tag' }).click();
    await reviewer.getByText('You are reviewing this').waitFor();

    await reviewer.keyboard.press('r');
    const reject = reviewer.getByRole('dialog', { name: 'Reject this content' });
    await reject.waitFor();
    await reviewer.keyboard.type('Wrong audience');
    await reviewer.keyboard.press('ControlOrMeta+Enter');
    await reject.getByText('Pick at least one tag').waitFor();
    // The focus stayed in the reason: the tags were a hunt by Tab.
    await expect.poll(() => focusedElement(reviewer)).toMatchObject({ tag: 'INPUT' });
    await reviewer.keyboard.press('Space');
    await expect(reject.getByLabel('off-brand').isChecked()).resolves.toBe(true);
    await reviewer.keyboard.press('ControlOrMeta+Enter');
    await reviewer.locator('.toast', { hasText: 'Rejected: “the missing tag”' }).waitFor();
  }, 90_000);

  it('keeps the editor on screen while the keyboard walks the settings of a step', async () => {
    const { server, flowId } = stack;
    const designer = await stack.pageFor('designer@example.com', undefined, 1280);
    await designer.goto(`${server.url}/flows/${flowId}`);
    await selectStep(designer, 'review');
    const switches = designer.getByTestId('inspector').getByRole('switch');
    await until(async () => ((await switches.count()) > 1 ? true : undefined), 'the switches');
    // The last switch sits far below the fold of the settings panel.
    await switches.last().focus();
    await designer.waitForTimeout(200);
    const scroll = await documentScroll(designer);
    expect(scroll).toEqual({ top: 0, overflow: 0 });
    await expect(designer.getByRole('navigation', { name: 'Main' }).isVisible()).resolves.toBe(
      true,
    );
  }, 90_000);

  it('keeps the focus on Test run and Publish after the dialog closes, the run bar hides and the publish lands', async () => {
    const { server, flowId } = stack;
    const designer = await stack.pageFor('designer@example.com');
    await designer.goto(`${server.url}/flows/${flowId}`);
    const testRun = designer.getByRole('button', { name: 'Test run', exact: true });
    const dialog = designer.getByRole('dialog', { name: 'Test run' });
    const onTestRun = async () =>
      (await testRun.evaluate((el) => el === document.activeElement)) ? true : undefined;

    // Started by keyboard: the dialog is unmounted once the run starts, and the focus used to
    // fall to the page body, so the next Tab began at the top of the app.
    await testRun.focus();
    await designer.keyboard.press('Enter');
    await dialog.getByLabel('Topic').waitFor();
    await designer.keyboard.type('the focus that stays');
    await designer.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await until(onTestRun, 'the focus back on Test run after starting', 5_000);

    // Hiding the test run bar takes its button away; the focus goes back to Test run.
    await designer.getByRole('button', { name: 'Hide the test run' }).focus();
    await designer.keyboard.press('Enter');
    await designer.getByTestId('run-bar').waitFor({ state: 'detached' });
    await until(onTestRun, 'the focus back on Test run after hiding the run', 5_000);

    // Closed with Escape, the same.
    await designer.keyboard.press('Enter');
    await dialog.getByLabel('Topic').waitFor();
    await designer.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await until(onTestRun, 'the focus back on Test run after Escape', 5_000);

    // Publish is busy while it works, not disabled: a disabled button drops the focus.
    const publish = designer.getByTestId('publish-button');
    await publish.focus();
    await designer.keyboard.press('Enter');
    // Published, or already (the test run above published this draft): the publish landed.
    await designer.getByText(/^(Published|Already published as) version \d+$/).waitFor();
    await expect(publish.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
  }, 90_000);

  it('lets a manager arrow through the levels; picking the current one again is no change', async () => {
    const { server, flowId } = stack;
    const manager = await stack.pageFor('manager@example.com');
    await manager.goto(`${server.url}/automation/${flowId}`);
    const card = manager.locator('section.checkpoint').first();
    await card.getByRole('radio', { name: 'Review all' }).focus();
    await manager.keyboard.press('ArrowRight');
    await manager.keyboard.press('ArrowRight');
    await expect(focusedElement(manager)).resolves.toMatchObject({ text: 'Spot check' });
    await expect(
      card.getByRole('radio', { name: 'Spot check' }).getAttribute('aria-checked'),
    ).resolves.toBe('true');
    await card.getByText('Change from Review all to Spot check').waitFor();

    await card.getByRole('radio', { name: 'Review all' }).click();
    await expect(card.locator('form.change-form').count()).resolves.toBe(0);
  }, 90_000);

  it('puts the keyboard back in the password after a failed sign-in', async () => {
    const context = await stack.browser.newContext();
    stack.contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${stack.server.url}/login`);
    await page.getByLabel('Email').fill('reviewer@example.com');
    await page.getByLabel('Password', { exact: true }).fill('not-the-password');
    await page.keyboard.press('Enter');
    await page.getByText('That email and password do not match an account.').waitFor();
    await until(
      async () => ((await focusedElement(page)).id === 'login-password' ? true : undefined),
      'focus in the password field',
      5_000,
    );
    await page.keyboard.type('tandem');
    await page.keyboard.press('Enter');
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
  }, 60_000);

  it('stops editing on Escape, as the shortcut help says, and keeps the edited text', async () => {
    const { server, designer, flowId } = stack;
    await designer.post(`/api/flows/${flowId}/runs`, { input: { topic: 'the escape hatch' } });
    const reviewer = await stack.pageFor('reviewer@example.com');
    await reviewer.goto(`${server.url}/inbox`);
    await reviewer.locator('.inbox-item', { hasText: 'the escape hatch' }).click();
    await reviewer.getByText('You are reviewing this').waitFor();

    // Typed once the editor has the focus: a key pressed before that goes to the page.
    const editor = await startEditing(reviewer);
    await reviewer.keyboard.type(' Zebra crossing.');
    await reviewer.keyboard.press('Escape');

    await editor.waitFor({ state: 'detached' });
    await reviewer.getByRole('heading', { name: 'What will be published' }).waitFor();
    await expect(
      reviewer.locator('.task-content').getByText('Zebra crossing.').first().isVisible(),
    ).resolves.toBe(true);
    await reviewer.getByRole('button', { name: 'Approve with edits' }).waitFor();
    await expect(focusedElement(reviewer)).resolves.toMatchObject({ id: 'task-title' });
    // The decision keys work again at once: e opens the editor with the edit still in it.
    await reviewer.keyboard.press('e');
    await editor.waitFor();
    await expect(editor.inputValue()).resolves.toMatch(/ Zebra crossing\.$/);
  }, 90_000);

  /** Starts a run on `topic` and decides every other open task, so its task is the last one. */
  async function leaveOnlyTaskOf(topic: string) {
    const { server, designer, flowId } = stack;
    const api = await apiLogin(server.url, 'reviewer@example.com');
    const run = await designer.post<{ id: string }>(`/api/flows/${flowId}/runs`, {
      input: { topic },
    });
    await until(async () => {
      const mine = await api.get<Page1<{ runId: string }>>(`/api/tasks?runId=${run.id}`);
      return mine.items[0];
    }, 'the task of the run');
    const open = await api.get<Page1<{ id: string; runId: string }>>('/api/tasks?status=open');
    for (const task of open.items.filter((t) => t.runId !== run.id))
      await api.post(`/api/tasks/${task.id}/decision`, { action: 'approve' });
    return api;
  }

  it('edits from the end of the text on e, and after the last decision lands on the empty inbox', async () => {
    const { server } = stack;
    await leaveOnlyTaskOf('the last task');

    const reviewer = await stack.pageFor('reviewer@example.com');
    await reviewer.goto(`${server.url}/inbox`);
    await reviewer.locator('.inbox-item', { hasText: 'the last task' }).waitFor();
    await reviewer.keyboard.press('j');
    await reviewer.getByText('You are reviewing this').waitFor();

    await reviewer.getByRole('heading', { name: 'Inbox, 1 task', exact: true }).waitFor();
    await reviewer.keyboard.press('e');
    const editor = reviewer.getByLabel('Content', { exact: true });
    await editor.waitFor();
    const caret = await editor.evaluate((el: HTMLTextAreaElement) => ({
      focused: el === document.activeElement,
      at: el.selectionStart,
      end: el.value.length,
    }));
    expect(caret.end).toBeGreaterThan(0);
    expect(caret).toEqual({ focused: true, at: caret.end, end: caret.end });

    await reviewer.keyboard.press('ControlOrMeta+Enter');
    await reviewer.getByRole('heading', { name: "You're all caught up" }).waitFor();
    await until(
      async () =>
        (await focusedElement(reviewer)).text === "You're all caught up" ? true : undefined,
      'focus on the empty inbox',
      5_000,
    );
    // The count reads as words after the name, not "Inbox 0".
    await reviewer.getByRole('heading', { name: 'Inbox, no tasks', exact: true }).waitFor();
    // One empty state at full width, not a second one in the task pane beside it.
    await expect(reviewer.locator('.empty-state').count()).resolves.toBe(1);
    const pane = await reviewer.locator('.inbox-list-pane').boundingBox();
    const page = await reviewer.locator('.inbox').boundingBox();
    expect(pane!.width).toBe(page!.width);
  }, 90_000);

  it('keeps the focus in the inbox when a live task replaces the empty state that held it', async () => {
    const { server, designer, flowId } = stack;
    const api = await leaveOnlyTaskOf('the decided task');
    const reviewer = await stack.pageFor('reviewer@example.com');
    await reviewer.goto(`${server.url}/inbox`);
    await reviewer.locator('.inbox-item', { hasText: 'the decided task' }).waitFor();
    await reviewer.keyboard.press('j');
    await reviewer.getByText('You are reviewing this').waitFor();
    await reviewer.keyboard.press('a');
    await until(
      async () =>
        (await focusedElement(reviewer)).text === "You're all caught up" ? true : undefined,
      'focus on the empty inbox',
    );

    // The task arrives over the socket and the empty state, focus and all, leaves the page.
    await designer.post(`/api/flows/${flowId}/runs`, { input: { topic: 'the live arrival' } });
    const arrived = reviewer.locator('.inbox-item', { hasText: 'the live arrival' });
    await arrived.waitFor();
    await until(
      async () => (await focusedElement(reviewer)).tag !== 'BODY' || undefined,
      'the focus back in the inbox',
      5_000,
    );
    const focus = await reviewer.evaluate(() => ({
      body: document.activeElement === document.body,
      inInbox: !!document.activeElement?.closest('.inbox'),
    }));
    expect(focus).toEqual({ body: false, inInbox: true });
    await expect(arrived.locator('a').evaluate((a) => a === document.activeElement)).resolves.toBe(
      true,
    );
    await expect(reviewer.locator('.inbox-list-pane [aria-live]').textContent()).resolves.toBe(
      'New task: Review post: the live arrival',
    );

    // A reviewer busy elsewhere keeps the focus: the filter here, when the list empties and
    // when the next task arrives.
    const flowFilter = reviewer.locator('.inbox-filters select').first();
    await flowFilter.focus();
    const arrivedId = (await arrived.getAttribute('data-task-id'))!;
    await api.post(`/api/tasks/${arrivedId}/decision`, { action: 'approve' });
    await reviewer.getByRole('heading', { name: "You're all caught up" }).waitFor();
    await designer.post(`/api/flows/${flowId}/runs`, { input: { topic: 'the quiet arrival' } });
    await reviewer.locator('.inbox-item', { hasText: 'the quiet arrival' }).waitFor();
    await expect(flowFilter.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
  }, 90_000);
});
