import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { describeBrowser, launchBrowser, REPO_ROOT } from './support/index.js';

/*
 * The automation level control's styles, in a real browser but without a server: the
 * stylesheets and the control's markup are enough to see what a pointer over it does.
 */

// The shared styles, in the order apps/web/src/ui/index.ts imports them, then the control's own.
const uiIndex = readFileSync(join(REPO_ROOT, 'apps/web/src/ui/index.ts'), 'utf8');
const uiCss = [...uiIndex.matchAll(/^import '\.\/(.+\.css)';$/gm)].map(
  (match) => `apps/web/src/ui/${match[1]}`,
);
const css = [...uiCss, 'apps/web/src/features/automation/automation.css']
  .map((file) => readFileSync(join(REPO_ROOT, file), 'utf8'))
  .join('\n');

const markup = `
  <div class="segmented" role="radiogroup" aria-label="Level">
    <button type="button" role="radio" aria-checked="false" class="segment">Review all</button>
    <button type="button" role="radio" aria-checked="true" class="segment is-on">Review flagged</button>
    <button type="button" role="radio" aria-checked="false" class="segment">Spot check</button>
  </div>`;

function colours(page: Page, name: string) {
  return page.getByRole('radio', { name }).evaluate((el) => ({
    bg: getComputedStyle(el).backgroundColor,
    fg: getComputedStyle(el).color,
  }));
}

describeBrowser('automation level control', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await browser.newPage();
    await page.setContent(`<style>${css}</style>${markup}`);
  }, 60_000);

  afterAll(() => browser?.close());

  it('keeps the chosen level readable under the pointer (a manager has just clicked it)', async () => {
    const resting = await colours(page, 'Review flagged');
    await page.getByRole('radio', { name: 'Review flagged' }).hover();
    // Hover used to paint the light hover grey under the white label: the label vanished.
    await expect(colours(page, 'Review flagged')).resolves.toEqual(resting);

    const other = await colours(page, 'Spot check');
    await page.getByRole('radio', { name: 'Spot check' }).hover();
    await expect(colours(page, 'Spot check')).resolves.not.toEqual(other);
  });

  it('lays the four levels out as an even 2×2 grid on a phone, not a ragged wrap', async () => {
    const phone = await browser.newPage({ viewport: { width: 390, height: 900 } });
    const four = markup.replace(
      '</div>',
      '<button type="button" role="radio" aria-checked="false" class="segment">Auto</button></div>',
    );
    await phone.setContent(`<style>${css}</style><div style="width: 316px">${four}</div>`);
    const boxes = await phone
      .getByRole('radio')
      .evaluateAll((els) => els.map((el) => el.getBoundingClientRect().toJSON() as DOMRect));
    await phone.close();
    expect(boxes).toHaveLength(4);
    const [a, b, c, d] = boxes as [DOMRect, DOMRect, DOMRect, DOMRect];
    // Two rows of two, the second row as wide as the first.
    expect(a.top).toBe(b.top);
    expect(c.top).toBe(d.top);
    expect(c.top).toBeGreaterThan(a.top);
    expect(Math.abs(a.width - b.width)).toBeLessThan(1);
    expect(Math.abs(c.width - a.width)).toBeLessThan(1);
    expect(Math.abs(d.right - b.right)).toBeLessThan(1);
  });
});
