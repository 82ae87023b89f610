import type { Database } from 'better-sqlite3';

/** A commit closes a batch at the latest after this many writes, so one batch stays short. */
const MAX_WRITES_PER_BATCH = 512;
/** The write rate is counted over windows this long. */
const RATE_WINDOW_MS = 100;
/**
 * Writes per window from which batching pays: 200 per 100 ms is 2,000 writes/s. Below that a
 * commit is cheap next to the wait for the end of a turn, which can hold a 1,000-socket
 * fan-out (a reviewer's decision took 20 ms longer when writes at 500/s were batched).
 */
const DEFAULT_BUSY_WRITES_PER_WINDOW = 200;

export interface GroupCommitOptions {
  /** Writes per 100 ms window from which writes are batched (default 200). */
  busyWritesPerWindow?: number;
  /** Runs after each batch's COMMIT, outside any transaction (WAL upkeep). */
  afterCommit?: () => void;
  /**
   * Runs when a batch is rolled back as a whole: what its writes left in caches of parsed rows
   * (values kept as "stored") never reached the database.
   */
  onBatchLost?: () => void;
}

/** What a write hears when its batch was rolled back as a whole. */
function batchLost(): Error {
  return new Error('The database rolled back a batch of writes; nothing was saved');
}

/** A write waiting for its batch's commit: settles with `result` once it is committed. */
interface Waiter {
  result: Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: under a steady stream of writes, writes made in the same turn of the event loop
 * share one transaction.
 *
 * A write runs its statement at once inside an open `BEGIN IMMEDIATE` transaction (so the
 * revision check, uniqueness and read-your-writes on this connection behave exactly as before),
 * but its promise settles only after the batch's COMMIT, which runs once the current turn's
 * other callbacks are done. A caller that awaits a write therefore still knows its data is
 * committed before it acts on it; the engine's "persist before scheduling successors" holds.
 *
 * Why: a commit costs far more than the statement (WAL frame writes for every touched page,
 * the lock, the commit record). Many concurrent runs each committing one row at a time spent
 * most of their time there; one commit for all of a batch's writes pays that cost once.
 *
 * Batches are not held open longer to gather more writes. Holding a batch that followed a
 * crowded one for 1 ms once cut the engine benchmark's CPU per run by about 12 %; with the
 * engine as it is now it cost more than it saved: in 16 alternating pairs of 4,000-run phases
 * (2026-11-26), committing at the end of the turn was faster in 12, by 5 % on average, with
 * 5 % less main-thread CPU per run (runs wait less, so fewer of them are alive at once).
 *
 * Waiting for a batch's commit costs latency, which matters more than throughput when
 * writes are few (a reviewer's decision should move its run on at once). So a write commits on
 * its own unless the store is busy: at least `busyWritesPerWindow` writes in this or the last
 * 100 ms window.
 */
export class GroupCommit {
  private waiters: Waiter[] = [];
  /** The open batch's commit, scheduled for the end of the turn. */
  private scheduled: NodeJS.Immediate | null = null;
  /** The open transaction is a batch of reads only: deferred, so it holds no write lock. */
  private readsOnly = false;

  private windowStart = -Infinity;
  private windowWrites = 0;
  private lastWindowWrites = 0;

  private readonly busyWritesPerWindow: number;
  private readonly afterCommit: () => void;
  private readonly onBatchLost: () => void;

  constructor(
    private readonly db: Database,
    options: GroupCommitOptions = {},
  ) {
    this.busyWritesPerWindow = options.busyWritesPerWindow ?? DEFAULT_BUSY_WRITES_PER_WINDOW;
    this.afterCommit = options.afterCommit ?? (() => undefined);
    this.onBatchLost = options.onBatchLost ?? (() => undefined);
  }

  /**
   * Runs `write` (synchronous statements inside an `async` body, possibly its own nested
   * transaction) in the open batch; settles like `write`'s promise, but only once the batch has
   * committed. A statement that fails is undone alone (SQLite rolls back the failed statement,
   * or the nested savepoint) and rejects only its own caller.
   */
  write<T>(write: () => Promise<T>): Promise<T> {
    if (!this.db.inTransaction) this.loseOrphanedWaiters();
    if (!this.busy() && !this.db.inTransaction) return write().finally(this.afterCommit);
    let result: Promise<T>;
    try {
      this.beginWrites();
      result = write();
    } catch (error) {
      result = Promise.reject(error);
    }
    // Handled here so a failed write is not reported as unhandled while it waits for the commit.
    result.catch(() => undefined);
    if (!this.db.inTransaction) {
      // Some errors (disk full, I/O) roll back the whole transaction: then no earlier write of
      // this batch is committed either, and their callers must hear it.
      const lost = batchLost();
      this.abandon(lost);
      // This write's own error if it failed; if it seemed to succeed, it was rolled back too.
      return result.then(() => {
        throw lost;
      });
    }
    // The waiter holds the executor's own functions: a closure made here on every write would
    // also be named on every write by the dev runtime (tsx keeps names), which showed.
    return new Promise<T>((resolve, reject) => {
      this.waiters.push({ result, resolve: resolve as (value: unknown) => void, reject });
      if (this.waiters.length >= MAX_WRITES_PER_BATCH) this.commit();
    });
  }

  /**
   * Called before a read. While writes are frequent, a read outside any batch opens a batch of
   * reads, which the reads after it join until it ends. On its own, a read is a transaction of
   * its own: in WAL mode starting one takes and releases shared-memory locks (several `fcntl`
   * calls) and moves the reader's mark past the last commit, about 7 µs against 2 µs inside a
   * transaction; the engine reads a run and its steps on every pass.
   *
   * A batch of reads is a deferred transaction: it takes no write lock, so a read never waits
   * for another process's writer, and sees only committed data. The first write ends it and
   * opens a batch of writes; reads inside a batch of writes see its writes before they are
   * committed, as they always did.
   */
  joinForRead(): void {
    if (this.db.inTransaction) return;
    this.loseOrphanedWaiters();
    this.rollWindow(performance.now());
    if (!this.frequent()) return;
    try {
      this.db.exec('BEGIN');
    } catch {
      // A closed database, say: the read itself meets the error and reports it.
      return;
    }
    this.readsOnly = true;
    this.scheduleCommit();
  }

  /** Commits what is pending now (used before closing the database). */
  flush(): void {
    if (this.waiters.length > 0 || this.db.inTransaction) this.commit();
  }

  /** Counts this write and tells whether writes come fast enough to batch them. */
  private busy(): boolean {
    this.rollWindow(performance.now());
    this.windowWrites += 1;
    return this.frequent();
  }

  /** Starts a new counting window when the current one is over. */
  private rollWindow(now: number): void {
    if (now - this.windowStart < RATE_WINDOW_MS) return;
    const adjacent = now - this.windowStart < 2 * RATE_WINDOW_MS;
    this.lastWindowWrites = adjacent ? this.windowWrites : 0;
    this.windowStart = now;
    this.windowWrites = 0;
  }

  /** Whether writes in this or the last window reached the batching rate. */
  private frequent(): boolean {
    const limit = this.busyWritesPerWindow;
    return this.windowWrites > limit || this.lastWindowWrites >= limit;
  }

  private beginWrites(): void {
    if (this.db.inTransaction) {
      if (!this.readsOnly) return;
      // A batch of reads holds no write lock and has nothing to commit: end it, open one that
      // does (a deferred transaction upgraded in place fails if another process wrote since).
      try {
        this.db.exec('COMMIT');
      } catch {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
      }
      this.unschedule();
    }
    this.db.exec('BEGIN IMMEDIATE');
    this.readsOnly = false;
    this.scheduleCommit();
  }

  /**
   * Writes still waiting while no transaction is open: their batch was rolled back by
   * something other than a write (an I/O error met by a read), and a new batch must not
   * report them as committed with its own.
   */
  private loseOrphanedWaiters(): void {
    if (this.waiters.length === 0) return;
    this.abandon(batchLost());
  }

  private unschedule(): void {
    if (this.scheduled !== null) clearImmediate(this.scheduled);
    this.scheduled = null;
  }

  private scheduleCommit(): void {
    // A batch that ended without its commit (rolled back by something else) left its timer.
    this.unschedule();
    this.scheduled = setImmediate(() => this.commit());
  }

  private commit(): void {
    this.unschedule();
    const waiters = this.waiters;
    this.waiters = [];
    this.readsOnly = false;
    if (!this.db.open || !this.db.inTransaction) {
      // Rolled back (or closed) by something other than a write: nothing of it is saved.
      const lost = batchLost();
      this.onBatchLost();
      for (const waiter of waiters) waiter.reject(lost);
      return;
    }
    try {
      this.db.exec('COMMIT');
    } catch (error) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      this.onBatchLost();
      for (const waiter of waiters) waiter.reject(error);
      return;
    }
    for (const waiter of waiters) waiter.resolve(waiter.result);
    this.afterCommit();
  }

  private abandon(error: unknown): void {
    this.unschedule();
    this.onBatchLost();
    const waiters = this.waiters;
    this.waiters = [];
    for (const waiter of waiters) waiter.reject(error);
  }
}

/** Repository methods that write; every other method only reads. */
const WRITE_METHODS = new Set([
  'create',
  'update',
  'delete',
  'put',
  'append',
  'revoke',
  'revokeAllForUser',
  'deleteExpired',
]);

/** How a store runs one write: at once, or in a shared batch. */
export type WriteRoute = <T>(write: () => Promise<T>) => Promise<T>;

/**
 * The repository with its writes sent through `route` and `beforeRead` called ahead of each
 * read. The SQLite repositories' methods are `async` functions whose bodies are synchronous,
 * so `route` calling one runs its statements right there.
 */
export function routeRepository<R extends object>(
  repo: R,
  route: WriteRoute,
  beforeRead: () => void = () => undefined,
): R {
  const wrapped: Record<string, unknown> = { ...(repo as Record<string, unknown>) };
  for (const [name, method] of Object.entries(repo)) {
    if (typeof method !== 'function') continue;
    const call = method as (...args: unknown[]) => Promise<unknown>;
    wrapped[name] = WRITE_METHODS.has(name)
      ? (...args: unknown[]) => route(() => call.apply(repo, args))
      : (...args: unknown[]) => {
          beforeRead();
          return call.apply(repo, args);
        };
  }
  return wrapped as R;
}
