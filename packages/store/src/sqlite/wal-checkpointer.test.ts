import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openRows } from '../testing/rows-db.js';
import { SQLITE_FILE_NAME } from './sqlite.store.js';
import { startWalCheckpointer } from './wal-checkpointer.js';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'tandem-wal-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('background WAL checkpoints', () => {
  const mainFileSize = (file: string) => statSync(file).size;

  it('copies the log into the database from another thread, then stops cleanly', async () => {
    const file = join(root, SQLITE_FILE_NAME);
    const db = openRows(file);
    db.pragma('wal_autocheckpoint = 0');
    const insert = db.prepare('INSERT INTO rows (id, doc) VALUES (?, ?)');
    db.transaction(() => {
      for (let i = 0; i < 500; i += 1) insert.run(`row_${i}`, 'x'.repeat(2_000));
    })();
    const before = mainFileSize(file);
    expect(before).toBeLessThan(100_000);
    let failed = false;
    const checkpointer = startWalCheckpointer(file, {
      log: () => undefined,
      onFailure: () => (failed = true),
    });
    const deadline = Date.now() + 10_000;
    while (mainFileSize(file) < 1_000_000 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(mainFileSize(file)).toBeGreaterThan(1_000_000);
    await checkpointer.stop();
    expect(failed).toBe(false);
    db.close();
  });

  it('reports a worker that could not start, so SQLite checkpoints again', async () => {
    const messages: string[] = [];
    const failure = new Promise<void>((resolve) => {
      startWalCheckpointer(join(root, 'missing', 'none.db'), {
        log: (m) => messages.push(m),
        onFailure: resolve,
      });
    });
    await failure;
    expect(messages.join('\n')).toMatch(/WAL checkpointer stopped/);
  });

  /**
   * The log's size (its high-water mark) after 3,000 small commits back to back (about 12 MB
   * of rows, some 50 MB of log), with a checkpointer that asks for help past 200 frames.
   */
  async function logSizeAfterSteadyWrites(): Promise<number> {
    const file = join(root, SQLITE_FILE_NAME);
    const db = openRows(file);
    db.pragma('wal_autocheckpoint = 0');
    const checkpointer = startWalCheckpointer(file, {
      log: () => undefined,
      onFailure: () => undefined,
      intervalMs: 20,
      behindFrames: 200,
    });
    const insert = db.prepare('INSERT INTO rows (id, doc) VALUES (?, ?)');
    const commit = (prefix: string, rows: number) =>
      db.transaction(() => {
        for (let j = 0; j < rows; j += 1) insert.run(`${prefix}_${j}`, 'x'.repeat(1_000));
      })();
    // Wait for the worker's first checkpoint: starting a thread takes about 100 ms.
    commit('first', 100);
    const deadline = Date.now() + 10_000;
    while (statSync(file).size < 100_000 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    for (let i = 0; i < 3_000; i += 1) {
      commit(`row_${i}`, 4);
      checkpointer.catchUp(db);
      // A turn of the event loop now and then, as a server has, so the worker's word arrives.
      if (i % 5 === 0) await new Promise((resolve) => setImmediate(resolve));
      // On a loaded machine the worker may not have run at all for a while (it failed here with
      // other tests beside it): give it the idle time a server has between bursts, so this
      // measures the writer's catch-up rather than the scheduler. Without the catch-up the
      // wait runs out and the test fails.
      if (i % 50 === 0 && statSync(`${file}-wal`).size > 12_000_000) {
        const until = Date.now() + 10_000;
        while (!checkpointer.catchUp(db)) {
          if (Date.now() > until) throw new Error('the writer never caught up with the worker');
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
      }
    }
    await checkpointer.stop();
    const size = statSync(`${file}-wal`).size;
    db.close();
    return size;
  }

  it('keeps the log short under a steady stream of commits: the writer catches up', async () => {
    // Measured: 4 to 7 MB; the log is reused from its start after each catch-up. Without the
    // writer's catch-up the same commits left a 58 MB log on an idle machine: the worker alone
    // rarely finds the log fully copied between commits. That control is not a test here:
    // on a loaded machine the worker sometimes did get the log copied, and it failed.
    expect(await logSizeAfterSteadyWrites()).toBeLessThan(20_000_000);
  });
});
