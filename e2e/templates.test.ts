import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  apiLogin,
  describeBrowser,
  fitFlow,
  launchBrowser,
  loginAs,
  saveScreenshot,
  startServer,
  type TandemServer,
} from './support/index.js';

const TEMPLATE_IDS = [
  'blog-post-brand-review',
  'social-campaign-manager-signoff',
  'newsletter-spot-checks',
  'weekly-budget-reallocation',
];

describeBrowser('flow templates', () => {
  let server: TandemServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('lists the four templates in the gallery', async () => {
    await loginAs(page, server.url, 'designer@example.com');
    await page.getByTestId('new-flow').click();
    for (const id of TEMPLATE_IDS) {
      await page.getByTestId(`template-${id}`).waitFor();
    }
    await saveScreenshot(page, 'template-gallery');
    await page.keyboard.press('Escape');
  }, 120_000);

  it('creates a flow from a template by typing its name and pressing Enter', async () => {
    await page.goto(`${server.url}/flows`);
    await page.getByTestId('new-flow').click();
    const card = page.getByTestId('template-blog-post-brand-review');
    // Its step chips name the template's steps, not their type ids.
    expect(await card.locator('.template-step').first().getAttribute('title')).toBe('Brief');
    // The cards are one radio group: the arrows move the choice, as in any radio group.
    await page.getByTestId('template-blank').focus();
    await page.keyboard.press('ArrowRight');
    expect(await card.getAttribute('aria-checked')).toBe('true');
    expect(await card.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.getByLabel('Name', { exact: true }).fill('Entered by keyboard');
    await page.getByLabel('Name', { exact: true }).press('Enter');
    await page.waitForURL(/\/flows\/flw/);
    await expect.poll(() => page.getByLabel('Flow name').inputValue()).toBe('Entered by keyboard');
    expect(await page.locator('.react-flow__node').count()).toBe(5);
  }, 60_000);

  it('fits the flows list in a 1024 px window: every column and delete button on screen', async () => {
    await page.setViewportSize({ width: 1024, height: 768 });
    try {
      await page.goto(`${server.url}/flows`);
      const table = page.locator('.table-card');
      await table.locator('tbody tr').first().waitFor();
      // The templates' long descriptions used to hold the first column at 520 px.
      await expect(table.evaluate((el) => el.scrollWidth - el.clientWidth)).resolves.toBe(0);
      const remove = page.getByRole('button', { name: /^Delete / }).first();
      const box = await remove.boundingBox();
      expect(box!.x + box!.width).toBeLessThanOrEqual(1024);
    } finally {
      await page.setViewportSize({ width: 1440, height: 900 });
    }
  }, 60_000);

  it('makes a copy of a flow from the list and opens it in the editor, the original untouched', async () => {
    const api = await apiLogin(server.url, 'designer@example.com');
    const template = (await api.get<{ items: { id: string; graph: unknown }[] }>('/api/templates'))
      .items[0]!;
    const original = await api.post<{ id: string; revision: number }>('/api/flows', {
      name: 'Autumn launch',
      graph: template.graph,
    });
    // Its own page: the next test starts where this page's list was left.
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await loginAs(page, server.url, 'designer@example.com', { at: '/flows' });
    await page.getByRole('button', { name: 'Make a copy of Autumn launch' }).click();
    await page.waitForURL(
      (url) => /\/flows\/flw/.test(url.pathname) && !url.pathname.endsWith(original.id),
    );
    await expect
      .poll(() => page.getByLabel('Flow name').inputValue())
      .toBe('Copy of Autumn launch');
    await page.getByText('Copied “Autumn launch” as “Copy of Autumn launch”').waitFor();
    const copyId = new URL(page.url()).pathname.split('/').pop()!;
    const [copy, after] = await Promise.all([
      api.get<{ graph: { nodes: unknown[] }; publishedVersion: number | null }>(
        `/api/flows/${copyId}`,
      ),
      api.get<{ revision: number }>(`/api/flows/${original.id}`),
    ]);
    expect(copy.graph.nodes).toHaveLength((template.graph as { nodes: unknown[] }).nodes.length);
    expect(copy.publishedVersion).toBeNull();
    expect(after.revision).toBe(original.revision);
    await page.close();
  }, 60_000);

  it('puts the focus on the next flow after one is deleted, not on the page body', async () => {
    const api = await apiLogin(server.url, 'designer@example.com');
    const graph = { nodes: [], edges: [] };
    await api.post('/api/flows', { name: 'Deleted by keyboard', graph });
    const designer = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await loginAs(designer, server.url, 'designer@example.com', { at: '/flows' });
    const links = designer.locator('a.flow-link');
    await links.filter({ hasText: 'Deleted by keyboard' }).waitFor();
    const names = await links.allTextContents();
    const at = names.indexOf('Deleted by keyboard');
    const next = names[at + 1] ?? names[at - 1];

    await designer.getByRole('button', { name: 'Delete Deleted by keyboard' }).focus();
    await designer.keyboard.press('Enter');
    const dialog = designer.getByRole('dialog', { name: 'Delete this flow?' });
    await dialog.getByRole('button', { name: 'Delete', exact: true }).focus();
    await designer.keyboard.press('Enter');
    await links.filter({ hasText: 'Deleted by keyboard' }).waitFor({ state: 'detached' });
    await expect
      .poll(() => designer.evaluate(() => document.activeElement?.textContent ?? ''))
      .toBe(next);
    await designer.close();
  }, 60_000);

  it('instantiates a template and publishes it', async () => {
    await page.getByTestId('new-flow').click();
    await page.getByTestId('template-weekly-budget-reallocation').click();
    await page.getByLabel('Name', { exact: true }).fill('Budget moves — EMEA');
    await page.getByTestId('create-flow').click();
    await page.waitForURL(/\/flows\/flw/);
    const flowId = new URL(page.url()).pathname.split('/').pop()!;

    // Every template step is on the canvas, the checkpoint shows its automation level.
    const designer = await apiLogin(server.url, 'designer@example.com');
    const flow = await designer.get<{
      name: string;
      graph: { nodes: { id: string; type: string }[] };
    }>(`/api/flows/${flowId}`);
    expect(flow.name).toBe('Budget moves — EMEA');
    expect(flow.graph.nodes.map((n) => n.type)).toEqual([
      'trigger.manual',
      'ai.generate',
      'check.budget',
      'human.review',
      'publish.library',
    ]);
    await expect
      .poll(() => page.locator('.react-flow__node').count())
      .toBe(flow.graph.nodes.length);
    const checkpoint = flow.graph.nodes.find((n) => n.type === 'human.review')!;
    await page.getByTestId(`node-${checkpoint.id}`).locator('.level-badge').waitFor();
    await expect.poll(() => page.getByTestId('problems-button').textContent()).toBe('No problems');

    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    await page.getByText('Published version 1').waitFor();
    await page.getByText('Published v1', { exact: true }).waitFor();
    const versions = await designer.get<{
      items: { number: number; graph: { nodes: unknown[] } }[];
    }>(`/api/flows/${flowId}/versions`);
    expect(versions.items.map((v) => v.number)).toEqual([1]);
    expect(versions.items[0]!.graph.nodes).toHaveLength(flow.graph.nodes.length);

    // Version history names who published it; the list shows the flow as published.
    await page.getByRole('button', { name: 'Version history' }).click();
    await page.getByTestId('versions').getByText('Dana Designer (you)').waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('link', { name: 'Back to flows' }).click();
    await page.getByLabel('Search flows').fill('EMEA');
    const row = page.getByTestId(`flow-row-${flowId}`);
    await row.getByText('Published v1').waitFor();
    expect(await page.locator('tbody tr').count()).toBe(1);
  }, 120_000);

  it('opens every template with its cards apart, so each connection shows between them', async () => {
    const designer = await apiLogin(server.url, 'designer@example.com');
    for (const id of TEMPLATE_IDS) {
      await page.goto(`${server.url}/flows`);
      await page.getByTestId('new-flow').click();
      await page.getByTestId(`template-${id}`).click();
      await page.getByLabel('Name', { exact: true }).fill(`Spacing of ${id}`);
      await page.getByTestId('create-flow').click();
      await page.waitForURL(/\/flows\/flw/);
      const flowId = new URL(page.url()).pathname.split('/').pop()!;
      const flow = await designer.get<{ graph: { nodes: unknown[] } }>(`/api/flows/${flowId}`);
      const cards = page.locator('.react-flow__node');
      await expect.poll(() => cards.count()).toBe(flow.graph.nodes.length);
      // Flow coordinates: where each card sits and how big it is drawn, whatever the zoom.
      const boxes = await cards.evaluateAll((els) =>
        els.map((el) => {
          const at = new DOMMatrixReadOnly(getComputedStyle(el).transform);
          const { offsetWidth: width, offsetHeight: height } = el as HTMLElement;
          return { id: el.getAttribute('data-id'), x: at.m41, y: at.m42, width, height };
        }),
      );
      for (const [i, a] of boxes.entries()) {
        for (const b of boxes.slice(i + 1)) {
          const across = Math.max(b.x - (a.x + a.width), a.x - (b.x + b.width));
          const down = Math.max(b.y - (a.y + a.height), a.y - (b.y + b.height));
          // 20 px across left an edge between two handles an 8 px stub, hard to see at all.
          expect(across >= 60 || down >= 40, `${id}: ${a.id} and ${b.id} too close`).toBe(true);
        }
      }
    }
  }, 120_000);

  it('opens the five-step blog template whole in a 1440×900 window, its titles still readable', async () => {
    await page.goto(`${server.url}/flows`);
    await page.getByRole('link', { name: 'Blog post with brand review' }).click();
    const cards = page.locator('.react-flow__node');
    await expect.poll(() => cards.count()).toBe(5);
    const canvas = (await page.getByTestId('canvas').boundingBox())!;
    // At the readable zoom of 0.8, "Editor review" and "Save to library" opened off the canvas.
    const outside = () =>
      cards.evaluateAll(
        (els, box) =>
          els
            .filter((el) => {
              const r = el.getBoundingClientRect();
              return (
                r.left < box.x ||
                r.right > box.x + box.width ||
                r.top < box.y ||
                r.bottom > box.y + box.height
              );
            })
            .map((el) => el.textContent?.slice(0, 20)),
        canvas,
      );
    await expect.poll(outside).toEqual([]);
    // Shrunk below the readable zoom, the titles grow to make up for it.
    const sizes = await page
      .locator('.node-title')
      .evaluateAll((els) =>
        els.map(
          (el) =>
            parseFloat(getComputedStyle(el).fontSize) *
            new DOMMatrixReadOnly(getComputedStyle(el.closest('.react-flow__viewport')!).transform)
              .a,
        ),
      );
    for (const size of sizes) expect(size).toBeGreaterThanOrEqual(10);
  }, 60_000);

  it('opens a template flow at a readable zoom in a 1280×800 window, from its first step', async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    try {
      await page.goto(`${server.url}/flows`);
      await page.getByRole('link', { name: 'Social campaign with manager sign-off' }).click();
      const trigger = page.locator('.react-flow__node').first();
      await trigger.waitFor();
      const scale = () =>
        page
          .locator('.react-flow__viewport')
          .evaluate((el) => new DOMMatrixReadOnly(getComputedStyle(el).transform).a);
      // Whole, this seven-step flow fitted at a third of its size: titles of 4 px.
      await expect.poll(scale).toBeGreaterThanOrEqual(0.8);
      const canvas = (await page.getByTestId('canvas').boundingBox())!;
      const first = await page
        .locator('.react-flow__node')
        .evaluateAll((els) =>
          els.map((el) => el.getBoundingClientRect()).reduce((a, b) => (b.left < a.left ? b : a)),
        );
      expect(first.left).toBeGreaterThanOrEqual(canvas.x);
      expect(first.right).toBeLessThanOrEqual(canvas.x + canvas.width);
      const title = page.locator('.node-title').first();
      const size = await title.evaluate(
        (el) =>
          parseFloat(getComputedStyle(el).fontSize) *
          new DOMMatrixReadOnly(getComputedStyle(el.closest('.react-flow__viewport')!).transform).a,
      );
      expect(size).toBeGreaterThanOrEqual(10);
    } finally {
      await page.setViewportSize({ width: 1440, height: 900 });
      await page.goto(`${server.url}/flows`);
    }
  }, 60_000);

  it('opens a seeded template flow as the README hero shot', async () => {
    await page.getByLabel('Search flows').fill('Blog post');
    await page.getByRole('link', { name: 'Blog post with brand review' }).click();
    await page.locator('.react-flow__node').first().waitFor();
    await page.setViewportSize({ width: 1600, height: 1000 });
    await fitFlow(page);
    await page.getByText('Draft the post').click();
    await page.getByTestId('inspector').waitFor();
    await page.waitForTimeout(500);
    await saveScreenshot(page, 'editor');
  }, 60_000);
});
