import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { assertDatabaseNotInUse } from './restore.js';
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
