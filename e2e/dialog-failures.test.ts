import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { describeBrowser, startReviewStack, type ReviewStack } from './support/index.js';

/*
 * A request sent from a dialog that fails leaves the keyboard in the dialog, on the button that
 * sent it, and says why inside the dialog (a toast sits behind a modal dialog, dimmed). A
 * disabled-while-working button dropped the focus to the page body instead.
 */

/** Answers every matching request with a server error, as an outage would. */
async function failRequests(page: Page, url: string, method: string, message: string) {
  await page.route(url, (route) =>
    route.request().method() === method
      ? route.fulfill({
          status: 503,
          contentType: 'application/json',
          body: JSON.stringify({ error: { code: 'INTERNAL', message } }),
        })
      : route.fallback(),
  );
}

/** The focused element's text, and whether it sits inside `dialog`. */
function focusIn(dialog: Locator) {
  return dialog.evaluate((el) => ({
    inside: el.contains(document.activeElement),
    text: document.activeElement?.textContent?.trim(),
  }));
}

describeBrowser('a failed request from a dialog', () => {
  let stack: ReviewStack;

  beforeAll(async () => {
    stack = await startReviewStack();
  }, 300_000);

  afterAll(() => stack?.stop(), 90_000);

  it('keeps the focus on Remove and says why a connection was not removed', async () => {
    const { server, admin } = stack;
    // A webhook, not an LLM endpoint: one left behind would answer the next test's AI step.
    await admin.post('/api/connections', {
      kind: 'webhook',
      name: 'Flaky model',
      settings: { url: 'https://hooks.example.com/in' },
      secrets: {},
    });
    const page = await stack.pageFor('admin@example.com');
    await page.goto(`${server.url}/settings/connections`);
    await failRequests(page, '**/api/connections/*', 'DELETE', 'The store is not answering');
    const card = page.locator('.conn-list > li', { hasText: 'Flaky model' });
    await card.getByRole('button', { name: 'Remove' }).click();
    const dialog = page.getByRole('dialog', { name: 'Remove Flaky model?' });
    await dialog.getByRole('button', { name: 'Remove' }).focus();
    await page.keyboard.press('Enter');

    await dialog.getByRole('alert').getByText('The store is not answering').waitFor();
    await expect(focusIn(dialog)).resolves.toEqual({ inside: true, text: 'Remove' });
    await expect(card.isVisible()).resolves.toBe(true);
  }, 120_000);

  it('keeps the focus on the send button and says why changes were not requested', async () => {
    const { server, designer, flowId } = stack;
    await designer.post(`/api/flows/${flowId}/runs`, { input: { topic: 'the flaky network' } });
    const page = await stack.pageFor('reviewer@example.com');
    await page.goto(`${server.url}/inbox`);
    await page.locator('.inbox-item', { hasText: 'the flaky network' }).click();
    await page.getByText('You are reviewing this').waitFor();
    await failRequests(page, '**/api/tasks/*/decision', 'POST', 'The server is restarting');

    await page.keyboard.press('c');
    const dialog = page.getByRole('dialog', { name: 'Request changes' });
    await dialog.waitFor();
    await page.keyboard.type('Name the launch date');
    const send = dialog.getByRole('button', { name: 'Send back for changes' });
    await send.focus();
    await page.keyboard.press('Enter');

    await dialog.getByRole('alert').getByText('The server is restarting').waitFor();
    await expect(focusIn(dialog)).resolves.toEqual({ inside: true, text: 'Send back for changes' });
    await expect(dialog.getByLabel('What should change').inputValue()).resolves.toBe(
      'Name the launch date',
    );
  }, 120_000);
});
