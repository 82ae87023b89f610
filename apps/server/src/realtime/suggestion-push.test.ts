import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import type { Suggestion } from '@tandem/schema';
import {
  firstTaskOfRun,
  nextEvent,
  startTestServer,
  waitFor,
  publishFlow,
} from '../testing/harness.js';
import type { TestServer } from '../testing/harness.js';
import { reviewFlow } from '../testing/fixtures.js';

let server: TestServer;
let t: Awaited<ReturnType<TestServer['tokens']>>;
let flowId: string;

async function editedRun(topic: string) {
  const run = await server.request('POST', `/api/flows/${flowId}/runs`, {
    token: t.designer,
    body: { input: { topic } },
  });
  const task = await firstTaskOfRun(server, t.reviewer, run.body.id);
  const content = (task.content.text as string).replace(/leverage/gi, 'use');
  const res = await server.request('POST', `/api/tasks/${task.id}/decision`, {
    token: t.reviewer,
    body: { action: 'edit', content },
  });
  expect(res.status).toBe(200);
}

/** A signed-in socket and the suggestions pushed to it. */
async function listener(token: string): Promise<{ socket: Socket; heard: Suggestion[] }> {
  const socket = server.socket({ token });
  const heard: Suggestion[] = [];
  socket.on('suggestion.updated', (event: { suggestion: Suggestion }) =>
    heard.push(event.suggestion),
  );
  await nextEvent(socket, 'connect');
  return { socket, heard };
}

beforeAll(async () => {
  server = await startTestServer();
  t = await server.tokens();
  flowId = await publishFlow(server, t.designer, reviewFlow('https://cms.example.com/hook'));
});
afterAll(() => server.close());

describe('suggestion.updated', () => {
  it('pushes a mined suggestion and its decision to those who may read suggestions, not to reviewers', async () => {
    const manager = await listener(t.manager);
    const designer = await listener(t.designer);
    const reviewer = await listener(t.reviewer);
    for (const topic of [
      'Teams leverage dashboards',
      'We leverage forecasts',
      'Leverage reports',
    ]) {
      await editedRun(topic);
    }
    const proposed = await waitFor(async () =>
      manager.heard.find((s) => s.insteadOf === 'leverage' && s.status === 'proposed'),
    );
    expect(proposed).toMatchObject({ flowId, nodeId: 'draft', use: 'use' });
    expect(designer.heard.map((s) => s.id)).toContain(proposed.id);

    const accepted = await server.request('POST', `/api/suggestions/${proposed.id}/accept`, {
      token: t.manager,
    });
    expect(accepted.status).toBe(200);
    await waitFor(async () =>
      manager.heard.find((s) => s.id === proposed.id && s.status === 'accepted'),
    );

    // Pushes reach a socket in order: once the reviewer has the task opened after all of the
    // above, any suggestion pushed to it would have come first.
    const opened = nextEvent(reviewer.socket, 'task.created', 20_000);
    await server.request('POST', `/api/flows/${flowId}/runs`, {
      token: t.designer,
      body: { input: { topic: 'Afterwards' } },
    });
    await opened;
    expect(reviewer.heard).toEqual([]);
    for (const s of [manager, designer, reviewer]) s.socket.disconnect();
  });
});
