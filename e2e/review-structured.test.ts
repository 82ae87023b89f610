import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  apiLogin,
  approveByKey,
  describeBrowser,
  until,
  type ApiClient,
  type Page1,
  type ReviewStack,
  startReviewStack,
} from './support/index.js';

/*
 * Structured content under review: the seeded "Weekly budget reallocation" flow (AI table of
 * budget lines → budget guard → manager's checkpoint), run for real with the offline model. The
 * manager reads the proposal as a table with the guard's flagged lines marked, changes one
 * number in place, approves, and the decision carries the edited JSON; the library shows the
 * kept changes as a table too.
 */

interface TaskRow {
  id: string;
  runId: string;
  status: string;
  content: { text?: string; data?: unknown };
  decision: { action: string; content?: string } | null;
}

interface BudgetRow {
  channel: string;
  current: number;
  proposed: number;
  rationale: string;
}

// Each line bought leads at its own price; a budget of 5,400 against 7,500 spent scales every
// line down by about 28%: Search and Social go past the guard's 25% cap, Email (moved up first,
// as the cheapest lead) stays inside it.
const REPORT = [
  'Search: spent 4000, 120 leads',
  'Social: spent 3000, 40 leads',
  'Email: spent 500, 50 leads',
].join('\n');

describeBrowser('review: structured content as a table', () => {
  let stack: ReviewStack;
  let manager: ApiClient;
  let page: Page;

  beforeAll(async () => {
    stack = await startReviewStack();
    manager = await apiLogin(stack.server.url, 'manager@example.com');
    page = await stack.pageFor('manager@example.com');
  }, 300_000);

  afterAll(() => stack?.stop(), 90_000);

  it('shows a budget as a table, edits one number in place and approves the edited JSON', async () => {
    const { designer, server } = stack;
    const flows = await designer.get<
      Page1<{ id: string; name: string }> | { id: string; name: string }[]
    >('/api/flows');
    const list = Array.isArray(flows) ? flows : flows.items;
    const budgetFlow = list.find((f) => f.name.startsWith('Weekly budget reallocation'));
    expect(budgetFlow, 'the seeded budget flow').toBeDefined();
    // The designer starts it: the checkpoint keeps the starter from approving their own run.
    const run = await designer.post<{ id: string }>(`/api/flows/${budgetFlow!.id}/runs`, {
      input: { report: REPORT, weeklyBudget: 5400 },
    });
    const task = await until(async () => {
      const open = await manager.get<Page1<TaskRow>>('/api/tasks?status=open');
      return open.items.find((t) => t.runId === run.id);
    }, 'the budget confirmation task');
    const data = task.content.data as { changes: BudgetRow[]; summary: string };
    expect(data.changes.map((c) => c.channel)).toEqual(['Search', 'Social', 'Email']);
    const email = data.changes[2]!;

    // The list says what the task holds, not the JSON's "{".
    await page.goto(`${server.url}/inbox`);
    const item = page.locator('.inbox-item', { hasText: 'Confirm budget changes' }).first();
    await item.waitFor();
    await expect(item.locator('.inbox-item-preview').textContent()).resolves.toBe(
      '3 items: Search, Social, Email',
    );

    await page.goto(`${server.url}/inbox/${encodeURIComponent(task.id)}`);
    await page.getByText('You are reviewing this').waitFor();
    const table = page.locator('.task-content .structured-table');
    await table.waitFor();
    const headers = await table.locator('thead th').allTextContents();
    expect(headers).toEqual(['Channel', 'Current', 'Proposed', 'Rationale']);
    // Numbers in the browser's locale, right-aligned.
    const searchRow = table.locator('tbody tr', { hasText: 'Search' });
    const inLocale = (n: number) => page.evaluate((v) => v.toLocaleString(), n);
    await expect(searchRow.locator('td').nth(1).textContent()).resolves.toBe(await inLocale(4000));
    await expect(
      searchRow
        .locator('td')
        .nth(1)
        .evaluate((td) => getComputedStyle(td).textAlign),
    ).resolves.toBe('right');
    // The guard's line flags sit on their rows; the total's stays in the list above.
    await expect(table.locator('tbody tr.is-flagged').count()).resolves.toBe(2);
    await expect(
      table.locator('tbody tr', { hasText: 'Email' }).getAttribute('class'),
    ).resolves.toBeNull();
    await expect(page.locator('.task-content').textContent()).resolves.not.toContain('"changes"');
    await page
      .locator('.task-flags li', { hasText: 'Search: 4000' })
      .getByText('marked on its row in the table below')
      .waitFor();

    // e edits in place: the first field has the keyboard; Tab walks the cells.
    await page.keyboard.press('e');
    const channelCell = page.getByLabel('Channel, Search', { exact: true });
    await expect.poll(() => channelCell.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Tab');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label')))
      .toBe('Current, Search');
    const proposed = page.getByLabel('Proposed, Email', { exact: true });
    await expect(proposed.getAttribute('type')).resolves.toBe('number');
    await proposed.fill('450');
    // Letters typed in a field are text, not decisions.
    const rationale = page.getByLabel('Rationale, Email', { exact: true });
    await rationale.focus();
    await page.keyboard.press('End');
    await page.keyboard.type(' Kept above 400.');
    await expect(page.locator('.decision-confirm').count()).resolves.toBe(0);
    // Escape leaves the editor; the table marks what changed.
    await page.keyboard.press('Escape');
    await proposed.waitFor({ state: 'detached' });
    await table.locator('.structured-changed', { hasText: '450' }).waitFor();

    await approveByKey(page);
    const expected = {
      ...data,
      changes: data.changes.map((c) =>
        c.channel === 'Email'
          ? { ...c, proposed: 450, rationale: `${email.rationale} Kept above 400.` }
          : c,
      ),
    };
    const decided = await until(async () => {
      const body = await manager.get<{ task: TaskRow }>(`/api/tasks/${task.id}`);
      return body.task.status === 'decided' ? body.task : undefined;
    }, 'the decision to arrive');
    expect(decided.decision?.action).toBe('edit');
    // The same pretty JSON the server keeps: its diff and feedback see one changed line.
    expect(decided.decision?.content).toBe(JSON.stringify(expected, null, 2));

    // The kept changes read as a table in the library too.
    const entryTitle = 'Budget changes for a weekly budget of 5400';
    await until(async () => {
      const entries = await manager.get<Page1<{ title: string }>>('/api/library');
      return entries.items.some((e) => e.title === entryTitle) || undefined;
    }, 'the library entry');
    await page.goto(`${server.url}/library`);
    await page.getByRole('link', { name: new RegExp(entryTitle) }).click();
    const saved = page.getByTestId('library-text').locator('.structured-table');
    await saved.waitFor();
    await expect(
      saved.locator('tbody tr', { hasText: 'Email' }).locator('td').nth(2).textContent(),
    ).resolves.toBe(await inLocale(450));
  }, 180_000);
});
