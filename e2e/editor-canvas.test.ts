import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import {
  apiLogin,
  describeBrowser,
  fitFlow,
  socialReviewFlow,
  startDesignerStack,
  type ApiClient,
  type DesignerStack,
  type TandemServer,
  type WebhookSink,
} from './support/index.js';

/** What the canvas shows of a flow: cards kept in view, their labels readable. */
describeBrowser('editor canvas', () => {
  let stack: DesignerStack | undefined;
  let server: TandemServer;
  let sink: WebhookSink;
  let designer: ApiClient;
  let page: Page;

  beforeAll(async () => {
    stack = await startDesignerStack();
    ({ server, sink, designer } = stack);
    // The width of the walkthrough's laptop, where the five-step flow does not fit at a readable zoom.
    page = await stack.designerPage({ width: 1360, height: 860 });
  }, 300_000);

  afterAll(() => stack?.stop());

  const node = (id: string) => page.getByTestId(`node-${id}`);

  async function box(locator: Locator) {
    const b = (await locator.boundingBox())!;
    return { left: b.x, right: b.x + b.width, top: b.y, bottom: b.y + b.height };
  }

  async function isWhollyOnCanvas(locator: Locator): Promise<boolean> {
    const [card, canvas] = await Promise.all([box(locator), box(page.getByTestId('canvas'))]);
    return (
      card.left >= canvas.left &&
      card.right <= canvas.right &&
      card.top >= canvas.top &&
      card.bottom <= canvas.bottom
    );
  }

  it('brings the step a test run waits at into view when it was off the edge', async () => {
    const flow = await designer.post<{ id: string }>('/api/flows', socialReviewFlow(sink.url));
    await designer.post(`/api/flows/${flow.id}/publish`);
    await page.goto(`${server.url}/flows/${flow.id}`);
    await node('review').waitFor({ state: 'attached' });
    await page.waitForTimeout(600);
    // A five-step flow opens whole; zoomed in, as a designer reading a step would, the review
    // is past the edge.
    for (let i = 0; i < 4; i += 1) await page.locator('.react-flow__controls-zoomin').click();
    await page.waitForTimeout(400);
    expect(await isWhollyOnCanvas(node('review'))).toBe(false);

    await page.getByRole('button', { name: 'Test run', exact: true }).click();
    await page.getByLabel('Topic').fill('Spring launch');
    await page.getByRole('button', { name: /^(Start|Publish and start) test run$/ }).click();
    await node('review').and(page.locator('[data-status="waiting"]')).waitFor({ timeout: 20_000 });
    await expect.poll(() => isWhollyOnCanvas(node('review')), { timeout: 5_000 }).toBe(true);
    // Moved just far enough: the review sits by the right edge and the step before it stays.
    expect(await isWhollyOnCanvas(node('brand'))).toBe(true);
  }, 120_000);

  it('leaves Publish quiet while the draft is what is published, and primary again after an edit', async () => {
    const flow = await designer.post<{ id: string }>('/api/flows', socialReviewFlow(sink.url));
    await designer.post(`/api/flows/${flow.id}/publish`);
    await page.goto(`${server.url}/flows/${flow.id}`);
    const publish = page.getByRole('button', { name: 'Publish', exact: true });
    const isPrimary = () => publish.evaluate((el) => el.classList.contains('btn-primary'));
    await publish.waitFor();
    await expect.poll(isPrimary).toBe(false);
    expect(await publish.getAttribute('title')).toMatch(/^Nothing new to publish/);

    await node('draft').click();
    await page.getByTestId('inspector').getByLabel('Prompt', { exact: true }).fill('Say hello.');
    await expect.poll(isPrimary).toBe(true);
    await expect
      .poll(() => page.getByTestId('save-state').textContent(), { timeout: 10_000 })
      .toBe('Saved');
    expect(await isPrimary()).toBe(true);

    await publish.click();
    await page.getByText('Published version 2').waitFor();
    await expect.poll(isPrimary).toBe(false);

    // Clicked with nothing new, it says so and adds no identical version 3.
    await publish.click();
    await page.getByText('Already published as version 2').waitFor();
    const versions = await designer.get<{ items: { number: number }[] }>(
      `/api/flows/${flow.id}/versions`,
    );
    expect(versions.items.map((v) => v.number)).toEqual([2, 1]);
  }, 90_000);

  it('opens a published version as the draft opens, its step titles readable', async () => {
    const flow = await designer.post<{ id: string }>('/api/flows', socialReviewFlow(sink.url));
    await designer.post(`/api/flows/${flow.id}/publish`);
    await page.goto(`${server.url}/flows/${flow.id}`);
    await node('review').waitFor({ state: 'attached' });
    const zoom = () =>
      page
        .locator('.react-flow__viewport')
        .evaluate((el) => Number(/scale\(([\d.]+)\)/.exec(el.style.transform)?.[1] ?? 0));
    // A step title's size on screen, card font times the canvas zoom.
    const titleSize = () =>
      page
        .locator('.node-title')
        .first()
        .evaluate(
          (el) =>
            parseFloat(getComputedStyle(el).fontSize) *
            new DOMMatrixReadOnly(getComputedStyle(el.closest('.react-flow__viewport')!).transform)
              .a,
        );
    await page.waitForTimeout(600);
    const draftZoom = await zoom();
    expect(draftZoom).toBeGreaterThanOrEqual(0.5);

    await page.getByRole('button', { name: 'Version history' }).click();
    await page.getByTestId('versions').getByRole('button', { name: 'View' }).first().click();
    await page.getByText('Viewing version 1 (read-only).').waitFor();
    await page.waitForTimeout(600);
    // A version was fitted by a rule of its own, shrunk past what the draft uses.
    expect(Math.abs((await zoom()) - draftZoom)).toBeLessThan(0.05);
    expect(await titleSize()).toBeGreaterThanOrEqual(10);
    expect(await isWhollyOnCanvas(node('start'))).toBe(true);
  });

  it('puts the focus in the field to fix when a problem is picked from the list', async () => {
    const at = (x: number, y: number) => ({ x, y });
    const flow = await designer.post<{ id: string }>('/api/flows', {
      name: 'Problems to fix',
      graph: {
        nodes: [
          { id: 'start', type: 'trigger.manual', position: at(0, 0), config: {} },
          {
            id: 'clean',
            type: 'logic.branch',
            position: at(300, 0),
            config: { rules: [{ path: 'steps.nothing.passed', operator: 'is_true' }] },
          },
          { id: 'email', type: 'publish.email', position: at(600, 0), config: {} },
        ],
        edges: [
          { id: 'e1', source: 'start', target: 'clean' },
          { id: 'e2', source: 'clean', sourceHandle: 'true', target: 'email' },
        ],
      },
    });
    await page.goto(`${server.url}/flows/${flow.id}`);
    await node('email').waitFor({ state: 'attached' });
    await page.getByTestId('problems-button').click();
    const problems = page.getByTestId('problems-panel');
    const focused = () => page.evaluate(() => document.activeElement?.id);
    await problems.getByRole('button', { name: /To: Required/ }).click();
    await expect.poll(focused).toBe('cfg-email-to');
    // Inside a list's item too: the branch's rule names a step nothing provides.
    await problems.getByRole('button', { name: /Rules › Rule 1 › Value/ }).click();
    await expect.poll(focused).toBe('cfg-clean-rules-rules-0-path');
  });

  it('names each connection to a screen reader by its steps’ titles and the output it leaves by', async () => {
    const flow = await designer.post<{ id: string }>('/api/flows', socialReviewFlow(sink.url));
    await page.goto(`${server.url}/flows/${flow.id}`);
    await node('review').waitFor({ state: 'attached' });
    const label = (id: string) => page.getByTestId(`rf__edge-${id}`).getAttribute('aria-label');
    expect(await label('e1')).toBe('Connection from Brief to Draft the post');
    expect(await label('e4')).toBe('Connection from Review the post: Approved to Post to LinkedIn');
  });

  it('names each focused step to a screen reader by its name, kind and problems, once each', async () => {
    const flow = await designer.post<{ id: string }>('/api/flows', socialReviewFlow(sink.url));
    await page.goto(`${server.url}/flows/${flow.id}`);
    await node('draft').waitFor();
    const wrapper = (id: string) => page.getByTestId(`rf__node-${id}`);
    // The name sits on the focusable wrapper: one inside the card went unread, and the card's
    // text was read instead ("Draft the post AI write Text · Write a short…").
    expect(await wrapper('draft').getAttribute('aria-label')).toBe('Draft the post, AI write step');
    await node('draft').click();
    await page.getByTestId('inspector').getByLabel('Prompt', { exact: true }).fill('');
    await expect
      .poll(() => wrapper('draft').getAttribute('aria-label'))
      .toBe('Draft the post, AI write step, 1 problem');
    // Read after the name, in the editor's words: React Flow said "node" and "edge".
    const description = await wrapper('draft').evaluate(
      (el) => document.getElementById(el.getAttribute('aria-describedby')!)?.textContent,
    );
    expect(description).toMatch(/^Press Enter or Space to open the step’s settings\./);
    expect(await page.getByRole('application', { name: 'Flow canvas' }).count()).toBe(1);
  });

  it('shows a clicked connection in the side panel instead of the step, and deletes it by key or button', async () => {
    const at = (x: number, y: number) => ({ x, y });
    const flow = await designer.post<{ id: string }>('/api/flows', {
      name: 'Connections selected',
      graph: {
        nodes: [
          { id: 'start', type: 'trigger.manual', position: at(0, 0), config: {} },
          { id: 'draft', type: 'ai.generate', label: 'Draft', position: at(360, 0), config: {} },
          { id: 'review', type: 'human.review', position: at(720, 0), config: {} },
        ],
        edges: [
          { id: 'e1', source: 'start', target: 'draft' },
          { id: 'e2', source: 'draft', target: 'review' },
        ],
      },
    });
    await page.goto(`${server.url}/flows/${flow.id}`);
    await node('review').waitFor();
    await page.waitForTimeout(600);
    const edge = (id: string) => page.getByTestId(`rf__edge-${id}`);
    // A straight connection's box has no height, which the locator calls invisible: click the
    // middle of its line, where a designer would, once it stands still (a panel that opens glides
    // the canvas to keep its step in view).
    const clickEdge = async (id: string) => {
      let box = await edge(id).boundingBox();
      for (let i = 0; i < 20; i += 1) {
        await page.waitForTimeout(100);
        const now = await edge(id).boundingBox();
        if (JSON.stringify(now) === JSON.stringify(box)) break;
        box = now;
      }
      await page.mouse.click(box!.x + box!.width / 2, box!.y + box!.height / 2);
    };
    const inspector = page.getByTestId('inspector');
    const panel = page.getByTestId('connection-panel');

    // A step's settings give way to the connection clicked: the panel shows what is selected.
    await node('draft').click();
    await inspector.waitFor();
    await clickEdge('e1');
    await inspector.waitFor({ state: 'detached' });
    await panel.waitFor();
    expect(await panel.locator('dd').allTextContents()).toEqual(['Manual start', 'Draft']);
    // Escape closes it and leaves the connection; Delete removes the selected one, and only it.
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });
    await clickEdge('e1');
    await panel.waitFor();
    await page.keyboard.press('Delete');
    await edge('e1').waitFor({ state: 'detached' });
    await panel.waitFor({ state: 'detached' });
    expect(await page.locator('.react-flow__node').count()).toBe(3);

    // With a connection selected, a step clicked in from the palette follows no step.
    await clickEdge('e2');
    await panel.waitFor();
    await page.getByTestId('palette-publish.webhook').click();
    await node('webhook').waitFor();
    await inspector.waitFor();
    expect(await page.locator('.react-flow__edge').count()).toBe(1);

    // The panel's own button removes it too; the saved draft keeps no connection.
    // The step's settings narrowed the canvas over the connection: fit the flow back in view.
    await fitFlow(page);
    await clickEdge('e2');
    await panel.getByRole('button', { name: 'Delete connection' }).click();
    await edge('e2').waitFor({ state: 'detached' });
    await expect
      .poll(
        async () =>
          (await designer.get<{ graph: { edges: unknown[] } }>(`/api/flows/${flow.id}`)).graph.edges
            .length,
        { timeout: 10_000 },
      )
      .toBe(0);

    // Several steps selected: the panel cannot show them all, so it closes; Escape clears them.
    await node('start').click();
    await node('draft').click({ modifiers: ['Control'] });
    await inspector.waitFor({ state: 'detached' });
    expect(await page.locator('.react-flow__node.selected').count()).toBe(2);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('.react-flow__node.selected').count()).toBe(0);
  }, 90_000);

  it('shows the test run started from the editor again after a reload or a visit elsewhere, still live', async () => {
    const flow = await designer.post<{ id: string }>('/api/flows', socialReviewFlow(sink.url));
    await designer.post(`/api/flows/${flow.id}/publish`);
    await page.goto(`${server.url}/flows/${flow.id}`);
    await page.getByRole('button', { name: 'Test run', exact: true }).click();
    await page.getByLabel('Topic').fill('Back again');
    // A real run: a reviewer decides it below.
    await page.getByRole('radio', { name: /^Real run/ }).check();
    await page.getByRole('button', { name: /^(Start|Publish and start) real run$/ }).click();
    const bar = (status: string) =>
      page.locator(`[data-testid="run-bar"][data-run-status="${status}"]`);
    await bar('waiting').waitFor({ timeout: 20_000 });

    await page.reload();
    await bar('waiting').waitFor();
    await node('review').and(page.locator('[data-status="waiting"]')).waitFor();
    await page.goto(`${server.url}/flows`);
    await page.getByRole('link', { name: 'Spring launch post' }).first().waitFor();
    await page.goto(`${server.url}/flows/${flow.id}`);
    await bar('waiting').waitFor();

    // Still live: a reviewer's approval finishes it on screen without a reload.
    const reviewer = await apiLogin(server.url, 'reviewer@example.com');
    const tasks = await reviewer.get<{ items: { id: string; runId: string }[] }>(
      '/api/tasks?status=open',
    );
    const runs = await designer.get<{ items: { id: string }[] }>(`/api/runs?flowId=${flow.id}`);
    const task = tasks.items.find((t) => t.runId === runs.items[0]!.id)!;
    await reviewer.post(`/api/tasks/${task.id}/decision`, { action: 'approve' });
    await bar('succeeded').waitFor({ timeout: 20_000 });

    // Hidden, it stays hidden when the flow is opened again.
    await page.getByRole('button', { name: 'Hide the run' }).click();
    await page.reload();
    await node('review').waitFor();
    await page.waitForTimeout(1_000);
    expect(await page.getByTestId('run-bar').count()).toBe(0);
  }, 120_000);

  it('keeps the output labels of a review and a branch readable with a step placed close on the right', async () => {
    const at = (x: number, y: number) => ({ x, y });
    const flow = await designer.post<{ id: string }>('/api/flows', {
      name: 'Cards side by side',
      graph: {
        nodes: [
          { id: 'review', type: 'human.review', label: 'Review', position: at(0, 0), config: {} },
          // 10 px right of the review card: where its labels used to be drawn.
          { id: 'post', type: 'publish.webhook', label: 'Post', position: at(270, 0), config: {} },
          { id: 'branch', type: 'logic.branch', label: 'Branch', position: at(0, 220), config: {} },
          {
            id: 'mail',
            type: 'publish.webhook',
            label: 'Mail',
            position: at(270, 220),
            config: {},
          },
        ],
        edges: [],
      },
    });
    await page.goto(`${server.url}/flows/${flow.id}`);
    await node('mail').waitFor();
    await page.waitForTimeout(600);
    const labels = page.locator('.handle-label');
    expect(await labels.allTextContents()).toEqual(['Approved', 'Rejected', 'Yes', 'No']);
    for (const label of await labels.all()) {
      const name = await label.textContent();
      // The label is what the page shows at its centre, not the neighbouring card.
      const onTop = await label.evaluate((el) => {
        const b = el.getBoundingClientRect();
        return el.contains(document.elementFromPoint(b.x + b.width / 2, b.y + b.height / 2));
      });
      expect(onTop, `${name} label uncovered`).toBe(true);
    }
    // Each label sits beside its own handle.
    for (const id of ['approved', 'rejected']) {
      const handle = (await node('review')
        .locator(`.react-flow__handle[data-handleid="${id}"]`)
        .boundingBox())!;
      const label = (await node('review')
        .locator('.node-output', { has: page.locator(`[data-handleid="${id}"]`) })
        .locator('.handle-label')
        .boundingBox())!;
      expect(Math.abs(label.y + label.height / 2 - (handle.y + handle.height / 2))).toBeLessThan(4);
    }
  }, 60_000);
});
