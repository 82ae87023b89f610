import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  apiLogin,
  describeBrowser,
  launchBrowser,
  loginAs,
  selectStep,
  startServer,
  type ApiClient,
  type TandemServer,
} from './support/index.js';

interface Item {
  id: string;
  name: string;
}
interface SavedFlow {
  graph: { nodes: { id: string; config: Record<string, unknown> }[] };
}

/*
 * The step settings offer saved connections and people by name: a designer picks them without
 * knowing an id, and the saved flow holds the ids. An id already stored that no longer exists
 * stays in sight, marked, until the designer removes it.
 */
describeBrowser('step settings pickers', () => {
  let server: TandemServer;
  let browser: Browser;
  let page: Page;
  let designer: ApiClient;
  let flowId: string;
  let hookId: string;
  let raeId: string;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const admin = await apiLogin(server.url, 'admin@example.com');
    designer = await apiLogin(server.url, 'designer@example.com');
    hookId = (
      await admin.post<Item>('/api/connections', {
        kind: 'webhook',
        name: 'CMS hook',
        settings: { url: 'http://127.0.0.1:9/hook' },
      })
    ).id;
    // Another kind: the webhook step must not offer it.
    await admin.post('/api/connections', {
      kind: 'slack',
      name: 'Team channel',
      secrets: { webhookUrl: 'https://hooks.slack.com/services/T000/B000/XXXX' },
    });
    const users = await admin.get<{ items: Item[] }>('/api/users');
    raeId = users.items.find((u) => u.name === 'Rae Reviewer')!.id;
    const at = (x: number) => ({ x, y: 0 });
    flowId = (
      await designer.post<{ id: string }>('/api/flows', {
        name: 'Picker check',
        graph: {
          nodes: [
            { id: 'start', type: 'trigger.manual', label: 'Brief', position: at(0), config: {} },
            {
              id: 'review',
              type: 'human.review',
              label: 'Review',
              position: at(300),
              // A person deleted since: the form keeps them in sight.
              config: { assigneeRoles: [], assigneeUserIds: ['usr_deletedperson'] },
            },
            { id: 'hook', type: 'publish.webhook', label: 'Send', position: at(600), config: {} },
          ],
          edges: [
            { id: 'e1', source: 'start', target: 'review' },
            { id: 'e2', source: 'review', sourceHandle: 'approved', target: 'hook' },
          ],
        },
      })
    ).id;
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('a designer picks a reviewer and a connection by name; the saved flow holds their ids', async () => {
    await loginAs(page, server.url, 'designer@example.com', { at: `/flows/${flowId}` });
    const inspector = page.getByTestId('inspector');

    await selectStep(page, 'review');
    const people = inspector.getByRole('group', { name: 'Who may decide (people)' });
    const gone = people.getByRole('checkbox', { name: /Unknown person \(usr_deletedperson\)/ });
    await gone.waitFor();
    expect(await gone.isChecked()).toBe(true);
    await people.getByText('One person chosen here no longer exists.').waitFor();
    // Names with roles, never ids or emails.
    await people.getByText('Reviewer', { exact: true }).waitFor();
    expect(await people.textContent()).not.toMatch(/@example\.com|usr_(?!deletedperson)/);
    // By keyboard: focus the person's box and tick it with Space.
    await people.getByRole('checkbox', { name: /Rae Reviewer/ }).focus();
    await page.keyboard.press('Space');
    expect(await people.getByRole('checkbox', { name: /Rae Reviewer/ }).isChecked()).toBe(true);
    // Unticked, the unknown person stays listed (unticked) so the untick can be undone; the
    // warning goes with the choice.
    await gone.click();
    await expect.poll(() => gone.isChecked()).toBe(false);
    await expect.poll(() => people.getByText(/no longer exists/).count()).toBe(0);
    await gone.click();
    await expect.poll(() => gone.isChecked()).toBe(true);
    await people
      .getByText(/no longer exists/)
      .first()
      .waitFor();
    await gone.click();
    await expect.poll(() => gone.isChecked()).toBe(false);

    await selectStep(page, 'hook');
    const connection = inspector.getByLabel('Webhook connection');
    await expect
      .poll(async () => connection.locator('option').allTextContents())
      .toEqual(['None', 'CMS hook']);
    await connection.selectOption({ label: 'CMS hook' });
    await expect
      .poll(() => page.getByTestId('node-hook').locator('.node-summary').textContent())
      .toBe('Sends to CMS hook');

    await expect
      .poll(() => page.getByTestId('save-state').textContent(), { timeout: 15_000 })
      .toBe('Saved');
    const saved = await designer.get<SavedFlow>(`/api/flows/${flowId}`);
    const config = (id: string) => saved.graph.nodes.find((n) => n.id === id)!.config;
    expect(config('review').assigneeUserIds).toEqual([raeId]);
    expect(config('hook').connectionId).toBe(hookId);
  }, 180_000);

  it('names unknown connections and people as problems of their steps before publishing', async () => {
    const flow = await designer.post<{ id: string }>('/api/flows', {
      name: 'Unknown references',
      graph: {
        nodes: [
          {
            id: 'start',
            type: 'trigger.manual',
            label: 'Brief',
            position: { x: 0, y: 0 },
            config: {},
          },
          {
            id: 'review',
            type: 'human.review',
            label: 'Review',
            position: { x: 300, y: 0 },
            config: { assigneeRoles: ['reviewer'], assigneeUserIds: ['usr_deletedperson'] },
          },
          {
            id: 'notify',
            type: 'publish.slack',
            label: 'Tell the team',
            position: { x: 600, y: 0 },
            config: { connectionId: 'con_deletedhook' },
          },
        ],
        edges: [
          { id: 'e1', source: 'start', target: 'review' },
          { id: 'e2', source: 'review', sourceHandle: 'approved', target: 'notify' },
        ],
      },
    });
    await page.goto(`${server.url}/flows/${flow.id}`);
    const card = page.getByTestId('node-notify');
    await card.getByText('Its connection no longer exists').waitFor();
    expect(await card.locator('.node-summary').textContent()).toBe('Posts to a missing connection');

    await expect.poll(() => page.getByTestId('problems-button').textContent()).toBe('2 problems');
    await page.getByTestId('problems-button').click();
    const panel = page.getByTestId('problems-panel');
    const connectionProblem = panel.getByRole('button', {
      name: /Tell the team.*Slack connection: The connection con_deletedhook no longer exists/,
    });
    await connectionProblem.waitFor();
    await panel
      .getByRole('button', { name: /Review.*One person chosen here no longer exists/ })
      .waitFor();
    // The problem leads to its step, whose settings say the same once.
    await connectionProblem.click();
    const inspector = page.getByTestId('inspector');
    await expect.poll(() => inspector.getByLabel('Step name').inputValue()).toBe('Tell the team');
    expect(await inspector.getByText(/con_deletedhook no longer exists/).count()).toBe(1);
    // Publishing is refused in the editor, before the server is asked.
    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    await page.getByText('Fix the problems listed before publishing').waitFor();
  }, 180_000);
});
