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

/**
 * Approves the open task by key: `a`, and `a` again where the task still has error flags and
 * the page asks "Approve despite … errors?" first. Which drafts carry the banned phrase depends
 * on the topic, so tests about something else approve through this.
 */
export async function approveByKey(page: Page): Promise<void> {
  const errors = await page
    .locator('.task-flags li:not(.is-fixed)', {
      has: page.locator('.badge', { hasText: /^error$/ }),
    })
    .count();
  await page.keyboard.press('a');
  if (errors === 0) return;
  await page.locator('.decision-confirm').waitFor();
  await page.keyboard.press('a');
}
