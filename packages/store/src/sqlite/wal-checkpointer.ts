import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Database } from 'better-sqlite3';

/** How often the background connection copies the write-ahead log into the database. */
const CHECKPOINT_INTERVAL_MS = 100;

/** Past this many frames in the log (4 KiB pages: 16 MiB), the worker asks the writer to catch up. */
const BEHIND_FRAMES = 4_096;

// Plain CommonJS so the worker needs no TypeScript loader (the server also runs under vitest
// and tsx). It opens its own connection to the same file and checkpoints PASSIVE: it copies
// what it can without ever blocking the writer.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 5000');
const checkpoint = () => {
  try {
    const result = db.pragma('wal_checkpoint(PASSIVE)')[0];
    if (result.log >= workerData.behindFrames) parentPort.postMessage({ behind: result.log });
  } catch (error) {
    parentPort.postMessage({ error: String((error && error.message) || error) });
  }
};
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on('message', () => {
  clearInterval(timer);
  checkpoint();
  db.close();
  parentPort.close();
});
`;

export interface WalCheckpointer {
  /**
   * Called on the writing connection after a commit: when the worker reported the log too
   * long, checkpoints once there (outside any transaction), so the next write reuses the log.
   * True when it did.
   */
  catchUp(db: Database): boolean;
  stop(): Promise<void>;
}

export interface WalCheckpointerOptions {
  log: (message: string) => void;
  /** The worker stopped on its own: the caller turns SQLite's own checkpointing back on. */
  onFailure: () => void;
  /** Default 100 ms. */
  intervalMs?: number;
  /** Log length, in frames, from which the writer is asked to catch up. Default 4,096 (16 MiB). */
  behindFrames?: number;
}

/**
 * Moves WAL checkpoints off the event loop. SQLite otherwise checkpoints inside the COMMIT
 * that crosses 1,000 log pages: the writer copies those pages into the database and syncs it,
 * which under steady writes stalled the engine's event loop for 10–25 ms every few hundred
 * commits. A worker thread with its own connection does that copy on another core instead.
 *
 * The log only starts over from its beginning when a writer finds every frame of it copied.
 * Under a steady stream of commits the worker never finds that moment (commits land while it
 * copies), and the log grew by hundreds of MiB a minute. So when the log is past 16 MiB the
 * worker says so, and `catchUp` checkpoints once on the writer's connection between two
 * commits: it copies only what the worker has not (about 6 ms, every 16 MiB of log, in the
 * engine benchmark), and the next transaction reuses the log from its start.
 */
export function startWalCheckpointer(
  file: string,
  options: WalCheckpointerOptions,
): WalCheckpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      file,
      driver,
      intervalMs: options.intervalMs ?? CHECKPOINT_INTERVAL_MS,
      behindFrames: options.behindFrames ?? BEHIND_FRAMES,
    },
  });
  // The timer inside must not keep a process alive that is otherwise done.
  worker.unref();
  let stopping = false;
  let behind = false;
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  worker.on('message', (message: { error?: string; behind?: number }) => {
    if (message.error) options.log(`WAL checkpoint failed: ${message.error}`);
    if (message.behind !== undefined) behind = true;
  });
  worker.on('error', (error) => options.log(`WAL checkpointer stopped: ${error.message}`));
  void exited.then(() => {
    if (!stopping) options.onFailure();
  });
  return {
    catchUp(db) {
      if (!behind || !db.open || db.inTransaction) return false;
      try {
        const [result] = db.pragma('wal_checkpoint(PASSIVE)') as { busy: number }[];
        // Busy: the worker holds the checkpoint right now; try again after the next commit.
        behind = result?.busy === 1;
        return !behind;
      } catch (error) {
        behind = false;
        options.log(`WAL checkpoint failed: ${(error as Error).message}`);
        return false;
      }
    },
    async stop() {
      if (stopping) return exited;
      stopping = true;
      // Unref'd, the worker's exit would not keep the process alive while close() awaits it.
      worker.ref();
      worker.postMessage('stop');
      await exited;
    },
  };
}
