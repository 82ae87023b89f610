import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  describeBrowser,
  fitFlow,
  loginAs,
  startDesignerStack,
  type ApiClient,
  type DesignerStack,
  type TandemServer,
} from './support/index.js';

interface SavedEdge {
  id: string;
  source: string;
  target: string;
  sourceHandle?: string;
  targetHandle?: string;
}

/**
 * A designer who clicks steps in from the palette gets them connected after the selected one; one
 * who deletes a step from a chain is told how its neighbours were joined.
 */
describeBrowser('palette clicks connect steps', () => {
  let stack: DesignerStack | undefined;
  let server: TandemServer;
  let designer: ApiClient;
  let page: Page;

  beforeAll(async () => {
    stack = await startDesignerStack();
    ({ server, designer } = stack);
    page = await stack.designerPage({ width: 1440, height: 900 });
  }, 300_000);

  afterAll(() => stack?.stop());

  const node = (id: string) => page.getByTestId(`node-${id}`);
  const edgesOnCanvas = () => page.locator('.react-flow__edge').count();

  async function openFlow(name: string, graph: unknown = { nodes: [], edges: [] }) {
    const flow = await designer.post<{ id: string }>('/api/flows', { name, graph });
    await page.goto(`${server.url}/flows/${flow.id}`);
    await page.getByTestId('canvas').waitFor();
    return flow.id;
  }

  async function clickIn(type: string, id: string): Promise<void> {
    await page.getByTestId(`palette-${type}`).click();
    await node(id).waitFor();
  }

  /** The draft's edges, by id, once autosave has saved `count` of them. */
  async function savedEdges(flowId: string, count: number): Promise<SavedEdge[]> {
    await expect
      .poll(
        async () =>
          (await designer.get<{ graph: { edges: SavedEdge[] } }>(`/api/flows/${flowId}`)).graph
            .edges.length,
        { timeout: 10_000 },
      )
      .toBe(count);
    const flow = await designer.get<{ graph: { edges: SavedEdge[] } }>(`/api/flows/${flowId}`);
    return flow.graph.edges.sort((a, b) => (a.id < b.id ? -1 : 1));
  }

  it('chains the steps clicked in a row, a review on its Approved path first, saved and undone like drawn edges', async () => {
    const flowId = await openFlow('Clicked into a chain');
    await clickIn('trigger.manual', 'trigger');
    await clickIn('ai.generate', 'draft');
    await clickIn('check.brand', 'brand');
    await clickIn('human.review', 'review');
    await clickIn('publish.webhook', 'webhook');
    await expect.poll(edgesOnCanvas).toBe(4);
    await page
      .locator('.toast', { hasText: 'Added "Send to webhook" after "Human review" (Approved)' })
      .waitFor();

    // From the keyboard too: the review selected again, Enter on a palette step continues from
    // its next free way out.
    await node('review').click();
    await page.getByTestId('palette-publish.slack').focus();
    await page.keyboard.press('Enter');
    await node('slack').waitFor();
    await expect.poll(edgesOnCanvas).toBe(5);
    await page
      .locator('.toast', { hasText: 'Added "Post to Slack" after "Human review" (Rejected)' })
      .waitFor();
    // Each notice replaces the last rather than piling up over the settings panel.
    expect(await page.locator('.toast', { hasText: 'Added "' }).count()).toBe(1);
    // The Rejected path's step sits a row below the Approved one's, its edge clear of that card.
    const [webhook, slack] = await Promise.all([
      node('webhook').boundingBox(),
      node('slack').boundingBox(),
    ]);
    expect(slack!.y).toBeGreaterThan(webhook!.y + webhook!.height);

    const link = (source: string, sourceHandle: string, target: string) => ({
      id: `e_${source}_${sourceHandle}_${target}`,
      source,
      sourceHandle,
      target,
      targetHandle: 'in',
    });
    expect(await savedEdges(flowId, 5)).toEqual([
      link('brand', 'out', 'review'),
      link('draft', 'out', 'brand'),
      link('review', 'approved', 'webhook'),
      link('review', 'rejected', 'slack'),
      link('trigger', 'out', 'draft'),
    ]);

    // One undo takes back the last click: its step and its edge.
    await page.keyboard.press('Control+z');
    await node('slack').waitFor({ state: 'detached' });
    await expect.poll(edgesOnCanvas).toBe(4);
    expect((await savedEdges(flowId, 4)).map((e) => e.id)).not.toContain('e_review_rejected_slack');
  }, 120_000);

  it('leaves a step unconnected with nothing or several steps selected, or when it is a trigger', async () => {
    const flowId = await openFlow('Clicked in loose', {
      nodes: [
        { id: 'trigger', type: 'trigger.manual', position: { x: 0, y: 0 }, config: {} },
        { id: 'draft', type: 'ai.generate', position: { x: 360, y: 0 }, config: {} },
      ],
      edges: [{ id: 'e1', source: 'trigger', target: 'draft' }],
    });
    await node('draft').waitFor();
    // Nothing selected: the step lands in view, on its own.
    await clickIn('check.brand', 'brand');
    // Two steps selected: there is no single step to follow. The canvas still, first: a card
    // clicked while the view moves can be missed (CI once missed it for 30 s).
    await fitFlow(page);
    await node('trigger').click();
    await node('draft').click({ modifiers: ['Control'] });
    await clickIn('human.review', 'review');
    // A trigger starts a flow, so nothing leads into it; the designer is told why.
    await clickIn('trigger.webhook', 'trigger_2');
    await page
      .locator('.toast', {
        hasText: 'Added "Webhook start", not connected: "Webhook start" starts',
      })
      .waitFor();
    // With one step selected, the next click connects. The brand check landed off to the side.
    await fitFlow(page);
    await node('brand').click();
    await clickIn('publish.webhook', 'webhook');

    expect((await savedEdges(flowId, 2)).map((e) => e.id)).toEqual(['e1', 'e_brand_out_webhook']);
    expect(await edgesOnCanvas()).toBe(2);
  }, 120_000);

  it('puts a trigger clicked in last before the chain, connected to its first step', async () => {
    const flowId = await openFlow('Trigger added last');
    await clickIn('ai.generate', 'draft');
    await clickIn('publish.library', 'library');
    await expect.poll(edgesOnCanvas).toBe(1);
    // Added last, with the library step selected: it still leads to the chain's first step.
    await clickIn('trigger.manual', 'trigger');
    await page
      .locator('.toast', { hasText: 'Added "Manual start", connected to "AI write"' })
      .waitFor();
    expect((await savedEdges(flowId, 2)).map((e) => e.id)).toEqual([
      'e_draft_out_library',
      'e_trigger_out_draft',
    ]);
    // Left of that step, not at the far end of the chain.
    const [trigger, draft] = await Promise.all([
      node('trigger').boundingBox(),
      node('draft').boundingBox(),
    ]);
    expect(trigger!.x + trigger!.width).toBeLessThan(draft!.x);
  }, 120_000);

  it('says which connection a step lacks, draws it in one click, and tidies the trigger first', async () => {
    const flowId = await openFlow('Trigger left loose', {
      nodes: [
        { id: 'draft', type: 'ai.generate', position: { x: 0, y: 0 }, config: {} },
        { id: 'library', type: 'publish.library', position: { x: 360, y: 0 }, config: {} },
        { id: 'trigger', type: 'trigger.manual', position: { x: 720, y: 0 }, config: {} },
      ],
      edges: [{ id: 'e1', source: 'draft', target: 'library' }],
    });
    await node('draft').waitFor();
    // Tidy up puts the trigger in the first column, though nothing connects it yet.
    await page.getByRole('button', { name: 'Tidy up', exact: true }).click();
    const leftOfDraft = async () =>
      (await node('draft').boundingBox())!.x - (await node('trigger').boundingBox())!.x;
    await expect.poll(leftOfDraft).toBeGreaterThan(0);

    await page.getByTestId('problems-button').click();
    const problems = page.getByTestId('problems-panel');
    await problems.getByText('Not connected: connect "Manual start" to "AI write"').waitFor();
    await problems
      .getByRole('button', { name: 'Connect "Manual start" to "AI write"', exact: true })
      .click();
    expect((await savedEdges(flowId, 2)).map((e) => e.id)).toEqual(['e1', 'e_trigger_out_draft']);
    await expect.poll(() => problems.getByText(/Not connected/).count()).toBe(0);
  }, 120_000);

  it('builds a chain from the search box alone: Enter adds the first step found, arrows walk the list', async () => {
    const flowId = await openFlow('Typed into a chain');
    const search = page.getByRole('searchbox', { name: 'Search steps' });
    await search.focus();
    for (const [words, id] of [
      ['manual', 'trigger'],
      ['ai write', 'draft'],
      ['brand', 'brand'],
    ] as const) {
      await page.keyboard.type(words);
      await page.getByText(/^Enter adds “/).waitFor();
      await page.keyboard.press('Enter');
      await node(id).waitFor();
      // The box is emptied for the next step and keeps the focus.
      expect(await search.inputValue()).toBe('');
      expect(await search.evaluate((el) => el === document.activeElement)).toBe(true);
    }
    // Down from the box to the steps found, Up back again; Enter on a step adds it.
    await page.keyboard.type('review');
    await page.keyboard.press('ArrowDown');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent ?? ''))
      .toMatch(/^Human review/);
    await page.keyboard.press('ArrowUp');
    expect(await search.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await node('review').waitFor();
    expect((await savedEdges(flowId, 3)).map((e) => `${e.source}>${e.target}`)).toEqual([
      'brand>review',
      'draft>brand',
      'trigger>draft',
    ]);
  }, 120_000);

  it('connects a drag let go anywhere over a step’s card, not only on its small input dot', async () => {
    const flowId = await openFlow('Dropped on the card', {
      nodes: [
        { id: 'trigger', type: 'trigger.manual', position: { x: 0, y: 0 }, config: {} },
        { id: 'draft', type: 'ai.generate', position: { x: 400, y: 0 }, config: {} },
        { id: 'review', type: 'human.review', position: { x: 800, y: 0 }, config: {} },
      ],
      edges: [],
    });
    await node('review').waitFor();
    await page.waitForTimeout(400);
    async function dragOntoCard(from: string, handle: string, to: string): Promise<void> {
      const dot = (await node(from)
        .locator(`.react-flow__handle.source[data-handleid="${handle}"]`)
        .boundingBox())!;
      const card = (await node(to).locator('.node-summary, .node-head').last().boundingBox())!;
      await page.mouse.move(dot.x + dot.width / 2, dot.y + dot.height / 2);
      await page.mouse.down();
      await page.mouse.move(card.x + card.width / 2, card.y + card.height / 2, { steps: 12 });
      await page.mouse.up();
    }
    // Let go over the middle of the AI step's card: it was dropped without a word.
    await dragOntoCard('trigger', 'out', 'draft');
    await expect.poll(edgesOnCanvas).toBe(1);
    await dragOntoCard('draft', 'out', 'review');
    await expect.poll(edgesOnCanvas).toBe(2);
    // Over a card that cannot take it, the designer is told why, as on a handle.
    await dragOntoCard('review', 'approved', 'trigger');
    await page.locator('.toast', { hasText: '"Manual start" starts a flow' }).waitFor();
    const saved = (await savedEdges(flowId, 2)).map((e) => `${e.source}>${e.target}`);
    expect(saved.sort()).toEqual(['draft>review', 'trigger>draft']);
  }, 90_000);

  it('says which steps it joined when a step is deleted from the middle of a chain, until the next edit', async () => {
    const at = (x: number) => ({ x, y: 0 });
    const flowId = await openFlow('Deleted from the middle', {
      nodes: [
        { id: 'trigger', type: 'trigger.manual', position: at(0), config: {} },
        { id: 'draft', type: 'ai.generate', label: 'Draft', position: at(360), config: {} },
        { id: 'brand', type: 'check.brand', label: 'Brand check', position: at(720), config: {} },
        { id: 'review', type: 'human.review', label: 'Review', position: at(1080), config: {} },
      ],
      edges: [
        { id: 'e1', source: 'trigger', target: 'draft' },
        { id: 'e2', source: 'draft', target: 'brand' },
        { id: 'e3', source: 'brand', target: 'review' },
      ],
    });
    await node('review').waitFor();
    await fitFlow(page);
    const notice = page.locator('.toast', {
      hasText: 'Deleted “Brand check”; connected “Draft” → “Review”.',
    });

    // By key: the notice is polite, in the toasts' live region; the next edit (here the undo it
    // offers) takes it away, since a second Ctrl+Z would no longer undo the delete.
    await node('brand').click();
    await page.keyboard.press('Delete');
    await notice.waitFor();
    expect(await notice.getAttribute('role')).toBe('status');
    expect(await page.locator('.toasts').getAttribute('aria-live')).toBe('polite');
    const saved = (await savedEdges(flowId, 2)).map((e) => `${e.source}>${e.target}`);
    expect(saved.sort()).toEqual(['draft>review', 'trigger>draft']);
    await page.keyboard.press('Control+z');
    await node('brand').waitFor();
    // Gone with the same render that brings the step back, not when its time is up.
    expect(await notice.count()).toBe(0);

    // By the side panel's button, which goes with the step it deletes: the notice stays.
    await node('brand').click();
    await page.getByRole('button', { name: 'Delete step' }).click();
    await notice.waitFor();

    // Deleting the last step joins nothing, so it names just the step, in place of the earlier
    // notice.
    await node('review').click();
    await page.keyboard.press('Delete');
    await node('review').waitFor({ state: 'detached' });
    await page.locator('.toast', { hasText: 'Deleted “Review”.' }).waitFor();
    expect(await page.locator('.toast', { hasText: 'Deleted' }).count()).toBe(1);
  }, 90_000);

  it('names ⌘, not Ctrl, in the hints on a Mac, and undoes on ⌘+Z', async () => {
    const at = (x: number) => ({ x, y: 0 });
    const flowId = await openFlow('Deleted on a Mac', {
      nodes: [
        { id: 'trigger', type: 'trigger.manual', position: at(0), config: {} },
        { id: 'draft', type: 'ai.generate', label: 'Draft', position: at(360), config: {} },
        { id: 'review', type: 'human.review', label: 'Review', position: at(720), config: {} },
      ],
      edges: [
        { id: 'e1', source: 'trigger', target: 'draft' },
        { id: 'e2', source: 'draft', target: 'review' },
      ],
    });
    // The designer's own page is Linux (Ctrl); this one says it is a Mac, as Safari or Chrome
    // there would, in its user agent (Playwright derives userAgentData's platform from it).
    const mac = await stack!.browser.newContext({
      viewport: { width: 1440, height: 900 },
      userAgent:
        'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
    });
    try {
      const macPage = await mac.newPage();
      await loginAs(macPage, server.url, 'designer@example.com', { at: `/flows/${flowId}` });
      const macNode = (id: string) => macPage.getByTestId(`node-${id}`);
      await macNode('draft').waitFor();
      expect(await macPage.getByRole('button', { name: 'Undo' }).getAttribute('title')).toBe(
        'Undo (⌘+Z)',
      );
      expect(await macPage.getByRole('button', { name: 'Redo' }).getAttribute('title')).toBe(
        'Redo (⌘+Shift+Z)',
      );
      await fitFlow(macPage);
      await macNode('draft').click();
      await macPage.keyboard.press('Delete');
      const notice = macPage.locator('.toast', {
        hasText: 'Deleted “Draft”; connected “Manual start” → “Review”.',
      });
      await notice.getByRole('button', { name: 'Undo' }).getByText('⌘+Z').waitFor();
      await macNode('draft').waitFor({ state: 'detached' });
      // The key the hint names does what it says.
      await macPage.keyboard.press('Meta+z');
      await macNode('draft').waitFor();
    } finally {
      await mac.close();
    }
  }, 90_000);
});
