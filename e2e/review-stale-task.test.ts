import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  apiLogin,
  describeBrowser,
  startReviewStack,
  until,
  type ApiClient,
  type Page1,
  type ReviewStack,
} from './support/index.js';

/*
 * A task that closes under the reviewer while it is open on screen (its run canceled, decided
 * in another tab or by someone else): the keyboard keeps working from where the reviewer was.
 */
describeBrowser('review: a task that closes while it is open', () => {
  let stack: ReviewStack;
  let reviewer: ApiClient;
  let page: Page;

  beforeAll(async () => {
    stack = await startReviewStack();
    reviewer = await apiLogin(stack.server.url, 'reviewer@example.com');
    page = await stack.pageFor('reviewer@example.com');
  }, 300_000);

  afterAll(() => stack?.stop(), 90_000);

  it('says why a decision key does nothing, and j goes on to the task that followed', async () => {
    const { server, designer, flowId } = stack;
    const runs: string[] = [];
    for (const topic of ['stale first', 'stale middle', 'stale last']) {
      runs.push(
        (await designer.post<{ id: string }>(`/api/flows/${flowId}/runs`, { input: { topic } })).id,
      );
    }
    await until(async () => {
      const tasks = await reviewer.get<Page1<{ runId: string }>>('/api/tasks?status=open');
      return runs.every((id) => tasks.items.some((t) => t.runId === id)) || undefined;
    }, 'the three review tasks');
    await page.goto(`${server.url}/inbox`);
    const items = page.locator('.inbox-item');
    await expect.poll(() => items.count()).toBe(3);
    const order = await items.evaluateAll((els) =>
      els.map((el) => el.getAttribute('data-task-id')),
    );

    await items.nth(1).click();
    await page.getByText('You are reviewing this').waitFor();
    const open = await reviewer.get<{ task: { runId: string } }>(`/api/tasks/${order[1]}`);
    await designer.post(`/api/runs/${open.task.runId}/cancel`);
    await page.getByText('This task was canceled with its run').waitFor();
    await expect.poll(() => items.count()).toBe(2);

    // The decision keys said nothing at all: the reviewer kept pressing a.
    await page.keyboard.press('a');
    await page.locator('.toast', { hasText: 'Press j for the next task.' }).waitFor();

    // j went back to the top of the list, not on to the task that followed the closed one.
    await page.keyboard.press('j');
    await expect
      .poll(() => decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!))
      .toBe(order[2]);
    await page.getByText('You are reviewing this').waitFor();
  }, 120_000);
});
