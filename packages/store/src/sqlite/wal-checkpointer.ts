import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** How often the background connection copies the write-ahead log into the database. */
const CHECKPOINT_INTERVAL_MS = 100;

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
    db.pragma('wal_checkpoint(PASSIVE)');
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
  stop(): Promise<void>;
}

/**
 * Moves WAL checkpoints off the event loop. SQLite otherwise checkpoints inside the COMMIT
 * that crosses 1,000 log pages: the writer copies those pages into the database and syncs it,
 * which under steady writes stalled the engine's event loop for 10–25 ms every few hundred
 * commits. A worker thread with its own connection does that copy on another core instead.
 *
 * `onFailure` runs when the worker stops on its own (cannot open the file, crashed): the
 * caller then turns SQLite's own checkpointing back on, so the log never grows unchecked.
 */
export function startWalCheckpointer(
  file: string,
  log: (message: string) => void,
  onFailure: () => void,
): WalCheckpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { file, driver, intervalMs: CHECKPOINT_INTERVAL_MS },
  });
  // The timer inside must not keep a process alive that is otherwise done.
  worker.unref();
  let stopping = false;
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  worker.on('message', (message: { error?: string }) => {
    if (message.error) log(`WAL checkpoint failed: ${message.error}`);
  });
  worker.on('error', (error) => log(`WAL checkpointer stopped: ${error.message}`));
  void exited.then(() => {
    if (!stopping) onFailure();
  });
  return {
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
