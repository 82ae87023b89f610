import { expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';

/**
 * Presses `e` on an open task and waits until the content editor has the keyboard: a key typed
 * before that goes to the page, where letters are decision shortcuts.
 */
export async function startEditing(page: Page): Promise<Locator> {
  await page.keyboard.press('e');
  const editor = page.getByLabel('Content', { exact: true });
  await editor.waitFor();
  await expect.poll(() => editor.evaluate((el) => el === document.activeElement)).toBe(true);
  return editor;
}

/** Presses Escape in the content editor and waits until it has closed and the page has the keys. */
export async function stopEditing(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
  await page.getByLabel('Content', { exact: true }).waitFor({ state: 'detached' });
}
