import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../testing/harness.js';
import type { TestServer } from '../testing/harness.js';
import { addSigningConnection, hookFlowGraph, signed } from './webhook-fixtures.js';
import { createWebhookLimits } from './webhook-limits.js';

describe('POST /api/hooks/:flowId limits', () => {
  let limited: TestServer;
  let limitedFlowId: string;
  const windowMs = 1_000;

  beforeAll(async () => {
    limited = await startTestServer({
      overrides: {
        webhookLimits: { refusedPerCaller: 3, runsPerFlow: 2, auditedRefusals: 4, windowMs },
      },
    });
    const t = await limited.tokens();
    const graph = hookFlowGraph(await addSigningConnection(limited, t.admin));
    const flow = await limited.request('POST', '/api/flows', {
      token: t.designer,
      body: { name: 'Limited CRM', graph },
    });
    limitedFlowId = flow.body.id;
    await limited.request('POST', `/api/flows/${limitedFlowId}/publish`, { token: t.designer });
  });
  afterAll(() => limited.close());

  const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it('caps the runs one flow starts per window; redeliveries do not count', async () => {
    const first = signed({ topic: 'a' });
    expect((await limited.request('POST', `/api/hooks/${limitedFlowId}`, first)).status).toBe(202);
    expect((await limited.request('POST', `/api/hooks/${limitedFlowId}`, first)).status).toBe(200);
    const second = await limited.request(
      'POST',
      `/api/hooks/${limitedFlowId}`,
      signed({ topic: 'b' }),
    );
    expect(second.status).toBe(202);
    const third = await limited.request(
      'POST',
      `/api/hooks/${limitedFlowId}`,
      signed({ topic: 'c' }),
    );
    expect(third.status).toBe(429);
    expect(third.body.error.code).toBe('RATE_LIMITED');
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    const runs = await limited.app.store.runs.list({ flowId: limitedFlowId, limit: 50 });
    expect(runs.items).toHaveLength(2);

    await wait(windowMs + 100);
    const later = await limited.request(
      'POST',
      `/api/hooks/${limitedFlowId}`,
      signed({ topic: 'c' }),
    );
    expect(later.status).toBe(202);
  });

  it('answers 429 to a caller that keeps getting refused, before checking anything, until the window passes', async () => {
    await wait(windowMs + 100);
    const body = JSON.stringify({ topic: 'x' });
    for (let i = 0; i < 3; i += 1) {
      const guess = await limited.request('POST', `/api/hooks/${limitedFlowId}`, {
        body,
        raw: true,
      });
      expect(guess.status).toBe(401);
    }
    // Even a good signature waits: the caller is the one being limited.
    const blocked = await limited.request(
      'POST',
      `/api/hooks/${limitedFlowId}`,
      signed({ topic: 'd' }),
    );
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.message).toMatch(/refused/);

    await wait(windowMs + 100);
    const after = await limited.request(
      'POST',
      `/api/hooks/${limitedFlowId}`,
      signed({ topic: 'd' }),
    );
    expect(after.status).toBe(202);
  });

  it('counts calls to unknown flows against the caller like any other refusal', async () => {
    await wait(windowMs + 100);
    const answers: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      answers.push((await limited.request('POST', `/api/hooks/flw_probe_${i}`, signed({}))).status);
    }
    expect(answers).toEqual([401, 401, 401, 429, 429]);
    const blocked = await limited.request(
      'POST',
      `/api/hooks/${limitedFlowId}`,
      signed({ topic: 'e' }),
    );
    expect(blocked.status).toBe(429);
    // Past the limit nothing is read or written: the audit trail holds only the first three.
    const refusals = await limited.app.store.audit.list({ action: 'webhook.refused', limit: 500 });
    expect(refusals.items.filter((e) => e.subjectId.startsWith('flw_probe_'))).toHaveLength(3);
  });

  it('writes at most the audited-refusal cap per window, from all callers together, then one summary of the rest, also when the flood stops', async () => {
    let clockMs = 0;
    const limiter = createWebhookLimits(
      { refusedPerCaller: 100, runsPerFlow: 1, auditedRefusals: 2, windowMs: 1_000 },
      () => clockMs,
    );
    const slots = Array.from({ length: 5 }, () => limiter.auditSlot());
    expect(slots).toEqual([
      { record: true, summaryInMs: null, floodStarts: false },
      { record: true, summaryInMs: null, floodStarts: false },
      { record: false, summaryInMs: 1_000, floodStarts: true },
      { record: false, summaryInMs: null, floodStarts: false },
      { record: false, summaryInMs: null, floodStarts: false },
    ]);
    clockMs = 1_000;
    expect(limiter.takeUnrecorded()).toEqual({ count: 3, since: 0 });
    expect(limiter.takeUnrecorded()).toEqual({ count: 0, since: 0 });
    // Still flooding: the window fills again, and the next one counted schedules the next
    // summary without a new warning.
    expect(limiter.auditSlot().record).toBe(true);
    expect(limiter.auditSlot().record).toBe(true);
    expect(limiter.auditSlot()).toEqual({ record: false, summaryInMs: 1_000, floodStarts: false });

    // Through the route, on a server whose callers may each be refused often: four refusals
    // are written, the fifth and sixth counted, and one summary a window later says so, though
    // no refusal came after them.
    const flooded = await startTestServer({
      overrides: {
        webhookLimits: { refusedPerCaller: 100, runsPerFlow: 2, auditedRefusals: 4, windowMs },
      },
    });
    try {
      const written = async (action: 'webhook.refused' | 'webhook.refusals_counted') =>
        (await flooded.app.store.audit.list({ action, limit: 500 })).items;
      for (let i = 0; i < 6; i += 1) {
        const res = await flooded.request('POST', `/api/hooks/flw_flood_${i}`, signed({}));
        expect(res.status).toBe(401);
      }
      expect((await written('webhook.refused')).map((e) => e.subjectId).sort()).toEqual([
        'flw_flood_0',
        'flw_flood_1',
        'flw_flood_2',
        'flw_flood_3',
      ]);
      expect(await written('webhook.refusals_counted')).toEqual([]);
      await expect
        .poll(async () => (await written('webhook.refusals_counted')).length, {
          timeout: windowMs + 2_000,
        })
        .toBe(1);
      const [summary] = await written('webhook.refusals_counted');
      expect(summary).toMatchObject({
        actorId: null,
        subjectType: 'webhooks',
        details: { refusals: 2, explanation: expect.stringContaining('counted, not recorded') },
      });
      const { from, to } = summary!.details as { from: string; to: string };
      expect(Date.parse(to) - Date.parse(from)).toBeGreaterThanOrEqual(windowMs - 50);
      // The window is free again: the next refusal is written on its own.
      await flooded.request('POST', '/api/hooks/flw_flood_after', signed({}));
      const [latest] = await written('webhook.refused');
      expect(latest).toMatchObject({ subjectId: 'flw_flood_after' });
      expect(latest!.details).not.toHaveProperty('refusals');
    } finally {
      await flooded.close();
    }
  });
});
