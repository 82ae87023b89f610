import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Publication, Run, Step } from '@tandem/schema';
import { firstTaskOfRun, publishFlow, startTestServer, waitFor } from '../testing/harness.js';
import type { TestServer } from '../testing/harness.js';
import { reviewFlow } from '../testing/fixtures.js';

let server: TestServer;
let receiver: Server;

beforeAll(async () => {
  // Refuses with a 400, which is not retried: the publish is a dead letter at once.
  receiver = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(400).end());
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  server = await startTestServer({ env: { TANDEM_ALLOW_PRIVATE_NETWORK: 'true' } });
});
afterAll(async () => {
  await server.close();
  receiver.close();
});

/** Lets whatever is ready run (other promise chains, the store's writes); no clock involved. */
async function drainTurns(done: () => boolean, turns = 50): Promise<void> {
  for (let i = 0; i < turns && !done(); i += 1) await new Promise((r) => setImmediate(r));
}

it('replays a dead letter in one step under the run lock: a concurrent cancel never sees half of it', async () => {
  const t = await server.tokens();
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/in`;
  const flowId = await publishFlow(server, t.designer, reviewFlow(url, {}, 'Replay race'));
  const run = await server.request('POST', `/api/flows/${flowId}/runs`, {
    token: t.designer,
    body: { input: { topic: 'Race' } },
  });
  const runId = run.body.id as string;
  const task = await firstTaskOfRun(server, t.reviewer, runId);
  await server.request('POST', `/api/tasks/${task.id}/decision`, {
    token: t.reviewer,
    body: { action: 'approve' },
  });
  const dead = await waitFor(async () => {
    const res = await server.request('GET', '/api/dead-letters', { token: t.admin });
    return res.body.items.find((p: { runId: string }) => p.runId === runId);
  });
  const admin = (await server.app.store.users.findByEmail('admin@example.com'))!;

  // Hooks on the store the engine writes through: when the replay marks the step pending, an
  // admin cancels the run; when the replay marks the publication pending, anything else ready
  // to run gets its turn first. The cancel records what it found when it acted.
  const { steps, runs, publications } = server.app.store;
  const stepUpdate = steps.update.bind(steps);
  const runUpdate = runs.update.bind(runs);
  const publicationUpdate = publications.update.bind(publications);
  let canceling: Promise<Run> | null = null;
  let canceled = false;
  let publicationSeenByCancel: string | null = null;
  steps.update = async (step: Step) => {
    if (step.runId === runId && step.status === 'pending' && !canceling) {
      canceling = server.app.engine.cancelRun(runId, { id: admin.id, roles: admin.roles });
      void canceling.finally(() => (canceled = true)).catch(() => undefined);
    }
    return stepUpdate(step);
  };
  runs.update = async (saved: Run) => {
    if (saved.id === runId && saved.status === 'canceled') {
      publicationSeenByCancel = (await publications.get(dead.id)).status;
    }
    return runUpdate(saved);
  };
  publications.update = async (publication: Publication) => {
    if (publication.id === dead.id && publication.status === 'pending') {
      await drainTurns(() => canceled);
    }
    return publicationUpdate(publication);
  };
  try {
    const replay = await server.request('POST', `/api/dead-letters/${dead.id}/replay`, {
      token: t.admin,
    });
    expect(replay.status).toBe(200);
    await canceling;
    // Before the fix the cancel ran between the step's write and the publication's, and found
    // a pending step beside a publication still dead.
    expect(publicationSeenByCancel).toBe('pending');
    await server.app.engine.idle();
    // The cancel settles what the replay left pending: nothing of a canceled run goes out, and
    // the dead letters say it cannot be sent again.
    const after = await server.request('GET', `/api/publications/${dead.id}`, { token: t.admin });
    expect(after.body).toMatchObject({
      status: 'dead',
      error: 'The run was canceled before this was sent',
    });
    const letters = await server.request('GET', '/api/dead-letters', { token: t.admin });
    expect(letters.body.items.find((p: { id: string }) => p.id === dead.id)).toMatchObject({
      status: 'dead',
      runStatus: 'canceled',
    });
  } finally {
    steps.update = stepUpdate;
    runs.update = runUpdate;
    publications.update = publicationUpdate;
  }
});
