import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { makeBrandKit, makeStep, makeVersion } from '../contract/fixtures.js';
import { GroupCommit, routeRepository } from './group-commit.js';
import { verifyAuditChain } from '../shared/audit-chain.js';
import { createAuditRepository } from './audit.repository.js';
import { createFlowVersionRepository } from './flow.repository.js';
import { migrate } from './migrations.js';
import { createStepRepository } from './run.repository.js';
import { StatementCache } from './sqlite-table.js';
import { openSqliteStore, SQLITE_FILE_NAME } from './sqlite.store.js';
import { startWalCheckpointer } from './wal-checkpointer.js';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'tandem-group-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function openRows(file: string): Database.Database {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE IF NOT EXISTS rows (id TEXT PRIMARY KEY, doc TEXT NOT NULL)');
  return db;
}

/** A table, an insert on the writing connection, and a row count as another connection sees it. */
function twoConnections() {
  const file = join(root, 'rows.db');
  const db = openRows(file);
  const other = new Database(file, { readonly: true });
  const insert = db.prepare('INSERT INTO rows (id, doc) VALUES (?, ?)');
  const committedRows = () =>
    (other.prepare('SELECT COUNT(*) AS n FROM rows').get() as { n: number }).n;
  const close = () => {
    other.close();
    db.close();
  };
  return { db, insert, committedRows, close };
}

describe('group commit', () => {
  it('commits a turn of writes once, and settles each only after that commit', async () => {
    const { db, insert, committedRows, close } = twoConnections();
    const group = new GroupCommit(db, { busyWritesPerWindow: 0 });
    const settled: string[] = [];
    const writes = ['a', 'b', 'c'].map((id) =>
      group.write(async () => insert.run(id, '{}')).then(() => settled.push(id)),
    );
    // The statements ran (this connection sees them); nothing is committed or settled yet.
    expect(db.prepare('SELECT COUNT(*) AS n FROM rows').get()).toEqual({ n: 3 });
    expect(committedRows()).toBe(0);
    await Promise.resolve();
    expect(settled).toEqual([]);
    await Promise.all(writes);
    expect(committedRows()).toBe(3);
    close();
  });

  it('commits a small batch at the end of the turn, and waits a moment after a crowded one', async () => {
    const { db, insert, committedRows, close } = twoConnections();
    const group = new GroupCommit(db, { busyWritesPerWindow: 0 });
    const endOfTurn = () => new Promise((resolve) => setImmediate(resolve));
    // One write at a time (one run at a time): each batch commits once the turn is done.
    for (const id of ['a', 'b']) {
      void group.write(async () => insert.run(id, '{}'));
      await endOfTurn();
      expect(committedRows()).toBe(id === 'a' ? 1 : 2);
    }
    // Ten writes in one batch: the next batch is held about a millisecond to gather more.
    await Promise.all(
      Array.from({ length: 10 }, (_, i) => group.write(async () => insert.run(`c${i}`, '{}'))),
    );
    expect(committedRows()).toBe(12);
    // Timers are the test's to move, so a slow machine cannot let the millisecond pass early.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const held = group.write(async () => insert.run('d', '{}'));
      await endOfTurn();
      expect(committedRows()).toBe(12);
      vi.advanceTimersByTime(1);
      await held;
      expect(committedRows()).toBe(13);
    } finally {
      vi.useRealTimers();
    }
    close();
  });

  it('commits each write at once while writes are few', async () => {
    const { db, insert, committedRows: count, close } = twoConnections();
    const group = new GroupCommit(db, { busyWritesPerWindow: 3 });
    const writes = [];
    for (let i = 1; i <= 3; i += 1) {
      writes.push(group.write(async () => insert.run(`row_${i}`, '{}')));
      // Committed before anything was awaited: no batch is open.
      expect(db.inTransaction).toBe(false);
      expect(count()).toBe(i);
    }
    // The fourth write in the same 100 ms window finds the store busy and opens a batch.
    writes.push(group.write(async () => insert.run('row_4', '{}')));
    expect(db.inTransaction).toBe(true);
    expect(count()).toBe(3);
    await Promise.all(writes);
    expect(count()).toBe(4);
    close();
  });

  it('opens a batch of reads while writes are frequent, which never holds the write lock', async () => {
    const { db, insert, committedRows, close } = twoConnections();
    new GroupCommit(db, { busyWritesPerWindow: 3 }).joinForRead();
    expect(db.inTransaction).toBe(false);

    const group = new GroupCommit(db, { busyWritesPerWindow: 0 });
    const count = db.prepare('SELECT COUNT(*) AS n FROM rows');
    group.joinForRead();
    expect(db.inTransaction).toBe(true);
    expect(count.get()).toEqual({ n: 0 });
    // Another process writes while the batch of reads is open: it does not wait for it.
    const writer = new Database(db.name);
    writer.pragma('busy_timeout = 0');
    writer.prepare('INSERT INTO rows (id, doc) VALUES (?, ?)').run('other', '{}');
    writer.close();
    // This connection's first write ends the batch of reads and opens one that can write,
    // although the reads' snapshot is older than the other process's commit.
    const write = group.write(async () => insert.run('a', '{}'));
    expect(committedRows()).toBe(1);
    await write;
    expect(committedRows()).toBe(2);
    expect(db.inTransaction).toBe(false);
    // A batch of reads alone ends by itself too.
    group.joinForRead();
    expect(db.inTransaction).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(db.inTransaction).toBe(false);
    close();
  });

  it('leaves a read on a closed database to report its own error', async () => {
    const db = openRows(join(root, 'rows.db'));
    const group = new GroupCommit(db, { busyWritesPerWindow: 0 });
    db.close();
    expect(() => group.joinForRead()).not.toThrow();
  });

  it('fails writes whose batch was rolled back before a new batch opened', async () => {
    for (const next of ['read', 'write'] as const) {
      const { db, insert, committedRows, close } = twoConnections();
      let lost = 0;
      const group = new GroupCommit(db, { busyWritesPerWindow: 0, onBatchLost: () => (lost += 1) });
      const first = group.write(async () => insert.run('a', '{}'));
      db.exec('ROLLBACK'); // e.g. an I/O error met by a read on the same connection
      // Before the lost batch's commit comes round, the next read or write opens a batch.
      const second =
        next === 'read'
          ? (group.joinForRead(), Promise.resolve())
          : group.write(async () => insert.run('b', '{}'));
      await expect(first).rejects.toThrow(/rolled back/);
      expect(lost).toBe(1);
      await second;
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(committedRows()).toBe(next === 'read' ? 0 : 1);
      close();
    }
  });

  it('rejects only the write that failed; the rest of the batch commits', async () => {
    const db = openRows(join(root, 'rows.db'));
    const insert = db.prepare('INSERT INTO rows (id, doc) VALUES (?, ?)');
    const group = new GroupCommit(db, { busyWritesPerWindow: 0 });
    const results = await Promise.allSettled([
      group.write(async () => insert.run('a', '{}')),
      group.write(async () => insert.run('a', '{}')),
      group.write(async () => insert.run('b', '{}')),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(String((results[1] as PromiseRejectedResult).reason)).toMatch(/UNIQUE/);
    expect(db.prepare('SELECT id FROM rows ORDER BY id').all()).toEqual([{ id: 'a' }, { id: 'b' }]);
    db.close();
  });

  it('fails every write of a batch the database rolled back as a whole', async () => {
    const db = openRows(join(root, 'rows.db'));
    const insert = db.prepare('INSERT INTO rows (id, doc) VALUES (?, ?)');
    const group = new GroupCommit(db, { busyWritesPerWindow: 0 });
    const first = group.write(async () => insert.run('a', '{}'));
    // What SQLite does on disk-full or I/O errors: the whole transaction is gone.
    const second = group.write(async () => {
      db.exec('ROLLBACK');
      throw new Error('disk I/O error');
    });
    await expect(first).rejects.toThrow(/rolled back/);
    await expect(second).rejects.toThrow(/disk I\/O error/);
    // A write that returned normally but whose batch is gone is not reported as saved.
    const unaware = group.write(async () => {
      insert.run('b', '{}');
      db.exec('ROLLBACK');
    });
    await expect(unaware).rejects.toThrow(/rolled back/);
    // The next write opens a fresh batch.
    await group.write(async () => insert.run('c', '{}'));
    expect(db.prepare('SELECT id FROM rows').all()).toEqual([{ id: 'c' }]);
    db.close();
  });

  it('forgets rows a batch rolled back as a whole had left in the parsed-row caches', async () => {
    const file = join(root, SQLITE_FILE_NAME);
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    migrate(db);
    const sql = new StatementCache(db);
    const batches = { lost: 0 };
    const group = new GroupCommit(db, {
      busyWritesPerWindow: 0,
      onBatchLost: () => {
        batches.lost += 1;
        sql.forgetParsed();
      },
    });
    const steps = routeRepository(createStepRepository(sql), (write) => group.write(write));
    const created = await steps.create(makeStep('s1', { status: 'running' }));

    // Inside a batch: this connection reads its own write back, then the batch is lost.
    const done = steps.update({ ...created, status: 'done' });
    const seen = await steps.get('s1');
    expect(seen).toMatchObject({ status: 'done', revision: 1 });
    db.exec('ROLLBACK');
    await expect(done).rejects.toThrow(/rolled back/);
    expect(batches.lost).toBe(1);

    // Another process writes revision 1 differently (its status column says failed).
    const other = openSqliteStore({ dataDir: root });
    await other.steps.update({ ...created, status: 'failed' });
    await other.close();

    // Writing from the value seen in the lost batch must set every indexed column again: the
    // kept copy of "revision 1" never was in the database, so it cannot say what changed.
    await steps.update({ ...seen, status: 'done' });
    expect(db.prepare("SELECT status FROM steps WHERE id = 's1'").get()).toEqual({
      status: 'done',
    });
    db.close();
  });

  it('keeps parsed flow versions while batched, and forgets them with a lost batch', async () => {
    const db = new Database(join(root, SQLITE_FILE_NAME));
    db.pragma('journal_mode = WAL');
    migrate(db);
    const sql = new StatementCache(db);
    const group = new GroupCommit(db, {
      busyWritesPerWindow: 0,
      onBatchLost: () => sql.forgetParsed(),
    });
    const versions = routeRepository(
      createFlowVersionRepository(sql),
      (write) => group.write(write),
      () => group.joinForRead(),
    );
    await versions.create(makeVersion('f1', 1));
    const first = await versions.latest('f1');
    expect(db.inTransaction).toBe(true);
    expect(await versions.latest('f1')).toBe(first);
    // A batch lost as a whole (here one holding a write) empties the cache, also of a
    // version read back before its batch was lost.
    const lost = versions.create(makeVersion('f1', 2));
    expect((await versions.get('f1-v2')).number).toBe(2);
    db.exec('ROLLBACK');
    await expect(lost).rejects.toThrow(/rolled back/);
    await expect(versions.get('f1-v2')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const again = await versions.get('f1-v1');
    expect(again).not.toBe(first);
    expect(again).toEqual(first);
    expect((await versions.latest('f1'))?.number).toBe(1);
    db.close();
  });

  it('chains audit events appended in one batch, each on the one before', async () => {
    const db = new Database(join(root, SQLITE_FILE_NAME));
    db.pragma('journal_mode = WAL');
    migrate(db);
    const sql = new StatementCache(db);
    const group = new GroupCommit(db, { busyWritesPerWindow: 0 });
    const audit = routeRepository(createAuditRepository(sql), (write) => group.write(write));
    const entry = (n: number) => ({
      actorId: null,
      action: 'test.appended',
      subjectType: 'test',
      subjectId: `s${n}`,
    });
    const appended = await Promise.all([1, 2, 3].map((n) => audit.append(entry(n))));
    expect(appended.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(appended[1]!.prevHash).toBe(appended[0]!.hash);
    expect(await verifyAuditChain({ audit })).toEqual({ ok: true, checked: 3 });
    db.close();
  });

  it('fails waiting writes when their batch vanished before the commit', async () => {
    const { db, insert, committedRows, close } = twoConnections();
    const group = new GroupCommit(db, { busyWritesPerWindow: 0 });
    const waiting = group.write(async () => insert.run('a', '{}'));
    db.exec('ROLLBACK'); // e.g. an I/O error met by a read on the same connection
    await expect(waiting).rejects.toThrow(/rolled back/);
    expect(committedRows()).toBe(0);
    close();
  });

  it('closes for good after the checkpointer started: the process lives until close returns', () => {
    const script = join(
      dirname(fileURLToPath(import.meta.url)),
      '..',
      'testing',
      'close-after-writes.ts',
    );
    const child = spawnSync(
      process.execPath,
      ['--import', 'tsx', script, join(root, 'data'), '2100'],
      {
        cwd: dirname(script),
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    expect(child.stderr).toBe('');
    expect(child.stdout.trim()).toBe('closed 2100');
    expect(child.status).toBe(0);
  }, 70_000);

  it('closing the store commits writes still waiting for their turn', async () => {
    const dataDir = join(root, 'data');
    const store = openSqliteStore({ dataDir });
    const pending = store.brandKits.create(makeBrandKit('brand_1', { name: 'Acme' }));
    await store.close();
    await pending;
    const reopened = openSqliteStore({ dataDir });
    expect((await reopened.brandKits.get('brand_1')).name).toBe('Acme');
    await reopened.close();
  });
});

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
  async function logSizeAfterSteadyWrites(writerCatchesUp: boolean): Promise<number> {
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
      if (writerCatchesUp) checkpointer.catchUp(db);
      // A turn of the event loop now and then, as a server has, so the worker's word arrives.
      if (i % 5 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    await checkpointer.stop();
    const size = statSync(`${file}-wal`).size;
    db.close();
    return size;
  }

  it('keeps the log short under a steady stream of commits: the writer catches up', async () => {
    // Measured: 4 to 7 MB; the log is reused from its start after each catch-up.
    expect(await logSizeAfterSteadyWrites(true)).toBeLessThan(20_000_000);
  });

  it('(control) without the writer catching up, the log keeps growing', async () => {
    // Measured: 58 MB. The worker alone never finds the log fully copied between commits.
    expect(await logSizeAfterSteadyWrites(false)).toBeGreaterThan(40_000_000);
  });
});
