import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  describeBrowser,
  startEditing,
  startReviewStack,
  until,
  type ReviewStack,
} from './support/index.js';

/*
 * The sticky decision bar on a 1024×768 laptop: beside the nav and the task list the task pane
 * is narrow, and the bar wrapped to two or three rows that covered ~150 px of the preview, worst
 * while editing. It stays one row there, every decision's key still shown.
 */

describeBrowser('review: the decision bar on a small laptop', () => {
  let stack: ReviewStack;
  let page: Page;

  beforeAll(async () => {
    stack = await startReviewStack();
    page = await stack.pageFor('reviewer@example.com', undefined, 1024);
    await page.setViewportSize({ width: 1024, height: 768 });
  }, 300_000);

  afterAll(() => stack?.stop(), 90_000);

  /** The bar's height, and each button's row, key and whether it fits the bar uncut. */
  async function measure() {
    const bar = page.locator('.decision-bar');
    const box = (await bar.boundingBox())!;
    const buttons = await bar.locator('.btn').evaluateAll((els) =>
      els.map((el) => {
        const kbd = el.querySelector('kbd');
        const r = el.getBoundingClientRect();
        return {
          text: (el as HTMLElement).innerText.replace(/\s+/g, ' ').trim(),
          top: Math.round(r.top),
          height: Math.round(r.height),
          keyShown: kbd !== null && kbd.getBoundingClientRect().width > 0,
          // Shrunk past its content, a button cuts its words or key off.
          clipped: el.scrollWidth > el.clientWidth + 1,
          right: Math.round(r.right),
        };
      }),
    );
    return { height: box.height, barRight: box.x + box.width, buttons };
  }

  it('keeps the bar to one row at 1024×768, keys shown, while reading and while editing', async () => {
    const { server, flowId, designer } = stack;
    await designer.post(`/api/flows/${flowId}/runs`, {
      input: { topic: 'the laptop screen' },
    });
    await page.goto(`${server.url}/inbox`);
    const item = page.locator('.inbox-item', { hasText: 'the laptop screen' });
    await until(async () => ((await item.count()) > 0 ? true : undefined), 'the task to arrive');
    await item.first().click();
    await page.locator('.decision-bar').waitFor();

    const reading = await measure();
    expect(new Set(reading.buttons.map((b) => b.top)).size, JSON.stringify(reading)).toBe(1);
    expect(reading.buttons.every((b) => b.keyShown)).toBe(true);
    expect(reading.buttons.filter((b) => b.clipped || b.right > reading.barRight)).toEqual([]);
    expect(reading.height).toBeLessThanOrEqual(56);

    const editor = await startEditing(page);
    await editor.press('End');
    await editor.type(' Edited.');
    await page.getByRole('button', { name: /Approve with edits/ }).waitFor();
    const editing = await measure();
    // The full words stay the buttons' names.
    await page.getByRole('button', { name: 'Undo edits' }).waitFor();
    await page.getByRole('button', { name: /^Request changes/ }).waitFor();
    expect(new Set(editing.buttons.map((b) => b.top)).size, JSON.stringify(editing)).toBe(1);
    expect(editing.buttons.filter((b) => !b.text.startsWith('Undo')).every((b) => b.keyShown)).toBe(
      true,
    );
    expect(editing.buttons.filter((b) => b.clipped || b.right > editing.barRight)).toEqual([]);
    expect(editing.height).toBeLessThanOrEqual(56);
  }, 120_000);
});
