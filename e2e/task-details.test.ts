import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  apiLogin,
  describeBrowser,
  startReviewStack,
  until,
  type ApiClient,
  type Page1,
  type ReviewStack,
} from './support/index.js';

/*
 * How a task reads: a reviewer judges the content, laid out so it reads at a glance; the ids and
 * prompt version behind it are for the people who build and run flows, who find them in a
 * collapsed "Technical details" section.
 */
describeBrowser('review task: what it shows, and to whom', () => {
  let stack: ReviewStack;
  let reviewerApi: ApiClient;
  let taskId: string;

  beforeAll(async () => {
    stack = await startReviewStack();
    reviewerApi = await apiLogin(stack.server.url, 'reviewer@example.com');
    const run = await stack.designer.post<{ id: string }>(`/api/flows/${stack.flowId}/runs`, {
      input: { topic: 'Details' },
    });
    taskId = await until(async () => {
      const tasks =
        await reviewerApi.get<Page1<{ id: string; runId: string }>>('/api/tasks?status=open');
      return tasks.items.find((t) => t.runId === run.id)?.id;
    }, 'the review task');
  }, 300_000);

  afterAll(() => stack?.stop(), 90_000);

  it('shows a reviewer the content without step ids or prompt versions', async () => {
    const reviewer = await stack.pageFor('reviewer@example.com');
    await reviewer.goto(`${stack.server.url}/inbox/${taskId}`);
    await reviewer.getByText('You are reviewing this').waitFor();
    await reviewer.locator('.task-context').waitFor({ state: 'attached' });
    const view = (await reviewer.locator('main').textContent()) ?? '';
    expect(view).not.toMatch(/prompt version|Technical details|checkpoint review|ai\.generate/i);
    expect(await reviewer.locator('main .mono').count()).toBe(0);
  }, 90_000);

  it('says a task or run behind a wrong link does not exist (only to those who may view every run), with no Try again that cannot help', async () => {
    // A reviewer is refused alike for tasks that exist and tasks that do not, so task ids cannot
    // be probed; an admin (who sees every task) learns it does not exist.
    const reviewer = await stack.pageFor('reviewer@example.com');
    await reviewer.goto(`${stack.server.url}/inbox/task_00000000000000000000000000`);
    const pane = reviewer.getByRole('region', { name: 'Task', exact: true });
    await pane.getByRole('heading', { name: 'This task is not yours to open' }).waitFor();
    await expect(pane.getByRole('button', { name: 'Try again' }).count()).resolves.toBe(0);
    await expect(pane.textContent()).resolves.not.toMatch(/task_0/);
    const admin = await stack.pageFor('admin@example.com');
    await admin.goto(`${stack.server.url}/inbox/task_00000000000000000000000000`);
    const adminPane = admin.getByRole('region', { name: 'Task', exact: true });
    await adminPane.getByRole('heading', { name: 'This task does not exist' }).waitFor();
    await expect(adminPane.getByRole('button', { name: 'Try again' }).count()).resolves.toBe(0);

    // Only people who may view every run learn that one does not exist: a reviewer is refused
    // alike for runs that exist and runs that do not, so run ids cannot be probed.
    await reviewer.goto(`${stack.server.url}/runs/run_00000000000000000000000000`);
    await reviewer.getByText('This run is not yours to see').waitFor();
    await admin.goto(`${stack.server.url}/runs/run_00000000000000000000000000`);
    await admin.getByText('This run does not exist. The link may be wrong or old.').waitFor();
    await expect(admin.locator('main').textContent()).resolves.not.toMatch(/run_0/);
  }, 90_000);

  it('keeps them for an admin in a collapsed Technical details section', async () => {
    const admin = await stack.pageFor('admin@example.com');
    await admin.goto(`${stack.server.url}/inbox/${taskId}`);
    const details = admin.getByTestId('technical-details');
    await details.waitFor();
    expect(await details.evaluate((el) => (el as HTMLDetailsElement).open)).toBe(false);
    await details.getByText('Technical details').click();
    const row = (label: string) =>
      details.locator('.kv > div', { hasText: label }).locator('dd').textContent();
    expect(await row('Checkpoint step')).toBe('review');
    expect(await row('Drafted by step')).toBe('draft');
    expect(await row('Prompt version')).toMatch(/\S/);
  }, 90_000);

  it('lines "Preview as" up with the "What will be published" heading beside it', async () => {
    const page = await stack.pageFor('reviewer@example.com');
    await page.goto(`${stack.server.url}/inbox/${taskId}`);
    const heading = page.getByRole('heading', { name: 'What will be published' });
    await heading.waitFor();
    // Stacked above its select, the label floated a line higher than the heading.
    const head = (await heading.boundingBox())!;
    const label = (await page.getByText('Preview as', { exact: true }).boundingBox())!;
    expect(Math.abs(label.y + label.height - (head.y + head.height))).toBeLessThan(4);
    await page.close();
  }, 60_000);
});
