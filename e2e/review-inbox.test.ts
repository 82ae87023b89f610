import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  apiLogin,
  cleanBlurbFlow,
  describeBrowser,
  loginAs,
  routeLiveConnection,
  saveScreenshot,
  startEditing,
  startReviewStack,
  stopEditing,
  until,
  type ApiClient,
  type Page1,
  type ReviewStack,
  type TandemServer,
  type WebhookSink,
} from './support/index.js';

/*
 * The reviewer's inbox as a work queue, over the real server, engine, store and socket push:
 * rejecting and requesting changes by keyboard, bulk-approving the clean rest, and catching up
 * on tasks that arrived while the live connection was down.
 */

describeBrowser('review: keyboard triage, bulk approval and live resync', () => {
  let stack: ReviewStack;
  let server: TandemServer;
  let sink: WebhookSink;
  let browser: Browser;
  let contexts: BrowserContext[];
  let designer: ApiClient;
  let flowId: string;
  let reviewer: Page;

  beforeAll(async () => {
    stack = await startReviewStack();
    ({ server, sink, browser, contexts, designer, flowId } = stack);
    reviewer = await stack.pageFor('reviewer@example.com');
  }, 300_000);

  afterAll(() => stack?.stop(), 90_000);

  it('rejects and requests changes by keyboard, then bulk-approves the clean rest', async () => {
    const blurbs = await designer.post<{ id: string }>('/api/flows', cleanBlurbFlow(sink.url));
    await designer.post(`/api/flows/${blurbs.id}/publish`);
    const runs: string[] = [];
    for (const topic of ['alpha', 'beta', 'gamma']) {
      const run = await designer.post<{ id: string }>(`/api/flows/${blurbs.id}/runs`, {
        input: { topic },
      });
      runs.push(run.id);
    }
    await reviewer.goto(`${server.url}/inbox`);
    // The chime is a switch named "Sound" whose state a screen reader hears as on or off.
    const sound = reviewer.getByRole('switch', { name: 'Sound', exact: true });
    await expect(sound.getAttribute('aria-checked')).resolves.toBe('false');
    await sound.click();
    await expect(sound.getAttribute('aria-checked')).resolves.toBe('true');
    await sound.click();
    await reviewer.getByLabel('Flow').selectOption({ label: 'Newsletter blurb' });
    const items = reviewer.locator('.inbox-item');
    await until(async () => ((await items.count()) === 3 ? true : undefined), 'three blurbs');

    // Reject the first: the dialog insists on a reason and a tag.
    await reviewer.keyboard.press('j');
    await reviewer.getByText('You are reviewing this').waitFor();
    await saveScreenshot(reviewer, 'review-inbox');
    const first = reviewer.url();
    await reviewer.keyboard.press('r');
    const dialog = reviewer.getByRole('dialog', { name: 'Reject this content' });
    await dialog.waitFor();
    await reviewer.keyboard.press('ControlOrMeta+Enter');
    await dialog.getByText('Give a reason').waitFor();
    await dialog.getByText('Pick at least one tag').waitFor();
    await dialog.getByLabel('Reason').fill('Sounds like an advert, not a newsletter.');
    await dialog.getByLabel('tone').check();
    await reviewer.keyboard.press('ControlOrMeta+Enter');
    // The next task opens by itself.
    await until(async () => (reviewer.url() !== first ? true : undefined), 'the next task');
    await reviewer.getByText('You are reviewing this').waitFor();

    // Send the second back with a note: the AI drafts it again as a new round.
    await reviewer.keyboard.press('c');
    const changes = reviewer.getByRole('dialog', { name: 'Request changes' });
    await changes.getByLabel('What should change').fill('Mention the date of the release.');
    await reviewer.keyboard.press('ControlOrMeta+Enter');
    await reviewer.getByText('Sent back for changes', { exact: false }).waitFor();

    const manager = await apiLogin(server.url, 'manager@example.com');
    const feedback = await manager.get<Page1<{ action: string; tags: string[]; reason: string }>>(
      `/api/feedback?flowId=${blurbs.id}`,
    );
    const actions = feedback.items.map((f) => f.action).sort();
    expect(actions).toEqual(['reject', 'request_changes']);
    expect(feedback.items.find((f) => f.action === 'reject')?.tags).toEqual(['tone']);

    // Two clean tasks remain (the third run and the redraft); approve both at once.
    await until(async () => ((await items.count()) === 2 ? true : undefined), 'the redraft');
    await reviewer.getByRole('button', { name: 'Approve 2 clean' }).click();
    await reviewer.getByRole('dialog').getByRole('button', { name: 'Approve 2' }).click();
    await reviewer.getByText('Approved 2').waitFor();
    await until(async () => ((await items.count()) === 0 ? true : undefined), 'an empty list');
    const delivered = await until(async () => {
      const got = sink.requests.filter((r) => r.path.endsWith('/blurbs'));
      return got.length >= 2 ? got : undefined;
    }, 'two blurbs at the sink');
    const sentRuns = delivered.map((r) => (r.json as { runId: string }).runId).sort();
    expect(sentRuns).toEqual([runs[1], runs[2]].sort());
    expect(delivered).toHaveLength(2);
  }, 120_000);

  it("keeps every decision button clickable while the last decision's toast shows", async () => {
    for (const topic of ['the first toast', 'the second toast']) {
      await designer.post(`/api/flows/${flowId}/runs`, { input: { topic } });
    }
    const page = await stack.pageFor('reviewer@example.com', undefined, 1280);
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`${server.url}/inbox`);
    await page.locator('.inbox-item', { hasText: 'the second toast' }).waitFor();
    await page.locator('.inbox-item', { hasText: 'the first toast' }).click();
    await page.getByText('You are reviewing this').waitFor();
    await page.keyboard.press('a');
    await page.locator('.toast', { hasText: 'Approved' }).waitFor();
    // Editing makes the task taller than the window: the decision bar sticks to the bottom.
    await page.getByRole('heading', { name: 'Review post: the second toast' }).waitFor();
    await page.getByText('You are reviewing this').waitFor();
    await page.keyboard.press('e');
    await page.getByLabel('Content', { exact: true }).waitFor();
    const covered = await page.locator('.decision-bar button').evaluateAll((buttons) =>
      buttons
        .filter((b) => {
          const r = b.getBoundingClientRect();
          return !b.contains(document.elementFromPoint(r.x + r.width - 4, r.y + r.height / 2));
        })
        .map((b) => b.textContent),
    );
    expect(covered).toEqual([]);
  }, 60_000);

  it('opens the next task with its content as drafted, never an empty edit for a moment', async () => {
    for (const topic of ['the steady one', 'the steady two']) {
      await designer.post(`/api/flows/${flowId}/runs`, { input: { topic } });
    }
    const page = await stack.pageFor('reviewer@example.com');
    await page.goto(`${server.url}/inbox`);
    await page.locator('.inbox-item', { hasText: 'the steady two' }).waitFor();
    await page.locator('.inbox-item', { hasText: 'the steady one' }).click();
    await page.getByText('You are reviewing this').waitFor();
    // Watch every change the page makes while the next task opens, not only what is painted.
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { seenBars: string[] }).seenBars = seen;
      new MutationObserver(() => {
        const bar = document.querySelector('.decision-bar')?.textContent ?? '';
        if (bar.includes('with edits')) seen.push(bar);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await page.keyboard.press('a');
    await page.getByRole('heading', { name: 'Review post: the steady two' }).waitFor();
    await page.getByText('You are reviewing this').waitFor();
    const seen = await page.evaluate(() => (window as unknown as { seenBars: string[] }).seenBars);
    expect(seen).toEqual([]);
  }, 60_000);

  it('keeps unsent edits and notes when the reviewer moves away, reloads and comes back', async () => {
    for (const topic of ['the kept edit', 'the detour']) {
      await designer.post(`/api/flows/${flowId}/runs`, { input: { topic } });
    }
    const page = await stack.pageFor('reviewer@example.com');
    await page.goto(`${server.url}/inbox`);
    const kept = page.locator('.inbox-item', { hasText: 'the kept edit' });
    const detour = page.locator('.inbox-item', { hasText: 'the detour' });
    await detour.waitFor();
    await kept.click();
    await page.getByText('You are reviewing this').waitFor();
    await startEditing(page);
    await page.keyboard.type(' Launch day is 3 March.');
    // Escape leaves the editor; the next key is for the task view once it has.
    await stopEditing(page);
    await page.getByRole('heading', { name: 'What will be published' }).waitFor();
    await page.keyboard.press('r');
    await page.getByRole('dialog').getByLabel('Reason').fill('Half-written reason');
    // Rejecting would not publish the edits: the dialog says so before anything is lost.
    await page.getByRole('dialog').getByText('Your edits to the text are not published').waitFor();
    await page.keyboard.press('Escape');

    await detour.click();
    await page.getByRole('heading', { name: 'Review post: the detour' }).waitFor();
    await page.reload();
    await kept.click();
    await page.getByText('Your unsent edits and notes on this task are back.').waitFor();
    await page.getByRole('button', { name: /^Approve with edits/ }).waitFor();
    await page.getByText('Launch day is 3 March.').first().waitFor();
    await page.keyboard.press('r');
    await expect(page.getByRole('dialog').getByLabel('Reason').inputValue()).resolves.toBe(
      'Half-written reason',
    );
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: 'Discard them' }).click();
    await page.getByRole('button', { name: 'Approve', exact: true }).waitFor();
    await expect(
      page.getByText('Your unsent edits and notes on this task are back.').count(),
    ).resolves.toBe(0);
  }, 90_000);

  it('leaves no unsent draft behind once edits are approved', async () => {
    await designer.post(`/api/flows/${flowId}/runs`, { input: { topic: 'the sent edit' } });
    const page = await stack.pageFor('reviewer@example.com');
    await page.goto(`${server.url}/inbox`);
    await page.locator('.inbox-item', { hasText: 'the sent edit' }).click();
    await page.getByText('You are reviewing this').waitFor();
    const taskId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
    await startEditing(page);
    await page.keyboard.type(' Sent as edited.');
    await stopEditing(page);
    await page.getByRole('button', { name: /^Approve with edits/ }).click();
    await page.locator('.inbox-item', { hasText: 'the sent edit' }).waitFor({ state: 'detached' });
    // The decided edit became the task's content; saving the draft again then revived it.
    const drafts = () =>
      page.evaluate(
        (id) => Object.keys(sessionStorage).filter((k) => k.endsWith(`.${id}`)),
        taskId,
      );
    await page.waitForTimeout(300);
    await expect(drafts()).resolves.toEqual([]);
  }, 90_000);

  it('resyncs the inbox after the live connection drops and returns', async () => {
    const context = await browser.newContext({ viewport: { width: 1360, height: 900 } });
    contexts.push(context);
    const live = await routeLiveConnection(context);
    const page = await context.newPage();
    await loginAs(page, server.url, 'reviewer@example.com', { at: '/inbox' });
    const connection = page.getByTestId('connection');
    await connection.getByText('Live').waitFor();
    // The list has loaded from REST: a load still on its way would show the new task honestly.
    await page
      .getByRole('list', { name: 'Open tasks, earliest due first' })
      .or(page.getByRole('heading', { name: "You're all caught up" }))
      .waitFor();

    await live.drop();
    await connection.getByText(/Offline|Connecting/).waitFor();
    await designer.post(`/api/flows/${flowId}/runs`, { input: { topic: 'the offline week' } });
    const item = page.locator('.inbox-item', { hasText: 'the offline week' });
    await page.waitForTimeout(1_000);
    await expect(item.count()).resolves.toBe(0);

    live.restore();
    await connection.getByText('Live').waitFor({ timeout: 30_000 });
    await item.waitFor({ timeout: 15_000 });
  }, 90_000);

  it('opens a task that failed while the server was away, once it is back', async () => {
    await designer.post(`/api/flows/${flowId}/runs`, { input: { topic: 'the outage' } });
    const context = await browser.newContext({ viewport: { width: 1360, height: 900 } });
    contexts.push(context);
    const live = await routeLiveConnection(context);
    // One task's requests fail as if the server were gone; the list already loaded.
    let down = false;
    await context.route(/\/api\/tasks\/[^/?]+/, (route) =>
      down ? route.abort('connectionrefused') : route.fallback(),
    );
    const page = await context.newPage();
    await loginAs(page, server.url, 'reviewer@example.com', { at: '/inbox' });
    const item = page.locator('.inbox-item', { hasText: 'the outage' });
    await item.waitFor();
    await page.getByTestId('connection').getByText('Live').waitFor();

    down = true;
    await live.drop();
    await item.click();
    await page.getByText('This task could not be opened').waitFor();
    await page.getByText('Cannot reach the Tandem server').first().waitFor();
    await page.getByRole('button', { name: 'Try again' }).click();
    await page.getByText('This task could not be opened').waitFor();

    // Back: the reconnect opens it without another click.
    down = false;
    live.restore();
    await page.getByTestId('connection').getByText('Live').waitFor({ timeout: 30_000 });
    await page.getByText('You are reviewing this').waitFor({ timeout: 15_000 });
    await page.getByRole('heading', { name: 'Review post: the outage' }).waitFor();
  }, 90_000);

  it('stops saying "You are reviewing this" the moment the claim is released under the reviewer', async () => {
    await designer.post(`/api/flows/${flowId}/runs`, { input: { topic: 'the lost claim' } });
    const page = await stack.pageFor('reviewer@example.com');
    await page.goto(`${server.url}/inbox`);
    await page.locator('.inbox-item', { hasText: 'the lost claim' }).click();
    await page.getByText('You are reviewing this').waitFor();
    const taskId = await page.locator('article.task-view').getAttribute('data-task-id');

    // What an escalation at the due time does to the claim; a manager can do it at once.
    const manager = await apiLogin(server.url, 'manager@example.com');
    await manager.post(`/api/tasks/${taskId}/release`);
    const released = page.getByTestId('claim-released');
    await released.waitFor();
    await expect(released.textContent()).resolves.toContain('Your claim on this task was released');
    await expect(page.getByText('You are reviewing this').count()).resolves.toBe(0);
    await expect(
      page.getByRole('button', { name: 'Approve', exact: true }).isDisabled(),
    ).resolves.toBe(true);

    await released.getByRole('button', { name: 'Take it back' }).click();
    await page.getByText('You are reviewing this').waitFor();
    await expect(
      page.getByRole('button', { name: 'Approve', exact: true }).isEnabled(),
    ).resolves.toBe(true);
  }, 90_000);

  it('pauses the decision buttons, with the reason, while the connection is down', async () => {
    await designer.post(`/api/flows/${flowId}/runs`, { input: { topic: 'the dead zone' } });
    const context = await browser.newContext({ viewport: { width: 1360, height: 900 } });
    contexts.push(context);
    const live = await routeLiveConnection(context);
    const page = await context.newPage();
    await loginAs(page, server.url, 'reviewer@example.com', { at: '/inbox' });
    await page.locator('.inbox-item', { hasText: 'the dead zone' }).click();
    await page.getByText('You are reviewing this').waitFor();
    await page.getByTestId('connection').getByText('Live').waitFor();
    const approve = page.getByRole('button', { name: 'Approve', exact: true });
    const reject = page.getByRole('button', { name: 'Reject' });
    await expect(approve.isEnabled()).resolves.toBe(true);

    await live.drop();
    const reason = page.getByText('You are offline: deciding is paused');
    await reason.waitFor();
    await expect(approve.isDisabled()).resolves.toBe(true);
    await expect(reject.isDisabled()).resolves.toBe(true);
    await expect(approve.getAttribute('aria-describedby')).resolves.toContain('decision-offline');
    // A key press says why instead of sending a decision that would fail.
    await page.locator('#task-title').focus();
    await page.keyboard.press('a');
    await page.locator('.toast', { hasText: 'You are offline' }).waitFor();

    live.restore();
    await page.getByTestId('connection').getByText('Live').waitFor({ timeout: 30_000 });
    await reason.waitFor({ state: 'detached' });
    await expect(approve.isEnabled()).resolves.toBe(true);
    await expect(reject.isEnabled()).resolves.toBe(true);
  }, 90_000);

  it('shows the decision keys to keyboard users on a desktop, not on a phone or a tablet', async () => {
    await designer.post(`/api/flows/${flowId}/runs`, { input: { topic: 'the thumb test' } });
    const hints = async (page: Page) => {
      await page.goto(`${server.url}/inbox`);
      await page.locator('.inbox-item', { hasText: 'the thumb test' }).click();
      await page.getByText('You are reviewing this').waitFor();
      const keys = page.locator('.decision-bar kbd');
      await expect(keys.count()).resolves.toBe(4);
      return Promise.all([0, 1, 2, 3].map((i) => keys.nth(i).isVisible()));
    };
    const desktop = await stack.pageFor('reviewer@example.com');
    await expect(hints(desktop)).resolves.toEqual([true, true, true, true]);
    const phone = await stack.pageFor('reviewer@example.com', undefined, 390);
    await expect(hints(phone)).resolves.toEqual([false, false, false, false]);

    // A tablet is wide but has no keyboard either.
    const context = await browser.newContext({
      viewport: { width: 1180, height: 820 },
      hasTouch: true,
      isMobile: true,
    });
    contexts.push(context);
    const tablet = await context.newPage();
    await loginAs(tablet, server.url, 'reviewer@example.com');
    await expect(hints(tablet)).resolves.toEqual([false, false, false, false]);
  }, 90_000);
});
