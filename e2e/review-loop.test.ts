import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  apiLogin,
  describeBrowser,
  saveScreenshot,
  startEditing,
  startReviewStack,
  stopEditing,
  until,
  type ApiClient,
  type Page1,
  type ReviewStack,
  type TandemServer,
  type WebhookSink,
} from './support/index.js';

/*
 * The human side of the loop, end to end over the real server, engine, store and socket push:
 * a reviewer's inbox fills the moment a run starts, the reviewer edits and approves by keyboard
 * while a second reviewer watches the claim, the sink receives the edited text, and a manager
 * hands the checkpoint to the AI from the console. The settings test runs here, last, because
 * it reads the audit trail those automation changes left.
 */

const SECOND_REVIEWER = {
  email: 'rey@example.com',
  name: 'Rey Reviewer',
  password: 'second-pass-1',
};
const EDITED =
  'Our spring release ships today: faster reports and clearer dashboards for every team.';

function sentText(body: unknown): string | undefined {
  return (body as { content?: { text?: string } } | undefined)?.content?.text;
}

describeBrowser('review: inbox, task view and automation console', () => {
  let stack: ReviewStack;
  let server: TandemServer;
  let sink: WebhookSink;
  let designer: ApiClient;
  let admin: ApiClient;
  let flowId: string;
  let taskId: string;
  let reviewer: Page;
  let second: Page;

  const pageFor = (email: string, password?: string, width?: number) =>
    stack.pageFor(email, password, width);

  beforeAll(async () => {
    stack = await startReviewStack((asAdmin) =>
      asAdmin.post('/api/users', { ...SECOND_REVIEWER, roles: ['reviewer'] }),
    );
    ({ server, sink, designer, admin, flowId } = stack);
  }, 300_000);

  afterAll(() => stack?.stop(), 90_000);

  it('shows a new task in the reviewer inbox the moment a designer starts a run', async () => {
    reviewer = await pageFor('reviewer@example.com');
    await reviewer.goto(`${server.url}/inbox`);
    await reviewer.getByText("You're all caught up").waitFor();
    await expect(reviewer.title()).resolves.toBe('Inbox · Tandem');

    const started = Date.now();
    await designer.post(`/api/flows/${flowId}/runs`, {
      input: { topic: 'the spring release' },
    });
    const item = reviewer.locator('.inbox-item', {
      hasText: 'Review post: the spring release',
    });
    await item.waitFor({ timeout: 10_000 });
    // Pushed over the socket, not polled: the list has no timer that reloads it.
    expect(Date.now() - started).toBeLessThan(5_000);
    await expect(reviewer.title()).resolves.toBe('(1) Inbox · Tandem');
    await item.getByText(/^\d+ flags?$/).waitFor();
    await expect(item.locator('.due').textContent()).resolves.toMatch(
      /^Due in 1h 5\dm|^Due in 2h 00m/,
    );
    taskId = (await item.getAttribute('data-task-id'))!;
    expect(taskId).toBeTruthy();
  }, 90_000);

  it('claims the task on open; a second reviewer sees it being reviewed', async () => {
    await reviewer.keyboard.press('j');
    await reviewer.waitForURL(`**/inbox/${taskId}`);
    await reviewer.getByText('You are reviewing this').waitFor();
    await reviewer.getByText('Check the tone and the facts. Edit freely.').waitFor();
    // The brand check flagged the banned phrase; the preview marks it where it stands.
    const marked = reviewer.locator('.preview mark.flag-mark', { hasText: 'get back to you' });
    await expect(marked.count()).resolves.toBeGreaterThan(0);

    second = await pageFor(SECOND_REVIEWER.email, SECOND_REVIEWER.password);
    await second.goto(`${server.url}/inbox`);
    await second.locator('.inbox-item', { hasText: 'Being reviewed by' }).waitFor();
    await second.goto(`${server.url}/inbox/${taskId}`);
    await second.getByTestId('claimed-by-other').waitFor();
    await expect(second.getByRole('button', { name: /^Approve/ }).isDisabled()).resolves.toBe(true);
  }, 90_000);

  it('edits in place with a live word diff and approves by keyboard; the sink gets the edit', async () => {
    await reviewer.bringToFront();
    await startEditing(reviewer);
    await reviewer.keyboard.press('ControlOrMeta+a');
    await reviewer.keyboard.type(EDITED);
    await reviewer.locator('.diff-text ins').first().waitFor();
    await reviewer.locator('.task-flags li.is-fixed').first().waitFor();
    await expect(reviewer.locator('#diff-summary').textContent()).resolves.toMatch(/words? added/);
    await saveScreenshot(reviewer, 'review-task-view');

    // Escape leaves the field, so the letter keys act again; `a` approves with the edits.
    await stopEditing(reviewer);
    await reviewer.getByRole('button', { name: /Approve with edits/ }).waitFor();
    await reviewer.keyboard.press('a');
    await reviewer.waitForURL(/\/inbox$/);
    await reviewer.getByText("You're all caught up").waitFor();
    await expect(reviewer.title()).resolves.toBe('Inbox · Tandem');

    const delivered = await sink.waitFor((r) => sentText(r.json) !== undefined, 15_000);
    expect(sentText(delivered.json)).toBe(EDITED);
    expect(delivered.path).toMatch(/\/linkedin$/);

    // The second reviewer's view follows live: the task closed under them, and by what.
    await second.getByText('Rae Reviewer approved this task with edits.').waitFor();
    await expect(second.locator('.inbox-item').count()).resolves.toBe(0);
  }, 90_000);

  it('lets a manager raise the checkpoint to auto; the next run publishes without a task', async () => {
    const manager = await pageFor('manager@example.com');
    await manager.goto(`${server.url}/automation/${flowId}`);
    const card = manager.locator('[data-node-id="review"]');
    await card.waitFor();
    await expect(
      card.getByRole('radio', { name: 'Review all' }).getAttribute('aria-checked'),
    ).resolves.toBe('true');
    // The evidence counts the decision just taken: one edited approval.
    const decisions = card.locator('.evidence > div', { hasText: 'Decisions' });
    await expect(decisions.locator('dd').textContent()).resolves.toBe('1');
    await expect(
      card
        .locator('.evidence > div', { hasText: /^Edited/ })
        .locator('dd')
        .textContent(),
    ).resolves.toBe('100% (1 of 1)');
    await card.getByRole('radio', { name: 'Auto' }).click();
    await card.getByRole('button', { name: 'Apply change' }).click();
    await card.getByText('Say why, for the audit trail').waitFor();
    await card.getByLabel('Reason').fill('Reviewed drafts need no changes; trial full automation.');
    // Auto lets everything through unseen: the manager confirms that first.
    await card.getByLabel('I understand that nothing will wait for a reviewer').check();
    await card.getByRole('button', { name: 'Apply change' }).click();
    await manager.getByText('Review the post: now Auto').waitFor();
    await expect(
      card.getByRole('radio', { name: 'Auto' }).getAttribute('aria-checked'),
    ).resolves.toBe('true');
    await card.getByText('Trend over time and per prompt version').click();
    await card.locator('.recharts-surface').first().waitFor();
    await card.getByRole('table').waitFor();
    // One page of decisions, all of them here: the trend says it covers them all.
    await expect(card.getByTestId('trend-coverage').textContent()).resolves.toMatch(
      /^All \d+ decisions so far\.$|^The one decision so far\.$/,
    );
    await saveScreenshot(manager, 'review-automation-console');

    const audit = await admin.get<Page1<{ action: string; details: Record<string, unknown> }>>(
      '/api/audit?action=automation.changed',
    );
    expect(audit.items[0]?.details).toMatchObject({
      flowId,
      nodeId: 'review',
      from: 'review_all',
      to: 'auto',
    });

    const before = sink.requests.length;
    const run = await designer.post<{ id: string }>(`/api/flows/${flowId}/runs`, {
      input: { topic: 'the autumn release' },
    });
    const finished = await until(async () => {
      const r = await designer.get<{ status: string }>(`/api/runs/${run.id}`);
      return r.status === 'succeeded' || r.status === 'failed' ? r : undefined;
    }, 'the second run to finish');
    expect(finished.status).toBe('succeeded');
    const published = await sink.waitFor((r) => (r.json as { runId?: string })?.runId === run.id);
    expect(sentText(published.json)).toBeTruthy();
    expect(sink.requests.length).toBe(before + 1);
    const tasks = await admin.get<Page1<unknown>>(`/api/tasks?runId=${run.id}`);
    expect(tasks.items).toHaveLength(0);
  }, 90_000);

  it('keeps the console away from reviewers', async () => {
    await reviewer.goto(`${server.url}/automation/${flowId}`);
    await reviewer.getByText("You don't have access to this page").waitFor();
    const nav = reviewer.getByRole('navigation', { name: 'Main' });
    await expect(nav.getByRole('link', { name: /Automation/ }).count()).resolves.toBe(0);
    const token = await apiLogin(server.url, 'reviewer@example.com');
    await expect(
      token.put(`/api/flows/${flowId}/automation/review`, { level: 'review_all', reason: 'x' }),
    ).rejects.toThrow(/403/);
  }, 90_000);

  it('fits a phone: list first, then the task with its decision bar', async () => {
    const manager = await apiLogin(server.url, 'manager@example.com');
    await manager.put(`/api/flows/${flowId}/automation/review`, {
      level: 'review_all',
      reason: 'Back to full review for the phone check.',
    });
    await designer.post(`/api/flows/${flowId}/runs`, { input: { topic: 'the mobile app' } });
    const phone = await pageFor('reviewer@example.com', undefined, 390);
    await phone.goto(`${server.url}/inbox`);
    const item = phone.locator('.inbox-item', { hasText: 'the mobile app' });
    await item.waitFor();
    await item.click();
    await phone.getByRole('button', { name: /^Approve/ }).waitFor();
    await expect(phone.getByRole('link', { name: '← All tasks' }).isVisible()).resolves.toBe(true);
    await expect(phone.locator('.inbox-list-pane').isVisible()).resolves.toBe(false);
    const width = await phone.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    await saveScreenshot(phone, 'review-task-phone');
  });

  it('settings: masked secrets, test connection, audit chain, roles and brand kit', async () => {
    const page = await pageFor('admin@example.com');
    const secret = `whsec_${Buffer.from('e2e-signing-secret-of-32-bytes!!').toString('base64')}`;
    await page.goto(`${server.url}/settings/connections`);
    await page.getByLabel('Name').fill('Review sink');
    await page.getByLabel('URL').fill(`${sink.url}/connection-test`);
    await page.getByLabel(/Signing secret/).fill(secret);
    const apiKey = 'e2e-receiver-api-key-0123456789';
    await page.getByRole('button', { name: 'Add header' }).click();
    await page.getByLabel('Header 1 name').fill('X-Api-Key');
    await page.getByLabel('Header 1 value').fill(apiKey);
    await page.getByRole('button', { name: 'Save connection' }).click();
    const card = page.locator('.conn-list > li', { hasText: 'Review sink' });
    await card.waitFor();
    await expect(card.textContent()).resolves.not.toContain(secret);
    await expect(card.textContent()).resolves.not.toContain(apiKey);
    await card.getByText('header X-Api-Key').waitFor();
    await expect(card.getByText(/^•+/).count()).resolves.toBeGreaterThan(0);
    await card.getByRole('button', { name: 'Test connection' }).click();
    await card.getByText(/✓ Works/).waitFor();
    const tested = await sink.waitFor((r) => r.path.endsWith('/connection-test'));
    expect(tested.headers['x-api-key']).toBe(apiKey);

    // Editing: the stored value is never put back in the page; blank keeps it.
    await card.getByRole('button', { name: 'Edit' }).click();
    const value = card.getByLabel('Header 1 value');
    await expect(value.inputValue()).resolves.toBe('');
    await expect(value.getAttribute('placeholder')).resolves.toBe('stored — leave blank to keep');
    await card.getByRole('button', { name: 'Add header' }).click();
    await card.getByLabel('Header 2 name').fill('X-Env');
    await card.getByLabel('Header 2 value').fill('review');
    await card.getByRole('button', { name: 'Save connection' }).click();
    await card.getByText('header X-Env').waitFor();
    await expect(page.content()).resolves.not.toContain(apiKey);
    const before = sink.requests.length;
    await card.getByRole('button', { name: 'Test connection' }).click();
    const kept = await sink.waitFor(
      (r) => r.path.endsWith('/connection-test') && sink.requests.indexOf(r) >= before,
    );
    expect([kept.headers['x-api-key'], kept.headers['x-env']]).toEqual([apiKey, 'review']);
    await card.getByRole('button', { name: 'Edit' }).click();
    await card.getByRole('button', { name: 'Remove header X-Env' }).click();
    await card.getByRole('button', { name: 'Save connection' }).click();
    await card.getByText('header X-Env').waitFor({ state: 'detached' });

    await page.getByRole('link', { name: 'Audit log' }).click();
    await page.getByRole('button', { name: 'Verify chain' }).click();
    await page.getByText(/^Chain intact: \d+ events checked\.$/).waitFor();
    await page.getByLabel('Action').selectOption({ label: 'Automation level changed' });
    await page.getByRole('button', { name: 'Filter' }).click();
    const rows = page.locator('tbody tr');
    await until(async () => ((await rows.count()) === 2 ? true : undefined), 'two automation rows');
    await expect(rows.first().textContent()).resolves.toContain('Automation level changed');

    // Roles change in place and are stored; the brand kit saves at the revision it was read at.
    await page.getByRole('link', { name: 'Users and roles' }).click();
    const roles = page.getByRole('group', { name: `Roles of ${SECOND_REVIEWER.name}` });
    await roles.getByLabel('manager').check();
    await page.getByText(`Saved ${SECOND_REVIEWER.name}`).waitFor();
    type UserRow = { id: string; email: string; roles: string[]; revision: number };
    const users = await admin.get<Page1<UserRow>>('/api/users');
    const rey = users.items.find((u) => u.email === SECOND_REVIEWER.email);
    expect(rey?.roles.sort()).toEqual(['manager', 'reviewer']);

    // Another admin renames Rey behind the page's back: the page's next change is from the old
    // revision, so it is refused with a readable message and the row shows the rename.
    await admin.patch(`/api/users/${rey!.id}`, { revision: rey!.revision, name: 'Rey Renamed' });
    await roles.getByLabel('designer').click();
    await page.getByText(/^Someone else changed Rey Renamed while you were editing/).waitFor();
    const reloaded = page.getByRole('group', { name: 'Roles of Rey Renamed' });
    await expect(reloaded.getByLabel('designer').isChecked()).resolves.toBe(false);
    const after = await admin.get<UserRow>(`/api/users/${rey!.id}`);
    expect(after.roles.sort()).toEqual(['manager', 'reviewer']);

    await page.getByRole('link', { name: 'Brand kit' }).click();
    const voice = page.getByLabel('Voice');
    await voice.fill('Plain, warm and exact.');
    await page.getByRole('button', { name: 'Save brand kit' }).click();
    await page.getByText(/Brand kit saved/).waitFor();
    const kits = await admin.get<Page1<{ voice: string }>>('/api/brand-kits');
    expect(kits.items[0]?.voice).toBe('Plain, warm and exact.');
  }, 90_000);
});
