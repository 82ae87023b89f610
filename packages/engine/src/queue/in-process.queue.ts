import type { Timers } from '../engine.types.js';
import type {
  EnqueueOptions,
  QueueCounts,
  QueueHandler,
  QueueJob,
  QueuePort,
} from './queue.port.js';

interface Entry {
  id: string | null;
  job: QueueJob;
  attempts: number;
}

const systemTimers: Timers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * The queue port in memory: the same semantics as the Redis queue (ids deduplicate queued and
 * running jobs, delayed jobs, a concurrency cap, a failed job is tried again) for one process,
 * so the engine's queue mode runs in tests and single-process setups without Redis.
 */
export function createInProcessQueue(
  options: { timers?: Timers; attempts?: number; onError?: (error: unknown) => void } = {},
): QueuePort {
  const timers = options.timers ?? systemTimers;
  const maxAttempts = options.attempts ?? 3;
  const known = new Set<string>();
  const waiting: Entry[] = [];
  const delayed = new Map<unknown, Entry>();
  const running = new Set<Promise<void>>();
  let failed = 0;
  let handler: QueueHandler | null = null;
  let concurrency = 1;

  function pump(): void {
    while (handler && running.size < concurrency && waiting.length > 0) {
      const entry = waiting.shift()!;
      const work = handler(entry.job).then(
        () => {
          if (entry.id) known.delete(entry.id);
        },
        (error: unknown) => {
          options.onError?.(error);
          entry.attempts += 1;
          if (entry.attempts < maxAttempts) waiting.push(entry);
          else {
            failed += 1;
            if (entry.id) known.delete(entry.id);
          }
        },
      );
      running.add(work);
      void work.finally(() => {
        running.delete(work);
        pump();
      });
    }
  }

  return {
    kind: 'in-process',
    enqueue(job: QueueJob, opts: EnqueueOptions = {}): Promise<void> {
      const id = opts.id ?? null;
      if (id !== null) {
        if (known.has(id)) return Promise.resolve();
        known.add(id);
      }
      const entry: Entry = { id, job, attempts: 0 };
      if (opts.delayMs && opts.delayMs > 0) {
        const handle = timers.setTimeout(() => {
          delayed.delete(handle);
          waiting.push(entry);
          pump();
        }, opts.delayMs);
        delayed.set(handle, entry);
      } else {
        waiting.push(entry);
        pump();
      }
      return Promise.resolve();
    },
    process(next, { concurrency: limit }) {
      handler = next;
      concurrency = Math.max(1, limit);
      pump();
      return async () => {
        handler = null;
        while (running.size > 0) await Promise.all([...running]);
      };
    },
    counts(): Promise<QueueCounts> {
      return Promise.resolve({
        waiting: waiting.length,
        active: running.size,
        delayed: delayed.size,
        failed,
      });
    },
    ping: () => Promise.resolve(true),
    async close() {
      handler = null;
      for (const handle of delayed.keys()) timers.clearTimeout(handle);
      delayed.clear();
      while (running.size > 0) await Promise.all([...running]);
    },
  };
}
