import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  apiLogin,
  describeBrowser,
  launchBrowser,
  loginThroughForm,
  startServer,
  until,
  type ApiClient,
  type TandemServer,
} from './support/index.js';

/*
 * What each kind of user meets in their first minutes, found by walking the product as they
 * would: a designer clicking steps into a blank flow, a manager opening the automation console,
 * a designer reading why a test run failed.
 */
describeBrowser('first minutes', () => {
  let server: TandemServer;
  let browser: Browser;
  let designer: ApiClient;
  const pages: Page[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    designer = await apiLogin(server.url, 'designer@example.com');
  }, 300_000);

  // A page left open keeps autosaving its flow, which would then count as the newest one.
  afterEach(async () => {
    for (const page of pages.splice(0)) await page.close();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function pageFor(email: string): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1360, height: 800 } });
    pages.push(page);
    await loginThroughForm(page, server.url, email);
    return page;
  }

  it('lays steps clicked in from the palette out side by side, never one on top of another', async () => {
    const page = await pageFor('designer@example.com');
    await page.goto(`${server.url}/flows`);
    await page.getByRole('button', { name: 'New flow' }).click();
    await page.getByLabel('Name').fill('Clicked together');
    await page.getByRole('button', { name: 'Create blank flow' }).click();
    const steps = ['trigger.manual', 'ai.generate', 'check.brand', 'human.review'];
    for (const [i, type] of steps.entries()) {
      await page.getByTestId(`palette-${type}`).click();
      await until(
        async () =>
          (await page.locator('.react-flow__node').count()) === i + 1 ? true : undefined,
        `step ${i + 1} on the canvas`,
      );
    }
    // Let the settings panel's pan to the newest step settle before measuring.
    await page.waitForTimeout(400);
    const boxes = await page
      .locator('.react-flow__node')
      .evaluateAll((els) => els.map((el) => el.getBoundingClientRect().toJSON() as DOMRect));
    for (const [i, a] of boxes.entries()) {
      for (const b of boxes.slice(i + 1)) {
        const overlap =
          a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
        expect(overlap, `cards at ${a.left},${a.top} and ${b.left},${b.top}`).toBe(false);
      }
    }
    // In the order they were added, left to right: the order the flow runs in.
    const lefts = boxes.map((b) => b.left);
    expect(lefts).toEqual([...lefts].sort((x, y) => x - y));
    // The step just added is the one whose settings are open, and it is in sight.
    const newest = boxes.at(-1)!;
    const canvas = await page.getByTestId('canvas').boundingBox();
    const inspector = await page.getByTestId('inspector').boundingBox();
    expect(newest.left).toBeGreaterThanOrEqual(canvas!.x);
    expect(newest.right).toBeLessThanOrEqual(inspector!.x);
  }, 90_000);

  it('opens the automation console on a flow whose checkpoints the manager can tune', async () => {
    // The newest flow is a designer's fresh draft with no review step in it yet.
    await designer.post('/api/flows', {
      name: 'Fresh idea',
      graph: { nodes: [], edges: [] },
    });
    const page = await pageFor('manager@example.com');
    await page.goto(`${server.url}/automation`);
    await page.waitForURL(/\/automation\/flw_/);
    const auto = page.getByRole('radio', { name: 'Auto' }).first();
    await auto.waitFor();
    expect(await auto.isEnabled()).toBe(true);
    expect(await page.getByLabel('Flow').locator('option:checked').textContent()).not.toBe(
      'Fresh idea',
    );
    expect(await page.getByText('has no checkpoints').count()).toBe(0);
  }, 60_000);

  it('tells the designer in words why a step failed and what to do, the code kept for support', async () => {
    const flow = await designer.post<{ id: string }>('/api/flows', {
      name: 'Publish with nothing to send',
      graph: {
        nodes: [
          {
            id: 'start',
            type: 'trigger.manual',
            position: { x: 0, y: 0 },
            config: {
              fields: [
                { name: 'topic', label: 'Topic', kind: 'text', required: true, options: [] },
              ],
            },
          },
          {
            id: 'post',
            type: 'publish.webhook',
            label: 'Post it',
            position: { x: 320, y: 0 },
            config: { url: 'https://cms.example.com/hook', method: 'POST' },
          },
        ],
        edges: [{ id: 'e1', source: 'start', target: 'post' }],
      },
    });
    await designer.post(`/api/flows/${flow.id}/publish`);
    const run = await designer.post<{ id: string }>(`/api/flows/${flow.id}/runs`, {
      input: { topic: 'nothing to send' },
    });
    const page = await pageFor('designer@example.com');
    await page.goto(`${server.url}/runs/${run.id}`);
    const failed = page.locator('.tl-failed', { hasText: 'Post it' });
    const error = failed.locator('.error-text');
    await error.waitFor();
    const text = (await error.textContent())!;
    expect(text).toMatch(/^There is nothing before this publish step to send/);
    expect(text).toContain('Fix the flow or the run’s input, then start a new run.');
    expect(text).toContain('(CONFIG_INVALID)');
    expect(text).not.toMatch(/CONFIG_INVALID:|fix the flow or input\)/);
  }, 60_000);
});
