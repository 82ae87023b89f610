import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  firstTaskOfRun,
  nextEvent,
  publishFlow,
  startTestServer,
  waitFor,
} from '../testing/harness.js';
import type { Loose, TestServer } from '../testing/harness.js';
import { reviewFlow } from '../testing/fixtures.js';

// A hook URL whose path and query are its credentials, as Slack's and many receivers' are.
const PATH_TOKEN = 'XXpathsecretXX';
const QUERY_TOKEN = 'qu3rysecret';

let server: TestServer;
let receiver: Server;

beforeAll(async () => {
  receiver = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200).end());
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  server = await startTestServer({ env: { TANDEM_ALLOW_PRIVATE_NETWORK: 'true' } });
});
afterAll(async () => {
  await server.close();
  receiver.close();
});

it('never sends the secret parts of a publish address to people who only view runs', async () => {
  const t = await server.tokens();
  const port = (receiver.address() as AddressInfo).port;
  const hook = `http://127.0.0.1:${port}/services/T0/${PATH_TOKEN}?token=${QUERY_TOKEN}`;
  const flowId = await publishFlow(server, t.designer, reviewFlow(hook, {}, 'Secret hook'));
  const run = await server.request('POST', `/api/flows/${flowId}/runs`, {
    token: t.designer,
    body: { input: { topic: 'Secrets' } },
  });
  const runId = run.body.id as string;
  const task = await firstTaskOfRun(server, t.reviewer, runId);

  // The reviewer watches the run live, as the run page does, until the publish step is done.
  const pushed: Loose[] = [];
  const socket = server.socket({ token: t.reviewer });
  await nextEvent(socket, 'connect');
  socket.onAny((_name, payload) => pushed.push(payload));
  const published = new Promise<void>((resolve) =>
    socket.on('step.updated', ({ step }) => {
      if (step.nodeId === 'publish' && step.status === 'done') resolve();
    }),
  );
  expect(await socket.timeout(2000).emitWithAck('subscribe', { runId })).toEqual({ ok: true });
  const decided = await server.request('POST', `/api/tasks/${task.id}/decision`, {
    token: t.reviewer,
    body: { action: 'approve' },
  });
  expect(decided.status).toBe(200);
  await published;
  await waitFor(async () => {
    const res = await server.request('GET', `/api/runs/${runId}`, { token: t.designer });
    return res.body.status === 'succeeded' ? true : undefined;
  });

  const reads: [string, string][] = [
    [`/api/runs/${runId}`, t.reviewer],
    [`/api/runs/${runId}/tasks`, t.reviewer],
    [`/api/tasks/${task.id}`, t.reviewer],
    [`/api/flows/${flowId}`, t.reviewer],
    [`/api/flows/${flowId}/versions/1`, t.reviewer],
    [`/api/flows/${flowId}/versions`, t.reviewer],
    ['/api/flows', t.reviewer],
    [`/api/runs?flowId=${flowId}`, t.manager],
    [`/api/runs/${runId}`, t.manager],
    [`/api/flows/${flowId}/versions/1`, t.manager],
    [`/api/publications?runId=${runId}`, t.manager],
    ['/api/audit', t.manager],
    // The run page shows designers where a step sent, too: no need for the secret there.
    [`/api/runs/${runId}`, t.designer],
  ];
  for (const [path, token] of reads) {
    const res = await server.request('GET', path, { token });
    expect(res.status, path).toBe(200);
    expect(JSON.stringify(res.body), path).not.toContain(PATH_TOKEN);
    expect(JSON.stringify(res.body), path).not.toContain(QUERY_TOKEN);
  }
  const shownRun = await server.request('GET', `/api/runs/${runId}`, { token: t.reviewer });
  const publishStep = shownRun.body.steps.find((s: { nodeId: string }) => s.nodeId === 'publish');
  expect(publishStep.output.target).toBe(`http://127.0.0.1:${port}/services/…`);
  expect(pushed.some((p) => p?.step?.nodeId === 'publish')).toBe(true);
  expect(JSON.stringify(pushed)).not.toContain(PATH_TOKEN);
  expect(JSON.stringify(pushed)).not.toContain(QUERY_TOKEN);

  // Designers and admins change the flow: they read its settings as saved.
  for (const token of [t.designer, t.admin]) {
    for (const path of [`/api/flows/${flowId}`, `/api/flows/${flowId}/versions/1`]) {
      const res = await server.request('GET', path, { token });
      const node = res.body.graph.nodes.find((n: { id: string }) => n.id === 'publish');
      expect(node.config.url, path).toBe(hook);
    }
  }
  socket.disconnect();
});
