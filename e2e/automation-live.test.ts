import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  apiLogin,
  describeBrowser,
  startReviewStack,
  until,
  type ApiClient,
  type Page1,
  socialReviewFlow,
  type ReviewStack,
} from './support/index.js';

/*
 * The automation console's evidence and suggestions follow the reviewers' decisions as they
 * happen: a manager deciding how far to automate reads the numbers of the decision just taken,
 * and the corrections it brought up, without reloading.
 */
describeBrowser('automation console: live evidence', () => {
  let stack: ReviewStack;
  let reviewer: ApiClient;
  let manager: Page;

  beforeAll(async () => {
    stack = await startReviewStack();
    reviewer = await apiLogin(stack.server.url, 'reviewer@example.com');
    manager = await stack.pageFor('manager@example.com');
  }, 300_000);

  afterAll(() => stack?.stop(), 90_000);

  /** Starts a run and returns its review task once the run waits on it. */
  async function taskOfNewRun(topic: string): Promise<string> {
    const run = await stack.designer.post<{ id: string }>(`/api/flows/${stack.flowId}/runs`, {
      input: { topic },
    });
    return until(async () => {
      const tasks =
        await reviewer.get<Page1<{ id: string; runId: string }>>(`/api/tasks?status=open`);
      return tasks.items.find((t) => t.runId === run.id)?.id;
    }, `the review task of ${topic}`);
  }

  it('updates the counts and rates as reviewers decide, without a reload', async () => {
    await manager.goto(`${stack.server.url}/automation/${stack.flowId}`);
    const card = manager.locator('[data-node-id="review"]');
    await card.getByRole('radio', { name: 'Review all' }).waitFor();
    const figure = async (label: RegExp) =>
      (
        await card.locator('.evidence > div', { hasText: label }).locator('dd').allTextContents()
      )[0];
    expect(await figure(/^Decisions/)).not.toBe('1');

    const first = await taskOfNewRun('live one');
    await reviewer.post(`/api/tasks/${first}/decision`, { action: 'approve' });
    await expect.poll(() => figure(/^Decisions/), { timeout: 10_000 }).toBe('1');
    expect(await figure(/^Rejected/)).toBe('0% (0 of 1)');

    const second = await taskOfNewRun('live two');
    await reviewer.post(`/api/tasks/${second}/decision`, {
      action: 'reject',
      reason: 'Off brand',
    });
    await expect.poll(() => figure(/^Decisions/), { timeout: 10_000 }).toBe('2');
    expect(await figure(/^Rejected/)).toBe('50% (1 of 2)');
  }, 120_000);

  it('shows a suggestion mined from reviewers’ edits as it is proposed, without a reload', async () => {
    const suggestions = manager.locator('section.suggestions');
    await suggestions.getByText('No open suggestions').waitFor();
    for (const topic of [
      'Teams leverage dashboards',
      'We leverage forecasts',
      'Leverage reports',
    ]) {
      const id = await taskOfNewRun(topic);
      const { task } = await reviewer.get<{ task: { content: { text: string } } }>(
        `/api/tasks/${id}`,
      );
      await reviewer.post(`/api/tasks/${id}/decision`, {
        action: 'edit',
        content: task.content.text.replace(/leverage/gi, 'use'),
      });
    }
    await suggestions.getByText('Write "use" instead of "leverage"').waitFor({ timeout: 20_000 });
  }, 120_000);

  it('says before a raise what it lets through, in counts, and warns past the evidence', async () => {
    const card = manager.locator('[data-node-id="review"]');
    await card.getByRole('radio', { name: 'Spot check' }).click();
    const form = card.locator('form.change-form');
    // The form named the levels only: the counts sat in a table of rates beside it.
    await expect
      .poll(() => form.locator('.level-consequence').textContent())
      .toMatch(/reviewers fixed or stopped \d+ .*rejected\. At Spot check, clean items/);
    expect(await form.locator('.level-warning').textContent()).toMatch(
      /^Further than the evidence supports: /,
    );
    await card.getByRole('button', { name: 'Cancel' }).click();
    await card.getByText('Now Review all').waitFor();
  }, 60_000);

  it('keeps a keyboard user on the level control when the change form closes', async () => {
    const card = manager.locator('[data-node-id="review"]');
    const focused = () =>
      manager.evaluate(() => {
        const el = document.activeElement;
        return `${el?.getAttribute('role')}:${el?.getAttribute('aria-checked')}:${el?.textContent}`;
      });
    await card.getByRole('radio', { name: 'Review all' }).focus();
    await manager.keyboard.press('ArrowRight');
    await card.getByRole('button', { name: 'Cancel' }).focus();
    await manager.keyboard.press('Enter');
    // The focused Cancel button went with the form: focus fell to the page body.
    await expect.poll(focused).toBe('radio:true:Review all');

    await manager.keyboard.press('ArrowRight');
    await card.getByRole('button', { name: 'Apply change' }).focus();
    await manager.keyboard.press('Enter');
    // A missing reason: focus goes to the field to fix.
    await expect
      .poll(() => manager.evaluate(() => document.activeElement?.tagName))
      .toBe('TEXTAREA');
    await manager.keyboard.type('Clean for weeks');
    await card.getByRole('button', { name: 'Apply change' }).focus();
    await manager.keyboard.press('Enter');
    await expect.poll(focused).toBe('radio:true:Review flagged');
  }, 60_000);

  it('applies a level change on Ctrl+Enter in the reason, as the inbox dialogs send', async () => {
    // After the test before, the checkpoint is at Review flagged: back down to Review all.
    const card = manager.locator('[data-node-id="review"]');
    await card.getByText('Now Review flagged').waitFor();
    await card.getByRole('radio', { name: 'Review flagged' }).focus();
    await manager.keyboard.press('ArrowLeft');
    await card.getByText('Change from Review flagged to Review all').waitFor();
    await card.getByLabel('Reason').focus();
    await manager.keyboard.type('Quality slipped this week');
    // Ctrl+Enter did nothing: the manager had to Tab on to Apply change.
    await manager.keyboard.press('ControlOrMeta+Enter');
    await card.getByText('Now Review all').waitFor();
    await expect(card.locator('form.change-form').count()).resolves.toBe(0);
  }, 60_000);

  it('shows the flow picked, not a late answer for the flow just left', async () => {
    // A second flow whose checkpoint has the same node id, at another level.
    const other = await stack.designer.post<{ id: string }>('/api/flows', {
      ...socialReviewFlow(stack.sink.url),
      name: 'Autumn launch post',
    });
    await stack.designer.post(`/api/flows/${other.id}/publish`);
    const api = await apiLogin(stack.server.url, 'manager@example.com');
    await api.put(`/api/flows/${other.id}/automation/review`, {
      level: 'spot_check',
      reason: 'Clean for weeks',
    });
    const page = await stack.pageFor('manager@example.com');
    // The first flow's checkpoints answer slowly, after the manager has moved on.
    await page.route(`**/api/flows/${stack.flowId}/automation`, async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      await route.continue();
    });
    await page.goto(`${stack.server.url}/automation/${stack.flowId}`);
    const picker = page.getByRole('combobox', { name: 'Flow' });
    await picker
      .locator('option', { hasText: 'Autumn launch post' })
      .waitFor({ state: 'attached' });
    await picker.selectOption(other.id);
    const now = page.locator('[data-node-id="review"] .checkpoint-head p');
    await expect.poll(() => now.textContent(), { timeout: 10_000 }).toMatch(/Now Spot check/);
    await page.waitForTimeout(2_500);
    expect(await now.textContent()).toMatch(/Now Spot check/);
    expect(await page.locator('[data-node-id="review"]').count()).toBe(1);
  }, 90_000);
});
