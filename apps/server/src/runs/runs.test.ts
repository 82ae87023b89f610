import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishFlow, startTestServer, type TestServer } from '../testing/harness.js';
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
