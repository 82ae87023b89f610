import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import {
  apiLogin,
  describeBrowser,
  selectStep,
  socialReviewFlow,
  startDesignerStack,
  type DesignerStack,
} from './support/index.js';

/*
 * Found by building and editing flows as a first-time designer would, by mouse on a laptop and by
 * keyboard alone: each test is a place where they got stuck.
 */
describeBrowser('editor, first use', () => {
  let stack: DesignerStack | undefined;
  const pages: Page[] = [];

  beforeAll(async () => {
    stack = await startDesignerStack();
  }, 300_000);

  afterEach(async () => {
    for (const page of pages.splice(0)) await page.close();
  });

  afterAll(() => stack?.stop());

  /** A signed-in page on a new copy of the social review flow (steps start, draft, brand, review, post). */
  async function openFlow(viewport: { width: number; height: number }): Promise<Page> {
    const { designer, sink } = stack!;
    const flow = await designer.post<{ id: string }>('/api/flows', socialReviewFlow(sink.url));
    const page = await stack!.designerPage(viewport, { at: `/flows/${flow.id}` });
    pages.push(page);
    await page.getByTestId('node-review').waitFor({ state: 'attached' });
    return page;
  }

  const left = async (locator: Locator) => (await locator.boundingBox())!.x;

  it('moves a step clicked on a small laptop out from under the settings panel that opens over it', async () => {
    const page = await openFlow({ width: 1024, height: 768 });
    const card = page.getByTestId('node-draft');
    await card.click();
    const inspector = page.getByTestId('inspector');
    await inspector.waitFor();
    // Below 1100 px the panel floats over the canvas; the step whose settings it shows was under
    // it. The strip beside the panel is narrower than a card: the card's icon and title show.
    const panelLeft = await left(inspector);
    await expect.poll(() => left(card), { timeout: 5_000 }).toBeLessThanOrEqual(panelLeft - 150);
  });

  const focusedStep = (page: Page) =>
    page.evaluate(() => document.activeElement?.getAttribute('data-id') ?? null);

  it('keeps the keyboard on a step whose settings Escape closed, so Tab and Enter go on from it', async () => {
    const page = await openFlow({ width: 1280, height: 800 });
    await page.locator('.react-flow__node[data-id="draft"]').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('inspector').waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('inspector').waitFor({ state: 'detached' });
    // React Flow blurs the step a frame after Escape; the focus must still be on it after that.
    await page.evaluate(
      () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))),
    );
    expect(await focusedStep(page)).toBe('draft');
    // Escape again, on a step nothing is selected on, leaves the panel shut.
    await page.keyboard.press('Escape');
    await page.evaluate(
      () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))),
    );
    expect(await page.getByTestId('inspector').count()).toBe(0);
    await page.keyboard.press('Enter');
    await page.getByTestId('inspector').waitFor();
  });

  it('opens the problems list onto its first problem and closes it with Escape back to its button', async () => {
    const page = await openFlow({ width: 1280, height: 800 });
    await page.locator('.react-flow__node[data-id="draft"]').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('inspector').getByLabel('Prompt', { exact: true }).fill('');
    const button = page.getByTestId('problems-button');
    await button.getByText('1 problem').waitFor();
    await button.focus();
    await page.keyboard.press('Enter');
    const panel = page.getByTestId('problems-panel');
    await panel.waitFor();
    expect(await button.getAttribute('aria-expanded')).toBe('true');
    // One Enter away from the field to fix, not Tab past the palette and every step.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent ?? ''))
      .toMatch(/Prompt: Required/);
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });
    expect(await button.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await button.getAttribute('aria-expanded')).toBe('false');
    // Only the list closed: the step's settings stay open.
    expect(await page.getByTestId('inspector').count()).toBe(1);
  });

  it('offers Undo on the notice of a step deleted with the mouse, and the button brings it back', async () => {
    const page = await openFlow({ width: 1280, height: 800 });
    await page.getByTestId('node-brand').click();
    await page.getByTestId('inspector').getByRole('button', { name: 'Delete step' }).click();
    await page.locator('.react-flow__node[data-id="brand"]').waitFor({ state: 'detached' });
    const notice = page.locator('.toast', { hasText: 'Deleted “Brand check”' });
    const undo = notice.getByRole('button', { name: 'Undo' });
    expect(await undo.getAttribute('aria-keyshortcuts')).toBe('Control+Z Meta+Z');
    expect(await undo.textContent()).toBe('UndoCtrl+Z');
    await undo.click();
    await page.locator('.react-flow__node[data-id="brand"]').waitFor();
    // As it was: the step back between the draft and the review, not bridged around.
    const edges = await page
      .locator('.react-flow__edge')
      .evaluateAll((els) => els.map((el) => el.getAttribute('aria-label')));
    expect(edges).toContain('Connection from Draft the post to Brand check');
    expect(await notice.count()).toBe(0);
  });

  it('lists a connection an admin saved while the designer waited, once they come back to the page', async () => {
    const { designer, server } = stack!;
    const page = await stack!.designerPage({ width: 1280, height: 800 });
    pages.push(page);
    const at = (x: number) => ({ x, y: 0 });
    const flow = await designer.post<{ id: string }>('/api/flows', {
      name: 'Waiting for SMTP',
      graph: {
        nodes: [
          { id: 'start', type: 'trigger.manual', position: at(0), config: {} },
          { id: 'email', type: 'publish.email', position: at(320), config: {} },
        ],
        edges: [{ id: 'e1', source: 'start', target: 'email' }],
      },
    });
    await page.goto(`${server.url}/flows/${flow.id}`);
    // Clicked again if need be: the canvas fits the flow a moment after it opens, and a click
    // while it moves lands on the empty canvas (this timed out once in CI).
    await selectStep(page, 'email');
    const inspector = page.getByTestId('inspector');
    // The picker's own note, or the field's problem once the problems list has caught up (the
    // picker then leaves the words to it): which comes first depends on the machine's load.
    await inspector
      .getByText(/No SMTP (connections|connection is) saved yet/)
      .first()
      .waitFor();
    const picker = inspector.getByLabel('SMTP connection');

    const admin = await apiLogin(server.url, 'admin@example.com');
    await admin.post('/api/connections', {
      kind: 'smtp',
      name: 'Marketing mail',
      settings: { host: 'smtp.example.com', port: 587, from: 'news@example.com' },
    });
    // Back from asking the admin, in another tab or window: this one gets the focus again.
    await page.evaluate(() => window.dispatchEvent(new Event('focus')));
    // 30 s: with two test files at once on a 2-core machine, the 10 s this had once ran out.
    await expect
      .poll(() => picker.locator('option').allTextContents(), { timeout: 30_000 })
      .toContain('Marketing mail');
  });

  it('puts the keyboard on the step before one deleted by key, where Ctrl+Z brings it back', async () => {
    const page = await openFlow({ width: 1280, height: 800 });
    await page.locator('.react-flow__node[data-id="brand"]').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('inspector').waitFor();
    await page.keyboard.press('Delete');
    await page.locator('.react-flow__node[data-id="brand"]').waitFor({ state: 'detached' });
    await expect.poll(() => focusedStep(page)).toBe('draft');
    // The focus is on a step, not in a field: the shortcut the notice names works from here.
    await page.keyboard.press('Control+z');
    await page.locator('.react-flow__node[data-id="brand"]').waitFor();
  });
});
