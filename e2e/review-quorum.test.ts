import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  apiLogin,
  describeBrowser,
  socialReviewFlow,
  startReviewStack,
  until,
  type ApiClient,
  type Page1,
  type ReviewStack,
} from './support/index.js';

/*
 * The rules behind a checkpoint, as a reviewer meets them: two approvals needed, the run's
 * starter may not approve, one round of changes at most, and a task decided by someone else
 * while it was open on screen.
 */

const REY = { email: 'rey@example.com', name: 'Rey Reviewer', password: 'second-pass-1' };
const SAM = { email: 'sam@example.com', name: 'Sam Starter', password: 'second-pass-1' };

describeBrowser('review: quorum, separation of duties, rounds and stale tasks', () => {
  let stack: ReviewStack;
  let sam: ApiClient;
  let flowId: string;
  let rae: Page;
  let rey: Page;

  beforeAll(async () => {
    stack = await startReviewStack(async (admin) => {
      await admin.post('/api/users', { ...REY, roles: ['reviewer'] });
      await admin.post('/api/users', { ...SAM, roles: ['reviewer', 'designer'] });
    });
    sam = await apiLogin(stack.server.url, SAM.email, SAM.password);
    const base = socialReviewFlow(stack.sink.url);
    const strict = { requiredApprovals: 2, separationOfDuties: true, maxRevisions: 1 };
    const flow = {
      ...base,
      name: 'Two-person post',
      graph: {
        ...base.graph,
        nodes: base.graph.nodes.map((n) =>
          n.id === 'review' ? { ...n, config: { ...n.config, ...strict } } : n,
        ),
      },
    };
    flowId = (await sam.post<{ id: string }>('/api/flows', flow)).id;
    await sam.post(`/api/flows/${flowId}/publish`);
    rae = await stack.pageFor('reviewer@example.com');
    rey = await stack.pageFor(REY.email, REY.password);
  }, 300_000);

  afterAll(() => stack?.stop(), 90_000);

  async function openTask(topic: string): Promise<string> {
    const run = await sam.post<{ id: string }>(`/api/flows/${flowId}/runs`, { input: { topic } });
    return until(async () => {
      const tasks = await sam.get<Page1<{ id: string; runId: string }>>(
        `/api/tasks?status=open&runId=${run.id}`,
      );
      return tasks.items[0]?.id;
    }, `the task about ${topic}`);
  }

  it('takes a quorum approval off the approver and leaves the task to the second reviewer', async () => {
    const taskId = await openTask('the quorum');
    await rae.goto(`${stack.server.url}/inbox/${taskId}`);
    await rae.getByText('You are reviewing this').waitFor();
    await rae.keyboard.press('a');
    await rae.locator('.toast', { hasText: 'Your approval is in' }).waitFor();
    expect(await rae.locator('.toast').first().textContent()).toContain('1 more approval');
    // The live approval_added event must not bring the task back to Rae's list.
    await rae.waitForTimeout(500);
    expect(await rae.locator(`.inbox-item[data-task-id="${taskId}"]`).count()).toBe(0);

    // Reopened by its address, it reads as waiting for others and takes no claim.
    await rae.goto(`${stack.server.url}/inbox/${taskId}`);
    await rae.getByText('You approved this. It waits for 1 more approval').waitFor();
    await expect(rae.getByRole('button', { name: /^Approve/ }).isDisabled()).resolves.toBe(true);

    await rey.goto(`${stack.server.url}/inbox/${taskId}`);
    await rey.getByText('You are reviewing this').waitFor();
    await rey.getByText('1 of 2 approvals').waitFor();
    await rey.keyboard.press('a');
    await rey.locator('.toast', { hasText: 'Approved: “the quorum”' }).waitFor();
  }, 90_000);

  it('lets the second reviewer approve the text another reviewer edited, as they read it', async () => {
    const taskId = await openTask('the edited quorum');
    const raeApi = await apiLogin(stack.server.url, 'reviewer@example.com');
    await raeApi.post(`/api/tasks/${taskId}/decision`, {
      action: 'edit',
      content: 'Rae rewrote this post.',
    });
    await rey.goto(`${stack.server.url}/inbox/${taskId}`);
    await rey.getByText('You are reviewing this').waitFor();
    await rey.getByText('1 of 2 approvals').waitFor();
    await rey.getByText('Rae rewrote this post.').first().waitFor();
    await rey.keyboard.press('a');
    // Sent with the revision Rey read (the server wants it after an edit), once held for undo.
    const decided = await until(async () => {
      const { task } = await raeApi.get<{
        task: { status: string; decision: { action: string } | null };
      }>(`/api/tasks/${taskId}`);
      return task.status === 'decided' ? task : undefined;
    }, 'the task to be decided');
    expect(decided.decision?.action).toBe('edit');
    expect(await rey.locator('.toast-error').count()).toBe(0);
  }, 90_000);

  it('holds approve when another reviewer’s edit arrives on screen, until the reviewer has read it', async () => {
    const taskId = await openTask('the live edit');
    const raeApi = await apiLogin(stack.server.url, 'reviewer@example.com');
    await raeApi.post(`/api/tasks/${taskId}/claim`, {});
    await rey.goto(`${stack.server.url}/inbox/${taskId}`);
    await rey.getByTestId('claimed-by-other').getByText('Being reviewed by Rae Reviewer').waitFor();
    // Rae edits and approves; the claim passes to Rey, who has the old text in front of him.
    await raeApi.post(`/api/tasks/${taskId}/decision`, {
      action: 'edit',
      content: 'Rae changed this while Rey watched.',
    });
    await rey.getByText('You are reviewing this').waitFor();
    const changed = rey.locator('.content-changed');
    await changed.getByText(/Another reviewer edited this content/).waitFor();
    await rey.getByText('Rae changed this while Rey watched.').first().waitFor();
    await expect(rey.getByRole('button', { name: /^Approve/ }).isDisabled()).resolves.toBe(true);
    await rey.keyboard.press('a');
    await rey.locator('.toast', { hasText: 'The content changed while you had it open' }).waitFor();

    await changed.getByRole('button', { name: 'I have read it' }).click();
    await changed.waitFor({ state: 'detached' });
    await rey.keyboard.press('a');
    const decided = await until(async () => {
      const { task } = await raeApi.get<{
        task: { status: string; decision: { content?: string } | null };
      }>(`/api/tasks/${taskId}`);
      return task.status === 'decided' ? task : undefined;
    }, 'the task to be decided');
    expect(decided.decision?.content).toBe('Rae changed this while Rey watched.');
  }, 90_000);

  it("shows the run's starter why they cannot approve, and keeps reject open to them", async () => {
    const taskId = await openTask('my own run');
    const starter = await stack.pageFor(SAM.email, SAM.password);
    await starter.goto(`${stack.server.url}/inbox/${taskId}`);
    await starter.getByText('You are reviewing this').waitFor();
    const approve = starter.getByRole('button', { name: /^Approve/ });
    await expect(approve.isDisabled()).resolves.toBe(true);
    await expect(starter.getByRole('button', { name: /^Edit/ }).isDisabled()).resolves.toBe(true);
    const why = await approve.evaluate((b) => {
      const id = b.getAttribute('aria-describedby');
      return id ? document.getElementById(id)?.textContent : null;
    });
    expect(why).toContain('You started this run, so someone else must approve it');
    // The key says so too, instead of failing silently.
    await starter.keyboard.press('a');
    await starter.locator('.toast', { hasText: 'You started this run' }).waitFor();
    await expect(starter.getByRole('button', { name: /^Reject/ }).isDisabled()).resolves.toBe(
      false,
    );
  }, 90_000);

  it('closes request changes once the rounds are used, saying why', async () => {
    const taskId = await openTask('one round only');
    await rae.goto(`${stack.server.url}/inbox/${taskId}`);
    await rae.getByText('You are reviewing this').waitFor();
    await rae.keyboard.press('c');
    const dialog = rae.getByRole('dialog', { name: 'Request changes' });
    await dialog.getByLabel('What should change').fill('Shorter, please.');
    await rae.keyboard.press('ControlOrMeta+Enter');
    await rae.locator('.toast', { hasText: 'Sent back for changes' }).waitFor();
    const revised = rae.locator('.inbox-item', { hasText: 'one round only' });
    await revised.getByText('Revised').waitFor();
    await revised.click();
    await rae.getByText('You are reviewing this').waitFor();
    await rae.getByText('revision round 1 of 1').waitFor();
    // The redraft comes with what was asked and what the AI changed since.
    const previous = rae.getByRole('region', { name: 'Sent back for changes' });
    await previous.getByText('Rae Reviewer asked: Shorter, please.').waitFor();
    await previous.getByText(/What the AI changed since: (\d+ words? added|nothing)/).click();
    const changes = rae.getByRole('button', { name: /^Request changes/ });
    await expect(changes.isDisabled()).resolves.toBe(true);
    await rae
      .getByText('No rounds of changes left (all 1 used): approve, edit or reject.')
      .waitFor();
    await rae.keyboard.press('c');
    await rae.locator('.toast', { hasText: 'No rounds of changes left' }).waitFor();
    expect(await rae.getByRole('dialog').count()).toBe(0);
  }, 90_000);

  it('hands the claim to the reviewer watching once the holder moves on', async () => {
    const taskId = await openTask('the handover');
    await rae.goto(`${stack.server.url}/inbox/${taskId}`);
    await rae.getByText('You are reviewing this').waitFor();
    await rey.goto(`${stack.server.url}/inbox/${taskId}`);
    await rey.getByTestId('claimed-by-other').getByText('Being reviewed by Rae Reviewer').waitFor();
    await rae.goto(`${stack.server.url}/inbox`);
    await rey.getByText('You are reviewing this').waitFor();
    // The screen's word is backed by the server: Rey holds the claim, not nobody.
    const holder = await until(async () => {
      const detail = await stack.admin.get<{ task: { claimedByName: string | null } }>(
        `/api/tasks/${taskId}`,
      );
      return detail.task.claimedByName ?? undefined;
    }, 'the claim to pass to Rey');
    expect(holder).toBe('Rey Reviewer');
  }, 90_000);

  it('tells the reviewer on screen who decided the task meanwhile, and how', async () => {
    const taskId = await openTask('the race');
    await rey.goto(`${stack.server.url}/inbox/${taskId}`);
    await rey.getByText('You are reviewing this').waitFor();
    await rae.goto(`${stack.server.url}/inbox/${taskId}`);
    await rae.getByTestId('claimed-by-other').waitFor();
    await rey.keyboard.press('r');
    const dialog = rey.getByRole('dialog', { name: 'Reject this content' });
    await dialog.getByLabel('Reason').fill('Wrong product name.');
    await dialog.getByLabel('inaccurate').check();
    await rey.keyboard.press('ControlOrMeta+Enter');
    await rae.getByText('Rey Reviewer rejected this task: “Wrong product name.”').waitFor();
    await rae.reload();
    await rae.getByText('Rey Reviewer rejected this task: “Wrong product name.”').waitFor();
  }, 90_000);
});
