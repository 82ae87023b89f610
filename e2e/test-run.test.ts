import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  apiLogin,
  describeBrowser,
  fitFlow,
  loginAs,
  saveScreenshot,
  selectStep,
  socialReviewFlow,
  startDesignerStack,
  until,
  type ApiClient,
  type DesignerStack,
  type Page1,
} from './support/index.js';

/*
 * A designer tries a flow safely: the editor's Test run starts a test run by default, its
 * checkpoint asks the designer right in the editor (never a reviewer), and its publish step sends
 * nothing but shows what it would have sent, and where. At 1024×768, by the designer's hand.
 */
describeBrowser('test runs', () => {
  let stack: DesignerStack | undefined;
  let designer: ApiClient;
  let reviewer: ApiClient;
  let page: Page;
  let flowId: string;

  beforeAll(async () => {
    stack = await startDesignerStack();
    designer = stack.designer;
    reviewer = await apiLogin(stack.server.url, 'reviewer@example.com');
    const flow = await designer.post<{ id: string }>(
      '/api/flows',
      socialReviewFlow(stack.sink.url),
    );
    flowId = flow.id;
    await designer.post(`/api/flows/${flowId}/publish`);
    page = await stack.designerPage({ width: 1024, height: 768 });
  }, 300_000);

  afterAll(() => stack?.stop(), 90_000);

  const TOPIC = 'the safe trial balloon';
  const node = (id: string) => page.getByTestId(`node-${id}`);
  const bar = () => page.getByTestId('run-bar');

  /** The test run's id, once the editor has started it. */
  async function testRunId(): Promise<string> {
    return until(async () => {
      const runs = await designer.get<Page1<{ id: string; test?: boolean }>>(
        `/api/runs?flowId=${flowId}&test=true`,
      );
      return runs.items[0]?.id;
    }, 'the test run to be listed');
  }

  it('starts a test run from the editor by default, with no real-run warning', async () => {
    const { server } = stack!;
    await page.goto(`${server.url}/flows/${flowId}`);
    await page.getByRole('button', { name: 'Test run', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Test run' });
    await dialog.getByLabel('Topic').fill(TOPIC);
    const testChoice = dialog.getByRole('radio', { name: /^Test run/ });
    expect(await testChoice.isChecked()).toBe(true);
    expect(await dialog.getByTestId('run-real-effects').count()).toBe(0);
    // The button follows the choice, both ways.
    await dialog.getByRole('radio', { name: /^Real run/ }).check();
    await dialog.getByTestId('run-real-effects').waitFor();
    await dialog.getByRole('button', { name: 'Start real run', exact: true }).waitFor();
    await testChoice.check();
    expect(await dialog.getByTestId('run-real-effects').count()).toBe(0);
    await dialog.getByRole('button', { name: 'Start test run', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });

    await bar().getByText('Test run', { exact: true }).waitFor();
    await bar().getByText('Waiting for your review').waitFor({ timeout: 60_000 });
    await node('review').and(page.locator('[data-status="waiting"]')).waitFor();
  }, 120_000);

  it('never puts the test task in a reviewer’s inbox', async () => {
    const { server, browser } = stack!;
    const runId = await testRunId();
    const open = await reviewer.get<Page1<{ runId: string }>>('/api/tasks?status=open');
    expect(open.items.some((t) => t.runId === runId)).toBe(false);

    // A real run's task beside it shows the inbox has loaded and would list a task.
    await designer.post(`/api/flows/${flowId}/runs`, { input: { topic: 'the real one' } });
    const inbox = await browser.newPage({ viewport: { width: 1024, height: 768 } });
    await loginAs(inbox, server.url, 'reviewer@example.com', { at: '/inbox' });
    await inbox
      .locator('.inbox-item', { hasText: 'Review post: the real one' })
      .waitFor({ timeout: 60_000 });
    expect(await inbox.locator('.inbox-item', { hasText: TOPIC }).count()).toBe(0);
    await inbox.close();
  }, 120_000);

  it('lets the designer send the draft back, then edit and approve it, in the editor', async () => {
    await bar().getByRole('button', { name: 'Review it here' }).click();
    const review = page.getByTestId('test-review');
    await review.waitFor();
    // The keyboard lands on the review, one Tab from its decisions.
    await expect
      .poll(() => review.evaluate((el) => el.contains(document.activeElement)))
      .toBe(true);
    const firstTask = await review.getAttribute('data-task-id');
    await saveScreenshot(page, 'editor-test-review');
    expect(await review.getByTestId('test-review-content').innerText()).not.toBe('');

    // Request changes needs a note.
    await review.getByRole('button', { name: 'Request changes' }).click();
    const dialog = page.getByRole('dialog', { name: 'Request changes in this test run' });
    await dialog.getByRole('button', { name: 'Send back for changes' }).click();
    await dialog.getByText('Say what should change').waitFor();
    await dialog.getByLabel(/What should change/).fill('Mention the trail.');
    await page.keyboard.press('ControlOrMeta+Enter');
    await dialog.waitFor({ state: 'detached' });

    // The AI step writes again, and the checkpoint asks again, on a new task.
    await until(
      async () => {
        const id = await page
          .getByTestId('test-review')
          .getAttribute('data-task-id', { timeout: 1_000 })
          .catch(() => null);
        return id && id !== firstTask ? id : undefined;
      },
      'the redraft to wait for review',
      60_000,
    );
    await review.getByRole('button', { name: 'Edit', exact: true }).click();
    const editor = review.getByLabel('Edit the content');
    await editor.fill('Spring on the trail: edited in a test run.');
    await review.getByRole('button', { name: 'Approve with edits' }).click();
    await page.locator('[data-testid="run-bar"][data-run-status="succeeded"]').waitFor({
      timeout: 60_000,
    });
  }, 180_000);

  it('shows the publish step as not sent, with where and what it would have sent', async () => {
    await node('post').getByText('Not sent (test)').waitFor();
    // At 1024 px the review's settings cover the end of the flow: closed, the whole flow shows.
    await page.getByRole('button', { name: 'Close settings' }).click();
    await fitFlow(page);
    await selectStep(page, 'post');
    const wouldSend = page.getByTestId('inspector').getByTestId('would-send');
    await wouldSend.getByText('Not sent — test run').waitFor();
    // Where: the webhook's host (the server masks its path, where secrets may sit).
    expect(await wouldSend.innerText()).toContain(`Would go to ${stack!.sink.url}`);
    expect(await wouldSend.innerText()).toContain('Spring on the trail: edited in a test run.');
    // Nothing reached the receiver.
    expect(stack!.sink.requests.some((r) => r.body.includes('edited in a test run'))).toBe(false);
  }, 60_000);

  it('marks the test run in the runs list, filters by kind, and says so on its page', async () => {
    const { server } = stack!;
    const runId = await testRunId();
    await page.goto(`${server.url}/runs`);
    const row = page.locator('.runs-table tbody tr', { has: page.locator(`text=${runId}`) });
    await row.getByTestId('test-run-badge').waitFor();

    const kind = page.getByTestId('run-kind-filter');
    await kind.selectOption({ label: 'Test runs' });
    await page.waitForURL(/[?&]test=true/);
    await row.waitFor();
    const rows = page.locator('.runs-table tbody tr');
    await until(
      async () => ((await rows.count()) === 1 ? true : undefined),
      'only the test run to be listed',
    );

    await kind.selectOption({ label: 'Real runs' });
    await page.waitForURL(/[?&]test=false/);
    await page.locator('.runs-table tbody tr', { hasText: 'the real one' }).first().waitFor();
    expect(await row.count()).toBe(0);

    await page.goto(`${server.url}/runs/${runId}`);
    await page
      .getByTestId('test-run-notice')
      .getByText(/nothing was sent/)
      .waitFor();
    await page.getByTestId('test-run-badge').waitFor();
    await page.getByTestId('would-send').getByText('Not sent — test run').waitFor();
    const post = page.locator('.tl-step', { hasText: 'Post to LinkedIn' });
    await post.getByText('Not sent (test)', { exact: true }).waitFor();
  }, 90_000);
});
