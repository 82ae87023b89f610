import { afterAll, beforeAll, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import {
  apiLogin,
  describeBrowser,
  loginAs,
  saveScreenshot,
  startBrowserStack,
  until,
  type ApiClient,
  type BrowserStack,
  type Page1,
} from './support/index.js';

/*
 * The demo's first minutes end somewhere: a blog post approved in the inbox lands in the
 * content library, where a manager finds it, copies it and downloads it without a reload.
 */

describeBrowser('content library', () => {
  let stack: BrowserStack | undefined;
  let designer: ApiClient;
  let reviewer: ApiClient;
  let blogFlowId: string;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    stack = await startBrowserStack();
    const { url } = stack.server;
    designer = await apiLogin(url, 'designer@example.com');
    reviewer = await apiLogin(url, 'reviewer@example.com');
    const flows = await designer.get<Page1<{ id: string; name: string }>>('/api/flows?limit=100');
    blogFlowId = flows.items.find((f) => f.name === 'Blog post with brand review')!.id;
    context = await stack.browser.newContext({
      viewport: { width: 1360, height: 900 },
      acceptDownloads: true,
      permissions: ['clipboard-read', 'clipboard-write'],
    });
    page = await context.newPage();
    await loginAs(page, url, 'manager@example.com');
  }, 300_000);

  afterAll(() => stack?.stop());

  /** Waits for the list to show `n` entries (a search answers after typing pauses). */
  const itemCount = (n: number) =>
    until(
      async () => ((await page.locator('.library-item').count()) === n ? true : undefined),
      `${n} entries listed`,
    );

  /** Starts a demo blog run and approves its review with `content`. */
  async function approvedBlogPost(topic: string, content: string): Promise<void> {
    const run = await designer.post<{ id: string }>(`/api/flows/${blogFlowId}/runs`, {
      input: { topic, keyPoints: 'one, two' },
    });
    const task = await until(async () => {
      const tasks = await reviewer.get<Page1<{ id: string }>>(`/api/tasks?runId=${run.id}`);
      return tasks.items[0];
    }, `the review of ${topic}`);
    await reviewer.post(`/api/tasks/${task.id}/decision`, { action: 'edit', content });
  }

  it('says what fills it while it is empty', async () => {
    await page.goto(`${stack!.server.url}/flows`);
    await page.getByRole('link', { name: 'Library' }).click();
    await page.getByText('Nothing in the library yet').waitFor();
  });

  it('shows an approved demo post live, and copies and downloads it as approved', async () => {
    const text = 'Ten spring tips\n\nPlant early, water often.\n\nSee you in the garden.';
    await approvedBlogPost('spring tips', text);
    // The page was open before the post was saved: it arrives without a reload.
    const item = page.getByRole('link', { name: /Ten spring tips/ });
    await item.waitFor({ timeout: 20_000 });
    await expect(item.textContent()).resolves.toContain('Blog posts');
    await expect(page.getByTestId('library-text').textContent()).resolves.toBe(text);
    await expect(page.getByRole('heading', { name: 'Ten spring tips' }).isVisible()).resolves.toBe(
      true,
    );

    await page.getByRole('button', { name: 'Copy', exact: true }).click();
    await page.getByText('Copied').waitFor();
    await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toBe(text);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download text' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('ten-spring-tips.md');
    const path = await download.path();
    const { readFile } = await import('node:fs/promises');
    await expect(readFile(path, 'utf8')).resolves.toBe(`${text}\n`);
  }, 60_000);

  it('shows HTML as a page with no scripts, finds entries by words, and links each', async () => {
    await approvedBlogPost(
      'autumn',
      '<h1>Autumn colours</h1><p>Leaves <b>turn</b>.</p><script>window.parent.hacked = 1</script>',
    );
    await page.getByRole('link', { name: /Autumn colours/ }).click();
    const frame = page.locator('iframe.library-html');
    await expect(frame.getAttribute('sandbox')).resolves.toBe('');
    const inside = page.frameLocator('iframe.library-html');
    await expect(inside.locator('h1').textContent()).resolves.toBe('Autumn colours');
    await expect(inside.locator('script').count()).resolves.toBe(0);
    await expect(page.evaluate(() => 'hacked' in window)).resolves.toBe(false);
    await saveScreenshot(page, 'library');

    // The search is the server's, over every entry: the page asks it, after typing pauses.
    const asked = page.waitForRequest(
      (r) =>
        new URL(r.url()).pathname === '/api/library' &&
        new URL(r.url()).searchParams.get('q') === 'garden',
    );
    await page.getByLabel('Search the library').fill('garden');
    await asked;
    await itemCount(1);
    await page.getByLabel('Search the library').fill('');
    await itemCount(2);
    // The address names the entry: a reload (or a shared link) opens the same one.
    expect(page.url()).toMatch(/\/library\/[^/]+$/);
    await page.reload();
    await page.getByRole('heading', { name: 'Autumn colours' }).waitFor();
  }, 60_000);

  it('keeps a search in the address, and says when nothing matches', async () => {
    const { url } = stack!.server;
    await page.goto(`${url}/library?q=${encodeURIComponent('plant early')}`);
    await itemCount(1);
    await page.getByRole('link', { name: /Ten spring tips/ }).waitFor();
    await expect(page.getByLabel('Search the library').inputValue()).resolves.toBe('plant early');

    await page.getByLabel('Search the library').fill('zebra crossing');
    await page.getByText('No entries match').waitFor();
    expect(new URL(page.url()).searchParams.get('q')).toBe('zebra crossing');
    await page.reload();
    await page.getByText('No entries match').waitFor();
    await page.getByRole('button', { name: 'Clear the search' }).click();
    await itemCount(2);
    await expect(page.getByLabel('Search the library').inputValue()).resolves.toBe('');
    expect(new URL(page.url()).search).toBe('');
  }, 60_000);

  it('archives an entry with Undo, lists it under Archived and restores it, live elsewhere', async () => {
    const { url } = stack!.server;
    // A designer has the library open too: what the manager tidies leaves and returns there.
    const designerContext = await stack!.browser.newContext({
      viewport: { width: 1360, height: 900 },
    });
    const other = await designerContext.newPage();
    await loginAs(other, url, 'designer@example.com');
    await other.goto(`${url}/library`);
    const autumnThere = other.getByRole('link', { name: /Autumn colours/ });
    await autumnThere.waitFor();

    await page.goto(`${url}/library`);
    const autumn = page.getByRole('link', { name: /Autumn colours/ });
    await autumn.click();
    await page.getByRole('heading', { name: 'Autumn colours' }).waitFor();
    // By keyboard: the button, then z while the toast offers Undo.
    await page.getByRole('button', { name: 'Archive', exact: true }).focus();
    await page.keyboard.press('Enter');
    await page.getByText('Archived “Autumn colours”').waitFor();
    await autumn.waitFor({ state: 'detached' });
    await autumnThere.waitFor({ state: 'detached' });
    await page.keyboard.press('z');
    await page.getByText('“Autumn colours” is back').waitFor();
    await autumn.waitFor();
    await autumnThere.waitFor();
    await page.getByRole('heading', { name: 'Autumn colours' }).waitFor();

    // By mouse: the toast's Undo button, then archived for good.
    await page.getByRole('button', { name: 'Archive', exact: true }).click();
    await page.getByRole('button', { name: /^Undo/ }).click();
    await autumn.waitFor();
    await page.getByRole('heading', { name: 'Autumn colours' }).waitFor();
    await page.getByRole('button', { name: 'Archive', exact: true }).click();
    await autumn.waitFor({ state: 'detached' });
    await itemCount(1);

    const lists = page.getByRole('navigation', { name: 'Library lists' });
    await lists.getByRole('link', { name: 'Archived' }).click();
    await autumn.click();
    await page.locator('.library-entry .badge', { hasText: 'Archived' }).waitFor();
    await saveScreenshot(page, 'library-archived');
    await page.getByRole('button', { name: 'Restore to library' }).click();
    await page.getByText('Restored “Autumn colours” to the library').waitFor();
    await page.getByText('Nothing archived').waitFor();
    await autumnThere.waitFor();
    await lists.getByRole('link', { name: 'Library' }).click();
    await autumn.waitFor();
    await designerContext.close();
  }, 90_000);

  it('is closed to reviewers, who see no Library in the menu', async () => {
    const reviewerContext = await stack!.browser.newContext();
    const own = await reviewerContext.newPage();
    await loginAs(own, stack!.server.url, 'reviewer@example.com');
    await expect(own.getByRole('link', { name: 'Library' }).count()).resolves.toBe(0);
    await reviewerContext.close();
  });
});
