import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LATEST_MIGRATION, MIGRATION_IDS } from './migrations.js';
import { assertDatabaseNotInUse, checkSqliteBackup } from './restore.js';
import { openSqliteStore, SQLITE_FILE_NAME } from './sqlite.store.js';

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'tandem-restore-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

const IN_USE = /Tandem is running on .* \(something has tandem\.db open\): stop it, then restore/;

describe('is the database in use', () => {
  it('yes while a store has it open, idle or not; no once it is closed', async () => {
    const store = openSqliteStore({ dataDir });
    expect(() => assertDatabaseNotInUse(dataDir)).toThrow(IN_USE);
    await store.users.list();
    expect(() => assertDatabaseNotInUse(dataDir)).toThrow(IN_USE);
    await store.close();
    expect(() => assertDatabaseNotInUse(dataDir)).not.toThrow();
  });

  it('yes while only a read-only connection has it open (a pnpm backup, a sqlite3 shell)', async () => {
    await openSqliteStore({ dataDir }).close();
    const reader = new Database(join(dataDir, SQLITE_FILE_NAME), { readonly: true });
    try {
      reader.prepare('SELECT count(*) FROM users').get();
      expect(() => assertDatabaseNotInUse(dataDir)).toThrow(IN_USE);
    } finally {
      reader.close();
    }
  });

  it('no when there is no database, or only a damaged file no server could be serving', () => {
    expect(() => assertDatabaseNotInUse(dataDir)).not.toThrow();
    const file = join(dataDir, SQLITE_FILE_NAME);
    writeFileSync(file, 'not a database '.repeat(100));
    expect(() => assertDatabaseNotInUse(dataDir)).not.toThrow();
    expect(readFileSync(file, 'utf8')).toBe('not a database '.repeat(100));
  });
});

describe("a backup's schema", () => {
  const migrationIds = () => {
    const db = new Database(join(dataDir, SQLITE_FILE_NAME), { readonly: true });
    try {
      return db.prepare<[], { id: number }>('SELECT id FROM migrations ORDER BY id').all();
    } finally {
      db.close();
    }
  };

  it('from a newer Tandem (migrations this version does not know) is refused', async () => {
    await openSqliteStore({ dataDir }).close();
    expect(() => checkSqliteBackup(dataDir)).not.toThrow();
    const db = new Database(join(dataDir, SQLITE_FILE_NAME));
    db.prepare('INSERT INTO migrations (id, name, applied_at) VALUES (?, ?, ?)').run(
      LATEST_MIGRATION + 1,
      'runs: a column from the future',
      new Date().toISOString(),
    );
    db.close();
    expect(() => checkSqliteBackup(dataDir)).toThrow(
      `${dataDir} comes from a newer version of Tandem: its database has migrations this version does not know (${LATEST_MIGRATION + 1} "runs: a column from the future"); restore it with that version or a later one`,
    );
  });

  it('from an older Tandem is accepted, and migrated when the store opens it', async () => {
    await openSqliteStore({ dataDir }).close();
    // As an older Tandem left it: migrations 4 and later (publications' channel, runs' outcome,
    // test runs, the library's archive, email notifications, tasks by creation time, library
    // collections) not applied.
    const db = new Database(join(dataDir, SQLITE_FILE_NAME));
    db.exec(`DROP INDEX tasks_status_test_created;
      DROP INDEX publications_library_collections; ALTER TABLE publications DROP COLUMN collection;
      DROP TABLE notification_settings; DROP TABLE notification_preferences;
      DROP TABLE notification_deliveries;
      DROP INDEX publications_channel_archived; ALTER TABLE publications DROP COLUMN archived;
      DROP INDEX publications_channel; ALTER TABLE publications DROP COLUMN channel;
      DROP INDEX runs_status_outcome; ALTER TABLE runs DROP COLUMN outcome;
      DROP INDEX runs_test; ALTER TABLE runs DROP COLUMN test;
      DROP INDEX tasks_status_test_flow; ALTER TABLE tasks DROP COLUMN test;
      CREATE INDEX tasks_status_flow ON tasks (status, flow_id);`);
    db.prepare('DELETE FROM migrations WHERE id >= ?').run(4);
    db.close();
    expect(migrationIds().map((m) => m.id)).toEqual([1, 2, 3]);
    expect(() => checkSqliteBackup(dataDir)).not.toThrow();

    const store = openSqliteStore({ dataDir });
    await store.users.list();
    await store.close();
    expect(migrationIds().map((m) => m.id)).toEqual(MIGRATION_IDS);
    const reopened = new Database(join(dataDir, SQLITE_FILE_NAME), { readonly: true });
    const index = reopened
      .prepare(
        "SELECT name FROM sqlite_schema WHERE type = 'index' AND name IN ('publications_channel', 'runs_status_outcome') ORDER BY name",
      )
      .all();
    reopened.close();
    expect(index).toEqual([{ name: 'publications_channel' }, { name: 'runs_status_outcome' }]);
  });
});
