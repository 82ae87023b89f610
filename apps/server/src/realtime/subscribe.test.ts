import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { nextEvent, startTestServer, publishFlow } from '../testing/harness.js';
import type { TestServer } from '../testing/harness.js';
import { reviewFlow } from '../testing/fixtures.js';

let server: TestServer;
let t: Awaited<ReturnType<TestServer['tokens']>>;
let flowId: string;

const ask = (socket: Socket, event: string, payload: unknown) =>
  socket.timeout(2000).emitWithAck(event, payload) as Promise<{
    ok: boolean;
    error?: { code: string };
  }>;

beforeAll(async () => {
  server = await startTestServer();
  t = await server.tokens();
  flowId = await publishFlow(server, t.designer, reviewFlow('https://cms.example.com/hook'));
});
afterAll(() => server.close());

describe('socket subscriptions', () => {
  it('lets a run viewer watch a flow and receive its run and step events', async () => {
    const socket = server.socket({ token: t.manager });
    await nextEvent(socket, 'connect');
    expect(await ask(socket, 'subscribe', { flowId })).toEqual({ ok: true });
    const step = nextEvent(socket, 'step.updated');
    const run = await server.request('POST', `/api/flows/${flowId}/runs`, {
      token: t.designer,
      body: { input: { topic: 'Watched' } },
    });
    expect((await step).step.runId).toBe(run.body.id);
    socket.disconnect();
  });

  it('tells a flow watcher (the automation console) about its tasks and their decisions', async () => {
    const manager = server.socket({ token: t.manager });
    await nextEvent(manager, 'connect');
    expect(await ask(manager, 'subscribe', { flowId })).toEqual({ ok: true });
    const created = nextEvent(manager, 'task.created', 5000);
    await server.request('POST', `/api/flows/${flowId}/runs`, {
      token: t.designer,
      body: { input: { topic: 'Evidence' } },
    });
    const { task } = await created;
    expect(task.flowId).toBe(flowId);
    const decided = nextEvent(manager, 'task.updated', 5000);
    const res = await server.request('POST', `/api/tasks/${task.id}/decision`, {
      token: t.reviewer,
      body: { action: 'approve' },
    });
    expect(res.status).toBe(200);
    const update = await decided;
    expect([update.task.id, update.change]).toEqual([task.id, 'decided']);
    manager.disconnect();
  });

  it('refuses a reviewer watching a flow, or a run without a task of theirs', async () => {
    const socket = server.socket({ token: t.reviewer });
    await nextEvent(socket, 'connect');
    expect((await ask(socket, 'subscribe', { flowId })).error?.code).toBe('FORBIDDEN');
    const denied = await server.app.store.audit.list({
      action: 'access.denied',
      subjectType: 'socket',
    });
    expect(denied.items[0]?.subjectId).toBe(`subscribe flow:${flowId}`);
    const runs = await server.app.store.runs.list({ flowId });
    // The reviewer role holds the run's task, so a reviewer may watch that run.
    expect(await ask(socket, 'subscribe', { runId: runs.items[0]!.id })).toEqual({ ok: true });
    expect((await ask(socket, 'subscribe', { runId: 'run_unknown' })).error?.code).toBe(
      'FORBIDDEN',
    );
    expect((await ask(socket, 'subscribe', { room: 'role:admin' })).error?.code).toBe(
      'VALIDATION_FAILED',
    );
    socket.disconnect();
  });

  it("tells a manager on the runs list about every run's status without subscribing", async () => {
    const manager = server.socket({ token: t.manager });
    await nextEvent(manager, 'connect');
    const updated = nextEvent(manager, 'run.updated', 5000);
    const run = await server.request('POST', `/api/flows/${flowId}/runs`, {
      token: t.designer,
      body: { input: { topic: 'Listed live' } },
    });
    expect((await updated).run.id).toBe(run.body.id);
    manager.disconnect();
  });

  it('keeps publications from a reviewer watching the run, as REST does', async () => {
    // Reviewers may not read publications (GET /api/publications is for run viewers); a
    // reviewer watching a run through its task was sent every delivery of it all the same.
    const reviewer = server.socket({ token: t.reviewer });
    const designer = server.socket({ token: t.designer });
    await Promise.all([nextEvent(reviewer, 'connect'), nextEvent(designer, 'connect')]);
    const heard: unknown[] = [];
    reviewer.on('publication.updated', (event) => heard.push(event));
    const created = nextEvent(reviewer, 'task.created', 5000);
    await server.request('POST', `/api/flows/${flowId}/runs`, {
      token: t.designer,
      body: { input: { topic: 'Delivered' } },
    });
    const { task } = await created;
    expect(await ask(reviewer, 'subscribe', { runId: task.runId })).toEqual({ ok: true });
    expect(await ask(designer, 'subscribe', { runId: task.runId })).toEqual({ ok: true });
    const published = nextEvent(designer, 'publication.updated', 5000);
    const res = await server.request('POST', `/api/tasks/${task.id}/decision`, {
      token: t.reviewer,
      body: { action: 'approve' },
    });
    expect(res.status).toBe(200);
    expect((await published).publication.runId).toBe(task.runId);
    // Pushed in order from one queue: the reviewer's copy would have arrived with this one.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(heard).toEqual([]);
    expect(
      (await server.request('GET', `/api/publications?runId=${task.runId}`, { token: t.reviewer }))
        .status,
    ).toBe(403);
    reviewer.disconnect();
    designer.disconnect();
  });

  it('keeps run events from reviewers who did not subscribe', async () => {
    const reviewer = server.socket({ token: t.reviewer });
    await nextEvent(reviewer, 'connect');
    const heard: string[] = [];
    reviewer.on('run.updated', () => heard.push('run.updated'));
    reviewer.on('step.updated', () => heard.push('step.updated'));
    const created = nextEvent(reviewer, 'task.created', 5000);
    await server.request('POST', `/api/flows/${flowId}/runs`, {
      token: t.designer,
      body: { input: { topic: 'Quiet' } },
    });
    await created;
    expect(heard).toEqual([]);
    reviewer.disconnect();
  });
});
