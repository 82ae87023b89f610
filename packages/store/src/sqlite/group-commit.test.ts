import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { makeBrandKit } from '../contract/fixtures.js';
import { openRows } from '../testing/rows-db.js';
import { GroupCommit } from './group-commit.js';
import { openSqliteStore } from './sqlite.store.js';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'tandem-group-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

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

  it('commits every batch, small or crowded, at the end of its turn', async () => {
    const { db, insert, committedRows, close } = twoConnections();
    const group = new GroupCommit(db, { busyWritesPerWindow: 0 });
    const endOfTurn = () => new Promise((resolve) => setImmediate(resolve));
    // One write at a time (one run at a time): each batch commits once the turn is done.
    for (const id of ['a', 'b']) {
      void group.write(async () => insert.run(id, '{}'));
      await endOfTurn();
      expect(committedRows()).toBe(id === 'a' ? 1 : 2);
    }
    // After a batch of ten, the next one is not held open to gather more: no timer is waited on.
    await Promise.all(
      Array.from({ length: 10 }, (_, i) => group.write(async () => insert.run(`c${i}`, '{}'))),
    );
    expect(committedRows()).toBe(12);
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      void group.write(async () => insert.run('d', '{}'));
      expect(committedRows()).toBe(12);
      await endOfTurn();
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
