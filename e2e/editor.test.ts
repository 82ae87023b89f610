import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  apiLogin,
  describeBrowser,
  fitFlow,
  saveScreenshot,
  selectStep,
  startDesignerStack,
  type ApiClient,
  type DesignerStack,
  type TandemServer,
  type WebhookSink,
} from './support/index.js';

describeBrowser('flow editor', () => {
  let stack: DesignerStack | undefined;
  let server: TandemServer;
  let sink: WebhookSink;
  let designer: ApiClient;
  let page: Page;

  beforeAll(async () => {
    stack = await startDesignerStack();
    ({ server, sink, designer } = stack);
    page = await stack.designerPage({ width: 1440, height: 900 });
  }, 300_000);

  afterAll(() => stack?.stop());

  const node = (id: string) => page.getByTestId(`node-${id}`);
  const canvas = () => page.getByTestId('canvas');

  async function dropStep(type: string, x: number, y: number): Promise<void> {
    await page.getByTestId(`palette-${type}`).dragTo(canvas(), { targetPosition: { x, y } });
  }

  async function connect(source: string, target: string, sourceHandle?: string): Promise<void> {
    const from = sourceHandle
      ? node(source).locator(`.react-flow__handle.source[data-handleid="${sourceHandle}"]`)
      : node(source).locator('.react-flow__handle.source').first();
    await from.dragTo(node(target).locator('.react-flow__handle.target').first());
  }

  it('builds a flow from the palette, fixes a problem, publishes and watches a test run', async () => {
    await page.getByTestId('new-flow').click();
    await page.getByLabel('Name', { exact: true }).fill('Launch announcement');
    await page.getByTestId('template-blank').click();
    await page.getByTestId('create-flow').click();
    await page.waitForURL(/\/flows\/flw/);

    // Drag four steps from the palette and wire them up. A dropped step opens its settings on
    // the right, so the drops stay within the canvas left of the inspector.
    await dropStep('trigger.manual', 150, 140);
    await dropStep('ai.generate', 450, 140);
    await dropStep('human.review', 150, 420);
    await dropStep('publish.webhook', 450, 420);
    for (const id of ['trigger', 'draft', 'review', 'webhook'])
      await expect(node(id).isVisible()).resolves.toBe(true);
    // Close the settings panel (click on empty canvas) and fit the flow on screen to wire it.
    await canvas().click({ position: { x: 20, y: 20 } });
    await fitFlow(page);

    await connect('trigger', 'draft');
    await connect('draft', 'review');
    await connect('review', 'webhook', 'approved');
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(3);

    // A connection that would close a loop does not snap, and the designer is told why.
    await connect('webhook', 'draft');
    expect(await page.locator('.react-flow__edge').count()).toBe(3);
    const refused = page.locator('.toast', {
      hasText: 'That would make a loop; flows run in one direction',
    });
    await refused.getByRole('button', { name: 'Dismiss' }).click();

    // Fill the AI step's prompt using the variable autocomplete.
    await node('draft').click();
    const prompt = page.getByTestId('inspector').getByLabel('Prompt', { exact: true });
    await prompt.fill('');
    // An empty prompt is a problem, shown inline and on the card.
    await expect
      .poll(() => page.getByTestId('inspector').getByText('Required').count())
      .toBeGreaterThan(0);
    await expect.poll(() => node('draft').locator('.node-problem').count()).toBe(1);
    await prompt.pressSequentially('Write a short launch post about {{ inp');
    await page.getByRole('option', { name: /input\.topic/ }).waitFor();
    await prompt.press('Enter');
    await prompt.pressSequentially('. Keep it upbeat.');
    await expect(prompt.inputValue()).resolves.toBe(
      'Write a short launch post about {{ input.topic }}. Keep it upbeat.',
    );
    await expect.poll(() => node('draft').locator('.node-problem').count()).toBe(0);
    await saveScreenshot(page, 'editor-building');

    // The webhook without a URL or a connection is listed while editing, before any Publish
    // (it used to surface only once the server refused the publish).
    await expect
      .poll(() => page.getByTestId('problems-button').textContent())
      .toContain('1 problem');
    await page.getByTestId('problems-button').click();
    const problems = page.getByTestId('problems-panel');
    await problems.getByText(/Enter a URL or choose a webhook connection/).waitFor();
    await expect.poll(() => node('webhook').locator('.node-problem').count()).toBe(1);
    await saveScreenshot(page, 'editor-validation');

    // Fix it from the problems list: it selects the step, the form takes the URL.
    await problems
      .getByRole('button', { name: /Send to webhook|webhook/i })
      .first()
      .click();
    await page.getByTestId('inspector').getByLabel('URL', { exact: true }).fill(sink.url);
    await expect.poll(() => node('webhook').locator('.node-problem').count()).toBe(0);
    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    await page.getByText('Published version 1').waitFor();
    await expect.poll(() => page.getByTestId('save-state').textContent()).toBe('Saved');

    // A real run from the Test run dialog: the form comes from the trigger's fields; the canvas
    // follows the run live, and a reviewer decides it (e2e/test-run.test.ts covers test runs).
    await page.getByRole('button', { name: 'Test run', exact: true }).click();
    await page.getByLabel('Topic').fill('Spring launch');
    await page.getByRole('radio', { name: /^Real run/ }).check();
    await page.getByRole('button', { name: 'Start real run' }).click();
    await page.getByTestId('run-bar').waitFor();
    await node('trigger').and(page.locator('[data-status="done"]')).waitFor();
    await node('draft').and(page.locator('[data-status="done"]')).waitFor();
    await node('review').and(page.locator('[data-status="waiting"]')).waitFor({ timeout: 20_000 });
    await page.getByTestId('run-bar').getByText('Waiting for a reviewer').waitFor();
    await node('draft').click();
    await page.getByTestId('inspector').getByText('Last real run').waitFor();
    // The whole flow in view beside the open settings (fixing the webhook centred that step).
    await fitFlow(page);
    // Let the notifications fade so the screenshot shows the canvas.
    await expect.poll(() => page.locator('.toast').count(), { timeout: 12_000 }).toBe(0);
    await saveScreenshot(page, 'editor-test-run');

    // A reviewer approves behind the scenes; the publish step turns done without a reload.
    const reviewer = await apiLogin(server.url, 'reviewer@example.com');
    const tasks = await reviewer.get<{ items: { id: string; title: string }[] } | { id: string }[]>(
      '/api/tasks?status=open',
    );
    const task = (Array.isArray(tasks) ? tasks : tasks.items)[0]!;
    await reviewer.post(`/api/tasks/${task.id}/decision`, { action: 'approve' });
    await node('webhook').and(page.locator('[data-status="done"]')).waitFor({ timeout: 20_000 });
    await page.locator('[data-testid="run-bar"][data-run-status="succeeded"]').waitFor();
    const delivered = await sink.waitFor();
    expect(delivered.json).toMatchObject({
      nodeId: 'webhook',
      content: { text: expect.stringMatching(/spring launch/i) },
    });
  }, 180_000);

  it('duplicates, undoes and redoes by keyboard, and views a version read-only', async () => {
    await node('draft').click();
    await page.keyboard.press('Escape');
    await page.getByTestId('canvas').click({ position: { x: 10, y: 10 } });
    await node('draft').click();
    await page.keyboard.press('Control+d');
    await node('draft_2').waitFor();
    await page.keyboard.press('Control+z');
    await expect.poll(() => node('draft_2').count()).toBe(0);
    await page.keyboard.press('Control+Shift+z');
    await node('draft_2').waitFor();
    await page.keyboard.press('Delete');
    await expect.poll(() => node('draft_2').count()).toBe(0);
    await expect
      .poll(() => page.getByTestId('save-state').textContent(), { timeout: 10_000 })
      .toBe('Saved');

    // Version 1 opens read-only; the draft comes back untouched. Opening the history asks for
    // nothing a designer may not see (a refused request is an error in the console).
    const refused: string[] = [];
    const onResponse = (r: { status: () => number; url: () => string }) => {
      if (r.status() === 403) refused.push(r.url());
    };
    page.on('response', onResponse);
    await page.getByRole('button', { name: 'Version history' }).click();
    await page.getByTestId('versions').getByRole('button', { name: 'View' }).first().waitFor();
    page.off('response', onResponse);
    expect(refused).toEqual([]);
    await page.getByTestId('versions').getByRole('button', { name: 'View' }).first().click();
    await page.getByText('Viewing version 1 (read-only).').waitFor();
    expect(await page.getByTestId('palette-ai.generate').isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Back to the draft' }).click();
    await expect.poll(() => page.getByText('Viewing version 1').count()).toBe(0);
    await expect(page.locator('.react-flow__node').count()).resolves.toBe(4);
  }, 90_000);

  it('shows problems for an invalid import and keeps the draft unchanged', async () => {
    const flowUrl = page.url();
    expect(flowUrl).toMatch(/\/flows\//);
    const before = await page.locator('.react-flow__node').count();
    await page.getByTestId('import-file').setInputFiles({
      name: 'broken.json',
      mimeType: 'application/json',
      buffer: Buffer.from(
        JSON.stringify({
          name: 'X',
          graph: {
            nodes: [{ id: 'a', type: 'evil.code', position: { x: 0, y: 0 }, config: {} }],
            edges: [],
          },
        }),
      ),
    });
    await page.getByText(/Import refused/).waitFor();
    expect(await page.locator('.react-flow__node').count()).toBe(before);
  }, 60_000);

  it('lists a problem of the whole flow in readable text, not greyed out', async () => {
    await page.goto(`${server.url}/flows`);
    await page.getByTestId('new-flow').click();
    await page.getByLabel('Name', { exact: true }).fill('Nothing yet');
    await page.getByTestId('template-blank').click();
    await page.getByTestId('create-flow').click();
    await page.waitForURL(/\/flows\/flw/);
    const panel = page.getByTestId('problems-panel');
    await page.getByTestId('save-state').getByText('Saved').waitFor();
    if (!(await panel.isVisible())) await page.getByTestId('problems-button').click();
    const problem = panel.locator('.problem', { hasText: 'The flow is empty' });
    await problem.waitFor();
    const color = (selector: string) =>
      panel
        .locator(selector)
        .first()
        .evaluate((el) => getComputedStyle(el).color);
    expect(await color('.problem')).toBe(await color('h3'));
    await expect(panel.locator('button:disabled').count()).resolves.toBe(0);
  }, 60_000);

  it('keeps every toolbar action on screen on a 1024 px wide window', async () => {
    await page.setViewportSize({ width: 1024, height: 768 });
    try {
      const publish = page.getByRole('button', { name: 'Publish', exact: true });
      await publish.waitFor();
      for (const name of ['Test run', 'Publish']) {
        const box = await page.getByRole('button', { name, exact: true }).boundingBox();
        expect(box, name).not.toBeNull();
        expect(box!.x + box!.width, name).toBeLessThanOrEqual(1024);
      }
      const toolbar = page.locator('.editor-toolbar');
      const overflow = await toolbar.evaluate((el) => el.scrollWidth - el.clientWidth);
      expect(overflow).toBe(0);
    } finally {
      await page.setViewportSize({ width: 1440, height: 900 });
    }
  }, 60_000);

  it('keeps the toolbar clear of the step settings at 1024 px, and closes them with Escape', async () => {
    await page.setViewportSize({ width: 1024, height: 768 });
    try {
      await dropStep('ai.generate', 200, 200);
      const inspector = page.getByTestId('inspector');
      await inspector.waitFor();
      // Publish is where it was, and a click there reaches it rather than the panel.
      const publish = page.getByRole('button', { name: 'Publish', exact: true });
      const hit = await publish.evaluate((button) => {
        const box = button.getBoundingClientRect();
        const top = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
        return button.contains(top);
      });
      expect(hit).toBe(true);

      // Escape first closes the open autocomplete, then leaves the field, then closes the panel.
      const prompt = inspector.getByLabel('Prompt', { exact: true });
      await prompt.fill('');
      await prompt.pressSequentially('About {{ bra');
      const options = page.getByRole('listbox', { name: 'Variables' });
      await options.waitFor();
      await page.keyboard.press('Escape');
      await options.waitFor({ state: 'detached' });
      expect(await prompt.evaluate((el) => el === document.activeElement)).toBe(true);
      await page.keyboard.press('Escape');
      expect(await inspector.evaluate((el) => el === document.activeElement)).toBe(true);
      await page.keyboard.press('Escape');
      await inspector.waitFor({ state: 'detached' });
      // The keyboard stays on the step that was being edited.
      const focusedStep = await node('draft').evaluate(
        (el) => el.closest('.react-flow__node') === document.activeElement,
      );
      expect(focusedStep).toBe(true);
    } finally {
      await page.setViewportSize({ width: 1440, height: 900 });
    }
  }, 60_000);

  it('says a draft with problems cannot run before asking for input, and leads to the problems', async () => {
    await page.goto(`${server.url}/flows`);
    await page.getByRole('link', { name: 'Launch announcement' }).click();
    await node('webhook').waitFor();
    await fitFlow(page);
    await selectStep(page, 'webhook');
    await page.getByTestId('inspector').getByLabel('URL', { exact: true }).fill('');
    await expect
      .poll(() => page.getByTestId('save-state').textContent(), { timeout: 10_000 })
      .toBe('Saved');
    await page.getByRole('button', { name: 'Test run', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Test run' });
    // Said before any input is asked for, in the designer's words; nothing offers to start.
    await dialog
      .getByRole('alert')
      .getByText(/can’t run yet\. Your draft has 1 problem to fix first/)
      .waitFor();
    await expect(dialog.getByLabel('Topic').count()).resolves.toBe(0);
    await expect(dialog.getByRole('button', { name: /run$/ }).count()).resolves.toBe(0);
    await dialog.getByRole('button', { name: 'Show the problems' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const problems = page.getByTestId('problems-panel');
    await problems.getByText('Send to webhook').waitFor();
    // The keyboard is on the first problem, one Enter from the field to fix.
    await expect
      .poll(() => problems.evaluate((el) => el.contains(document.activeElement)))
      .toBe(true);
  }, 60_000);

  it('shows the newest versions first, and older ones when asked', async () => {
    // A published demo flow (the one built above now has a problem), published again past
    // the 20 versions the history shows at once.
    const flows = await designer.get<{
      items: { id: string; name: string; publishedVersion: number | null }[];
    }>('/api/flows?limit=100');
    const flow = flows.items.find(
      (f) => f.publishedVersion !== null && f.name !== 'Launch announcement',
    )!;
    // Each publish has something new (its name), as an unchanged draft makes no version.
    const { graph } = await designer.get<{ graph: unknown }>(`/api/flows/${flow.id}`);
    for (let n = flow.publishedVersion! + 1; n <= 23; n += 1) {
      await designer.put(
        `/api/flows/${flow.id}`,
        { name: `${flow.name} (take ${n})`, graph },
        { 'If-Match': '*' },
      );
      await designer.post(`/api/flows/${flow.id}/publish`);
    }
    // A page of its own: the draft open in the other one may hold navigation back.
    const history = await stack!.designerPage(
      { width: 1440, height: 900 },
      { at: `/flows/${flow.id}` },
    );
    await history.getByText(/^(Published v23|v23 live)/).waitFor();
    await history.getByRole('button', { name: 'Version history' }).click();
    const rows = history.getByTestId('versions').locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(20);
    await expect(rows.first().textContent()).resolves.toMatch(/^v23\s*live/);
    await expect(rows.last().textContent()).resolves.toMatch(/^v4(?!\d)/);
    const older = history.getByRole('button', { name: 'Show older versions' });
    await older.click();
    await expect.poll(() => rows.count()).toBe(23);
    await expect(rows.last().textContent()).resolves.toMatch(/^v1(?!\d)/);
    await expect(older.count()).resolves.toBe(0);
    await history.close();
  }, 60_000);
});
