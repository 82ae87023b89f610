/*
 * The queue port: where step executions and timer passes go when the work is shared by
 * several processes. Jobs carry ids only; the handler re-reads the store, so a job run twice
 * (a retried stalled job, a duplicate enqueue) finds the step settled and does nothing more.
 */

export type QueueJob =
  /** Execute one step (pending, or running when the process that ran it died). */
  | { kind: 'step'; runId: string; stepId: string }
  /** Fire every due retry, delay and task due time. */
  | { kind: 'timers' };

export interface EnqueueOptions {
  /**
   * Deterministic id: a second enqueue with the id of a job still queued or running is
   * ignored, so several processes may dispatch the same step or timer.
   */
  id?: string;
  /** Run no earlier than this many milliseconds from now (durable timers, backoff). */
  delayMs?: number;
}

export type QueueHandler = (job: QueueJob) => Promise<void>;

export interface QueueCounts {
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
}

export interface QueuePort {
  readonly kind: 'in-process' | 'redis';
  enqueue(job: QueueJob, options?: EnqueueOptions): Promise<void>;
  /**
   * Starts taking jobs in this process with at most `concurrency` at once; only processes
   * that execute steps call it. The returned function stops taking jobs and waits for the
   * running ones.
   */
  process(handler: QueueHandler, options: { concurrency: number }): () => Promise<void>;
  counts(): Promise<QueueCounts>;
  /** Whether the queue's backing service answers (health checks). */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
