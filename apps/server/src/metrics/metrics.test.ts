import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextEvent, publishFlow, startTestServer } from '../testing/harness.js';
import type { TestServer } from '../testing/harness.js';
import { reviewFlow, startSink } from '../testing/fixtures.js';
import type { Sink } from '../testing/fixtures.js';

const TOKEN = 'metrics-token-for-tests';
let server: TestServer;
let sink: Sink;

beforeAll(async () => {
  sink = await startSink();
  server = await startTestServer({
    env: {
      TANDEM_METRICS_PORT: '0',
      TANDEM_METRICS_TOKEN: TOKEN,
      TANDEM_ALLOW_PRIVATE_NETWORK: 'true',
    },
  });
});
afterAll(async () => {
  await server.close();
  await sink.close();
});

async function scrape(token?: string) {
  const res = await fetch(`http://127.0.0.1:${server.app.metricsPort}/metrics`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  return { status: res.status, text: await res.text() };
}

describe('Prometheus /metrics', () => {
  it('is served on its own port and only with the bearer token', async () => {
    expect(server.app.metricsPort).toBeGreaterThan(0);
    expect(server.app.metricsPort).not.toBe(server.app.port);
    expect((await scrape()).status).toBe(401);
    expect((await scrape('wrong-token-wrong-token')).status).toBe(401);
    // The public port does not serve it.
    expect((await fetch(`${server.url}/metrics`)).status).not.toBe(200);
  });

  it('counts open tasks, connected reviewers, step durations and publish outcomes', async () => {
    const t = await server.tokens();
    const socket = server.socket({ token: t.reviewer });
    await nextEvent(socket, 'connect', 10_000);
    const flowId = await publishFlow(server, t.designer, reviewFlow(sink.url));
    const created = nextEvent(socket, 'task.created', 20_000);
    await server.request('POST', `/api/flows/${flowId}/runs`, {
      token: t.designer,
      body: { input: { topic: 'Metrics' } },
    });
    const { task } = await created;
    let text = (await scrape(TOKEN)).text;
    expect(text).toMatch(/^tandem_open_tasks 1$/m);
    expect(text).toMatch(/^tandem_connected_reviewers 1$/m);
    expect(text).toMatch(
      /^tandem_step_duration_seconds_count\{type="ai.generate",status="done"\} 1$/m,
    );

    const decided = await server.request('POST', `/api/tasks/${task.id}/decision`, {
      token: t.reviewer,
      body: { action: 'approve' },
    });
    expect(decided.status).toBe(200);
    await server.app.engine.idle();
    text = (await scrape(TOKEN)).text;
    expect(text).toMatch(/^tandem_open_tasks 0$/m);
    expect(text).toMatch(/^tandem_publications_total\{channel="webhook",status="succeeded"\} 1$/m);
    // No queue without REDIS_URL: no queue gauge pretending to be one.
    expect(text).not.toContain('tandem_queue_jobs');
  });

  it("leaves a test run's task out of the open tasks, and its publish step out of the outcomes", async () => {
    const t = await server.tokens();
    const flowId = await publishFlow(server, t.designer, reviewFlow(sink.url));
    const before = (await scrape(TOKEN)).text;
    const open = /^tandem_open_tasks (\d+)$/m.exec(before)?.[1];
    const started = await server.request('POST', `/api/flows/${flowId}/runs`, {
      token: t.designer,
      body: { input: { topic: 'Tried' }, test: true },
    });
    await server.app.engine.idle();
    const [task] = (await server.app.store.tasks.list({ runId: started.body.id })).items;
    expect(task?.test).toBe(true);
    expect((await scrape(TOKEN)).text).toMatch(new RegExp(`^tandem_open_tasks ${open}$`, 'm'));
    const decided = await server.request('POST', `/api/tasks/${task!.id}/decision`, {
      token: t.designer,
      body: { action: 'approve' },
    });
    expect(decided.status).toBe(200);
    await server.app.engine.idle();
    const after = (await scrape(TOKEN)).text;
    const sent = (text: string) => text.match(/^tandem_publications_total.*$/gm);
    expect(sent(after)).toEqual(sent(before));
  });
});
