import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page, Request, Route } from 'playwright-core';
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

  it('says at the name field that the flow needs a name, and keeps saving the other edits', async () => {
    const flowId = await openFlow();
    await expect.poll(saveState).toBe('Saved');
    const sentNames: string[] = [];
    const onRequest = (request: Request) => {
      if (request.method() === 'PUT' && request.url().endsWith(`/api/flows/${flowId}`))
        sentNames.push((request.postDataJSON() as { name: string }).name);
    };
    page.on('request', onRequest);
    const nameField = page.getByLabel('Flow name');
    const original = await nameField.inputValue();

    // Cleared, the name failed every autosave (400) and the prompt edit below was lost with it.
    await nameField.fill('');
    await nameField.press('Tab');
    const problem = page.getByText('Give the flow a name', { exact: true });
    await problem.waitFor();
    expect(await nameField.getAttribute('aria-invalid')).toBe('true');
    expect(await nameField.getAttribute('aria-describedby')).toBe(await problem.getAttribute('id'));
    const prompt = page.getByTestId('inspector').getByLabel('Prompt', { exact: true });
    await prompt.fill('Written while the name was empty.');
    await expect.poll(saveState, { timeout: 10_000 }).toBe('Saved');
    expect(await promptOf(flowId)).toBe('Written while the name was empty.');

    // Blank is no name either.
    await nameField.fill('   ');
    await problem.waitFor();
    await prompt.fill('Written while the name was blank.');
    await page.getByRole('link', { name: 'Back to flows' }).click();
    await page.getByRole('heading', { name: 'Flows', level: 1 }).waitFor();
    page.off('request', onRequest);
    expect(await page.locator('.toast', { hasText: 'could not be saved' }).count()).toBe(0);
    expect(sentNames.length).toBeGreaterThan(0);
    expect(sentNames.filter((name) => name.trim() === '')).toEqual([]);

    // Opened again: the edit is there, under the last name that could be saved.
    await page.goto(`${server.url}/flows/${flowId}`);
    await node('draft').click();
    await expect
      .poll(() => page.getByTestId('inspector').getByLabel('Prompt', { exact: true }).inputValue())
      .toBe('Written while the name was blank.');
    expect(await page.getByLabel('Flow name').inputValue()).toBe(original);
  }, 90_000);

  it('asks before leaving when the changes could not be saved, saying why', async () => {
    const flowId = await openFlow();
    await expect.poll(saveState).toBe('Saved');
    const drop = (route: Route) =>
      route.request().method() === 'PUT' ? route.abort('connectionrefused') : route.fallback();
    await page.route(`**/api/flows/${flowId}`, drop);
    await page
      .getByTestId('inspector')
      .getByLabel('Prompt', { exact: true })
      .fill('Written just before the server went away.');
    // The toolbar says why, not only that it failed.
    await expect
      .poll(() => page.getByTestId('save-failure').textContent(), { timeout: 10_000 })
      .toMatch(/^Cannot reach the Tandem server/);

    // Leaving used to drop the edit with a toast after the fact.
    await page.getByRole('link', { name: 'Back to flows' }).click();
    const dialog = page.getByRole('dialog', { name: 'Leave without saving?' });
    await dialog.waitFor({ timeout: 10_000 });
    expect(await dialog.textContent()).toContain('Cannot reach the Tandem server');
    await dialog.getByRole('button', { name: 'Stay' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(new URL(page.url()).pathname).toBe(`/flows/${flowId}`);

    // Back online, the edit saves and the way out is open again.
    await page.unroute(`**/api/flows/${flowId}`, drop);
    await expect.poll(saveState, { timeout: 30_000 }).toBe('Saved');
    expect(await promptOf(flowId)).toBe('Written just before the server went away.');
    await page.getByRole('link', { name: 'Back to flows' }).click();
    await page.getByRole('heading', { name: 'Flows', level: 1 }).waitFor();
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
    await designer.put(
      `/api/flows/${flowId}`,
      { name: 'Renamed elsewhere', graph: current.graph },
      { 'If-Match': String(current.revision) },
    );

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
    await designer.put(
      `/api/flows/${flowId}`,
      { name: current.name, graph: theirs },
      { 'If-Match': String(current.revision) },
    );

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
