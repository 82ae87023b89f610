import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { describeBrowser, startReviewStack, type ReviewStack } from './support/index.js';

/*
 * Where the keyboard focus goes after an action, and that focusing something never scrolls the
 * app shell itself: the defects a keyboard-first user meets first.
 */

function focusedElement(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return { tag: el?.tagName, id: el?.id, text: el?.textContent?.trim() ?? '' };
  });
}

describeBrowser('keyboard focus and a page that stays put', () => {
  let stack: ReviewStack;

  beforeAll(async () => {
    stack = await startReviewStack();
  }, 300_000);

  afterAll(() => stack?.stop(), 90_000);

  it('puts a reviewer who presses c straight into the note; typing never decides the task', async () => {
    const { server, designer, flowId } = stack;
    await designer.post(`/api/flows/${flowId}/runs`, { input: { topic: 'the focus release' } });
    const reviewer = await stack.pageFor('reviewer@example.com');
    await reviewer.goto(`${server.url}/inbox`);
    await reviewer.locator('.inbox-item', { hasText: 'the focus release' }).waitFor();
    await reviewer.keyboard.press('j');
    await reviewer.getByText('You are reviewing this').waitFor();

    await reviewer.keyboard.press('c');
    const dialog = reviewer.getByRole('dialog', { name: 'Request changes' });
    await dialog.waitFor();
    // Spaces and the decision letters a, e, c, r all belong to the note.
    const note = 'Add a clear release date and a reason to care';
    await reviewer.keyboard.type(note);
    await expect(dialog.getByLabel('What should change').inputValue()).resolves.toBe(note);
    await expect(dialog.isVisible()).resolves.toBe(true);
    await expect(reviewer.getByText('You are reviewing this').isVisible()).resolves.toBe(true);

    // The other form dialogs open in their first field too.
    await reviewer.keyboard.press('Escape');
    await reviewer.keyboard.press('r');
    const reject = reviewer.getByRole('dialog', { name: 'Reject this content' });
    await reject.waitFor();
    await expect(focusedElement(reviewer)).resolves.toMatchObject({ tag: 'TEXTAREA' });
  }, 90_000);
});
