import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextEvent, startTestServer } from '../testing/harness.js';
import type { TestServer } from '../testing/harness.js';
import { openTask } from '../testing/fixtures.js';
import { redisAvailable, startRedisServer } from '../scale/redis-server.js';
import type { RedisServer } from '../scale/redis-server.js';

const available = redisAvailable();
let redis: RedisServer | undefined;
let a: TestServer;
let b: TestServer;

beforeAll(async () => {
  if (!available) return;
  redis = await startRedisServer();
  const env = { REDIS_URL: redis.url };
  [a, b] = await Promise.all([startTestServer({ env }), startTestServer({ env })]);
});
afterAll(async () => {
  await Promise.all([a?.close(), b?.close()]);
  await redis?.stop();
});

describe.skipIf(!available)('socket.io over Redis (REDIS_URL)', () => {
  it('reports the adapter in health', async () => {
    const res = await a.request('GET', '/api/health', { token: (await a.tokens()).admin });
    expect(res.body).toMatchObject({ ok: true, adapter: 'redis', redis: true });
  });

  it('delivers an event raised in one server process to a reviewer connected to another', async () => {
    const socket = b.socket({ token: await b.login('reviewer@example.com') });
    await nextEvent(socket, 'connect');
    const task = openTask({
      id: 'tsk_cross',
      runId: 'run_cross',
      flowId: 'flw_cross',
      stepId: 'stp_cross',
      title: 'Cross-process',
    });
    const received = nextEvent(socket, 'task.created', 3000);
    a.app.realtime.push({ type: 'task.created', task });
    expect((await received).task.id).toBe('tsk_cross');
    socket.disconnect();
  });
});
