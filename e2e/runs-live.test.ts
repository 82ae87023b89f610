import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  apiLogin,
  describeBrowser,
  loginAs,
  startReviewStack,
  until,
  type ApiClient,
  type Page1,
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
    await page.getByText('No runs yet').waitFor();
    await page.getByRole('link', { name: 'Open your flows' }).waitFor();
    // A manager cannot open flows: their empty list does not send them there.
    const manager = await stack.pageFor('manager@example.com');
    await manager.goto(`${server.url}/runs`);
    await manager.getByText('No runs yet').waitFor();
    expect(await manager.getByRole('link', { name: 'Open your flows' }).count()).toBe(0);
    await manager.close();
    const run = await designer.post<{ id: string }>(`/api/flows/${flowId}/runs`, {
      input: { topic: 'the live list' },
    });
    // Listed by what it is about, the id kept underneath for support.
    const row = page.locator('tbody tr', {
      has: page.getByRole('link', { name: 'the live list' }),
    });
    await row.waitFor({ timeout: 10_000 });
    // On a 1024 px window the run id keeps to one line (it used to break into five).
    await page.setViewportSize({ width: 1024, height: 768 });
    const lines = await row
      .getByText(run.id, { exact: true })
      .evaluate((el) => el.getClientRects().length);
    await page.setViewportSize({ width: 1360, height: 900 });
    expect(lines).toBe(1);

    await page.getByLabel('Status').selectOption({ label: 'Failed' });
    await page.getByText('No runs match').waitFor();
    await designer.post(`/api/flows/${flowId}/runs`, { input: { topic: 'another' } });
    await page.waitForTimeout(1_500);
    await expect(page.locator('tbody tr').count()).resolves.toBe(0);
    // The empty state offers the way out of the filter.
    await page.getByRole('link', { name: 'Show all runs' }).click();
    await page.locator('tbody tr').first().waitFor();
    await expect(page.getByLabel('Status').inputValue()).resolves.toBe('');
  }, 60_000);

  it('keeps "started" times on the list current while it stays open', async () => {
    const { server, flowId } = stack;
    const watcher = await stack.browser.newContext({ viewport: { width: 1360, height: 900 } });
    stack.contexts.push(watcher);
    const listPage = await watcher.newPage();
    await listPage.clock.install();
    await loginAs(listPage, server.url, 'designer@example.com');
    await designer.post(`/api/flows/${flowId}/runs`, { input: { topic: 'the aging row' } });
    await listPage.goto(`${server.url}/runs`);
    const row = listPage.locator('tbody tr', { hasText: 'the aging row' });
    await row.locator('time').getByText('just now').waitFor();
    // The wall clock moves on without firing timers; then half a minute passes, short of the
    // socket's heartbeat timeout, so only the list's own clock can re-render the row.
    await listPage.clock.setSystemTime(Date.now() + 3 * 60_000);
    await listPage.clock.runFor('00:31');
    await row
      .locator('time')
      .getByText(/^[34] minutes ago$/)
      .waitFor({ timeout: 5_000 });
    await listPage.close();
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
    // Named as the designer labelled it in the version the run pinned.
    await waiting.filter({ hasText: 'Review the post' }).waitFor();
    // Waiting for what, in the words the run's own status and the canvas use.
    await expect(waiting.locator('.badge').textContent()).resolves.toBe('Waiting for review');
    await page.waitForTimeout(1_000);
    const first = await waiting.locator('.tl-head').innerText();
    await page.waitForTimeout(2_200);
    expect(await waiting.locator('.tl-head').innerText()).not.toBe(first);
  }, 60_000);

  it('asks before canceling a run, and keeps it running when the designer changes their mind', async () => {
    const { server, flowId } = stack;
    const run = await designer.post<{ id: string }>(`/api/flows/${flowId}/runs`, {
      input: { topic: 'the second thought' },
    });
    await page.goto(`${server.url}/runs/${run.id}`);
    await page.locator('.tl-step', { hasText: 'Waiting' }).waitFor();
    await page.getByRole('button', { name: 'Cancel run' }).click();
    const dialog = page.getByRole('dialog', { name: 'Cancel this run?' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Keep it running' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect(designer.get<{ status: string }>(`/api/runs/${run.id}`)).resolves.toMatchObject({
      status: 'waiting',
    });

    await page.getByRole('button', { name: 'Cancel run' }).click();
    await dialog.getByRole('button', { name: 'Cancel run' }).click();
    await page.getByText('Run canceled').waitFor();
    // Focus lands on the banner that says so, not back at the top of the document.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent ?? ''))
      .toContain('This run was canceled by Dana Designer');
    await expect(designer.get<{ status: string }>(`/api/runs/${run.id}`)).resolves.toMatchObject({
      status: 'canceled',
    });
  }, 60_000);

  it('offers Cancel run only to those who may cancel: not to the reviewer of its task', async () => {
    const { server, flowId } = stack;
    const run = await designer.post<{ id: string }>(`/api/flows/${flowId}/runs`, {
      input: { topic: 'not theirs to cancel' },
    });
    const reviewerPage = await stack.pageFor('reviewer@example.com');
    await reviewerPage.goto(`${server.url}/runs/${run.id}`);
    await reviewerPage.locator('.tl-step', { hasText: 'Waiting' }).waitFor();
    await reviewerPage.getByText('Waiting for review', { exact: true }).first().waitFor();
    await expect(reviewerPage.getByRole('button', { name: 'Cancel run' }).count()).resolves.toBe(0);
    await reviewerPage.close();
    await page.goto(`${server.url}/runs/${run.id}`);
    await page.getByRole('button', { name: 'Cancel run' }).waitFor();
    await designer.post(`/api/runs/${run.id}/cancel`);
  }, 60_000);

  it("shows a designer the review work they may see but not decide, with the deciders' names", async () => {
    const { server, flowId } = stack;
    const reviewer = await apiLogin(server.url, 'reviewer@example.com');
    const openCount = async () => {
      const counts =
        await designer.get<Page1<{ flowId: string; open: number }>>('/api/tasks/open-counts');
      return counts.items.find((c) => c.flowId === flowId)?.open ?? 0;
    };
    const run = await designer.post<{ id: string }>(`/api/flows/${flowId}/runs`, {
      input: { topic: 'seen, not decided' },
    });
    const task = await until(async () => {
      const page = await reviewer.get<Page1<{ id: string }>>(`/api/tasks?runId=${run.id}`);
      return page.items[0];
    }, 'the run to wait for review');
    const label = (open: number) => (open === 0 ? '—' : `${open} open`);
    const withTask = await openCount();
    await page.goto(`${server.url}/flows`);
    const row = page.getByTestId(`flow-row-${flowId}`);
    await row.getByText(label(withTask)).waitFor();
    // The last run's status reads as on the runs pages, not as the raw "waiting".
    await row.getByText('Waiting for review', { exact: true }).waitFor();

    await page.goto(`${server.url}/runs/${run.id}`);
    const review = page.getByTestId('run-review');
    await review.getByText('Waiting for a reviewer').waitFor();
    // The decision arrives live, under the reviewer's name rather than their user id.
    await reviewer.post(`/api/tasks/${task.id}/decision`, {
      action: 'reject',
      reason: 'Too salesy for LinkedIn',
    });
    await review.getByText('Rejected by Rae Reviewer').waitFor({ timeout: 10_000 });
    await review.getByText('“Too salesy for LinkedIn”').waitFor();
    expect(await review.innerText()).not.toMatch(/usr_/);
    // "Succeeded" alone read as "it went out": the top of the page says why nothing did.
    await page
      .getByTestId('run-outcome')
      .getByText(
        'Nothing was published: Rae Reviewer rejected it at Review the post (“Too salesy for LinkedIn”).',
      )
      .waitFor({ timeout: 10_000 });

    // On the flows list the count follows new and ended review work without a reload.
    await page.goto(`${server.url}/flows`);
    await row.getByText(label(withTask - 1)).waitFor();
    const other = await designer.post<{ id: string }>(`/api/flows/${flowId}/runs`, {
      input: { topic: 'one more' },
    });
    await row.getByText(label(withTask)).waitFor({ timeout: 10_000 });
    await designer.post(`/api/runs/${other.id}/cancel`);
    await row.getByText(label(withTask - 1)).waitFor({ timeout: 10_000 });
  }, 90_000);

  it('shows a rejected run as rejected in the list as it happens, and says why its steps read as they do', async () => {
    const { server, flowId } = stack;
    const reviewer = await apiLogin(server.url, 'reviewer@example.com');
    const run = await designer.post<{ id: string }>(`/api/flows/${flowId}/runs`, {
      input: { topic: 'turned down in review' },
    });
    const task = await until(async () => {
      const page = await reviewer.get<Page1<{ id: string }>>(`/api/tasks?runId=${run.id}`);
      return page.items[0];
    }, 'the run to wait for review');
    await page.goto(`${server.url}/runs?flowId=${flowId}`);
    const row = page.locator('tbody tr', { hasText: run.id });
    await row.getByText('Waiting for review', { exact: true }).waitFor();
    await reviewer.post(`/api/tasks/${task.id}/decision`, { action: 'reject', reason: 'No' });
    // A green "Succeeded" read as "it went out": the row says nothing was, live and on reload.
    await row
      .getByText('Rejected, nothing published', { exact: true })
      .waitFor({ timeout: 10_000 });
    await page.reload();
    await row.getByText('Rejected, nothing published', { exact: true }).waitFor();
    expect(await row.innerText()).not.toContain('Succeeded');
    // The Status filter offers the rejected runs alone (the list asks for their stored outcome).
    await page.getByLabel('Status').selectOption('rejected');
    await page.waitForURL(/outcome=rejected/);
    await row.getByText('Rejected, nothing published', { exact: true }).waitFor();
    // Polled: the run's row was already on screen before the filter, so seeing it says nothing
    // of whether the filtered list has replaced the unfiltered one yet.
    await expect
      .poll(async () =>
        (await page.locator('tbody .runs-cell-status').allInnerTexts()).every(
          (text) => text.trim() === 'Rejected, nothing published',
        ),
      )
      .toBe(true);

    await page.goto(`${server.url}/runs/${run.id}`);
    await page
      .locator('.page-header')
      .getByText('Rejected, nothing published', { exact: true })
      .first()
      .waitFor();
    // The review that rejected reads "Rejected" and who decided, not a green "Done".
    const reviewStep = page.locator('.tl-step', {
      has: page.locator('strong', { hasText: /^Review the post$/ }),
    });
    await reviewStep.getByText('Rejected by Rae Reviewer', { exact: true }).waitFor();
    expect(await reviewStep.locator('.tl-head').innerText()).not.toContain('Done');
    // The brand check says what it flagged, not only "Done"; the skipped post says why.
    const brand = page.locator('.tl-step', { hasText: 'Brand check' });
    await brand.getByText(/^(\d+ flags? \(.+\)|No flags)$/).waitFor();
    const post = page.locator('.tl-step', { hasText: 'Post to LinkedIn' });
    await post.getByText('Skipped', { exact: true }).waitFor();
    await post.getByText('Not run: the reviewer rejected it at Review the post.').waitFor();
  }, 90_000);

  it('pages back to older runs, and the page survives a reload and Back', async () => {
    const { server, flowId } = stack;
    // More than one page (50) of runs, whatever the earlier tests left.
    for (let batch = 0; batch < 5; batch++) {
      await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          designer.post(`/api/flows/${flowId}/runs`, {
            input: { topic: `bulk ${batch * 10 + i}` },
          }),
        ),
      );
    }
    await page.goto(`${server.url}/runs?flowId=${flowId}`);
    const rows = page.locator('tbody tr');
    await rows.first().waitFor();
    // Hovering when a run started names the moment on the reader's clock, not in UTC ISO.
    const title = await rows.first().locator('time').getAttribute('title');
    expect(title).toMatch(/\d\d:\d\d .*(UTC|GMT)/);
    expect(title).not.toMatch(/T\d\d:\d\d:\d\d/);
    const newest = await rows.first().getByRole('link').innerText();

    await page.getByRole('link', { name: 'Older runs →' }).click();
    await page.waitForURL(/cursor=/);
    await expect.poll(() => rows.first().getByRole('link').innerText()).not.toBe(newest);
    const older = await rows.first().getByRole('link').innerText();
    expect(page.url()).toContain(`flowId=${flowId}`);
    await page.reload();
    await expect.poll(() => rows.first().getByRole('link').innerText()).toBe(older);
    await expect(page.getByLabel('Flow').inputValue()).resolves.toBe(flowId);
    await page.goBack();
    await expect.poll(() => rows.first().getByRole('link').innerText()).toBe(newest);
  }, 90_000);
});
