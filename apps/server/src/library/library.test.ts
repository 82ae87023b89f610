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
        reviewed: true,
        text: 'Edited post about spring.\n\nSecond paragraph.',
        flowId,
        flowName: 'Library flow',
        runId: approvedRun,
        savedAt: expect.any(String),
        archivedAt: null,
      },
    ]);
    const one = await server.request('GET', `/api/library/${list.body.items[0].id}`, {
      token: t.designer,
    });
    expect(one.body).toEqual(list.body.items[0]);
  });

  it('keeps a step’s last round only, and says which entries no review passed', async () => {
    // Draft → review → save → sign-off: the sign-off asks for changes, so the draft is redone,
    // reviewed and saved again; the first save is no longer what was approved.
    const base = libraryFlow('Saved before sign-off');
    const flow: FlowInput = {
      ...base,
      graph: {
        nodes: [
          ...base.graph.nodes,
          {
            id: 'signoff',
            type: 'human.review',
            position: { x: 800, y: 0 },
            config: { assigneeRoles: ['manager'] },
          },
        ],
        edges: [...base.graph.edges, { id: 'e4', source: 'publish', target: 'signoff' }],
      },
    };
    const flowId = await publishFlow(server, t.designer, flow);
    const run = await server.request('POST', `/api/flows/${flowId}/runs`, {
      token: t.designer,
      body: { input: { topic: 'rounds' } },
    });
    const decide = async (nodeId: string, token: string, body: object) => {
      const task = await waitFor(async () => {
        const res = await server.request('GET', `/api/tasks?runId=${run.body.id}`, { token });
        return res.body.items.find(
          (x: { nodeId: string; status: string }) => x.nodeId === nodeId && x.status === 'open',
        );
      });
      const res = await server.request('POST', `/api/tasks/${task.id}/decision`, { token, body });
      expect(res.status).toBe(200);
    };
    await decide('review', t.reviewer, { action: 'edit', content: 'First round' });
    await decide('signoff', t.manager, { action: 'request_changes', reason: 'Shorter' });
    await decide('review', t.reviewer, { action: 'edit', content: 'Second round' });
    await decide('signoff', t.manager, { action: 'approve' });
    await waitFor(async () => {
      const res = await server.request('GET', `/api/runs/${run.body.id}`, { token: t.designer });
      return res.body.status === 'succeeded' ? true : undefined;
    });
    const list = await server.request('GET', '/api/library', { token: t.manager });
    const ofRun = list.body.items.filter((e: { runId: string }) => e.runId === run.body.id);
    expect(ofRun.map((e: { text: string }) => e.text)).toEqual(['Second round']);

    // Straight from the AI step, with no review: kept, and marked.
    const unreviewed: FlowInput = {
      ...base,
      name: 'Unreviewed',
      graph: {
        nodes: base.graph.nodes.filter((n) => n.id !== 'review'),
        edges: [
          { id: 'e1', source: 'start', target: 'draft' },
          { id: 'e2', source: 'draft', target: 'publish' },
        ],
      },
    };
    const quickId = await publishFlow(server, t.designer, unreviewed);
    const quick = await server.request('POST', `/api/flows/${quickId}/runs`, {
      token: t.designer,
      body: { input: { topic: 'quick' } },
    });
    const entry = await waitFor(async () => {
      const res = await server.request('GET', '/api/library', { token: t.manager });
      return res.body.items.find((e: { runId: string }) => e.runId === quick.body.id);
    });
    expect(entry).toMatchObject({ reviewed: false, flowName: 'Unreviewed' });

    // The run page names the collection, not a masked address.
    const pubs = await server.request('GET', `/api/publications?runId=${quick.body.id}`, {
      token: t.designer,
    });
    expect(pubs.body.items[0]).toMatchObject({
      channel: 'library',
      target: 'Content library · Blog posts',
    });
  });

  it('is for run viewers, and holds library entries only', async () => {
    expect((await server.request('GET', '/api/library', { token: t.reviewer })).status).toBe(403);
    expect((await server.request('GET', '/api/library')).status).toBe(401);
    const bad = await server.request('GET', '/api/library?limit=0', { token: t.manager });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('limit');
    const missing = await server.request('GET', '/api/library/pub_missing', { token: t.manager });
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toBe('Library entry pub_missing was not found');
  });
});
