import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  describeBrowser,
  socialReviewFlow,
  startDesignerStack,
  type ApiClient,
  type DesignerStack,
  type TandemServer,
  type WebhookSink,
} from './support/index.js';

const WIDTH = 390;

/** The flow editor on a phone: touch only, 390 px wide. */
describeBrowser('editor on a phone', () => {
  let stack: DesignerStack | undefined;
  let server: TandemServer;
  let sink: WebhookSink;
  let designer: ApiClient;
  let page: Page;

  beforeAll(async () => {
    stack = await startDesignerStack();
    ({ server, sink, designer } = stack);
    page = await stack.designerPage({ width: WIDTH, height: 844 });
  }, 300_000);

  afterAll(() => stack?.stop());

  it('keeps Publish on screen and closes the step settings that cover the canvas', async () => {
    const flow = await designer.post<{ id: string }>('/api/flows', socialReviewFlow(sink.url));
    await page.goto(`${server.url}/flows/${flow.id}`);
    const publish = page.getByTestId('publish-button');
    await publish.waitFor();
    const box = (await publish.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(WIDTH);
    // The palette leaves the canvas most of the width (its descriptions left it 180 px).
    const canvas = (await page.getByTestId('canvas').boundingBox())!;
    expect(canvas.width).toBeGreaterThanOrEqual(240);

    // The first card is on screen; its settings cover the whole canvas.
    await page.getByTestId('node-start').click();
    const inspector = page.getByTestId('inspector');
    await inspector.waitFor();
    await inspector.getByRole('button', { name: 'Close settings' }).click();
    await expect.poll(() => inspector.count()).toBe(0);
    // Focus is back on the step the panel showed, not lost to the page.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-id'))).toBe(
      'start',
    );
  }, 90_000);

  it('keeps the toolbar compact, its secondary tools in a More menu that works by keyboard', async () => {
    const flow = await designer.post<{ id: string }>('/api/flows', socialReviewFlow(sink.url));
    await page.goto(`${server.url}/flows/${flow.id}`);
    await page.getByTestId('publish-button').waitFor();
    const toolbar = (await page.locator('.editor-toolbar').boundingBox())!;
    // It took about 190 px over three rows; name and menu share one row, the actions the next.
    expect(toolbar.height).toBeLessThanOrEqual(110);

    for (const name of ['Flow name', 'Test run', 'More actions']) {
      const box = (await page
        .getByRole(name === 'Flow name' ? 'textbox' : 'button', { name })
        .first()
        .boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(WIDTH);
    }
    await expect
      .poll(() => page.getByRole('button', { name: 'Version history' }).isVisible())
      .toBe(false);

    const more = page.getByRole('button', { name: 'More actions' });
    await more.focus();
    await page.keyboard.press('Enter');
    const menu = page.getByRole('menu', { name: 'More actions' });
    await menu.waitFor();
    expect(await more.getAttribute('aria-expanded')).toBe('true');
    // Undo and Redo have nothing to do yet: the first item that acts has the focus.
    const focused = () => page.evaluate(() => document.activeElement?.textContent ?? '');
    await expect.poll(focused).toContain('Tidy up');
    await page.keyboard.press('ArrowDown');
    await expect.poll(focused).toContain('Fit to screen');
    await page.keyboard.press('Escape');
    await expect.poll(() => menu.count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(
      'More actions',
    );

    await page.keyboard.press('Enter');
    await menu.getByRole('menuitem', { name: 'Version history' }).click();
    await page.getByRole('dialog').waitFor();
  }, 90_000);
});
