import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page, Route } from 'playwright-core';
import {
  describeBrowser,
  socialReviewFlow,
  startDesignerStack,
  type ApiClient,
  type DesignerStack,
  type TandemServer,
  type WebhookSink,
} from './support/index.js';

interface SavedFlow {
  id: string;
  name: string;
  revision: number;
  graph: { nodes: { id: string; config: Record<string, unknown> }[]; edges: unknown[] };
}

/** What happens to the designer's edits when saving does not simply work. */
describeBrowser('editor saving', () => {
  let stack: DesignerStack | undefined;
  let server: TandemServer;
  let sink: WebhookSink;
  let designer: ApiClient;
  let page: Page;

  beforeAll(async () => {
    stack = await startDesignerStack();
    ({ server, sink, designer } = stack);
    page = await stack.designerPage({ width: 1360, height: 860 });
  }, 300_000);

  afterAll(() => stack?.stop());

  const node = (id: string) => page.getByTestId(`node-${id}`);
  const saveState = () => page.getByTestId('save-state').textContent();
  const promptOf = async (flowId: string) =>
    (await designer.get<SavedFlow>(`/api/flows/${flowId}`)).graph.nodes.find(
      (n) => n.id === 'draft',
    )?.config.prompt;

  async function openFlow(): Promise<string> {
    const flow = await designer.post<{ id: string }>('/api/flows', socialReviewFlow(sink.url));
    await page.goto(`${server.url}/flows/${flow.id}`);
    await node('draft').click();
    return flow.id;
  }

  it('saves an edit made while the server was unreachable once it is back, without a click', async () => {
    const flowId = await openFlow();
    // The server goes away: every save is lost on the way.
    const drop = (route: Route) =>
      route.request().method() === 'PUT' ? route.abort('connectionrefused') : route.fallback();
    await page.route(`**/api/flows/${flowId}`, drop);
    await page
      .getByTestId('inspector')
      .getByLabel('Prompt', { exact: true })
      .fill('Write about {{ input.topic }} while offline.');
    await expect.poll(saveState, { timeout: 10_000 }).toBe('Not saved — retrying');
    // The failure's note and button take toolbar room: Publish must stay on screen all the same.
    const publish = (await page.getByTestId('publish-button').boundingBox())!;
    expect(publish.x + publish.width).toBeLessThanOrEqual(1360);

    // The server is back; the designer touches nothing, and the edit is saved.
    await page.unroute(`**/api/flows/${flowId}`, drop);
    await expect.poll(saveState, { timeout: 15_000 }).toBe('Saved');
    expect(await promptOf(flowId)).toBe('Write about {{ input.topic }} while offline.');
  }, 90_000);

  it('saves an edit made just before the designer leaves the editor for another page', async () => {
    const flowId = await openFlow();
    await expect.poll(saveState).toBe('Saved');
    await page
      .getByTestId('inspector')
      .getByLabel('Prompt', { exact: true })
      .fill('Written a moment before leaving.');
    // Within the autosave's wait: leaving inside the app cancelled it, and no prompt warned.
    await page.getByRole('link', { name: 'Back to flows' }).click();
    await page.getByRole('heading', { name: 'Flows', level: 1 }).waitFor();
    await expect
      .poll(() => promptOf(flowId), { timeout: 10_000 })
      .toBe('Written a moment before leaving.');
  }, 90_000);

  it('keeps the toolbar one height while the save state changes with each edit', async () => {
    await openFlow();
    await expect.poll(saveState).toBe('Saved');
    const height = async () => (await page.locator('.editor-toolbar').boundingBox())!.height;
    const saved = await height();
    // A long name fills the row; "Unsaved changes" beside it wrapped the toolbar to two rows
    // and back at every autosave, moving the canvas under the designer's pointer.
    await page.getByLabel('Flow name').fill('Spring launch post for the brand review team');
    await expect.poll(saveState).toBe('Unsaved changes');
    expect(await height()).toBe(saved);
    await expect.poll(saveState, { timeout: 10_000 }).toBe('Saved');
    expect(await height()).toBe(saved);
  }, 90_000);

  it('lets the designer keep their version when the draft was changed in another tab', async () => {
    const flowId = await openFlow();
    await expect.poll(saveState).toBe('Saved');
    // Another tab renames the flow behind this one's back.
    const current = await designer.get<SavedFlow>(`/api/flows/${flowId}`);
    await designer.put(`/api/flows/${flowId}`, { name: 'Renamed elsewhere', graph: current.graph });

    await page
      .getByTestId('inspector')
      .getByLabel('Prompt', { exact: true })
      .fill('My careful rewrite about {{ input.topic }}.');
    const banner = page.getByTestId('save-conflict');
    await banner.getByText('Your latest changes are not saved.').waitFor({ timeout: 10_000 });
    expect(
      await page.getByRole('alert').filter({ hasText: 'changed in another tab' }).count(),
    ).toBe(1);

    // Reloading was the only way out, and it threw the rewrite away.
    await banner.getByRole('button', { name: 'Keep my version' }).click();
    await expect.poll(saveState, { timeout: 10_000 }).toBe('Saved');
    await expect.poll(() => banner.count()).toBe(0);
    expect(await promptOf(flowId)).toBe('My careful rewrite about {{ input.topic }}.');
  }, 90_000);

  it('loads the other version, without a leave-the-page prompt, when the designer picks it', async () => {
    const flowId = await openFlow();
    await expect.poll(saveState).toBe('Saved');
    const current = await designer.get<SavedFlow>(`/api/flows/${flowId}`);
    const theirs = structuredClone(current.graph);
    theirs.nodes.find((n) => n.id === 'draft')!.config.prompt = 'Their prompt.';
    await designer.put(`/api/flows/${flowId}`, { name: current.name, graph: theirs });

    await page.getByTestId('inspector').getByLabel('Prompt', { exact: true }).fill('Mine.');
    const banner = page.getByTestId('save-conflict');
    await banner.waitFor({ timeout: 10_000 });
    const prompts: string[] = [];
    const onDialog = (dialog: { type: () => string; accept: () => Promise<void> }) => {
      prompts.push(dialog.type());
      void dialog.accept();
    };
    page.on('dialog', onDialog);
    await banner.getByRole('button', { name: 'Load the other version' }).click();
    await node('draft').click();
    await expect
      .poll(() => page.getByTestId('inspector').getByLabel('Prompt', { exact: true }).inputValue())
      .toBe('Their prompt.');
    page.off('dialog', onDialog);
    expect(prompts).toEqual([]);
  }, 90_000);
});
