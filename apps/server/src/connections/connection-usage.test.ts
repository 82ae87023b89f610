import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../testing/harness.js';
import type { TestServer } from '../testing/harness.js';

/*
 * GET /api/connections/:id/usage: what an admin is told before removing a connection, from
 * flows' drafts and published versions, runs under way and the notification settings.
 */

let server: TestServer;
let t: Awaited<ReturnType<TestServer['tokens']>>;
/** The connection whose uses are asked for. */
let id: string;

beforeAll(async () => {
  server = await startTestServer();
  t = await server.tokens();
  const cms = await server.request('POST', '/api/connections', {
    token: t.admin,
    body: { kind: 'webhook', name: 'CMS', settings: { url: 'https://cms.example.com/hook' } },
  });
  expect(cms.status).toBe(201);
  id = cms.body.id;
});
afterAll(async () => {
  await server.close();
});

describe('what uses a connection', () => {
  it('names what uses a connection before it is removed: flows (draft, published, runs under way) and review emails', async () => {
    const other = await server.request('POST', '/api/connections', {
      token: t.admin,
      body: {
        kind: 'webhook',
        name: 'Other CMS',
        settings: { url: 'https://other.example.com/hook' },
      },
    });
    const otherId: string = other.body.id;
    // Each publish step after an hour's wait, so a run started stays under way.
    const graph = (steps: { id: string; label?: string; connectionId: string }[]) => ({
      nodes: [
        { id: 'start', type: 'trigger.manual', position: { x: 0, y: 0 }, config: {} },
        {
          id: 'wait',
          type: 'util.delay',
          position: { x: 280, y: 0 },
          config: { amount: 1, unit: 'hours' },
        },
        ...steps.map(({ id: nodeId, label, connectionId }, i) => ({
          id: nodeId,
          type: 'publish.webhook',
          position: { x: 560, y: i * 160 },
          ...(label ? { label } : {}),
          config: { connectionId },
        })),
      ],
      edges: [
        { id: 'e-wait', source: 'start', target: 'wait' },
        ...steps.map((step, i) => ({ id: `e${i}`, source: 'wait', target: step.id })),
      ],
    });
    const live = await server.request('POST', '/api/flows', {
      token: t.designer,
      body: {
        name: 'Spring launch',
        graph: graph([{ id: 'cms', label: 'Send to the CMS', connectionId: id }]),
      },
    });
    expect(live.status).toBe(201);
    const published = await server.request('POST', `/api/flows/${live.body.id}/publish`, {
      token: t.designer,
    });
    expect(published.status).toBe(201);
    const run = await server.request('POST', `/api/flows/${live.body.id}/runs`, {
      token: t.designer,
      body: { input: { topic: 'Spring' } },
    });
    expect(run.status).toBe(201);
    // Its draft has since moved to another connection: the published version still uses this one.
    const moved = await server.request('PUT', `/api/flows/${live.body.id}`, {
      token: t.designer,
      headers: { 'if-match': '*' },
      body: {
        name: 'Spring launch',
        graph: graph([{ id: 'cms', label: 'Send to the CMS', connectionId: otherId }]),
      },
    });
    expect(moved.status).toBe(200);
    const draft = await server.request('POST', '/api/flows', {
      token: t.designer,
      body: { name: 'Newsletter', graph: graph([{ id: 'send', connectionId: id }]) },
    });
    expect(draft.status).toBe(201);
    await server.request('POST', '/api/flows', {
      token: t.designer,
      body: { name: 'Unrelated', graph: graph([{ id: 'send', connectionId: otherId }]) },
    });

    const usage = async () => {
      const res = await server.request('GET', `/api/connections/${id}/usage`, { token: t.admin });
      expect(res.status).toBe(200);
      return res.body as { flows: { flowName: string }[]; reviewEmails: boolean };
    };
    // Newest change first, as the flows list.
    expect(await usage()).toEqual({
      flows: [
        {
          flowId: draft.body.id,
          flowName: 'Newsletter',
          draftSteps: ['Send to webhook'],
          publishedSteps: [],
          openRuns: 0,
        },
        {
          flowId: live.body.id,
          flowName: 'Spring launch',
          draftSteps: [],
          publishedSteps: ['Send to the CMS'],
          openRuns: 1,
        },
      ],
      reviewEmails: false,
    });

    // Published again without it: the run under way still needs it.
    const republished = await server.request('POST', `/api/flows/${live.body.id}/publish`, {
      token: t.designer,
    });
    expect(republished.status).toBe(201);
    const spring = (await usage()).flows.find((f) => f.flowName === 'Spring launch');
    expect(spring).toEqual({
      flowId: live.body.id,
      flowName: 'Spring launch',
      draftSteps: [],
      publishedSteps: [],
      openRuns: 1,
    });

    for (const token of [t.designer, t.reviewer, t.manager]) {
      const refused = await server.request('GET', `/api/connections/${id}/usage`, { token });
      expect(refused.status).toBe(403);
    }
    expect((await server.request('GET', `/api/connections/${id}/usage`)).status).toBe(401);
    const missing = await server.request('GET', '/api/connections/conn_missing/usage', {
      token: t.admin,
    });
    expect(missing.status).toBe(404);
  });

  it('says when review emails go out through a connection', async () => {
    const smtp = await server.request('POST', '/api/connections', {
      token: t.admin,
      body: {
        kind: 'smtp',
        name: 'Team mail',
        settings: { host: 'smtp.example.com', from: 'tandem@example.com', username: 'mailer' },
        secrets: { password: 'smtp-password-for-usage' },
      },
    });
    expect(smtp.status).toBe(201);
    const saved = await server.request('PUT', '/api/notifications/settings', {
      token: t.admin,
      body: { revision: 0, connectionId: smtp.body.id, baseUrl: 'https://tandem.example.com' },
    });
    expect(saved.status).toBe(200);
    const usage = await server.request('GET', `/api/connections/${smtp.body.id}/usage`, {
      token: t.admin,
    });
    expect(usage.body).toEqual({ flows: [], reviewEmails: true });
  });
});
