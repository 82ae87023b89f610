import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../testing/harness.js';
import type { TestServer } from '../testing/harness.js';

let server: TestServer;
let t: Awaited<ReturnType<TestServer['tokens']>>;

beforeAll(async () => {
  server = await startTestServer();
  t = await server.tokens();
});
afterAll(() => server.close());

const scheduled = (config: Record<string, unknown>) => ({
  nodes: [{ id: 'start', type: 'trigger.schedule', position: { x: 0, y: 0 }, config }],
  edges: [],
});
const berlin = { frequency: 'daily', time: '09:00', timeZone: 'Europe/Berlin' };

async function listed(token: string, id: string) {
  const res = await server.request('GET', '/api/flows?limit=500', { token });
  expect(res.status).toBe(200);
  return res.body.items.find((f: { id: string }) => f.id === id);
}

describe('the flows list’s published schedules', () => {
  it('gives each flow its published version’s schedule, not its draft’s, to every role', async () => {
    const created = await server.request('POST', '/api/flows', {
      token: t.designer,
      body: {
        name: 'Morning ideas',
        graph: scheduled({ ...berlin, fields: [{ label: 'Theme', name: 'theme', value: 'x' }] }),
      },
    });
    const id = created.body.id as string;
    // Never published: nothing runs, whatever the draft says.
    expect((await listed(t.designer, id)).publishedSchedule).toBeNull();

    expect(
      (await server.request('POST', `/api/flows/${id}/publish`, { token: t.designer })).status,
    ).toBe(201);
    // The draft moves on to another time, then to a form: version 1 is still what runs.
    for (const graph of [
      scheduled({ ...berlin, time: '17:30' }),
      {
        nodes: [{ id: 'start', type: 'trigger.manual', position: { x: 0, y: 0 }, config: {} }],
        edges: [],
      },
    ]) {
      const saved = await server.request('PUT', `/api/flows/${id}`, {
        token: t.designer,
        headers: { 'if-match': '*' },
        body: { name: 'Morning ideas', graph },
      });
      expect(saved.status).toBe(200);
      for (const token of [t.designer, t.manager, t.reviewer]) {
        const flow = await listed(token, id);
        // The timing alone: input values are not the list's business.
        expect(flow.publishedSchedule).toEqual({
          frequency: 'daily',
          everyMinutes: 60,
          minute: 0,
          weekdays: ['mon'],
          dayOfMonth: 1,
          time: '09:00',
          timeZone: 'Europe/Berlin',
          paused: false,
        });
        expect(flow.graph).toEqual(saved.body.graph);
      }
    }

    // Published with a form trigger, the flow no longer runs on a schedule.
    await server.request('POST', `/api/flows/${id}/publish`, { token: t.designer });
    expect(await listed(t.manager, id)).toMatchObject({
      publishedVersion: 2,
      publishedSchedule: null,
    });

    // Published paused: the list can say so.
    await server.request('PUT', `/api/flows/${id}`, {
      token: t.designer,
      headers: { 'if-match': '*' },
      body: { name: 'Morning ideas', graph: scheduled({ ...berlin, paused: true }) },
    });
    await server.request('POST', `/api/flows/${id}/publish`, { token: t.designer });
    expect((await listed(t.manager, id)).publishedSchedule).toMatchObject({
      time: '09:00',
      paused: true,
    });
  });
});
