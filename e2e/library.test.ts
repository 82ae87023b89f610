import { afterAll, beforeAll, expect, it } from 'vitest';
import type { BrowserContext, ConsoleMessage, Page } from 'playwright-core';
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

/** A 1×1 PNG, the image a newsletter's host answers with. */
const PIXEL_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);

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
    // Read as a stream: the browser may be another process's (the run's shared Chromium).
    const chunks: Buffer[] = [];
    for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).toString('utf8')).toBe(`${text}\n`);
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
    // No images to fetch from elsewhere: nothing to offer.
    await expect(page.getByText('Remote images are hidden.').count()).resolves.toBe(0);
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
    await loginAs(other, url, 'designer@example.com', { at: '/library' });
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

  it('hides a newsletter’s remote images until asked, then loads its https ones only', async () => {
    const { url } = stack!.server;
    // The images' host is answered here, so the test sees every request the page makes for
    // one; a request the preview's policy blocks never gets this far.
    const fetched: string[] = [];
    await context.route('**://images.tandem.test/**', (route) => {
      fetched.push(route.request().url());
      return route.fulfill({ contentType: 'image/png', body: PIXEL_PNG });
    });
    const blocked: string[] = [];
    const onConsole = (message: ConsoleMessage) => {
      if (message.text().includes('Content Security Policy')) blocked.push(message.text());
    };
    page.on('console', onConsole);
    // Protocol-relative: on this plain-http server it is an http: image, never allowed.
    await approvedBlogPost(
      'newsletter',
      '<h1>November newsletter</h1><p><img src="https://images.tandem.test/hero.png" alt="Hero">' +
        '<img src="//images.tandem.test/over-http.png" alt="Over http"></p>',
    );
    await page.goto(`${url}/library`);
    const firstPreview = page.waitForResponse((r) => r.url().includes('/preview'));
    await page.getByRole('link', { name: /November newsletter/ }).click();
    const hidden = await firstPreview;
    expect(hidden.status()).toBe(200);
    expect(hidden.headers()['content-security-policy']).not.toContain('img-src');
    const inside = page.frameLocator('iframe.library-html');
    const image = (alt: string) => inside.locator(`img[alt="${alt}"]`);
    /** Whether the image has finished (loaded or refused) and shows a picture. */
    const shown = (alt: string) =>
      until(
        () =>
          image(alt).evaluate((img: HTMLImageElement) =>
            img.ownerDocument.readyState === 'complete' && img.complete
              ? img.naturalWidth > 0
              : undefined,
          ),
        `${alt} to load or be refused`,
      );
    await expect(shown('Hero')).resolves.toBe(false);
    await expect(shown('Over http')).resolves.toBe(false);
    expect(fetched).toEqual([]);
    await expect(page.locator('iframe.library-html').getAttribute('sandbox')).resolves.toBe('');

    // By keyboard; the same button then offers to hide them again, keeping the focus.
    const showing = page.waitForResponse((r) => r.url().includes('/preview?images=1'));
    await page.getByText('Remote images are hidden.').waitFor();
    await page.getByRole('button', { name: 'Show images' }).focus();
    await page.keyboard.press('Enter');
    const withImages = await showing;
    expect(withImages.headers()['content-security-policy']).toContain('img-src https: data:');
    await page.getByText('Remote images are shown.').waitFor();
    await expect(
      page
        .getByRole('button', { name: 'Hide images' })
        .evaluate((b) => b === document.activeElement),
    ).resolves.toBe(true);
    await until(
      () => image('Hero').evaluate((img: HTMLImageElement) => img.naturalWidth === 1 || undefined),
      'the https image to load',
    );
    await expect(shown('Over http')).resolves.toBe(false);
    expect(fetched).toEqual(['https://images.tandem.test/hero.png']);
    // Refused by the preview's policy, not lost on the way.
    await until(
      async () =>
        blocked.some(
          (m) =>
            m.includes('http://images.tandem.test/over-http.png') &&
            m.includes('img-src https: data:'),
        ) || undefined,
      'the http image refused by the preview’s policy',
    );

    // The choice was for this entry: another one, and this one again, start hidden.
    await page.getByRole('link', { name: /Autumn colours/ }).click();
    await page.getByRole('heading', { name: 'Autumn colours' }).waitFor();
    await page.getByRole('link', { name: /November newsletter/ }).click();
    await page.getByRole('button', { name: 'Show images' }).waitFor();
    page.off('console', onConsole);
    await context.unroute('**://images.tandem.test/**');
  }, 60_000);

  it('offers every collection in its menu, not only those of the entries listed', async () => {
    const { url } = stack!.server;
    // An entry in a second collection, saved straight from an AI step.
    const press = await designer.post<{ id: string }>('/api/flows', {
      name: 'Press notes',
      graph: {
        nodes: [
          { id: 'start', type: 'trigger.manual', position: { x: 0, y: 0 }, config: {} },
          {
            id: 'draft',
            type: 'ai.generate',
            position: { x: 280, y: 0 },
            config: { prompt: 'A press note about {{ input.topic }}' },
          },
          {
            id: 'save',
            type: 'publish.library',
            position: { x: 560, y: 0 },
            config: { collection: 'Press releases' },
          },
        ],
        edges: [
          { id: 'e1', source: 'start', target: 'draft' },
          { id: 'e2', source: 'draft', target: 'save' },
        ],
      },
    });
    await designer.post(`/api/flows/${press.id}/publish`, {});
    await designer.post(`/api/flows/${press.id}/runs`, { input: { topic: 'the new shop' } });
    await until(async () => {
      const body = await designer.get<{ items: string[] }>('/api/library/collections');
      return body.items.includes('Press releases') ? true : undefined;
    }, 'the press note in the library');

    await page.goto(`${url}/library?q=${encodeURIComponent('plant early')}`);
    await itemCount(1);
    await page.getByRole('link', { name: /Ten spring tips/ }).waitFor();
    await expect
      .poll(() => page.getByLabel('Collection').locator('option').allTextContents())
      .toEqual(['All collections', 'Blog posts', 'Press releases']);
  }, 60_000);

  it('is closed to reviewers, who see no Library in the menu', async () => {
    const reviewerContext = await stack!.browser.newContext();
    const own = await reviewerContext.newPage();
    await loginAs(own, stack!.server.url, 'reviewer@example.com');
    await expect(own.getByRole('link', { name: 'Library' }).count()).resolves.toBe(0);
    await reviewerContext.close();
  });
});
