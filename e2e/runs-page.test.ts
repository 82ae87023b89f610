import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page, Response } from 'playwright-core';
import {
  approveByKey,
  describeBrowser,
  socialReviewFlow,
  loginAs,
  startDesignerStack,
  type ApiClient,
  type DesignerStack,
  type TandemServer,
  type WebhookSink,
  until,
} from './support/index.js';

/** The runs list and a run's page, as a designer finds them. */
describeBrowser('runs pages', () => {
  let stack: DesignerStack | undefined;
  let server: TandemServer;
  let sink: WebhookSink;
  let designer: ApiClient;

  beforeAll(async () => {
    stack = await startDesignerStack();
    ({ server, sink, designer } = stack);
  }, 300_000);

  afterAll(() => stack?.stop());

  const pageAt = (width: number, at: string): Promise<Page> =>
    stack!.designerPage({ width, height: 800 }, { at });

  async function startRun(topic: string): Promise<{ id: string; flowId: string }> {
    const flow = await designer.post<{ id: string }>('/api/flows', socialReviewFlow(sink.url));
    await designer.post(`/api/flows/${flow.id}/publish`);
    const run = await designer.post<{ id: string }>(`/api/flows/${flow.id}/runs`, {
      input: { topic },
    });
    return { id: run.id, flowId: flow.id };
  }

  // First, while the fresh server has no runs yet.
  it('tells a designer with no runs yet how one starts, in their words, with the way there', async () => {
    const page = await pageAt(1280, '/runs');
    const empty = page.locator('.empty-state', { hasText: 'No runs' });
    await empty.waitFor();
    const text = (await empty.textContent())!;
    expect(text).toContain('Test run');
    expect(text).not.toMatch(/POST|\/api\//);
    await empty.getByRole('link', { name: 'Open your flows' }).click();
    await page.waitForURL(/\/flows$/);
    await page.close();
  }, 60_000);

  it('fits a phone: the filters stack and each run reads without sideways scrolling', async () => {
    await startRun('Spring launch of the new trail running shoe line');
    const page = await pageAt(390, '/runs');
    const row = page.locator('.runs-table tbody tr').first();
    await row.waitFor();
    const width = 390;
    // The filters stay within the page's margins, lined up with the list under them.
    const list = (await page.locator('.table-wrap').boundingBox())!;
    const filters = page.locator('.runs-filters select');
    // Flow, status and kind (real or test runs).
    expect(await filters.count()).toBe(3);
    for (const select of await filters.all()) {
      const b = (await select.boundingBox())!;
      expect(b.x + b.width, 'each filter inside the margins').toBeLessThanOrEqual(
        list.x + list.width,
      );
    }
    const overflow = await page
      .locator('.table-wrap')
      .evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(overflow, 'the runs table needs no sideways scrolling').toBeLessThanOrEqual(0);
    // What a designer looks for in a row is on screen: what the run was about, and its state.
    for (const part of [row.getByRole('link'), row.locator('.badge')]) {
      const b = (await part.boundingBox())!;
      expect(b.x + b.width).toBeLessThanOrEqual(width);
    }
    await page.close();
  }, 90_000);

  it('fits a phone on a run page too: each delivery attempt reads without sideways scrolling', async () => {
    // The social post without its checkpoint, so it publishes straight away, to a port where
    // nothing listens: each attempt's error is a sentence, the width that used to overflow.
    const social = socialReviewFlow('http://127.0.0.1:9/hook');
    const flow = await designer.post<{ id: string }>('/api/flows', {
      name: 'Straight to LinkedIn',
      graph: {
        nodes: social.graph.nodes.filter((n) => n.id !== 'brand' && n.id !== 'review'),
        edges: [
          { id: 'e1', source: 'start', target: 'draft' },
          { id: 'e2', source: 'draft', target: 'post' },
        ],
      },
    });
    await designer.post(`/api/flows/${flow.id}/publish`);
    const run = await designer.post<{ id: string }>(`/api/flows/${flow.id}/runs`, {
      input: { topic: 'Phone check' },
    });
    const page = await pageAt(390, `/runs/${run.id}`);
    const publication = page.locator('.publication');
    await publication.locator('.attempt-detail').first().waitFor();
    const overflow = await publication
      .locator('.table-wrap')
      .evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(overflow, 'the attempts need no sideways scrolling').toBeLessThanOrEqual(0);
    const box = (await publication.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    await page.close();
  }, 60_000);

  it('titles a run page by what it was about and its flow, the id kept small for support', async () => {
    const run = await startRun('Autumn sale');
    const page = await pageAt(1280, `/runs/${run.id}`);
    const title = page.getByRole('heading', { level: 1 });
    await expect.poll(() => title.textContent()).toBe('Autumn sale');
    const header = page.locator('.page-header');
    await header.getByText('Spring launch post v1').waitFor();
    await expect(page.getByTestId('run-id').textContent()).resolves.toBe(run.id);
    // The AI's draft reads as prose, in the page's font, not as code.
    const draft = page.locator('.tl-step', { hasText: 'Draft the post' });
    await draft.getByText('Output').click();
    const font = await draft
      .locator('pre')
      .evaluate((el) => getComputedStyle(el).fontFamily.toLowerCase());
    expect(font).not.toMatch(/mono/);
    await page.close();
  }, 60_000);

  it('says which waiting runs wait for a reviewer and which only for a Wait step, live too', async () => {
    const page = await pageAt(1280, '/runs');
    await page.locator('.runs-table, .empty-state').first().waitFor();
    const held = await designer.post<{ id: string }>('/api/flows', {
      name: 'Post tomorrow',
      graph: {
        nodes: [
          { id: 'start', type: 'trigger.manual', position: { x: 0, y: 0 }, config: {} },
          {
            id: 'wait',
            type: 'util.delay',
            label: 'Until the morning',
            position: { x: 260, y: 0 },
            config: { amount: 12, unit: 'hours' },
          },
          {
            id: 'post',
            type: 'publish.webhook',
            position: { x: 520, y: 0 },
            config: { url: sink.url },
          },
        ],
        edges: [
          { id: 'e1', source: 'start', target: 'wait' },
          { id: 'e2', source: 'wait', target: 'post' },
        ],
      },
    });
    await designer.post(`/api/flows/${held.id}/publish`);
    const timerRun = await designer.post<{ id: string }>(`/api/flows/${held.id}/runs`, {
      input: { topic: 'Tomorrow morning' },
    });
    const reviewRun = await startRun('Held for a person');
    // Both arrive while the list is open: the pushed runs say what holds them.
    const row = (id: string) => page.locator('tbody tr', { has: page.getByText(id) });
    await row(timerRun.id).getByText('Waiting', { exact: true }).waitFor();
    await row(reviewRun.id).getByText('Waiting for review', { exact: true }).waitFor();
    // And after a reload, from the list itself.
    await page.reload();
    await row(timerRun.id).getByText('Waiting', { exact: true }).waitFor();
    await row(reviewRun.id).getByText('Waiting for review', { exact: true }).waitFor();
    // The status filter's "Waiting" covers both.
    await page.getByLabel('Status').selectOption({ label: 'Waiting' });
    await row(timerRun.id).waitFor();
    await row(reviewRun.id).waitFor();
    await page.close();
  }, 60_000);

  it('keeps the runs list from a reviewer without a half-drawn page, and asks nothing refused', async () => {
    const run = await startRun('Only the reviewer’s own run');
    // The reviewer sees the run once its task is theirs.
    await until(async () => {
      const r = await designer.get<{ status: string }>(`/api/runs/${run.id}`);
      return r.status === 'waiting' ? true : undefined;
    }, 'the run to wait for its review');
    const page = await stack!.browser.newPage({ viewport: { width: 1280, height: 800 } });
    const refused: string[] = [];
    page.on('response', (r: Response) => {
      if (r.status() === 403) refused.push(r.url());
    });
    await loginAs(page, server.url, 'reviewer@example.com', { at: '/runs' });
    const denied = page.locator('.empty-state', { hasText: "You don't have access to this page" });
    await denied.waitFor();
    expect(await denied.textContent()).toContain('open one from the inbox');
    // No filters naming every flow above it.
    expect(await page.locator('.runs-filters').count()).toBe(0);
    // The run of their task is theirs to see, without asking for its publications.
    await page.goto(`${server.url}/runs/${run.id}`);
    const title = page.getByRole('heading', { level: 1 });
    await expect.poll(() => title.textContent()).toBe('Only the reviewer’s own run');
    await page.waitForLoadState('networkidle');
    expect(refused).toEqual([]);
    await page.close();
  }, 60_000);

  it('tells an admin with an empty inbox what waits for other people, and where to see it', async () => {
    const run = await startRun('Waiting for the reviewers');
    const page = await stack!.browser.newPage({ viewport: { width: 1280, height: 800 } });
    await loginAs(page, server.url, 'admin@example.com', { at: '/inbox' });
    const empty = page.locator('.empty-state', { hasText: "You're all caught up" });
    await empty.getByText(/\d+ tasks? waits? for someone else's review in \d+ flows?\./).waitFor();
    await empty.getByRole('link', { name: 'See the runs waiting for review' }).click();
    await page.waitForURL(/\/runs\?status=waiting$/);
    await page.locator('tbody tr', { has: page.getByText(run.id) }).waitFor();
    await page.close();
  }, 60_000);

  it('lets a designer named at a checkpoint open the task from the menu and approve it', async () => {
    // Designers choose who decides from everyone who can sign in, themselves included.
    const { user } = await designer.get<{ user: { id: string } }>('/api/auth/me');
    const body = socialReviewFlow(sink.url);
    const flow = await designer.post<{ id: string }>('/api/flows', {
      ...body,
      name: 'Reviewed by its designer',
      graph: {
        ...body.graph,
        nodes: body.graph.nodes.map((n) =>
          n.id === 'review'
            ? { ...n, config: { ...n.config, assigneeRoles: [], assigneeUserIds: [user.id] } }
            : n,
        ),
      },
    });
    await designer.post(`/api/flows/${flow.id}/publish`);
    const run = await designer.post<{ id: string }>(`/api/flows/${flow.id}/runs`, {
      input: { topic: 'the designer’s own review' },
    });

    const page = await pageAt(1280, '/flows');
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: /Inbox/ })
      .click();
    await page.locator('.inbox-item', { hasText: 'the designer’s own review' }).click();
    await page.getByText('You are reviewing this').waitFor();
    await approveByKey(page);
    await until(async () => {
      const { status } = await designer.get<{ status: string }>(`/api/runs/${run.id}`);
      return status === 'succeeded' ? true : undefined;
    }, 'the run to finish after the designer approved');
    await page.close();
  }, 60_000);
});
