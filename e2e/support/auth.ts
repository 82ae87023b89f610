import type { Page } from 'playwright-core';

export const DEMO_PASSWORD = 'tandem';

/**
 * Signs in through the real login form and waits until the app shell is shown. Decisions are
 * sent at once, as with the reviewer's undo setting off: the tests of what a decision does
 * would otherwise each wait out its undo window. review-undo.test.ts picks a hold time,
 * as a reviewer does, in the shortcuts dialog.
 */
export async function loginAs(
  page: Page,
  baseUrl: string,
  email: string,
  password = DEMO_PASSWORD,
): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  // As a string: this module is also compiled where the DOM's types are not loaded (bench/).
  await page.evaluate("localStorage.setItem('tandem.inbox.undo', 'off')");
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
}
