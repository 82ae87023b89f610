import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  apiLogin,
  approveByKey,
  boxOf,
  cleanBlurbFlow,
  describeBrowser,
  overlaps,
  startReviewStack,
  until,
  type ApiClient,
  type Page1,
  type ReviewStack,
} from './support/index.js';

interface TaskRow {
  id: string;
  runId: string;
  status: string;
  claimedBy?: string | null;
}

/*
 * Undo: with the reviewer's undo setting on, a decision is held in the page for a few seconds
 * before it is sent. z (or the toast's Undo) takes it back; it is sent when its time is up, at
 * once when the page goes away, and before signing out.
 */
describeBrowser('review: undoing a decision', () => {
  let stack: ReviewStack;
  let reviewer: ApiClient;
  let page: Page;

  beforeAll(async () => {
    stack = await startReviewStack();
    reviewer = await apiLogin(stack.server.url, 'reviewer@example.com');
    page = await undoPage();
  }, 300_000);

  afterAll(() => stack?.stop(), 90_000);

  /**
   * A reviewer's inbox with decisions held for 10 seconds, picked in the shortcuts dialog as a
   * reviewer does: twice the default, so the steps a test takes inside the window have room on
   * a busy machine.
   */
  async function undoPage(): Promise<Page> {
    const opened = await stack.pageFor('reviewer@example.com');
    await opened.goto(`${stack.server.url}/inbox`);
    await opened.getByRole('button', { name: 'Shortcuts' }).click();
    const hold = opened.getByLabel('Hold each decision before it is sent');
    // Signed in with holding off (loginAs). The dialog is read, not filled in: it opens on its
    // Close button, so a key typed there does not change the setting at its end.
    expect(await hold.inputValue()).toBe('0');
    await opened.keyboard.press('3');
    expect(await hold.inputValue()).toBe('0');
    await hold.selectOption({ label: '10 seconds' });
    await opened.keyboard.press('Escape');
    await opened.locator('dialog[open]').waitFor({ state: 'detached' });
    return opened;
  }

  /** Starts a run per topic and waits until each has its open review task. */
  async function tasksFor(...topics: string[]): Promise<TaskRow[]> {
    const { designer, flowId } = stack;
    const runs: string[] = [];
    for (const topic of topics) {
      const run = await designer.post<{ id: string }>(`/api/flows/${flowId}/runs`, {
        input: { topic },
      });
      runs.push(run.id);
    }
    return until(
      async () => {
        const open = await reviewer.get<Page1<TaskRow>>('/api/tasks?status=open');
        const found = runs.map((id) => open.items.find((t) => t.runId === id));
        return found.every(Boolean) ? (found as TaskRow[]) : undefined;
      },
      `the review tasks of ${topics.join(', ')}`,
    );
  }

  const taskRow = async (taskId: string) =>
    (await reviewer.get<{ task: TaskRow }>(`/api/tasks/${taskId}`)).task;
  const statusOf = async (taskId: string) => (await taskRow(taskId)).status;
  const openedTaskId = () => decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);

  async function openTask(taskId: string): Promise<void> {
    await page.goto(`${stack.server.url}/inbox/${encodeURIComponent(taskId)}`);
    await page.getByText('You are reviewing this').waitFor();
  }

  it('takes a decision back with z: the task is open again and nothing is published', async () => {
    const [first, second] = await tasksFor('undo alpha', 'undo beta');
    await openTask(first!.id);
    await approveByKey(page);
    // The page moved on at once, as it does without undo; the held task left the list.
    const toast = page.locator('.toast', { hasText: 'Approved: “undo alpha”' });
    await toast.getByRole('button', { name: 'Undo' }).waitFor();
    await expect.poll(openedTaskId).toBe(second!.id);
    await expect.poll(() => page.locator('.inbox-item', { hasText: 'undo alpha' }).count()).toBe(0);

    await page.keyboard.press('z');
    await page.locator('.toast', { hasText: 'Undone: “undo alpha”' }).waitFor();
    // It replaced the "Approved … Undo" toast, whose button would do nothing now.
    expect(await page.locator('.toast', { hasText: 'Approved: “undo alpha”' }).count()).toBe(0);
    await expect.poll(openedTaskId).toBe(first!.id);
    await page.getByText('You are reviewing this').waitFor();
    await page.locator('.inbox-item', { hasText: 'undo alpha' }).waitFor();

    // The same with the toast's button, for those who did not see the key.
    await approveByKey(page);
    await expect.poll(openedTaskId).toBe(second!.id);
    await page
      .locator('.toast', { hasText: 'Approved: “undo alpha”' })
      .getByRole('button', { name: 'Undo' })
      .click();
    await expect.poll(openedTaskId).toBe(first!.id);
    await page.getByText('You are reviewing this').waitFor();

    // Past the window: nothing was sent, the task is still open, and no post went out.
    await new Promise((resolve) => setTimeout(resolve, 11_500));
    expect(await statusOf(first!.id)).toBe('open');
    expect(
      stack.sink.requests.some((r) => (r.json as { runId?: string })?.runId === first!.runId),
    ).toBe(false);
  }, 120_000);

  it('shows held decisions beside the list, not over the next task or its decision bar', async () => {
    const [first, second, third] = await tasksFor('toast one', 'toast two', 'toast three');
    for (const viewport of [
      { width: 1280, height: 800 },
      { width: 1024, height: 768 },
    ]) {
      await page.setViewportSize(viewport);
      await openTask(first!.id);
      await approveByKey(page);
      await expect.poll(openedTaskId).toBe(second!.id);
      await page.getByText('You are reviewing this').waitFor();
      await approveByKey(page);
      await expect.poll(() => page.locator('.toast').count()).toBe(2);
      await expect.poll(openedTaskId).toBe(third!.id);
      // At the top right the pile covered the next task's title and instructions.
      for (const toast of await page.locator('.toast').all()) {
        const box = await boxOf(toast);
        for (const covered of ['#task-title', '.task-instructions', '.decision-bar']) {
          expect(
            overlaps(box, await boxOf(page.locator(covered).first())),
            `${covered} at ${viewport.width}`,
          ).toBe(false);
        }
      }
      await page.keyboard.press('z');
      await page.keyboard.press('z');
      await expect.poll(openedTaskId).toBe(first!.id);
      await expect.poll(() => page.locator('.toast', { hasText: 'Approved' }).count()).toBe(0);
    }
    await page.setViewportSize({ width: 1280, height: 800 });
  }, 120_000);

  it('sends a held decision when its time is up, and the run goes on to publish', async () => {
    const [task] = await tasksFor('undo gamma');
    await openTask(task!.id);
    const claimedBy = (await taskRow(task!.id)).claimedBy;
    expect(claimedBy).toBeTruthy();
    await approveByKey(page);
    await page.locator('.toast', { hasText: 'Approved: “undo gamma”' }).waitFor();
    expect(await statusOf(task!.id)).toBe('open');

    // Back to it with the browser: the decision still stands, and says so; it cannot be made twice.
    // The claim the view takes again is still on its way as the reviewer leaves (as on a loaded
    // machine): its late answer must not hand the claim back.
    const claimPath = `/api/tasks/${encodeURIComponent(task!.id)}/claim`;
    let answerClaim!: () => void;
    const claimAnswered = new Promise<void>((resolve) => (answerClaim = resolve));
    let claimAsked = false;
    await page.route(
      (url) => url.pathname === claimPath,
      async (route) => {
        claimAsked = true;
        await claimAnswered;
        await route.continue();
      },
    );
    await page.goBack();
    await page.getByText('Approved: your decision is sent in about').waitFor();
    const approve = page
      .getByRole('group', { name: 'Decision' })
      .getByRole('button', { name: 'Approve' });
    expect(await approve.isDisabled()).toBe(true);
    // Away again: the task stays claimed by this reviewer until the decision is sent.
    await until(async () => claimAsked || undefined, 'the view to claim the task again');
    await page.goForward();
    await expect.poll(openedTaskId).not.toBe(task!.id);
    answerClaim();
    await page.unrouteAll({ behavior: 'wait' });
    // A release would be sent as the view goes: give one the time to land before looking.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await taskRow(task!.id)).toMatchObject({ status: 'open', claimedBy });
    await until(
      async () => ((await statusOf(task!.id)) === 'decided' ? true : undefined),
      'the held approval to be sent',
    );
    await stack.sink.waitFor((r) => (r.json as { runId?: string })?.runId === task!.runId, 20_000);
  }, 120_000);

  it('tells the reviewer when a held decision could not be saved', async () => {
    const [task] = await tasksFor('undo delta');
    await openTask(task!.id);
    await approveByKey(page);
    await page.locator('.toast', { hasText: 'Approved: “undo delta”' }).waitFor();
    await stack.designer.post(`/api/runs/${task!.runId}/cancel`);
    await page
      .locator('.toast', {
        hasText: 'Your decision on “undo delta” was not saved: its run was canceled',
      })
      .waitFor({ timeout: 20_000 });
  }, 120_000);

  it('sends a held decision before signing out', async () => {
    const [task] = await tasksFor('undo epsilon');
    await openTask(task!.id);
    await approveByKey(page);
    await page.locator('.toast', { hasText: 'Approved: “undo epsilon”' }).waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    // Sent with the session still valid: after it, a held decision would have met a 401.
    await until(
      async () => ((await statusOf(task!.id)) === 'decided' ? true : undefined),
      'the held approval to be sent before signing out',
    );
  }, 120_000);

  it('sends a held decision at once when the page goes away', async () => {
    page = await undoPage();
    const [task] = await tasksFor('undo zeta');
    await openTask(task!.id);
    await approveByKey(page);
    await page.locator('.toast', { hasText: 'Approved: “undo zeta”' }).waitFor();
    // Another address: the page's timers die with it, so only the keepalive send can arrive.
    await page.goto('about:blank');
    await until(
      async () => ((await statusOf(task!.id)) === 'decided' ? true : undefined),
      'the held approval to be sent as the page went away',
    );
  }, 120_000);
  it('holds a bulk approval as one: z takes it all back, and leaving the page sends it', async () => {
    const { designer, sink } = stack;
    const blurbs = await designer.post<{ id: string }>('/api/flows', cleanBlurbFlow(sink.url));
    await designer.post(`/api/flows/${blurbs.id}/publish`);
    for (const topic of ['bulk one', 'bulk two']) {
      await designer.post(`/api/flows/${blurbs.id}/runs`, { input: { topic } });
    }
    const blurbTasks = await until(async () => {
      const open =
        await reviewer.get<Page1<TaskRow & { flowId: string }>>('/api/tasks?status=open');
      const mine = open.items.filter((t) => t.flowId === blurbs.id);
      return mine.length === 2 ? mine : undefined;
    }, 'two blurb tasks');
    page = await undoPage();
    await page.getByLabel('Flow').selectOption({ label: 'Newsletter blurb' });
    const items = page.locator('.inbox-item');
    await expect.poll(() => items.count()).toBe(2);

    const approveBoth = async () => {
      await page.getByRole('button', { name: 'Approve 2 clean' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Approve 2' }).click();
      const toast = page.locator('.toast', { hasText: 'Approving 2 tasks…' });
      await toast.getByRole('button', { name: 'Undo' }).waitFor();
      // Held, the tasks leave the list at once, as a single held decision's does.
      await expect.poll(() => items.count()).toBe(0);
    };
    await approveBoth();
    await page.keyboard.press('z');
    await page.locator('.toast', { hasText: 'Undone: 2 tasks are open again.' }).waitFor();
    await expect.poll(() => items.count()).toBe(2);
    for (const task of blurbTasks) expect(await statusOf(task.id)).toBe('open');

    await approveBoth();
    // Another address: the page's timers die with it, so only the keepalive sends can arrive.
    await page.goto('about:blank');
    for (const task of blurbTasks) {
      await until(
        async () => ((await statusOf(task.id)) === 'decided' ? true : undefined),
        'the held bulk approval to be sent as the page went away',
      );
    }
  }, 120_000);
});
