import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, waitFor } from '../testing/harness.js';
import type { TestServer } from '../testing/harness.js';
import { reviewFlow, startSink } from '../testing/fixtures.js';
import type { Sink } from '../testing/fixtures.js';

/*
 * The read-only views of review work: a run's tasks for whoever may view the run, and open
 * counts per flow among the tasks the caller may view. Deciding stays with the assignees.
 */

let server: TestServer;
let sink: Sink;
let t: Awaited<ReturnType<TestServer['tokens']>>;
/** Its checkpoint goes to reviewers. */
let reviewersFlow: string;
/** Its checkpoint goes to managers only: the reviewer has no business seeing its runs. */
let managersFlow: string;

async function publishedFlow(
  name: string,
  review: Parameters<typeof reviewFlow>[1],
): Promise<string> {
  const created = await server.request('POST', '/api/flows', {
    token: t.designer,
    body: reviewFlow(sink.url, review, name),
  });
  await server.request('POST', `/api/flows/${created.body.id}/publish`, { token: t.designer });
  return created.body.id;
}

/** Starts a run and resolves once its checkpoint task is open. */
async function waitingRun(
  flowId: string,
  topic: string,
): Promise<{ runId: string; taskId: string }> {
  const started = await server.request('POST', `/api/flows/${flowId}/runs`, {
    token: t.designer,
    body: { input: { topic } },
  });
  const runId: string = started.body.id;
  const taskId = await waitFor(async () => {
    const tasks = await server.app.store.tasks.list({ runId, status: ['open'] });
    return tasks.items[0]?.id;
  });
  return { runId, taskId };
}

const countOf = (body: { items: { flowId: string; open: number }[] }, flowId: string) =>
  body.items.find((c) => c.flowId === flowId)?.open ?? 0;

beforeAll(async () => {
  sink = await startSink();
  server = await startTestServer({ env: { TANDEM_ALLOW_PRIVATE_NETWORK: 'true' } });
  t = await server.tokens();
  reviewersFlow = await publishedFlow('For reviewers', {});
  managersFlow = await publishedFlow('For managers', { assigneeRoles: ['manager'] });
});
afterAll(async () => {
  await server.close();
  await sink.close();
});

describe("a run's tasks, read-only", () => {
  it('shows a designer the open task, then who decided, when, how and why, by name', async () => {
    const { runId, taskId } = await waitingRun(reviewersFlow, 'Seen by the designer');
    const open = await server.request('GET', `/api/runs/${runId}/tasks`, { token: t.designer });
    expect(open.status).toBe(200);
    expect(open.body.items).toEqual([
      expect.objectContaining({ id: taskId, status: 'open', decision: null }),
    ]);
    // Seeing is not deciding: the designer's decision is still refused.
    const refused = await server.request('POST', `/api/tasks/${taskId}/decision`, {
      token: t.designer,
      body: { action: 'approve' },
    });
    expect(refused.status).toBe(403);

    const decided = await server.request('POST', `/api/tasks/${taskId}/decision`, {
      token: t.reviewer,
      body: { action: 'reject', reason: 'Off brand', tags: ['tone'] },
    });
    expect(decided.status).toBe(200);
    const reviewer = (await server.request('GET', '/api/auth/me', { token: t.reviewer })).body.user;
    const after = await server.request('GET', `/api/runs/${runId}/tasks`, { token: t.designer });
    expect(after.body.items[0]).toMatchObject({
      status: 'decided',
      decidedAt: expect.any(String),
      decision: {
        action: 'reject',
        reason: 'Off brand',
        tags: ['tone'],
        actorId: reviewer.id,
        actorName: reviewer.name,
      },
    });
    const run = await waitFor(async () => {
      const res = await server.request('GET', `/api/runs/${runId}`, { token: t.designer });
      return res.body.status === 'waiting' ? undefined : res.body;
    });
    const review = run.steps.find((s: { nodeId: string }) => s.nodeId === 'review');
    expect(review).toMatchObject({ decidedByName: reviewer.name });
  });

  it('refuses a user who may not view the run with 403, and an unknown run with 404', async () => {
    const { runId } = await waitingRun(managersFlow, 'Not for reviewers');
    const denied = await server.request('GET', `/api/runs/${runId}/tasks`, { token: t.reviewer });
    expect(denied.status).toBe(403);
    expect(denied.body.error.code).toBe('FORBIDDEN');
    const manager = await server.request('GET', `/api/runs/${runId}/tasks`, { token: t.manager });
    expect(manager.body.items).toHaveLength(1);
    const missing = await server.request('GET', '/api/runs/run_missing/tasks', {
      token: t.designer,
    });
    expect(missing.status).toBe(404);
  });

  it('answers 403 to a user who may not view runs whether or not the run exists', async () => {
    // A 404 before the 403 would tell a reviewer which run ids exist.
    const { runId } = await waitingRun(managersFlow, 'Exists, not for reviewers');
    for (const path of [`/api/runs/${runId}`, `/api/runs/${runId}/tasks`]) {
      const existing = await server.request('GET', path, { token: t.reviewer });
      const unknown = await server.request('GET', path.replace(runId, 'run_missing'), {
        token: t.reviewer,
      });
      expect(existing.status, path).toBe(403);
      expect(unknown.status, path).toBe(403);
      expect(unknown.body.error.message, path).toBe(existing.body.error.message);
    }
    const unknownToDesigner = await server.request('GET', '/api/runs/run_missing', {
      token: t.designer,
    });
    expect(unknownToDesigner.status).toBe(404);
  });
});

describe('a task the caller may not view', () => {
  it('answers 403 alike for a task not theirs and an unknown id, on every task route', async () => {
    // A 404 before the 403 would tell a reviewer which task ids exist.
    const { taskId } = await waitingRun(managersFlow, 'A task for managers');
    const routes: [string, string, object?][] = [
      ['GET', '/api/tasks/:id'],
      ['POST', '/api/tasks/:id/claim'],
      ['POST', '/api/tasks/:id/release'],
      ['POST', '/api/tasks/:id/decision', { action: 'approve' }],
    ];
    for (const [method, path, body] of routes) {
      const ask = (id: string) =>
        server.request(method, path.replace(':id', id), { token: t.reviewer, body });
      const existing = await ask(taskId);
      const unknown = await ask('tsk_missing');
      expect(existing.status, path).toBe(403);
      expect({ status: unknown.status, body: unknown.body }, path).toEqual({
        status: 403,
        body: { error: { ...existing.body.error, details: { taskId: 'tsk_missing' } } },
      });
    }
    // Designers view every task: an unknown id tells them nothing a list would not.
    const unknownToDesigner = await server.request('GET', '/api/tasks/tsk_missing', {
      token: t.designer,
    });
    expect(unknownToDesigner.status).toBe(404);
    const after = await server.app.store.tasks.get(taskId);
    expect(after).toMatchObject({ status: 'open', claimedBy: null });
  });
});

describe('open tasks per flow', () => {
  it('counts every open task for a designer, and only their own for a reviewer', async () => {
    await waitingRun(reviewersFlow, 'Count me');
    await waitingRun(managersFlow, 'Count me too');
    const stored = await server.app.store.tasks.list({ status: ['open'], limit: 500 });
    const expected = (flowId: string) => stored.items.filter((x) => x.flowId === flowId).length;

    const designer = await server.request('GET', '/api/tasks/open-counts', { token: t.designer });
    expect(designer.status).toBe(200);
    expect(countOf(designer.body, reviewersFlow)).toBe(expected(reviewersFlow));
    expect(countOf(designer.body, managersFlow)).toBe(expected(managersFlow));
    expect(expected(managersFlow)).toBeGreaterThan(0);

    const reviewer = await server.request('GET', '/api/tasks/open-counts', { token: t.reviewer });
    expect(countOf(reviewer.body, reviewersFlow)).toBe(expected(reviewersFlow));
    // Tasks of runs the reviewer may not view are not even counted.
    expect(reviewer.body.items.some((c: { flowId: string }) => c.flowId === managersFlow)).toBe(
      false,
    );
    expect((await server.request('GET', '/api/tasks/open-counts')).status).toBe(401);
  });
});

describe('deleting a flow', () => {
  it('cancels its runs in progress and their open tasks; finished runs stay as they were', async () => {
    const flowId = await publishedFlow('Deleted with work in progress', {});
    const first = await waitingRun(flowId, 'Waiting when deleted');
    const second = await waitingRun(flowId, 'Also waiting');
    const decided = await waitingRun(flowId, 'Rejected before');
    await server.request('POST', `/api/tasks/${decided.taskId}/decision`, {
      token: t.reviewer,
      body: { action: 'reject', reason: 'No' },
    });
    const finished = await waitFor(async () => {
      const run = await server.app.store.runs.get(decided.runId);
      return run.status === 'waiting' || run.status === 'running' ? undefined : run;
    });

    const res = await server.request('DELETE', `/api/flows/${flowId}`, { token: t.designer });
    expect(res.status).toBe(204);
    for (const { runId, taskId } of [first, second]) {
      expect((await server.app.store.runs.get(runId)).status).toBe('canceled');
      expect((await server.app.store.tasks.get(taskId)).status).toBe('canceled');
    }
    expect(await server.app.store.runs.get(decided.runId)).toEqual(finished);
    const inbox = await server.request('GET', '/api/tasks?status=open', { token: t.reviewer });
    const ids = inbox.body.items.map((task: { id: string }) => task.id);
    expect(ids).not.toContain(first.taskId);
    const audited = await server.app.store.audit.list({
      action: 'flow.deleted',
      subjectId: flowId,
    });
    expect(audited.items[0]?.details).toMatchObject({ canceledRuns: 2 });
  });
});
