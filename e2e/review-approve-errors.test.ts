import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  apiLogin,
  cleanBlurbFlow,
  describeBrowser,
  startEditing,
  socialReviewFlow,
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
}

/*
 * The decision bar's second yes and its labels. The social post's brand check flags its banned
 * phrase as an error: one `a` approved it at once. Approving now asks "Approve despite 1 error?"
 * first (`a` or Enter again approves, Esc goes back). Also: the edit mode's labels at a laptop
 * and a phone width, and a rejection undone and asked again, which reopened filled in.
 */
describeBrowser('review: approving content the checks marked as wrong', () => {
  let stack: ReviewStack;
  let reviewer: ApiClient;
  let page: Page;

  beforeAll(async () => {
    stack = await startReviewStack();
    reviewer = await apiLogin(stack.server.url, 'reviewer@example.com');
    page = await stack.pageFor('reviewer@example.com', undefined, 1440);
  }, 300_000);

  afterAll(() => stack?.stop(), 90_000);

  async function taskFor(topic: string, flowId = stack.flowId): Promise<TaskRow> {
    const { designer } = stack;
    const run = await designer.post<{ id: string }>(`/api/flows/${flowId}/runs`, {
      input: { topic },
    });
    return until(async () => {
      const open = await reviewer.get<Page1<TaskRow>>('/api/tasks?status=open');
      return open.items.find((t) => t.runId === run.id);
    }, `the review task of ${topic}`);
  }

  const statusOf = async (taskId: string) =>
    (await reviewer.get<{ task: TaskRow }>(`/api/tasks/${taskId}`)).task.status;

  async function openTask(on: Page, taskId: string): Promise<void> {
    await on.goto(`${stack.server.url}/inbox/${encodeURIComponent(taskId)}`);
    await on.getByText('You are reviewing this').waitFor();
  }

  /** The social post with the topic's own words banned: every draft names its topic. */
  async function bannedWordsFlow(...words: string[]): Promise<string> {
    const flow = socialReviewFlow(stack.sink.url);
    const nodes = flow.graph.nodes.map((n) =>
      n.id === 'brand' ? { ...n, config: { bannedPhrases: words, requireDisclaimers: false } } : n,
    );
    const { designer } = stack;
    const created = await designer.post<{ id: string }>('/api/flows', {
      ...flow,
      name: 'Banned words post',
      graph: { ...flow.graph, nodes },
    });
    await designer.post(`/api/flows/${created.id}/publish`);
    return created.id;
  }

  it('asks before approving an item with error flags: a again approves, Esc goes back', async () => {
    const flowId = await bannedWordsFlow('forbidden', 'secret sauce');
    const task = await taskFor('the forbidden secret sauce', flowId);
    await openTask(page, task.id);
    const question = page.locator('.decision-confirm', { hasText: 'Approve despite 2 errors?' });

    await page.keyboard.press('a');
    await question.waitFor();
    const yes = page.getByRole('button', { name: /^Approve anyway/ });
    await expect.poll(() => yes.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await statusOf(task.id)).toBe('open');

    await page.keyboard.press('Escape');
    await question.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Reject' }).waitFor();
    expect(await statusOf(task.id)).toBe('open');

    // The button asks too; Enter on the focused Approve anyway answers.
    await page.getByRole('button', { name: 'Approve', exact: true }).click();
    await question.waitFor();
    expect(await statusOf(task.id)).toBe('open');
    await page.keyboard.press('a');
    await expect.poll(() => statusOf(task.id)).toBe('decided');
  }, 120_000);

  it('labels the edit mode once and keeps its bar to one row at 1440 px', async () => {
    await page.setViewportSize({ width: 1440, height: 900 });
    const task = await taskFor('the wide screen');
    await openTask(page, task.id);
    const editor = await startEditing(page);
    await editor.press('End');
    await editor.type(' Edited.');
    await page.getByRole('button', { name: /^Approve with edits/ }).waitFor();
    await page.getByRole('button', { name: /^Done editing/ }).waitFor();
    expect(await page.getByRole('button', { name: /^Preview/ }).count()).toBe(0);
    // Undo edits sits with the changes; in the bar it wrapped the bar over the preview.
    await page.getByRole('button', { name: 'Undo edits' }).waitFor();
    const tops = await page
      .locator('.decision-bar .btn')
      .evaluateAll((els) => els.map((el) => Math.round(el.getBoundingClientRect().top)));
    expect(new Set(tops).size, JSON.stringify(tops)).toBe(1);
  }, 120_000);

  it('shows no stray "+" on a phone, where the key hints are hidden', async () => {
    const task = await taskFor('the phone hints');
    const phone = await stack.pageFor('reviewer@example.com', undefined, 390);
    await openTask(phone, task.id);
    await startEditing(phone);
    const approve = phone.locator('.decision-bar .btn-primary');
    await expect.poll(() => approve.innerText()).toBe('Approve');
    await phone.close();
  }, 120_000);

  it('reopens a rejection that was undone empty, not with the old reason and tags', async () => {
    const task = await taskFor('the undone rejection');
    await page.getByRole('button', { name: 'Shortcuts' }).click();
    await page.getByLabel('Hold each decision before it is sent').selectOption({
      label: '10 seconds',
    });
    await page.keyboard.press('Escape');
    await page.locator('dialog[open]').waitFor({ state: 'detached' });
    await openTask(page, task.id);

    await page.keyboard.press('r');
    const reason = page.getByLabel('Reason');
    await reason.waitFor();
    await page.keyboard.type('Too thin.');
    await page.getByLabel('tone', { exact: true }).check();
    await page.keyboard.press('ControlOrMeta+Enter');
    await page.locator('.toast', { hasText: 'Rejected' }).waitFor();
    await page.keyboard.press('z');
    await page.locator('.toast', { hasText: 'Undone' }).waitFor();
    await openTask(page, task.id);

    await page.keyboard.press('r');
    await reason.waitFor();
    expect(await reason.inputValue()).toBe('');
    expect(await page.getByLabel('tone', { exact: true }).isChecked()).toBe(false);
    await page.keyboard.type('Off topic.');
    expect(await reason.inputValue()).toBe('Off topic.');
    // Its Space went into the reason: no tag was ticked by it.
    expect(await page.locator('dialog[open] input[type="checkbox"]:checked').count()).toBe(0);
    await page.keyboard.press('Escape');
    expect(await statusOf(task.id)).toBe('open');
  }, 120_000);

  it('names checkpoints by their step, and says why bulk approve waits for one', async () => {
    const { designer, sink, server } = stack;
    for (const name of ['Weekly blurb', 'Monthly blurb']) {
      const flow = await designer.post<{ id: string }>('/api/flows', {
        ...cleanBlurbFlow(sink.url),
        name,
      });
      await designer.post(`/api/flows/${flow.id}/publish`);
      for (const topic of [`${name} one`, `${name} two`])
        await designer.post(`/api/flows/${flow.id}/runs`, { input: { topic } });
    }
    const inbox = await stack.pageFor('reviewer@example.com');
    await inbox.goto(`${server.url}/inbox`);
    const blurbs = inbox.locator('.inbox-item', { hasText: /(Weekly|Monthly) blurb (one|two)/ });
    await expect.poll(() => blurbs.count(), { timeout: 30_000 }).toBe(4);

    const options = await inbox.getByLabel('Checkpoint').locator('option').allInnerTexts();
    expect(options).toContain('Weekly blurb · Review blurb (2)');
    expect(options.filter((o) => /· review \(/.test(o))).toEqual([]);

    // Two checkpoints in view: no button, and a line that says what to do.
    await inbox.getByText(/clean tasks from several checkpoints: pick a checkpoint/).waitFor();
    expect(await inbox.getByRole('button', { name: /^Approve \d+ clean/ }).count()).toBe(0);
    await inbox.getByLabel('Checkpoint').selectOption({ label: 'Weekly blurb · Review blurb (2)' });
    await inbox.getByRole('button', { name: 'Approve 2 clean' }).waitFor();
    await inbox.close();
  }, 120_000);
});
