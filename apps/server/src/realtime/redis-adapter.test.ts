import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Task } from '@tandem/schema';
import { nextEvent, startTestServer } from '../testing/harness.js';
import type { TestServer } from '../testing/harness.js';

let redis: ChildProcess;
let a: TestServer;
let b: TestServer;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

beforeAll(async () => {
  const port = await freePort();
  redis = spawn('redis-server', ['--port', String(port), '--save', '', '--appendonly', 'no'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    redis.once('exit', (code) => reject(new Error(`redis-server exited with ${code}`)));
    redis.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('Ready to accept connections')) resolve();
    });
  });
  const env = { REDIS_URL: `redis://127.0.0.1:${port}` };
  [a, b] = await Promise.all([startTestServer({ env }), startTestServer({ env })]);
});
afterAll(async () => {
  await Promise.all([a?.close(), b?.close()]);
  redis.kill('SIGTERM');
});

describe('socket.io over Redis (REDIS_URL)', () => {
  it('reports the adapter in health', async () => {
    const res = await a.request('GET', '/api/health');
    expect(res.body).toMatchObject({ ok: true, adapter: 'redis', redis: true });
  });

  it('delivers an event raised in one server process to a reviewer connected to another', async () => {
    const socket = b.socket({ token: await b.login('reviewer@example.com') });
    await nextEvent(socket, 'connect');
    const now = new Date().toISOString();
    const task = {
      id: 'tsk_cross',
      runId: 'run_cross',
      flowId: 'flw_cross',
      nodeId: 'review',
      stepId: 'stp_cross',
      kind: 'blocking',
      status: 'open',
      title: 'Cross-process',
      instructions: '',
      content: { text: 'Hello' },
      editable: true,
      flags: [],
      assignees: { roles: ['reviewer'], userIds: [] },
      requiredApprovals: 1,
      approvals: [],
      startedBy: null,
      separationOfDuties: false,
      round: 0,
      dueAt: null,
      escalatedAt: null,
      claimedBy: null,
      claimedAt: null,
      decision: null,
      createdAt: now,
      updatedAt: now,
      decidedAt: null,
      revision: 0,
    } satisfies Task;
    const received = nextEvent(socket, 'task.created', 3000);
    a.app.realtime.push({ type: 'task.created', task });
    expect((await received).task.id).toBe('tsk_cross');
    socket.disconnect();
  });
});
