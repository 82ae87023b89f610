import { chmodSync, existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isAppError } from '@tandem/schema';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  makeBrandKit,
  makePublication,
  makeRun,
  makeStep,
  makeTask,
} from '../contract/fixtures.js';
import { MIGRATION_IDS } from './migrations.js';
import { openSqliteStore, SQLITE_FILE_NAME } from './sqlite.store.js';

describe('sqlite store', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'tandem-open-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('creates the data directory, runs migrations once and sets the pragmas', async () => {
    const dataDir = join(root, 'nested', 'data');
    const store = openSqliteStore({ dataDir });
    expect(store.kind).toBe('sqlite');
    expect(await store.ping()).toBe(true);
    await store.close();
    expect(await store.ping()).toBe(false);
    await openSqliteStore({ dataDir }).close();

    const db = new Database(join(dataDir, SQLITE_FILE_NAME));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    const migrations = db.prepare('SELECT id FROM migrations').all();
    expect(migrations).toEqual(MIGRATION_IDS.map((id) => ({ id })));
    db.close();
    expect(existsSync(join(dataDir, SQLITE_FILE_NAME))).toBe(true);
  });

  it('keeps the data directory and the database files to their owner', async () => {
    const dataDir = join(root, 'private', 'data');
    const store = openSqliteStore({ dataDir, groupCommit: false });
    await store.runs.create(makeRun('r1'));
    const mode = (path: string) => statSync(path).mode & 0o777;
    const file = join(dataDir, SQLITE_FILE_NAME);

    expect(mode(join(root, 'private'))).toBe(0o700);
    expect(mode(dataDir)).toBe(0o700);
    expect([file, `${file}-wal`, `${file}-shm`].map(mode)).toEqual([0o600, 0o600, 0o600]);
    await store.close();
  });

  it('tightens a database file left world-readable', async () => {
    const dataDir = join(root, 'data');
    await openSqliteStore({ dataDir }).close();
    const file = join(dataDir, SQLITE_FILE_NAME);
    writeFileSync(`${file}-wal`, '', { mode: 0o644 });
    chmodSync(file, 0o644);

    const store = openSqliteStore({ dataDir });

    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(`${file}-wal`).mode & 0o777).toBe(0o600);
    await store.close();
  });

  it('counts open tasks per flow from one index, without reading the tasks', async () => {
    const dataDir = join(root, 'data');
    await openSqliteStore({ dataDir }).close();
    const db = new Database(join(dataDir, SQLITE_FILE_NAME));
    const plan = db
      .prepare(
        "EXPLAIN QUERY PLAN SELECT flow_id, COUNT(*) AS n FROM tasks WHERE status = 'open' AND test = 0 GROUP BY flow_id",
      )
      .all() as { detail: string }[];
    db.close();
    expect(plan.map((row) => row.detail)).toEqual([
      'SEARCH tasks USING COVERING INDEX tasks_status_test_flow (status=? AND test=?)',
    ]);
  });

  it('gives publications stored before the library their channel and collection', async () => {
    const dataDir = join(root, 'data');
    const before = openSqliteStore({ dataDir, groupCommit: false });
    const saved = { channel: 'library', status: 'succeeded' } as const;
    await before.publications.create(
      makePublication('p1', { ...saved, request: { title: 'A', collection: 'Blog posts' } }),
    );
    await before.publications.create(
      makePublication('p2', { ...saved, request: { title: 'B', collection: 'x'.repeat(90) } }),
    );
    await before.close();
    // The database before migration 4: no channel column (nor the later archive's index on
    // it, nor the collection column of migration 10).
    const db = new Database(join(dataDir, SQLITE_FILE_NAME));
    db.exec(`DROP INDEX publications_channel; DROP INDEX publications_channel_archived;
      DROP INDEX publications_library_collections; ALTER TABLE publications DROP COLUMN collection;
      ALTER TABLE publications DROP COLUMN archived; ALTER TABLE publications DROP COLUMN channel;
      DELETE FROM migrations WHERE id IN (4, 7, 10);`);
    db.close();

    const after = openSqliteStore({ dataDir, groupCommit: false });
    const page = await after.publications.list({ channel: 'library' });
    const collections = await after.publications.libraryCollections(10);
    await after.close();
    expect(page.items.map((p) => p.id)).toEqual(['p2', 'p1']);
    // Cut to 80 characters, as the library shows a collection.
    expect(collections).toEqual(['Blog posts', 'x'.repeat(80)]);
  });

  it('refuses a database written by a newer schema', () => {
    const dataDir = join(root, 'data');
    openSqliteStore({ dataDir }).close();
    const db = new Database(join(dataDir, SQLITE_FILE_NAME));
    db.prepare("INSERT INTO migrations (id, name, applied_at) VALUES (999, 'future', 'x')").run();
    db.close();
    let error: unknown;
    try {
      openSqliteStore({ dataDir });
    } catch (e) {
      error = e;
    }
    expect(isAppError(error, 'CONFIG_INVALID')).toBe(true);
  });

  it('answers the inbox, runs list and timer queries from indexes', () => {
    const dataDir = join(root, 'data');
    openSqliteStore({ dataDir }).close();
    const db = new Database(join(dataDir, SQLITE_FILE_NAME));
    const plan = (sql: string): string =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[])
        .map((r) => r.detail)
        .join('; ');
    expect(
      plan("SELECT doc FROM tasks WHERE status = 'open' ORDER BY due_at, created_at, id"),
    ).toMatch(/USING INDEX tasks_inbox/);
    expect(
      plan(
        "SELECT doc FROM runs WHERE flow_id = 'f' AND status = 'running' ORDER BY created_at DESC",
      ),
    ).toMatch(/USING INDEX runs_flow_status/);
    expect(
      plan('SELECT doc FROM steps WHERE wake_at IS NOT NULL AND wake_at <= 5 ORDER BY wake_at, id'),
    ).toMatch(/USING INDEX steps_wake/);
    expect(
      plan(
        "SELECT doc FROM feedback WHERE flow_id = 'f' AND node_id = 'n' ORDER BY created_at DESC",
      ),
    ).toMatch(/USING INDEX feedback_node/);
    db.close();
  });

  it('reuses a checked value only while the stored document is unchanged', async () => {
    const dataDir = join(root, 'data');
    const store = openSqliteStore({ dataDir });
    await store.brandKits.create(makeBrandKit('brand_1', { name: 'Acme' }));
    const first = await store.brandKits.get('brand_1');
    expect(await store.brandKits.get('brand_1')).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    // Another process rewrites the row (same revision): the next read sees its text.
    const other = new Database(join(dataDir, SQLITE_FILE_NAME));
    other
      .prepare("UPDATE brand_kits SET doc = json_set(doc, '$.name', 'Acme Two') WHERE id = ?")
      .run('brand_1');
    other.close();
    const changed = await store.brandKits.get('brand_1');
    expect(changed.name).toBe('Acme Two');
    expect((await store.brandKits.list()).map((k) => k.name)).toEqual(['Acme Two']);
    await store.close();
  });

  it('an update writes the indexed columns that changed, and the indexes follow', async () => {
    const dataDir = join(root, 'data');
    const store = openSqliteStore({ dataDir });
    await store.runs.create(makeRun('r1'));
    const created = await store.steps.create(makeStep('s1', { status: 'running' }));
    const done = await store.steps.update({ ...created, status: 'done' });
    const peek = new Database(join(dataDir, SQLITE_FILE_NAME), { readonly: true });
    expect(peek.prepare('SELECT status FROM steps WHERE id = ?').get('s1')).toEqual({
      status: 'done',
    });
    peek.close();
    const due = '2026-01-01T00:00:00.000Z';
    await store.steps.update({ ...done, status: 'pending', wakeAt: due });
    expect((await store.steps.listDue(due, 10)).map((s) => s.id)).toEqual(['s1']);
    await store.close();
    // What another connection reads from the row's columns matches the document.
    const db = new Database(join(dataDir, SQLITE_FILE_NAME), { readonly: true });
    const row = db.prepare('SELECT status, wake_at, doc FROM steps WHERE id = ?').get('s1') as {
      status: string;
      wake_at: number;
      doc: string;
    };
    expect(row.status).toBe('pending');
    expect(row.wake_at).toBe(Date.parse(due));
    expect(JSON.parse(row.doc)).toMatchObject({ status: 'pending', wakeAt: due, revision: 2 });
    db.close();
  });

  it('opens a database from before outcomes were kept: its succeeded runs have none recorded', async () => {
    const dataDir = join(root, 'data');
    const store = openSqliteStore({ dataDir, groupCommit: false });
    await store.runs.create(makeRun('old', { status: 'succeeded' }));
    await store.close();
    // Back to schema 4, as a file written by the Tandem before this one.
    const db = new Database(join(dataDir, SQLITE_FILE_NAME));
    db.exec(`DROP INDEX runs_status_outcome; ALTER TABLE runs DROP COLUMN outcome;
      DELETE FROM migrations WHERE id = 5;`);
    db.close();

    const reopened = openSqliteStore({ dataDir, groupCommit: false });
    const unrecorded = await reopened.runs.list({ status: ['succeeded'], outcome: null });
    expect(unrecorded.items.map((r) => r.id)).toEqual(['old']);
    await reopened.runs.update({ ...unrecorded.items[0]!, outcome: 'rejected' });
    expect((await reopened.runs.list({ outcome: 'rejected' })).items.map((r) => r.id)).toEqual([
      'old',
    ]);
    await reopened.close();
  });

  it('opens a database from before test runs: its runs and tasks are real ones', async () => {
    const dataDir = join(root, 'data');
    const store = openSqliteStore({ dataDir, groupCommit: false });
    await store.runs.create(makeRun('old'));
    await store.tasks.create(makeTask('t-old', { flowId: 'f1' }));
    await store.close();
    // Back to schema 5 (with the later migrations that do not touch test runs), as a file
    // written by the Tandem before this one.
    const db = new Database(join(dataDir, SQLITE_FILE_NAME));
    db.exec(`DROP INDEX tasks_status_test_created; DELETE FROM migrations WHERE id = 9;
      DROP INDEX runs_test; ALTER TABLE runs DROP COLUMN test;
      DROP INDEX tasks_status_test_flow; ALTER TABLE tasks DROP COLUMN test;
      CREATE INDEX tasks_status_flow ON tasks (status, flow_id);
      DELETE FROM migrations WHERE id = 6;`);
    db.close();

    const reopened = openSqliteStore({ dataDir, groupCommit: false });
    expect((await reopened.runs.list({ test: false })).items.map((r) => r.id)).toEqual(['old']);
    expect((await reopened.runs.list({ test: true })).items).toEqual([]);
    expect(await reopened.tasks.countOpenByFlow()).toEqual([{ flowId: 'f1', open: 1 }]);
    await reopened.close();
  });
});
