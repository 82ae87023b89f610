import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FlowInput } from '@tandem/schema';
import { firstTaskOfRun, publishFlow, startTestServer, waitFor } from '../testing/harness.js';
import type { TestServer } from '../testing/harness.js';
import { reviewFlow } from '../testing/fixtures.js';

let server: TestServer;
let t: Awaited<ReturnType<TestServer['tokens']>>;

/** The review flow, saving to the library instead of sending to a webhook. */
function libraryFlow(name: string): FlowInput {
  const flow = reviewFlow('https://unused.invalid/', {}, name);
  return {
    ...flow,
    graph: {
      ...flow.graph,
      nodes: flow.graph.nodes.map((node) =>
        node.id === 'publish'
          ? {
              ...node,
              type: 'publish.library',
              config: { collection: 'Blog posts', titleTemplate: 'About {{ input.topic }}' },
            }
          : node,
      ),
    },
  };
}

/** Starts a run of `flowId` and decides its review; resolves when the run has finished. */
async function decidedRun(flowId: string, topic: string, action: 'approve' | 'reject') {
  // Approving edits the draft first: the library must keep the reviewer's words.
  const run = await server.request('POST', `/api/flows/${flowId}/runs`, {
    token: t.designer,
    body: { input: { topic } },
  });
  const task = await firstTaskOfRun(server, t.reviewer, run.body.id);
  const edited = `Edited post about ${topic}.\n\nSecond paragraph.`;
  const decided = await server.request('POST', `/api/tasks/${task.id}/decision`, {
    token: t.reviewer,
    body: action === 'approve' ? { action: 'edit', content: edited } : { action, reason: 'Off' },
  });
  expect(decided.status).toBe(200);
  return waitFor(async () => {
    const res = await server.request('GET', `/api/runs/${run.body.id}`, { token: t.designer });
    return res.body.status === 'succeeded' ? (run.body.id as string) : undefined;
  });
}

beforeAll(async () => {
  server = await startTestServer();
  t = await server.tokens();
});
afterAll(async () => {
  await server.close();
});

describe('content library', () => {
  it('keeps what a reviewer approved, as approved, and nothing rejected', async () => {
    const flowId = await publishFlow(server, t.designer, libraryFlow('Library flow'));
    const approvedRun = await decidedRun(flowId, 'spring', 'approve');
    await decidedRun(flowId, 'winter', 'reject');

    const list = await server.request('GET', '/api/library', { token: t.manager });
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([
      {
        id: expect.any(String),
        title: 'About spring',
        collection: 'Blog posts',
        format: 'text',
        text: 'Edited post about spring.\n\nSecond paragraph.',
        flowId,
        flowName: 'Library flow',
        runId: approvedRun,
        savedAt: expect.any(String),
      },
    ]);
    const one = await server.request('GET', `/api/library/${list.body.items[0].id}`, {
      token: t.designer,
    });
    expect(one.body).toEqual(list.body.items[0]);
  });

  it('is for run viewers, and holds library entries only', async () => {
    expect((await server.request('GET', '/api/library', { token: t.reviewer })).status).toBe(403);
    expect((await server.request('GET', '/api/library')).status).toBe(401);
    const bad = await server.request('GET', '/api/library?limit=0', { token: t.manager });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('limit');
    const missing = await server.request('GET', '/api/library/pub_missing', { token: t.manager });
    expect(missing.status).toBe(404);
  });
});
