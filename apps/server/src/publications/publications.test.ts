import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstTaskOfRun, publishFlow, startTestServer, waitFor } from '../testing/harness.js';
import type { TestServer } from '../testing/harness.js';
import { reviewFlow } from '../testing/fixtures.js';

let server: TestServer;
let t: Awaited<ReturnType<TestServer['tokens']>>;
let receiver: Server;
let healthy = false;
const keys: string[] = [];

/** Creates and publishes `flow`, starts a run, and approves its review: the publish goes out. */
async function approvedRun(flow: ReturnType<typeof reviewFlow>, topic: string): Promise<string> {
  const flowId = await publishFlow(server, t.designer, flow);
  const run = await server.request('POST', `/api/flows/${flowId}/runs`, {
    token: t.designer,
    body: { input: { topic } },
  });
  const task = await firstTaskOfRun(server, t.reviewer, run.body.id);
  await server.request('POST', `/api/tasks/${task.id}/decision`, {
    token: t.reviewer,
    body: { action: 'approve' },
  });
  return run.body.id as string;
}

beforeAll(async () => {
  // A receiver that fails until it is "fixed", so the publish ends up as a dead letter first.
  receiver = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      keys.push(String(req.headers['idempotency-key']));
      res.writeHead(healthy ? 200 : 503).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  server = await startTestServer({
    env: { TANDEM_ALLOW_PRIVATE_NETWORK: 'true' },
    overrides: { engineLimits: { retry: { maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 10 } } },
  });
  t = await server.tokens();
});
afterAll(async () => {
  await server.close();
  receiver.close();
});

describe('publications and dead letters', () => {
  it('lists a failed publish as a dead letter and replays it with the same key', async () => {
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/in`;
    const runId = await approvedRun(reviewFlow(url), 'Dead letter');
    const dead = await waitFor(async () => {
      const res = await server.request('GET', '/api/dead-letters', { token: t.admin });
      return res.body.items.find((p: { runId: string }) => p.runId === runId);
    });
    expect(dead).toMatchObject({
      key: `${runId}:publish`,
      status: 'dead',
      runStatus: 'failed',
    });
    expect((await server.request('GET', '/api/dead-letters', { token: t.designer })).status).toBe(
      403,
    );
    expect(
      (await server.request('POST', `/api/dead-letters/${dead.id}/replay`, { token: t.manager }))
        .status,
    ).toBe(403);

    healthy = true;
    const replay = await server.request('POST', `/api/dead-letters/${dead.id}/replay`, {
      token: t.admin,
    });
    expect(replay.status).toBe(200);
    await waitFor(async () => {
      const res = await server.request('GET', `/api/publications/${dead.id}`, {
        token: t.designer,
      });
      return res.body.status === 'succeeded' ? true : undefined;
    });
    expect(new Set(keys)).toEqual(new Set([`${runId}:publish`]));
    const again = await server.request('POST', `/api/dead-letters/${dead.id}/replay`, {
      token: t.admin,
    });
    expect(again.status).toBe(409);
    const audit = await server.app.store.audit.list({ action: 'publication.replayed' });
    expect(audit.items).toHaveLength(1);
  });

  it('says which dead letters belong to a canceled run, which cannot be replayed', async () => {
    // A delivery cut off by the cancel gives up ("The request was canceled") and lands here.
    const slow = createServer((req, res) => {
      req.resume();
      req.on('end', () => setTimeout(() => res.writeHead(200).end(), 5_000).unref());
    });
    await new Promise<void>((r) => slow.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(slow.address() as AddressInfo).port}/in`;
      const runId = await approvedRun(reviewFlow(url, {}, 'Canceled mid-send'), 'Cut off');
      await waitFor(async () => {
        const res = await server.request('GET', `/api/publications?runId=${runId}`, {
          token: t.designer,
        });
        return res.body.items[0]?.status === 'sending' ? true : undefined;
      });
      const cancel = await server.request('POST', `/api/runs/${runId}/cancel`, {
        token: t.designer,
      });
      expect(cancel.status).toBe(200);
      const dead = await waitFor(async () => {
        const res = await server.request('GET', '/api/dead-letters', { token: t.admin });
        return res.body.items.find((p: { runId: string }) => p.runId === runId);
      });
      expect(dead).toMatchObject({ status: 'dead', runStatus: 'canceled' });
      const replay = await server.request('POST', `/api/dead-letters/${dead.id}/replay`, {
        token: t.admin,
      });
      expect(replay.status).toBe(409);
    } finally {
      slow.close();
    }
  });

  it('replays one of two dead letters of a run even while the other is still dead', async () => {
    // Both publish steps of the run give up; the admin replays one (its receiver is back) first.
    const refused = new Set(['/a', '/b']);
    const sent: string[] = [];
    const twin = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        sent.push(String(req.url));
        res.writeHead(refused.has(String(req.url)) ? 400 : 200).end();
      });
    });
    await new Promise<void>((r) => twin.listen(0, '127.0.0.1', r));
    try {
      const base = `http://127.0.0.1:${(twin.address() as AddressInfo).port}`;
      const flow = reviewFlow(`${base}/a`, {}, 'Two channels');
      flow.graph.nodes.push({
        id: 'second',
        type: 'publish.webhook',
        position: { x: 0, y: 800 },
        config: { url: `${base}/b` },
      });
      flow.graph.edges.push({
        id: 'e4',
        source: 'review',
        sourceHandle: 'approved',
        target: 'second',
      });
      const runId = await approvedRun(flow, 'Two channels');
      const deadOfRun = async () => {
        const res = await server.request('GET', '/api/dead-letters', { token: t.admin });
        return res.body.items.filter((p: { runId: string }) => p.runId === runId);
      };
      const both = await waitFor(async () => {
        const items = await deadOfRun();
        return items.length === 2 ? items : undefined;
      });
      const replayed = async (nodeId: string) => {
        const dead = both.find((p: { nodeId: string }) => p.nodeId === nodeId);
        const replay = await server.request('POST', `/api/dead-letters/${dead.id}/replay`, {
          token: t.admin,
        });
        expect(replay.status).toBe(200);
        return waitFor(async () => {
          const res = await server.request('GET', `/api/publications/${dead.id}`, {
            token: t.designer,
          });
          return ['succeeded', 'dead'].includes(res.body.status) ? res.body.status : undefined;
        }, 5_000);
      };
      refused.delete('/a');
      await expect(replayed('publish')).resolves.toBe('succeeded');
      expect(sent.filter((path) => path === '/a')).toHaveLength(2);
      // The other is still a dead letter, and the run still failed on it.
      expect((await deadOfRun()).map((p: { nodeId: string }) => p.nodeId)).toEqual(['second']);
      const failed = await waitFor(async () => {
        const res = await server.request('GET', `/api/runs/${runId}`, { token: t.designer });
        return res.body.status === 'failed' ? res.body : undefined;
      });
      expect(failed.error.message).toContain('400');
      refused.delete('/b');
      await expect(replayed('second')).resolves.toBe('succeeded');
      await waitFor(async () => {
        const res = await server.request('GET', `/api/runs/${runId}`, { token: t.designer });
        return res.body.status === 'succeeded' ? true : undefined;
      });
      expect(sent.filter((path) => path === '/a')).toHaveLength(2);
    } finally {
      twin.close();
    }
  });

  it('never sends a secret in a webhook address to the browser', async () => {
    const now = new Date().toISOString();
    const stored = await server.app.store.publications.create({
      id: 'pub_secretaddress',
      key: 'run_secretaddress:post',
      runId: 'run_secretaddress',
      flowId: 'flw_secretaddress',
      nodeId: 'post',
      channel: 'webhook',
      status: 'dead',
      contentHash: 'abc',
      // A delivery that failed before the receiver answered keeps the settings as typed.
      request: {
        content: { text: 'Hi' },
        config: { url: 'https://hooks.example/in?token=s3cret' },
      },
      target: '',
      attempts: [],
      externalId: null,
      error: 'Could not connect',
      createdAt: now,
      updatedAt: now,
      revision: 0,
    });
    for (const [path, token] of [
      [`/api/publications/${stored.id}`, t.designer],
      ['/api/publications?runId=run_secretaddress', t.manager],
      ['/api/dead-letters', t.admin],
    ] as const) {
      const res = await server.request('GET', path, { token });
      expect(res.status).toBe(200);
      expect(JSON.stringify(res.body), path).not.toContain('s3cret');
      expect(JSON.stringify(res.body), path).toContain('https://hooks.example/in');
    }
  });

  it('filters publications by status and needs a run-viewing role', async () => {
    const res = await server.request('GET', '/api/publications?status=succeeded,dead', {
      token: t.manager,
    });
    expect(res.status).toBe(200);
    expect(
      (await server.request('GET', '/api/publications?status=bogus', { token: t.manager })).status,
    ).toBe(400);
    expect((await server.request('GET', '/api/publications', { token: t.reviewer })).status).toBe(
      403,
    );
  });
});
