import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, waitFor } from '../testing/harness.js';
import type { Loose, TestServer } from '../testing/harness.js';
import { reviewFlow, startSink } from '../testing/fixtures.js';
import type { Sink } from '../testing/fixtures.js';

/*
 * A designer's test run over the API: started with `test: true`, its checkpoint is the
 * designer's alone to decide (nobody else sees it in an inbox or a count), and its publish step
 * sends nothing but says what it would have sent.
 */

let server: TestServer;
let sink: Sink;
let t: Awaited<ReturnType<TestServer['tokens']>>;
let flowId: string;

beforeAll(async () => {
  sink = await startSink();
  server = await startTestServer({ env: { TANDEM_ALLOW_PRIVATE_NETWORK: 'true' } });
  t = await server.tokens();
  // A real run of this flow needs two reviewers other than its starter, within 30 minutes.
  const created = await server.request('POST', '/api/flows', {
    token: t.designer,
    body: reviewFlow(
      sink.url,
      { requiredApprovals: 2, separationOfDuties: true, dueInMinutes: 30 },
      'Tried by its designer',
    ),
  });
  flowId = created.body.id;
  await server.request('POST', `/api/flows/${flowId}/publish`, { token: t.designer });
});
afterAll(async () => {
  await server.close();
  await sink.close();
});

async function startRun(body: unknown) {
  return server.request('POST', `/api/flows/${flowId}/runs`, { token: t.designer, body });
}

/** Starts a test run and resolves once its checkpoint task is open. */
async function waitingTestRun(topic: string): Promise<{ runId: string; taskId: string }> {
  const started = await startRun({ input: { topic }, test: true });
  expect(started.status).toBe(201);
  const runId: string = started.body.id;
  const taskId = await waitFor(async () => {
    const tasks = await server.app.store.tasks.list({ runId, status: ['open'] });
    return tasks.items[0]?.id;
  });
  return { runId, taskId };
}

const countOf = (body: { items: { flowId: string; open: number }[] }) =>
  body.items.find((c) => c.flowId === flowId)?.open ?? 0;

const inboxIds = async (token: string) =>
  (await server.request('GET', `/api/tasks?flowId=${flowId}`, { token })).body.items.map(
    (task: { id: string }) => task.id,
  );

describe('test runs over the API', () => {
  it('starts a test run for a designer, and audits the start as one', async () => {
    const started = await startRun({ input: { topic: 'Audited' }, test: true });
    expect(started.status).toBe(201);
    expect(started.body.run).toMatchObject({ test: true, startedBy: expect.any(String) });
    const real = await startRun({ input: { topic: 'Real' } });
    expect(real.body.run.test).toBeUndefined();

    const audit = (await server.app.store.audit.list({ action: 'run.started' })).items;
    const of = (runId: string) => audit.find((a) => a.subjectId === runId);
    expect(of(started.body.id)).toMatchObject({
      subjectType: 'run',
      details: { flowId, versionNumber: 1, test: true },
    });
    expect(of(real.body.id)?.details).toEqual({ flowId, versionNumber: 1 });
    await server.request('POST', `/api/runs/${real.body.id}/cancel`, { token: t.designer });
    await server.request('POST', `/api/runs/${started.body.id}/cancel`, { token: t.designer });
  });

  it('refuses a test flag that is not a boolean, naming the field', async () => {
    const bad = await startRun({ input: { topic: 'x' }, test: 'yes' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.issues[0].path).toEqual(['test']);
  });

  it('gives the task to its starter alone, who decides it; nothing is sent', async () => {
    const { runId, taskId } = await waitingTestRun('Tried out');

    const detail = await server.request('GET', `/api/tasks/${taskId}`, { token: t.designer });
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({
      canDecide: true,
      approveBlockedReason: null,
      task: { test: true, requiredApprovals: 1, dueAt: null, separationOfDuties: false },
    });
    expect(await inboxIds(t.designer)).toContain(taskId);
    const ofRun = await server.request('GET', `/api/runs/${runId}/tasks`, { token: t.designer });
    expect(ofRun.body.items.map((task: { id: string }) => task.id)).toEqual([taskId]);

    // Nobody else decides it, or finds it in their inbox or open counts.
    for (const token of [t.reviewer, t.manager, t.admin]) {
      expect(await inboxIds(token)).not.toContain(taskId);
      const refused = await server.request('POST', `/api/tasks/${taskId}/decision`, {
        token,
        body: { action: 'approve' },
      });
      expect(refused.status).toBe(403);
      const claim = await server.request('POST', `/api/tasks/${taskId}/claim`, { token });
      expect(claim.status).toBe(403);
      const counts = await server.request('GET', '/api/tasks/open-counts', { token });
      expect(countOf(counts.body)).toBe(0);
    }
    const own = await server.request('GET', '/api/tasks/open-counts', { token: t.designer });
    expect(countOf(own.body)).toBe(1);
    const forManager = await server.request('GET', `/api/tasks/${taskId}`, { token: t.manager });
    expect(forManager.body.canDecide).toBe(false);

    const claimed = await server.request('POST', `/api/tasks/${taskId}/claim`, {
      token: t.designer,
    });
    expect(claimed.status).toBe(200);
    const decided = await server.request('POST', `/api/tasks/${taskId}/decision`, {
      token: t.designer,
      body: { action: 'approve' },
    });
    expect(decided.status).toBe(200);

    const run = await waitFor(async () => {
      const res = await server.request('GET', `/api/runs/${runId}`, { token: t.designer });
      return res.body.status === 'succeeded' ? (res.body as Loose) : undefined;
    });
    expect(run.test).toBe(true);
    const publish = run.steps.find((s: { nodeId: string }) => s.nodeId === 'publish');
    expect(publish.output).toMatchObject({
      test: true,
      status: null,
      externalId: null,
      wouldSend: { request: { method: 'POST' } },
    });
    expect(publish.output.wouldSend.target).toContain('127.0.0.1');
    expect(sink.deliveries).toEqual([]);
    expect((await server.app.store.publications.list({ runId })).items).toEqual([]);
    expect((await server.app.store.feedback.list({ flowId })).items).toEqual([]);
  });

  it('lists test runs and real runs apart, and both without the filter', async () => {
    const test = await startRun({ input: { topic: 'Listed test' }, test: true });
    const real = await startRun({ input: { topic: 'Listed real' } });
    const ids = async (query: string) => {
      const res = await server.request('GET', `/api/runs?flowId=${flowId}${query}`, {
        token: t.manager,
      });
      expect(res.status).toBe(200);
      return res.body.items.map((r: { id: string }) => r.id);
    };
    const onlyTest = await ids('&test=true');
    expect(onlyTest).toContain(test.body.id);
    expect(onlyTest).not.toContain(real.body.id);
    const onlyReal = await ids('&test=false');
    expect(onlyReal).toContain(real.body.id);
    expect(onlyReal).not.toContain(test.body.id);
    expect(await ids('')).toEqual(expect.arrayContaining([test.body.id, real.body.id]));
    const listed = await server.request('GET', `/api/runs?flowId=${flowId}&test=true`, {
      token: t.manager,
    });
    expect(listed.body.items.every((r: { test?: boolean }) => r.test === true)).toBe(true);

    const bad = await server.request('GET', '/api/runs?test=yes', { token: t.manager });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.issues[0].path).toEqual(['test']);
  });
});
