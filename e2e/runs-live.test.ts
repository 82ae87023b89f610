import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  describeBrowser,
  startReviewStack,
  type ApiClient,
  type ReviewStack,
} from './support/index.js';

/* The runs pages keep up on their own: nobody should have to reload to see what is happening. */

describeBrowser('runs pages stay live', () => {
  let stack: ReviewStack;
  let designer: ApiClient;
  let page: Page;

  beforeAll(async () => {
    stack = await startReviewStack();
    designer = stack.designer;
    page = await stack.pageFor('designer@example.com');
  }, 300_000);

  afterAll(() => stack?.stop(), 90_000);

  it('lists a run started after the page loaded, and not one its filter hides', async () => {
    const { server, flowId } = stack;
    await page.goto(`${server.url}/runs`);
    await page.getByText('No runs match').waitFor();
    const run = await designer.post<{ id: string }>(`/api/flows/${flowId}/runs`, {
      input: { topic: 'the live list' },
    });
    await page.getByRole('link', { name: run.id }).waitFor({ timeout: 10_000 });

    await page.getByLabel('Status').selectOption({ label: 'Failed' });
    await page.getByText('No runs match').waitFor();
    await designer.post(`/api/flows/${flowId}/runs`, { input: { topic: 'another' } });
    await page.waitForTimeout(1_500);
    await expect(page.locator('tbody tr').count()).resolves.toBe(0);
  }, 60_000);

  it('counts up the time a step has been waiting', async () => {
    const { server, flowId } = stack;
    const run = await designer.post<{ id: string }>(`/api/flows/${flowId}/runs`, {
      input: { topic: 'the ticking clock' },
    });
    await page.goto(`${server.url}/runs/${run.id}`);
    // Once the page has loaded all it shows, nothing else re-renders it: only the clock can.
    await page.getByText('Spring launch post v1').waitFor();
    const waiting = page.locator('.tl-step', { hasText: 'Waiting' });
    await waiting.waitFor();
    await page.waitForTimeout(1_000);
    const first = await waiting.locator('.tl-head').innerText();
    await page.waitForTimeout(2_200);
    expect(await waiting.locator('.tl-head').innerText()).not.toBe(first);
  }, 60_000);
});
