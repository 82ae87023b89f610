import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  describeBrowser,
  loginThroughForm,
  startReviewStack,
  until,
  type ReviewStack,
} from './support/index.js';

/*
 * A change of page moves the keyboard focus to the new page's heading, so a screen reader
 * announces the page; the first page of a visit and the inbox's own focus are left alone.
 */

function focused(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement;
    const style = getComputedStyle(el);
    return {
      tag: el.tagName,
      text: el.textContent?.trim() ?? '',
      ring: style.outlineStyle !== 'none' || style.boxShadow !== 'none',
    };
  });
}

/** Waits until the focus is on an element with this tag whose text starts with `text`. */
function focusOn(page: Page, tag: string, text: string) {
  return until(async () => {
    const f = await focused(page);
    return f.tag === tag && f.text.startsWith(text) ? f : undefined;
  }, `the focus on the ${tag} "${text}"`);
}

describeBrowser('the focus after a change of page', () => {
  let stack: ReviewStack;

  beforeAll(async () => {
    stack = await startReviewStack();
  }, 300_000);

  afterAll(() => stack?.stop(), 90_000);

  /** Signing in through the form is a change of page, from the login page to the home. */
  async function signedInThroughForm(email: string): Promise<Page> {
    const context = await stack.browser.newContext({ viewport: { width: 1360, height: 900 } });
    stack.contexts.push(context);
    const page = await context.newPage();
    await loginThroughForm(page, stack.server.url, email);
    return page;
  }

  it('lands on the heading after signing in and after a menu link, with no ring for the mouse', async () => {
    const designer = await signedInThroughForm('designer@example.com');
    // Signed in through the form: the first page is announced by its heading.
    await expect(focusOn(designer, 'H1', 'Flows')).resolves.toMatchObject({ ring: false });

    await designer
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Runs' })
      .click();
    await expect(focusOn(designer, 'H1', 'Runs')).resolves.toMatchObject({ ring: false });

    // A page whose heading is for screen readers only: the flow editor.
    await designer
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Flows' })
      .click();
    await focusOn(designer, 'H1', 'Flows');
    await designer.getByRole('link', { name: 'Spring launch post' }).first().click();
    await focusOn(designer, 'H1', 'Flow editor: Spring launch post');
  }, 120_000);

  it('leaves the first page of a visit alone and lets a task picked with j keep the focus', async () => {
    const { server, designer, flowId } = stack;
    const run = await designer.post<{ id: string }>(`/api/flows/${flowId}/runs`, {
      input: { topic: 'the page focus launch' },
    });
    const reviewer = await signedInThroughForm('reviewer@example.com');
    await focusOn(reviewer, 'H1', 'Inbox');

    // A task picked with j takes the focus for itself; the inbox heading does not take it back.
    await reviewer.locator('.inbox-item', { hasText: 'the page focus launch' }).waitFor();
    await reviewer.keyboard.press('j');
    await reviewer.getByText('You are reviewing this').waitFor();
    await expect(focusOn(reviewer, 'H2', '')).resolves.toMatchObject({ tag: 'H2' });

    // Loading a page afresh (a deep link, a reload) is not a change of page: here the run of
    // the task, which the reviewer may open.
    await reviewer.goto(`${server.url}/runs/${run.id}`);
    await reviewer.getByRole('heading', { name: 'the page focus launch', level: 1 }).waitFor();
    await expect(focused(reviewer)).resolves.toMatchObject({ tag: 'BODY' });
  }, 120_000);
});
