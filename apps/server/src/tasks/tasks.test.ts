import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALREADY_APPROVED_MESSAGE, approveBlockedReason } from '@tandem/engine';
import { nextEvent, publishFlow, startTestServer, waitFor } from '../testing/harness.js';
import type { TestServer } from '../testing/harness.js';
import { reviewFlow, startSink } from '../testing/fixtures.js';
import type { Sink } from '../testing/fixtures.js';

let server: TestServer;
let sink: Sink;
let t: Awaited<ReturnType<TestServer['tokens']>>;
let flowId: string;

async function startRun(topic = 'Spring launch'): Promise<string> {
  const res = await server.request('POST', `/api/flows/${flowId}/runs`, {
    token: t.designer,
    body: { input: { topic } },
  });
  expect(res.status).toBe(201);
  return res.body.id;
}

async function openTaskOf(runId: string) {
  return waitFor(async () => {
    const res = await server.request('GET', `/api/tasks?status=open&runId=${runId}`, {
      token: t.reviewer,
    });
    return res.body.items[0];
  });
}

beforeAll(async () => {
  sink = await startSink();
  server = await startTestServer({ env: { TANDEM_ALLOW_PRIVATE_NETWORK: 'true' } });
  t = await server.tokens();
  flowId = await publishFlow(server, t.designer, reviewFlow(sink.url));
});
afterAll(async () => {
  await server.close();
  await sink.close();
});

describe('runs', () => {
  it('starts a run on the published version; 400 for input the trigger refuses', async () => {
    const bad = await server.request('POST', `/api/flows/${flowId}/runs`, {
      token: t.designer,
      body: { input: {} },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.issues[0].path).toContain('topic');
    const runId = await startRun();
    const run = await waitFor(async () => {
      const res = await server.request('GET', `/api/runs/${runId}`, { token: t.designer });
      return res.body.status === 'waiting' ? res.body : undefined;
    });
    expect(run.steps.map((s: { nodeId: string }) => s.nodeId)).toEqual(
      expect.arrayContaining(['start', 'draft', 'review']),
    );
    const draft = run.steps.find((s: { nodeId: string }) => s.nodeId === 'draft');
    expect(draft).toMatchObject({ status: 'done', attempts: expect.any(Number) });
    expect(draft.state).toBeUndefined();
    const list = await server.request('GET', `/api/runs?flowId=${flowId}&status=waiting`, {
      token: t.manager,
    });
    expect(list.body.items.some((r: { id: string }) => r.id === runId)).toBe(true);
  });

  it('refuses runs of an unpublished flow with 409 FLOW_NOT_PUBLISHED', async () => {
    const draft = await server.request('POST', '/api/flows', {
      token: t.designer,
      body: reviewFlow(sink.url, {}, 'Draft only'),
    });
    const res = await server.request('POST', `/api/flows/${draft.body.id}/runs`, {
      token: t.designer,
      body: { input: { topic: 'x' } },
    });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('FLOW_NOT_PUBLISHED');
    const unknown = await server.request('POST', '/api/flows/flw_missing/runs', {
      token: t.designer,
      body: { input: { topic: 'x' } },
    });
    expect(unknown.status).toBe(404);
  });

  it('keeps runs from reviewers unless they hold a task in them', async () => {
    const runId = await startRun();
    expect((await server.request('GET', '/api/runs', { token: t.reviewer })).status).toBe(403);
    await openTaskOf(runId);
    expect((await server.request('GET', `/api/runs/${runId}`, { token: t.reviewer })).status).toBe(
      200,
    );
    expect(
      (await server.request('POST', `/api/runs/${runId}/cancel`, { token: t.reviewer })).status,
    ).toBe(403);
    expect((await server.request('GET', '/api/runs')).status).toBe(401);
  });

  it('cancels a waiting run and its open task', async () => {
    const runId = await startRun();
    const task = await openTaskOf(runId);
    const res = await server.request('POST', `/api/runs/${runId}/cancel`, { token: t.designer });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('canceled');
    const after = await server.request('GET', `/api/tasks/${task.id}`, { token: t.reviewer });
    expect(after.body.task.status).toBe('canceled');
    const again = await server.request('POST', `/api/runs/${runId}/cancel`, { token: t.designer });
    expect(again.status).toBe(409);
  });
});

describe('tasks and decisions', () => {
  it('pushes task.created to a reviewer socket within 200 ms of the task existing', async () => {
    const socket = server.socket({ token: t.reviewer });
    await nextEvent(socket, 'connect');
    const created = nextEvent(socket, 'task.created', 5000);
    const runId = await startRun('Push test');
    const event = await created;
    const receivedAt = Date.now();
    expect(event.task.runId).toBe(runId);
    expect(receivedAt - Date.parse(event.task.createdAt)).toBeLessThan(200);
    socket.disconnect();
  });

  it('shows the task with its context to the reviewer, 403 to a manager-only user', async () => {
    const runId = await startRun('Context');
    const task = await openTaskOf(runId);
    const res = await server.request('GET', `/api/tasks/${task.id}`, { token: t.reviewer });
    expect(res.status).toBe(200);
    expect(res.body.canDecide).toBe(true);
    expect(res.body.task.content.text).toEqual(expect.any(String));
    expect(res.body.context.map((c: { nodeId: string }) => c.nodeId)).toContain('draft');
    expect(res.body.run.input).toEqual({ topic: 'Context' });
    const managerView = await server.request('GET', `/api/tasks?status=open&runId=${runId}`, {
      token: t.manager,
    });
    expect(managerView.body.items).toEqual([]);
  });

  it('approves: the run publishes once and succeeds; the decision is audited', async () => {
    const runId = await startRun('Approve me');
    const task = await openTaskOf(runId);
    const claim = await server.request('POST', `/api/tasks/${task.id}/claim`, {
      token: t.reviewer,
    });
    expect(claim.status).toBe(200);
    expect(claim.body.claimedBy).toEqual(expect.any(String));
    const res = await server.request('POST', `/api/tasks/${task.id}/decision`, {
      token: t.reviewer,
      body: { action: 'edit', content: 'Edited by a human.' },
    });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('decided');
    await waitFor(async () => {
      const run = await server.request('GET', `/api/runs/${runId}`, { token: t.designer });
      return run.body.status === 'succeeded' ? true : undefined;
    });
    expect(sink.counts().get(`${runId}:publish`)).toBe(1);
    expect(sink.deliveries.find((d) => d.key === `${runId}:publish`)?.body).toContain(
      'Edited by a human.',
    );
    const audit = await server.app.store.audit.list({ action: 'task.decided', subjectId: task.id });
    expect(audit.items).toHaveLength(1);
    const feedback = await server.request('GET', `/api/feedback?flowId=${flowId}&nodeId=review`, {
      token: t.manager,
    });
    expect(feedback.body.items.some((f: { taskId: string }) => f.taskId === task.id)).toBe(true);
    const pubs = await server.request('GET', `/api/publications?runId=${runId}`, {
      token: t.admin,
    });
    expect(pubs.status, JSON.stringify(pubs.body)).toBe(200);
    expect(pubs.body.items[0]).toMatchObject({ key: `${runId}:publish`, status: 'succeeded' });
  });

  it('lets exactly one of two concurrent reviewers win; the other gets 409; both audited', async () => {
    const second = await server.request('POST', '/api/users', {
      token: t.admin,
      body: {
        email: 'rev2@example.com',
        name: 'Second',
        roles: ['reviewer'],
        password: 'longenough',
      },
    });
    const other = await server.login('rev2@example.com', 'longenough');
    const runId = await startRun('Race');
    const task = await openTaskOf(runId);
    const [a, b] = await Promise.all([
      server.request('POST', `/api/tasks/${task.id}/decision`, {
        token: t.reviewer,
        body: { action: 'approve' },
      }),
      server.request('POST', `/api/tasks/${task.id}/decision`, {
        token: other,
        body: { action: 'reject', reason: 'No' },
      }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const loser = a.status === 409 ? a : b;
    expect(loser.body.error.code).toBe('TASK_ALREADY_DECIDED');
    const decided = await server.app.store.audit.list({
      action: 'task.decided',
      subjectId: task.id,
    });
    const refused = await server.app.store.audit.list({
      action: 'task.action_refused',
      subjectId: task.id,
    });
    expect(decided.items).toHaveLength(1);
    expect(refused.items).toHaveLength(1);
    const actors = [decided.items[0]!.actorId, refused.items[0]!.actorId].sort();
    const me = await server.request('GET', '/api/auth/me', { token: t.reviewer });
    expect(actors).toEqual([me.body.user.id, second.body.id].sort());
  });

  it('refuses a user without the role with 403 and changes nothing', async () => {
    const runId = await startRun('Not yours');
    const task = await openTaskOf(runId);
    const res = await server.request('POST', `/api/tasks/${task.id}/decision`, {
      token: t.manager,
      body: { action: 'approve' },
    });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('FORBIDDEN');
    const claim = await server.request('POST', `/api/tasks/${task.id}/claim`, {
      token: t.designer,
    });
    expect(claim.status).toBe(403);
    const after = await server.app.store.tasks.get(task.id);
    expect(after).toMatchObject({ status: 'open', revision: task.revision, claimedBy: null });
    const denied = await server.app.store.audit.list({ action: 'access.denied' });
    expect(denied.items.some((e) => e.subjectId === 'POST /api/tasks/:id/decision')).toBe(true);
  });

  it('validates decisions with field paths', async () => {
    const runId = await startRun('Validation');
    const task = await openTaskOf(runId);
    const res = await server.request('POST', `/api/tasks/${task.id}/decision`, {
      token: t.reviewer,
      body: { action: 'edit' },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details.issues[0].path).toEqual(['content']);
    expect(
      (
        await server.request('POST', `/api/tasks/${task.id}/decision`, {
          body: { action: 'approve' },
        })
      ).status,
    ).toBe(401);
  });

  it("ends the time to decide when the reviewer decided: the page's hold is taken off, at most 30 s", async () => {
    // Each task made 40 s old, so a hold shows in the figure whatever the machine's speed.
    async function agedTask(topic: string) {
      const task = await openTaskOf(await startRun(topic));
      const stored = await server.app.store.tasks.get(task.id);
      const createdAt = new Date(Date.now() - 40_000).toISOString();
      await server.app.store.tasks.update({ ...stored, createdAt });
      return task;
    }
    async function timeToDecide(taskId: string, heldMs: number): Promise<number> {
      const res = await server.request('POST', `/api/tasks/${taskId}/decision`, {
        token: t.reviewer,
        body: { action: 'approve', heldMs },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const feedback = await server.request('GET', `/api/feedback?flowId=${flowId}&limit=500`, {
        token: t.manager,
      });
      return feedback.body.items.find((f: { taskId: string }) => f.taskId === taskId)
        .timeToDecideMs;
    }
    const held = await timeToDecide((await agedTask('Held 10 s')).id, 10_000);
    expect(held).toBeGreaterThanOrEqual(30_000);
    expect(held).toBeLessThan(40_000);
    // A page asleep in the background held it 2 minutes: only the longest hold on offer counts.
    const asleep = await timeToDecide((await agedTask('Held long')).id, 120_000);
    expect(asleep).toBeGreaterThanOrEqual(10_000);
    expect(asleep).toBeLessThan(20_000);

    const task = await openTaskOf(await startRun('Bad hold'));
    for (const heldMs of [-1, 1.5, '5000']) {
      const res = await server.request('POST', `/api/tasks/${task.id}/decision`, {
        token: t.reviewer,
        body: { action: 'approve', heldMs },
      });
      expect(res.status).toBe(400);
      expect(res.body.error.details.issues[0].path).toEqual(['heldMs']);
    }
    const spec = await server.request('GET', '/api/openapi.json', { token: t.reviewer });
    const decision = spec.body.paths['/api/tasks/{id}/decision'].post;
    const body = decision.requestBody.content['application/json'].schema;
    expect(body.properties.heldMs.description).toContain('time to decide');
  });

  it('after a reconnect the pending list equals the store', async () => {
    const socket = server.socket({ token: t.reviewer }, { reconnection: true });
    await nextEvent(socket, 'connect');
    socket.io.engine.close();
    await startRun('While away');
    await nextEvent(socket, 'connect', 5000);
    const listed = await server.request('GET', '/api/tasks?status=open&limit=500', {
      token: t.reviewer,
    });
    const stored = await server.app.store.tasks.list({ status: ['open'], limit: 500 });
    const mine = stored.items.filter((x) => x.assignees.roles.includes('reviewer'));
    expect(listed.body.items.map((x: { id: string }) => x.id).sort()).toEqual(
      mine.map((x) => x.id).sort(),
    );
    socket.disconnect();
  });
});

describe('why a reviewer may not approve', () => {
  it("explains separation of duties and a counted approval in the engine's own words", async () => {
    const guarded = await publishFlow(
      server,
      t.designer,
      reviewFlow(
        sink.url,
        { assigneeRoles: ['designer', 'reviewer'], separationOfDuties: true, requiredApprovals: 2 },
        'Guarded flow',
      ),
    );
    const started = await server.request('POST', `/api/flows/${guarded}/runs`, {
      token: t.designer,
      body: { input: { topic: 'Own work' } },
    });
    const task = await openTaskOf(started.body.id);
    const starter = { id: String(task.startedBy) };

    const shown = await server.request('GET', `/api/tasks/${task.id}`, { token: t.designer });
    const refused = await server.request('POST', `/api/tasks/${task.id}/decision`, {
      token: t.designer,
      body: { action: 'approve' },
    });
    expect(refused.status).toBe(403);
    expect(shown.body.approveBlockedReason).toBe(refused.body.error.message);
    expect(shown.body.approveBlockedReason).toBe(approveBlockedReason(task, starter));

    await server.request('POST', `/api/tasks/${task.id}/decision`, {
      token: t.reviewer,
      body: { action: 'approve' },
    });
    const waiting = await server.request('GET', `/api/tasks/${task.id}`, { token: t.reviewer });
    expect(waiting.body).toMatchObject({ approvedByYou: true, canDecide: false });
    const claim = await server.request('POST', `/api/tasks/${task.id}/claim`, {
      token: t.reviewer,
    });
    expect(claim.body.error.message).toBe(ALREADY_APPROVED_MESSAGE);
  });
});
