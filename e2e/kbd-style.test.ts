import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { describeBrowser, launchBrowser, REPO_ROOT } from './support/index.js';

/*
 * A key to press (<kbd>) looks the same on every page, whichever pages were opened before. The
 * app loads the UI kit's styles up front and each page's own with the page, so after a few visits
 * the document holds several pages' styles in the order they were visited; an element rule in a
 * page's styles used to restyle every key in the app once loaded, the last page loaded winning.
 */

const read = (file: string) => readFileSync(join(REPO_ROOT, file), 'utf8');

// The UI kit's styles, in the order apps/web/src/ui/index.ts imports them.
const uiCss = [...read('apps/web/src/ui/index.ts').matchAll(/^import '\.\/(.+\.css)';$/gm)]
  .map((match) => read(`apps/web/src/ui/${match[1]}`))
  .join('\n');

// Every page's own styles, as they arrive with their pages.
const pageCss = readdirSync(join(REPO_ROOT, 'apps/web/src/features'), {
  recursive: true,
  encoding: 'utf8',
})
  .filter((file) => file.endsWith('.css'))
  .sort()
  .map((file) => read(`apps/web/src/features/${file}`));

const KEY_PROPERTIES = [
  'fontFamily',
  'fontSize',
  'borderTopWidth',
  'borderBottomWidth',
  'borderTopColor',
  'borderRadius',
  'paddingLeft',
  'paddingTop',
  'backgroundColor',
  'opacity',
  'marginLeft',
] as const;

describeBrowser('keys to press (kbd)', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await browser.newPage();
  }, 60_000);

  afterAll(() => browser?.close());

  /** How a key in a sentence looks with these styles in the document, in this order. */
  async function keyWith(styles: string[]): Promise<Record<string, string>> {
    const sheets = styles.map((css) => `<style>${css}</style>`).join('');
    await page.setContent(`${sheets}<p>Press <kbd>Delete</kbd> to remove it.</p>`);
    return page
      .locator('kbd')
      .evaluate(
        (el, properties) =>
          Object.fromEntries(
            properties.map((p) => [p, getComputedStyle(el)[p as keyof CSSStyleDeclaration]]),
          ) as Record<string, string>,
        [...KEY_PROPERTIES],
      );
  }

  it('styles a key from the UI kit, the same whichever pages’ styles loaded and in what order', async () => {
    const kitOnly = await keyWith([uiCss]);
    // A key cap, not the browser's bare monospace text.
    expect(kitOnly.borderTopWidth).toBe('1px');
    expect(kitOnly.paddingLeft).toBe('4px');
    await expect(keyWith([uiCss, ...pageCss])).resolves.toEqual(kitOnly);
    await expect(keyWith([uiCss, ...[...pageCss].reverse()])).resolves.toEqual(kitOnly);
  });
});
