import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  boxOf,
  describeBrowser,
  primeSession,
  selectStep,
  socialReviewFlow,
  startDesignerStack,
  overlaps,
  type DesignerStack,
} from './support/index.js';

/*
 * What a first-time designer (a marketer, not a developer) tripped over in the flow editor at
 * 1280×800 and 1024×768, each checked where they met it.
 */

describeBrowser('flow editor, a designer’s first pass', () => {
  let stack: DesignerStack | undefined;

  beforeAll(async () => {
    stack = await startDesignerStack();
  }, 300_000);

  afterAll(() => stack?.stop());

  async function openNewFlow(viewport: { width: number; height: number }) {
    const { sink, designer } = stack!;
    const flow = await designer.post<{ id: string }>('/api/flows', socialReviewFlow(sink.url));
    const page = await stack!.designerPage(viewport, { at: `/flows/${flow.id}` });
    await page.getByTestId('publish-button').waitFor();
    return page;
  }

  it('offers a test run right in the notice that the flow is published', async () => {
    const page = await openNewFlow({ width: 1280, height: 800 });
    await page.getByTestId('publish-button').click();
    const toast = page.locator('.toast', { hasText: 'Published version 1' });
    await toast.getByRole('button', { name: 'Start a test run' }).click();
    const dialog = page.getByRole('dialog', { name: 'Test run' });
    await dialog.getByLabel('Topic').waitFor();
    // Nothing left to publish: the form runs the version just published, as a test run unless
    // the designer chooses otherwise.
    await dialog.getByRole('button', { name: 'Start test run', exact: true }).waitFor();
    await page.close();
  }, 90_000);

  it('says a real run really sends, leads an empty submit to the field, and starts on Ctrl+Enter', async () => {
    const page = await openNewFlow({ width: 1280, height: 800 });
    await page.getByRole('button', { name: 'Test run', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Test run' });
    // A test run sends nothing: no warning until the designer chooses a real run.
    const effects = dialog.getByTestId('run-real-effects');
    await dialog.getByRole('radio', { name: /^Test run/ }).waitFor();
    expect(await effects.count()).toBe(0);
    await dialog.getByRole('radio', { name: /^Real run/ }).check();
    // The webhook step posts for real and the review reaches reviewers: said before it starts.
    await effects.waitFor();
    expect(await effects.textContent()).toMatch(/calls a webhook.*real reviewers/);
    await dialog.getByRole('button', { name: 'Publish and start real run', exact: true }).click();
    const topic = dialog.getByLabel('Topic');
    // The keyboard goes to the field to fill, not left on the button.
    await expect.poll(() => topic.evaluate((el) => el === document.activeElement)).toBe(true);
    await topic.pressSequentially('Spring launch');
    await page.keyboard.press('Control+Enter');
    await page.getByTestId('run-bar').waitFor();
    await dialog.waitFor({ state: 'detached' });
    await page.close();
  }, 90_000);

  it('shows the step name as a field to edit and the step type in words', async () => {
    const page = await openNewFlow({ width: 1280, height: 800 });
    // A step just added has no name of its own: the field holds its type's title as text.
    await page.getByTestId('palette-ai.generate').click();
    const inspector = page.getByTestId('inspector');
    const name = inspector.getByLabel('Step name');
    await expect.poll(() => name.inputValue()).toBe('AI write');
    const border = await name.evaluate((el) => getComputedStyle(el).borderTopColor);
    expect(border).not.toBe('rgba(0, 0, 0, 0)');
    expect(await inspector.locator('.inspector-head').textContent()).toContain(
      'Step type: AI write',
    );
    expect(await inspector.locator('.inspector-head code').count()).toBe(0);

    // Named, then emptied: the step goes back to its type's title, unnamed.
    const added = (await inspector.getAttribute('data-node-id'))!;
    const card = page.getByTestId(`node-${added}`);
    await name.fill('Write the teaser');
    await name.press('Enter');
    await card.getByText('Write the teaser').waitFor();
    await name.fill('');
    await name.press('Enter');
    await expect.poll(() => name.inputValue()).toBe('AI write');
    await expect.poll(() => card.getByText('Write the teaser').count()).toBe(0);
    await page.close();
  }, 90_000);

  for (const viewport of [
    { width: 1280, height: 800 },
    { width: 1024, height: 768 },
  ]) {
    it(`keeps toasts off the overview map and zoom buttons at ${viewport.width}x${viewport.height}`, async () => {
      const page = await openNewFlow(viewport);
      const minimap = page.locator('.react-flow__minimap');
      const controls = page.locator('.react-flow__controls');
      await controls.waitFor();
      // Below 1280 px the overview map is hidden (it covered steps' handles).
      const mapShown = viewport.width >= 1280;
      expect(await minimap.isVisible()).toBe(mapShown);
      await page.getByTestId('publish-button').click();
      const toast = page.locator('.toast', { hasText: 'Published version 1' });
      await toast.waitFor();
      const toastBox = await boxOf(toast);
      const overlays = mapShown ? [minimap, controls] : [controls];
      for (const covered of await Promise.all(overlays.map(boxOf))) {
        expect(overlaps(toastBox, covered), JSON.stringify({ toastBox, covered })).toBe(false);
      }
      expect(toastBox.y + toastBox.height).toBeLessThanOrEqual(viewport.height);
      await page.close();
    }, 90_000);
  }

  it('brings the flow back into view when the step settings close', async () => {
    const page = await openNewFlow({ width: 1280, height: 800 });
    const cards = page.locator('.react-flow__node');
    /** The steps wholly in sight, left to right. */
    const inView = async () => {
      const canvas = await boxOf(page.getByTestId('canvas'));
      const shown: string[] = [];
      for (const card of await cards.all()) {
        const box = await boxOf(card);
        if (box.x >= canvas.x && box.x + box.width <= canvas.x + canvas.width)
          shown.push((await card.getAttribute('data-id'))!);
      }
      return shown.join(' ');
    };
    await page.getByTestId('node-start').waitFor();
    const atFirst = await inView();
    expect(atFirst).toMatch(/^start draft/);
    // The last step, opened: the canvas narrows and moves to show it, pushing the first ones
    // out on the left.
    await selectStep(page, 'post');
    await page.getByTestId('inspector').waitFor();
    await expect.poll(inView).toMatch(/post$/);
    // The overview map gives way on the narrowed canvas (it covered a third of it), and comes
    // back with the room.
    const minimap = page.locator('.react-flow__minimap');
    expect((await boxOf(page.getByTestId('canvas'))).width).toBeLessThan(720);
    expect(await minimap.isVisible()).toBe(false);
    expect(await inView()).not.toContain('start');
    await page.getByRole('button', { name: 'Close settings' }).click();
    await expect.poll(inView, { timeout: 5_000 }).toBe(atFirst);
    expect(await minimap.isVisible()).toBe(true);
    await page.close();
  }, 90_000);

  it('opens the steps list as icons below 1280 px, the header on one row, no overview map', async () => {
    const page = await openNewFlow({ width: 1024, height: 768 });
    const palette = page.getByRole('complementary', { name: 'Steps you can add' });
    const canvas = page.getByTestId('canvas');
    // At 1024 the expanded list, the app menu and the banner left the canvas about 590 px.
    await expect.poll(async () => (await boxOf(palette)).width).toBeLessThanOrEqual(60);
    const roomy = await boxOf(canvas);
    expect(roomy.width).toBeGreaterThanOrEqual(700);
    // The toolbar holds one row: Publish beside the name, not wrapped under it.
    const title = await boxOf(page.locator('.flow-title'));
    const publish = await boxOf(page.getByTestId('publish-button'));
    expect(publish.y).toBeLessThan(title.y + title.height);
    expect(publish.y + publish.height).toBeGreaterThan(title.y);
    await page.getByRole('button', { name: 'More actions' }).waitFor();
    expect(await page.locator('.react-flow__minimap').isVisible()).toBe(false);

    // Expanded by choice, it says what each step is, and the canvas gives up the room.
    await palette.getByRole('button', { name: 'Expand the steps list' }).click();
    await palette.getByLabel('Search steps').waitFor();
    const wide = await boxOf(palette);
    expect(roomy.width - (await boxOf(canvas)).width).toBeGreaterThanOrEqual(wide.width - 60);
    await page.close();
  }, 90_000);

  it('collapses the steps list to icons to give the canvas room, and remembers it', async () => {
    const page = await openNewFlow({ width: 1280, height: 800 });
    const palette = page.getByRole('complementary', { name: 'Steps you can add' });
    const canvas = page.getByTestId('canvas');
    await palette.getByLabel('Search steps').waitFor();
    const wide = await boxOf(palette);
    const canvasBefore = await boxOf(canvas);

    await palette.getByRole('button', { name: 'Collapse the steps list to icons' }).click();
    await expect.poll(async () => (await boxOf(palette)).width).toBeLessThanOrEqual(60);
    const canvasAfter = await boxOf(canvas);
    expect(canvasAfter.width - canvasBefore.width).toBeGreaterThanOrEqual(wide.width - 60);
    // Each icon still adds its step, under its name.
    const aiWrite = palette.getByRole('button', { name: /^AI write/ });
    expect(await aiWrite.getAttribute('title')).toMatch(/^AI write\. Click to add/);
    const before = await page.locator('.react-flow__node').count();
    await aiWrite.click();
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(before + 1);

    // Remembered on the next visit; expanded again from the keyboard.
    await page.reload();
    const expand = palette.getByRole('button', { name: 'Expand the steps list' });
    await expand.focus();
    await page.keyboard.press('Enter');
    await palette.getByLabel('Search steps').waitFor();
    expect((await boxOf(palette)).width).toBe(wide.width);
    await page.close();
  }, 90_000);

  it('says whom to ask for a connection none of its kind is saved of; an admin is led there', async () => {
    const { server, sink, designer } = stack!;
    const problemsFor = async (page: Awaited<ReturnType<typeof openNewFlow>>) => {
      // A flow of its own each time: the designer's added step, once saved, would be the
      // admin's second one.
      const flow = await designer.post<{ id: string }>('/api/flows', socialReviewFlow(sink.url));
      await page.goto(`${server.url}/flows/${flow.id}`);
      await page.getByTestId('publish-button').waitFor();
      await selectStep(page, 'post');
      await page.getByTestId('palette-publish.slack').click();
      await expect.poll(() => page.getByTestId('problems-button').textContent()).toBe('1 problem');
      await page.getByTestId('problems-button').click();
      return page.getByTestId('problems-panel');
    };

    const page = await stack!.designerPage({ width: 1280, height: 800 });
    const panel = await problemsFor(page);
    await panel
      .getByRole('button', {
        name: /Slack connection: No Slack connection is saved yet\. Ask an admin to add one in Settings → Connections/,
      })
      .waitFor();
    expect(await panel.getByRole('link').count()).toBe(0);
    await page.close();

    const adminPage = await stack!.browser.newPage({ viewport: { width: 1280, height: 800 } });
    await primeSession(adminPage, server.url, 'admin@example.com');
    const adminPanel = await problemsFor(adminPage);
    await adminPanel
      .getByRole('button', { name: /No Slack connection is saved yet\. Add one/ })
      .waitFor();
    await adminPanel.getByRole('link', { name: 'Open Settings → Connections' }).click();
    await adminPage.waitForURL(/\/settings\/connections$/);
    await adminPage.close();
  }, 120_000);
});
