import { closeSync, existsSync, mkdirSync, openSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SQLITE_FILE_NAME } from './sqlite.store.js';

/** What a backup holds, read back from the copy itself. */
export interface SqliteBackupReport {
  file: string;
  bytes: number;
  /** Rows per table of the copy, for a quick sanity check against the live data. */
  rows: Record<string, number>;
}

/** Tables whose row counts a backup reports. */
const COUNTED_TABLES = ['users', 'flows', 'runs', 'tasks', 'publications', 'audit'];

/**
 * Copies the embedded database in `dataDir` to `destinationDir`/tandem.db, safely while a
 * server is running on it, and checks the copy.
 *
 * Why `VACUUM INTO` and not copying the file: with WAL the live data is split between the
 * database file and its `-wal` file, and a copy taken mid-write can be torn. `VACUUM INTO` reads
 * one consistent snapshot in a read transaction (writers carry on beside it) and writes a
 * compact, self-contained database. The online backup API restarts whenever another connection
 * writes, which on a busy server may never finish.
 */
export function backupSqliteDatabase(dataDir: string, destinationDir: string): SqliteBackupReport {
  const source = join(dataDir, SQLITE_FILE_NAME);
  if (!existsSync(source)) {
    throw new Error(`No embedded store at ${source}: is TANDEM_DATA_DIR the server's data folder?`);
  }
  // The copy holds sessions and encrypted connection secrets: owner only, like the original.
  mkdirSync(destinationDir, { recursive: true, mode: 0o700 });
  if (readdirSync(destinationDir).length > 0) {
    throw new Error(`${destinationDir} is not empty; back up into a new folder`);
  }
  const file = join(destinationDir, SQLITE_FILE_NAME);
  // SQLite writes into an empty file it finds; creating it first fixes its mode.
  closeSync(openSync(file, 'wx', 0o600));
  const db = new Database(source, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    db.prepare('VACUUM INTO ?').run(file);
  } finally {
    db.close();
  }
  return checkBackup(file);
}

/** Opens the copy read-only, checks its integrity and counts its rows. */
function checkBackup(file: string): SqliteBackupReport {
  const copy = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const check = copy.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new Error(`The backup ${file} failed its integrity check: ${check}`);
    return { file, bytes: statSync(file).size, rows: countBackupRows(copy) };
  } finally {
    copy.close();
  }
}

/** Rows per counted table of a backup (or a restore's source), for the report. */
export function countBackupRows(db: Database.Database): Record<string, number> {
  const rows: Record<string, number> = {};
  for (const table of COUNTED_TABLES) {
    const row = db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number };
    rows[table] = row.n;
  }
  return rows;
}
