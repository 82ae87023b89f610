import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { nextEvent, startTestServer } from '../testing/harness.js';
import type { TestServer } from '../testing/harness.js';
import { reviewFlow } from '../testing/fixtures.js';

/*
 * A new version can change a flow's checkpoints (a new title, default level or sample rate, an
 * added one) with no lock change, so no automation.updated: the automation console stayed stale
 * until `flow.published`, pushed as automation changes are, told it to read them again.
 */

let server: TestServer;
let t: Awaited<ReturnType<TestServer['tokens']>>;

beforeAll(async () => {
  server = await startTestServer();
  t = await server.tokens();
});
afterAll(() => server.close());

/** A signed-in socket and the names of the events pushed to it, in order. */
async function listener(token: string): Promise<{ socket: Socket; heard: string[] }> {
  const socket = server.socket({ token });
  const heard: string[] = [];
  socket.onAny((name: string) => heard.push(name));
  await nextEvent(socket, 'connect');
  return { socket, heard };
}

describe('flow.published', () => {
  it('tells managers a new version changed a checkpoint’s default, not reviewers', async () => {
    const url = 'https://cms.example.com/hook';
    const created = await server.request('POST', '/api/flows', {
      token: t.designer,
      body: reviewFlow(url, {}, 'Checkpoint defaults'),
    });
    const flowId = created.body.id as string;
    await server.request('POST', `/api/flows/${flowId}/publish`, { token: t.designer });
    // Another flow, reviewed in full, whose task the reviewer hears after the publish.
    const other = await server.request('POST', '/api/flows', {
      token: t.designer,
      body: reviewFlow(url, {}, 'Reviewed in full'),
    });
    await server.request('POST', `/api/flows/${other.body.id}/publish`, { token: t.designer });
    const manager = await listener(t.manager);
    const reviewer = await listener(t.reviewer);
    try {
      const saved = await server.request('PUT', `/api/flows/${flowId}`, {
        token: t.designer,
        headers: { 'if-match': '*' },
        body: reviewFlow(
          url,
          { title: 'Brand check', defaultLevel: 'spot_check', sampleRate: 0.3 },
          'Checkpoint defaults',
        ),
      });
      expect(saved.status).toBe(200);
      const pushed = nextEvent(manager.socket, 'flow.published');
      const published = await server.request('POST', `/api/flows/${flowId}/publish`, {
        token: t.designer,
      });
      expect(published.status).toBe(201);
      expect(await pushed).toEqual({ type: 'flow.published', flowId, version: 2 });
      // The new default is the level that applies (no manager chose one): the console hears
      // of it as of a manager's change, and the audit trail has it.
      expect(manager.heard).toContain('automation.updated');

      // What the console reads again on it: the new version's checkpoint.
      const list = await server.request('GET', `/api/flows/${flowId}/automation`, {
        token: t.manager,
      });
      expect(list.body.items).toEqual([
        expect.objectContaining({
          nodeId: 'review',
          title: 'Brand check',
          level: 'spot_check',
          sampleRate: 0.3,
        }),
      ]);

      // Pushes reach a socket in order: once the reviewer has the task of a run started after
      // the publish, a flow.published pushed to it would have come first.
      const opened = nextEvent(reviewer.socket, 'task.created', 20_000);
      await server.request('POST', `/api/flows/${other.body.id}/runs`, {
        token: t.designer,
        body: { input: { topic: 'Afterwards' } },
      });
      await opened;
      expect(reviewer.heard).not.toContain('flow.published');
      expect(reviewer.heard).not.toContain('automation.updated');
    } finally {
      manager.socket.disconnect();
      reviewer.socket.disconnect();
    }
  });
});
