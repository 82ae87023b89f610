import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  firstTaskOfRun,
  publishFlow,
  startTestServer,
  waitFor,
  type TestServer,
} from '../testing/harness.js';
import { reviewFlow, startSink, type Sink } from '../testing/fixtures.js';

let server: TestServer;
let sink: Sink;
let t: Awaited<ReturnType<TestServer['tokens']>>;
let flowId: string;

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

async function start(token: string, topic: string): Promise<string> {
  const res = await server.request('POST', `/api/flows/${flowId}/runs`, {
    token,
    body: { input: { topic } },
  });
  expect(res.status).toBe(201);
  return res.body.id;
}

const userId = async (token: string): Promise<string> =>
  (await server.request('GET', '/api/auth/me', { token })).body.user.id;

describe('GET /api/runs?startedBy=', () => {
  it("lists only the runs that user started, newest first: a designer's own test runs", async () => {
    const first = await start(t.designer, 'First test');
    const latest = await start(t.designer, 'Second test');
    const admins = await start(t.admin, 'Someone else’s');
    const designer = await userId(t.designer);
    const mine = await server.request(
      'GET',
      `/api/runs?flowId=${flowId}&startedBy=${designer}&limit=1`,
      { token: t.designer },
    );
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((r: { id: string }) => r.id)).toEqual([latest]);
    const all = await server.request('GET', `/api/runs?flowId=${flowId}&startedBy=${designer}`, {
      token: t.manager,
    });
    expect(all.body.items.map((r: { id: string }) => r.id)).toEqual([latest, first]);
    expect(all.body.items.map((r: { id: string }) => r.id)).not.toContain(admins);
  });

  it('validates the filter and keeps the list to signed-in run viewers', async () => {
    const bad = await server.request('GET', `/api/runs?startedBy=${'x'.repeat(300)}`, {
      token: t.designer,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    expect(bad.body.error.details.issues[0].path).toEqual(['startedBy']);
    const designer = await userId(t.designer);
    const withoutFlow = await server.request('GET', `/api/runs?startedBy=${designer}`, {
      token: t.designer,
    });
    expect(withoutFlow.status).toBe(400);
    expect(withoutFlow.body.error.details.issues[0].path).toEqual(['flowId']);
    expect(
      (await server.request('GET', `/api/runs?startedBy=${designer}`, { token: t.reviewer }))
        .status,
    ).toBe(403);
    expect((await server.request('GET', `/api/runs?startedBy=${designer}`)).status).toBe(401);
  });
});

describe('GET /api/runs/:id of a canceled run', () => {
  it('names who canceled it, which the run keeps', async () => {
    const id = await start(t.designer, 'Called off');
    const canceled = await server.request('POST', `/api/runs/${id}/cancel`, { token: t.designer });
    expect(canceled.status).toBe(200);
    expect(canceled.body.canceledBy).toBe(await userId(t.designer));
    const seen = await server.request('GET', `/api/runs/${id}`, { token: t.manager });
    expect(seen.body).toMatchObject({ status: 'canceled', canceledByName: 'Dana Designer' });
    // A run still going names nobody.
    const going = await server.request('GET', `/api/runs/${await start(t.designer, 'On')}`, {
      token: t.manager,
    });
    expect(going.body).not.toHaveProperty('canceledByName');
  });
});

describe('the outcome of a run a reviewer rejected', () => {
  it('lists it as rejected, an approved one as published, and filters on it', async () => {
    const rejectedId = await start(t.designer, 'Turned down');
    const approvedId = await start(t.designer, 'Sent out');
    for (const [runId, body] of [
      [rejectedId, { action: 'reject', reason: 'Off brand' }],
      [approvedId, { action: 'approve' }],
    ] as const) {
      const task = await firstTaskOfRun(server, t.reviewer, runId);
      const decided = await server.request('POST', `/api/tasks/${task.id}/decision`, {
        token: t.reviewer,
        body,
      });
      expect(decided.status).toBe(200);
    }
    const listed = await waitFor(async () => {
      const res = await server.request('GET', `/api/runs?flowId=${flowId}`, { token: t.manager });
      const mine = res.body.items.filter((r: { id: string }) =>
        [rejectedId, approvedId].includes(r.id),
      );
      return mine.every((r: { status: string }) => r.status === 'succeeded') ? mine : undefined;
    });
    const byId = new Map(listed.map((r: { id: string }) => [r.id, r]));
    expect(byId.get(rejectedId)).toMatchObject({ status: 'succeeded', outcome: 'rejected' });
    expect(byId.get(approvedId)).toMatchObject({ status: 'succeeded', outcome: 'published' });
    const page = await server.request('GET', `/api/runs/${rejectedId}`, { token: t.manager });
    expect(page.body).toMatchObject({ status: 'succeeded', outcome: 'rejected' });

    const onlyRejected = await server.request('GET', `/api/runs?outcome=rejected`, {
      token: t.manager,
    });
    expect(onlyRejected.status).toBe(200);
    const ids = onlyRejected.body.items.map((r: { id: string }) => r.id);
    expect(ids).toContain(rejectedId);
    expect(ids).not.toContain(approvedId);
    expect(
      onlyRejected.body.items.every((r: { outcome?: string }) => r.outcome === 'rejected'),
    ).toBe(true);
  });

  it('refuses an outcome it does not know, naming the field, and documents the filter', async () => {
    const bad = await server.request('GET', '/api/runs?outcome=maybe', { token: t.manager });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    expect(bad.body.error.details.issues[0].path).toEqual(['outcome']);
    const spec = await server.request('GET', '/api/openapi.json', { token: t.manager });
    const params = spec.body.paths['/api/runs'].get.parameters as {
      name: string;
      schema: { enum?: string[] };
    }[];
    expect(params.find((p) => p.name === 'outcome')?.schema.enum).toEqual([
      'published',
      'rejected',
      'completed',
    ]);
  });
});
