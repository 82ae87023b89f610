import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import type { Logger } from '@tandem/nodes';
import type { QueueCounts, QueueJob, QueuePort } from '@tandem/engine';

export interface BullQueueOptions {
  url: string;
  logger: Logger;
  /** Queue name; processes sharing one Redis and one store use the same one. */
  name?: string;
  /**
   * How long a worker's hold on a job lasts without renewal. A worker that dies (SIGKILL, lost
   * host) loses its jobs after this long and another worker takes them again.
   */
  lockMs?: number;
}

/** Attempts of a job that throws (a store write failing, Redis hiccup), not of the step. */
const JOB_ATTEMPTS = 5;

/**
 * The queue port on BullMQ. Step and timer jobs carry ids only and their handler re-reads the
 * store, so a stalled job taken again by another worker finds the step where the dead worker
 * left it: still running (executed again; publishing keeps its idempotency key) or settled.
 */
export function createBullQueue(options: BullQueueOptions): QueuePort {
  const name = options.name ?? 'tandem-steps';
  const lockMs = options.lockMs ?? 30_000;
  // BullMQ blocks on its connections; it needs ioredis to retry commands for ever.
  const connect = () => {
    const client = new Redis(options.url, { maxRetriesPerRequest: null });
    client.on('error', (error: Error) =>
      options.logger.error('Redis queue connection error', { error: error.message }),
    );
    return client;
  };
  const connection = connect();
  const queue = new Queue<QueueJob>(name, {
    connection,
    defaultJobOptions: {
      attempts: JOB_ATTEMPTS,
      backoff: { type: 'exponential', delay: 500 },
      // Finished jobs are forgotten, so a later dispatch of the same id is accepted again.
      removeOnComplete: true,
      removeOnFail: true,
    },
  });
  queue.on('error', (error) => options.logger.error('Queue error', { error: error.message }));
  // Each worker's own connection; BullMQ leaves connections it was given open.
  const workers = new Map<Worker<QueueJob>, Redis>();
  const stopWorker = async (worker: Worker<QueueJob>) => {
    const client = workers.get(worker);
    if (!client) return;
    workers.delete(worker);
    await worker.close();
    await client.quit().catch(() => undefined);
  };
  let failed = 0;

  return {
    kind: 'redis',
    async enqueue(job, opts = {}) {
      await queue.add(job.kind, job, {
        ...(opts.id ? { jobId: opts.id } : {}),
        ...(opts.delayMs && opts.delayMs > 0 ? { delay: Math.ceil(opts.delayMs) } : {}),
      });
    },
    process(handler, { concurrency }) {
      const client = connect();
      const worker = new Worker<QueueJob>(name, (job) => handler(job.data), {
        connection: client,
        concurrency: Math.max(1, concurrency),
        lockDuration: lockMs,
        stalledInterval: lockMs,
        // A step that keeps killing its worker should not be retried for ever.
        maxStalledCount: 3,
        drainDelay: 1,
      });
      worker.on('failed', (job, error) => {
        if (job && job.attemptsMade >= (job.opts.attempts ?? 1)) failed += 1;
        options.logger.warn('Queue job failed', { jobId: job?.id, error: error.message });
      });
      worker.on('error', (error) =>
        options.logger.error('Queue worker error', { error: error.message }),
      );
      workers.set(worker, client);
      return () => stopWorker(worker);
    },
    async counts(): Promise<QueueCounts> {
      const counts = await queue.getJobCounts('waiting', 'prioritized', 'active', 'delayed');
      return {
        waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0),
        active: counts.active ?? 0,
        delayed: counts.delayed ?? 0,
        failed,
      };
    },
    async ping() {
      try {
        return (await connection.ping()) === 'PONG';
      } catch {
        return false;
      }
    },
    async close() {
      await Promise.allSettled([...workers.keys()].map(stopWorker));
      await queue.close();
      await connection.quit().catch(() => undefined);
    },
  };
}
