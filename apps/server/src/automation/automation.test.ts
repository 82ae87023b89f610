import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextEvent, startTestServer } from '../testing/harness.js';
import type { TestServer } from '../testing/harness.js';
import { reviewFlow } from '../testing/fixtures.js';

let server: TestServer;
let t: Awaited<ReturnType<TestServer['tokens']>>;
let flowId: string;
let lockedFlowId: string;

async function publishedFlow(review: Record<string, string | number | boolean>, name: string) {
  const created = await server.request('POST', '/api/flows', {
    token: t.designer,
    body: reviewFlow('https://cms.example.com/hook', review, name),
  });
  await server.request('POST', `/api/flows/${created.body.id}/publish`, { token: t.designer });
  return created.body.id as string;
}

beforeAll(async () => {
  server = await startTestServer();
  t = await server.tokens();
  flowId = await publishedFlow({}, 'Automation flow');
  lockedFlowId = await publishedFlow({ locked: true }, 'Locked flow');
});
afterAll(() => server.close());

describe('/api/flows/:id/automation', () => {
  it('describes each checkpoint with level, evidence and recommendation', async () => {
    const res = await server.request('GET', `/api/flows/${flowId}/automation`, {
      token: t.manager,
    });
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      expect.objectContaining({
        nodeId: 'review',
        level: 'review_all',
        locked: false,
        evidence: expect.objectContaining({ decisions: 0 }),
        recommendation: expect.objectContaining({ direction: expect.any(String) }),
      }),
    ]);
    expect(
      (await server.request('GET', `/api/flows/${flowId}/automation`, { token: t.reviewer }))
        .status,
    ).toBe(403);
  });

  it('lets a manager change a level at once, pushed to managers and audited with old and new level', async () => {
    const socket = server.socket({ token: t.manager });
    await nextEvent(socket, 'connect');
    const pushed = nextEvent(socket, 'automation.updated');
    const res = await server.request('PUT', `/api/flows/${flowId}/automation/review`, {
      token: t.manager,
      body: { level: 'review_flagged', sampleRate: 0.2, reason: 'Clean for weeks' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ level: 'review_flagged', sampleRate: 0.2 });
    expect((await pushed).setting).toMatchObject({
      flowId,
      nodeId: 'review',
      level: 'review_flagged',
    });
    const audit = await server.request('GET', `/api/audit?action=automation.changed`, {
      token: t.manager,
    });
    expect(audit.body.items[0].details).toMatchObject({
      flowId,
      nodeId: 'review',
      from: 'review_all',
      to: 'review_flagged',
    });
    socket.disconnect();
  });

  it('refuses designers and reviewers with 403, and bad levels with 400', async () => {
    for (const token of [t.designer, t.reviewer]) {
      const res = await server.request('PUT', `/api/flows/${flowId}/automation/review`, {
        token,
        body: { level: 'auto' },
      });
      expect(res.status).toBe(403);
    }
    const bad = await server.request('PUT', `/api/flows/${flowId}/automation/review`, {
      token: t.manager,
      body: { level: 'sometimes' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.issues[0].path).toEqual(['level']);
    const unexplained = await server.request('PUT', `/api/flows/${flowId}/automation/review`, {
      token: t.manager,
      body: { level: 'auto', reason: ' ' },
    });
    expect(unexplained.status).toBe(400);
    expect(unexplained.body.error.details.issues[0].path).toEqual(['reason']);
    const level = (
      await server.request('GET', `/api/flows/${flowId}/automation`, { token: t.manager })
    ).body.items[0].level;
    expect(level).toBe('review_flagged');
  });

  it('refuses to lower a locked checkpoint with 409 CHECKPOINT_LOCKED', async () => {
    const res = await server.request('PUT', `/api/flows/${lockedFlowId}/automation/review`, {
      token: t.admin,
      body: { level: 'auto', reason: 'Clean for weeks' },
    });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('CHECKPOINT_LOCKED');
  });

  it('after a lock and an unlock, shows and applies the designer’s default, not the level set before the lock', async () => {
    const id = await publishedFlow({ defaultLevel: 'review_flagged' }, 'Lock then unlock');
    const level = async () =>
      (await server.request('GET', `/api/flows/${id}/automation`, { token: t.manager })).body
        .items[0];
    const republish = async (review: Record<string, string | boolean>) => {
      const saved = await server.request('PUT', `/api/flows/${id}`, {
        token: t.designer,
        headers: { 'if-match': '*' },
        body: reviewFlow('https://cms.example.com/hook', review, 'Lock then unlock'),
      });
      expect(saved.status).toBe(200);
      const published = await server.request('POST', `/api/flows/${id}/publish`, {
        token: t.designer,
      });
      expect(published.status).toBe(201);
    };
    const set = await server.request('PUT', `/api/flows/${id}/automation/review`, {
      token: t.manager,
      body: { level: 'auto', reason: 'Clean for weeks' },
    });
    expect(set.status).toBe(200);
    await republish({ locked: true });
    expect(await level()).toMatchObject({ level: 'review_all', locked: true });
    await republish({ defaultLevel: 'review_flagged' });
    expect(await level()).toMatchObject({
      level: 'review_flagged',
      locked: false,
      recommendation: expect.objectContaining({ direction: expect.any(String) }),
    });
    const audit = await server.request('GET', `/api/audit?action=automation.changed`, {
      token: t.manager,
    });
    // Newest first: the unlock, then the lock that set the manager's auto aside.
    expect(audit.body.items.slice(0, 2).map((e: { details: unknown }) => e.details)).toMatchObject([
      { flowId: id, from: 'review_all', to: 'review_flagged' },
      { flowId: id, from: 'auto', to: 'review_all' },
    ]);
  });

  it('announces and audits an unlock of a checkpoint no manager set, so an open console follows it', async () => {
    const created = await server.request('POST', '/api/flows', {
      token: t.designer,
      body: reviewFlow('https://cms.example.com/hook', { locked: true }, 'Unlock, no level'),
    });
    const id = created.body.id as string;
    await server.request('POST', `/api/flows/${id}/publish`, { token: t.designer });
    const socket = server.socket({ token: t.manager });
    try {
      await nextEvent(socket, 'connect');
      const pushed = nextEvent(socket, 'automation.updated');
      await server.request('PUT', `/api/flows/${id}`, {
        token: t.designer,
        headers: { 'if-match': '*' },
        body: reviewFlow(
          'https://cms.example.com/hook',
          { defaultLevel: 'spot_check' },
          'Unlock, no level',
        ),
      });
      const published = await server.request('POST', `/api/flows/${id}/publish`, {
        token: t.designer,
      });
      expect(published.status).toBe(201);
      expect((await pushed).setting).toMatchObject({ flowId: id, nodeId: 'review' });
      const [now] = (
        await server.request('GET', `/api/flows/${id}/automation`, { token: t.manager })
      ).body.items;
      expect(now).toMatchObject({ level: 'spot_check', locked: false });
      const audit = await server.request(
        'GET',
        `/api/audit?action=automation.changed&subject=${id}:review`,
        { token: t.manager },
      );
      expect(audit.body.items.map((e: { details: unknown }) => e.details)).toMatchObject([
        { flowId: id, nodeId: 'review', from: 'review_all', to: 'spot_check' },
      ]);
    } finally {
      socket.disconnect();
    }
  });

  it('announces and audits a designer’s new default level on a checkpoint no manager set', async () => {
    const id = await publishedFlow({ defaultLevel: 'review_all' }, 'Default change');
    const socket = server.socket({ token: t.manager });
    try {
      await nextEvent(socket, 'connect');
      const pushed = nextEvent(socket, 'automation.updated');
      await server.request('PUT', `/api/flows/${id}`, {
        token: t.designer,
        headers: { 'if-match': '*' },
        body: reviewFlow(
          'https://cms.example.com/hook',
          { defaultLevel: 'auto' },
          'Default change',
        ),
      });
      const published = await server.request('POST', `/api/flows/${id}/publish`, {
        token: t.designer,
      });
      expect(published.status).toBe(201);
      expect((await pushed).setting).toMatchObject({ flowId: id, nodeId: 'review' });
      const audit = await server.request(
        'GET',
        `/api/audit?action=automation.changed&subject=${id}:review`,
        { token: t.manager },
      );
      expect(audit.body.items.map((e: { details: unknown }) => e.details)).toMatchObject([
        {
          from: 'review_all',
          to: 'auto',
          reason: 'Default level changed by the flow’s designer in version 2',
        },
      ]);
    } finally {
      socket.disconnect();
    }
  });

  it('answers 404 for an unknown checkpoint', async () => {
    const res = await server.request('PUT', `/api/flows/${flowId}/automation/nope`, {
      token: t.manager,
      body: { level: 'auto', reason: 'Clean for weeks' },
    });
    expect(res.status).toBe(404);
  });
});
