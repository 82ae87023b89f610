import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Logger } from '@tandem/nodes';
import type { QueueJob, QueuePort } from '@tandem/engine';
import { createBullQueue } from './bullmq.queue.js';
import { redisAvailable, startRedisServer } from './redis-server.js';
import type { RedisServer } from './redis-server.js';

const logger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
const available = redisAvailable();
let redis: RedisServer;
const queues: QueuePort[] = [];

beforeAll(async () => {
  if (available) redis = await startRedisServer();
});
afterAll(async () => {
  for (const q of queues) await q.close();
  await redis?.stop();
});

async function until(probe: () => boolean, what: string, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe.skipIf(!available)('BullMQ queue', () => {
  it('runs each id once while queued, delays jobs, and reports counts', async () => {
    const queue = createBullQueue({ url: redis.url, logger, name: 'unit' });
    queues.push(queue);
    expect(await queue.ping()).toBe(true);
    const seen: { job: QueueJob; at: number }[] = [];
    const job: QueueJob = { kind: 'step', runId: 'run_1', stepId: 'step_1' };
    await queue.enqueue(job, { id: 'step-step_1-1' });
    await queue.enqueue(job, { id: 'step-step_1-1' });
    const enqueuedAt = Date.now();
    await queue.enqueue({ kind: 'timers' }, { id: 'timers-1', delayMs: 600 });
    expect(await queue.counts()).toMatchObject({ waiting: 1, delayed: 1 });

    const stop = queue.process(
      async (next) => {
        seen.push({ job: next, at: Date.now() });
      },
      { concurrency: 2 },
    );
    await until(() => seen.length === 2, 'both jobs');
    expect(seen[0]!.job).toEqual(job);
    expect(seen[1]!.job).toEqual({ kind: 'timers' });
    expect(seen[1]!.at - enqueuedAt).toBeGreaterThanOrEqual(550);
    await stop();
    // A finished job's id is free again: a later dispatch of the same id runs.
    await queue.enqueue(job, { id: 'step-step_1-1' });
    expect((await queue.counts()).waiting).toBe(1);
  });
});
