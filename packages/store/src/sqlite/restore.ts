import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ConnectionSchema, type Connection } from '@tandem/schema';
import Database from 'better-sqlite3';
import { countBackupRows, type SqliteBackupReport } from './backup.js';
import { LATEST_MIGRATION } from './migrations.js';
import { SQLITE_FILE_NAME } from './sqlite.store.js';

/** The files that together are the embedded database in a data folder. */
export const SQLITE_DATABASE_FILES = [
  SQLITE_FILE_NAME,
  `${SQLITE_FILE_NAME}-wal`,
  `${SQLITE_FILE_NAME}-shm`,
] as const;

function isFile(path: string): boolean {
  return existsSync(path) && statSync(path).isFile();
}

/**
 * Checks that `backupDir` holds a Tandem database fit to restore: present, a database of
 * Tandem's (it has the migrations table every Tandem store gets), whole by the full
 * `integrity_check` (slower than the backup's quick_check, but a restore is rare and replaces
 * the live data). Opened read-only, so the backup is not touched.
 */
export function checkSqliteBackup(backupDir: string): SqliteBackupReport {
  const file = join(backupDir, SQLITE_FILE_NAME);
  if (!isFile(file)) {
    throw new Error(`${backupDir} is not a Tandem backup: it has no ${SQLITE_FILE_NAME}`);
  }
  // A backup is one self-contained file; a non-empty -wal beside it holds writes that copying
  // tandem.db alone would lose. (Reading a database can leave an empty one.)
  if (isFile(`${file}-wal`) && statSync(`${file}-wal`).size > 0) {
    throw new Error(
      `${backupDir} has a ${SQLITE_FILE_NAME}-wal with writes not yet in ${SQLITE_FILE_NAME}: open it once with sqlite3 to fold them in, then restore`,
    );
  }
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new Error(`${file} cannot be opened: ${(error as Error).message}`, { cause: error });
  }
  try {
    try {
      db.prepare('SELECT count(*) FROM migrations').get();
    } catch (error) {
      throw new Error(`${backupDir} is not a Tandem backup: ${(error as Error).message}`, {
        cause: error,
      });
    }
    const check = db.pragma('integrity_check', { simple: true });
    if (check !== 'ok') {
      throw new Error(`The backup ${file} failed its integrity check: ${String(check)}`);
    }
    assertSchemaKnown(db, backupDir);
    return { file, bytes: statSync(file).size, rows: countBackupRows(db) };
  } finally {
    db.close();
  }
}

/**
 * Refuses a backup made by a newer Tandem: its `migrations` table lists migrations this version
 * does not have (they are numbered 1..LATEST_MIGRATION, append-only). The server would refuse
 * to open it after the restore. An older backup is fine: the server migrates it when it opens.
 */
function assertSchemaKnown(db: Database.Database, backupDir: string): void {
  const unknown = db
    .prepare<[number], { id: number; name: string }>(
      'SELECT id, name FROM migrations WHERE id > ? OR id < 1 ORDER BY id',
    )
    .all(LATEST_MIGRATION);
  if (unknown.length > 0) {
    const list = unknown.map((m) => `${m.id} "${m.name}"`).join(', ');
    throw new Error(
      `${backupDir} comes from a newer version of Tandem: its database has migrations this version does not know (${list}); restore it with that version or a later one`,
    );
  }
}

/**
 * The saved connections in a backup, for checking that the secret key to be used opens their
 * secrets. Read-only. A row that is not a valid connection is left out: the server could not use
 * it with any key.
 */
export function readBackupConnections(backupDir: string): Connection[] {
  const db = new Database(join(backupDir, SQLITE_FILE_NAME), {
    readonly: true,
    fileMustExist: true,
  });
  try {
    const rows = db.prepare<[], { doc: string }>('SELECT doc FROM connections ORDER BY id').all();
    return rows.flatMap(({ doc }) => {
      try {
        const parsed = ConnectionSchema.safeParse(JSON.parse(doc));
        return parsed.success ? [parsed.data] : [];
      } catch {
        return []; // not JSON
      }
    });
  } finally {
    db.close();
  }
}

/**
 * Refuses when anything has the database in `dataDir` open: a running server or worker, a
 * `pnpm backup`, a sqlite3 shell.
 *
 * How: ask SQLite for an exclusive lock on the file and give up at once if it is taken. Every
 * connection to a WAL database keeps a shared lock on the database file for as long as it is
 * open, idle or not, so the exclusive lock is refused while any process has the store open.
 * Why a lock rather than a pid file: the server writes none, a pid file goes stale after a
 * crash (and pids are reused), and it would not cover workers or other tools; the kernel drops
 * a dead process's locks, so this answer cannot go stale. It is the lock SQLite itself relies
 * on to keep writers apart. (It would be unreliable on a network filesystem with broken
 * locking, where SQLite itself is unsafe.)
 *
 * When the lock is granted, closing the probe folds any leftover WAL into the database file,
 * as SQLite does whenever the last connection closes: the same data, in one file. So this
 * check comes last among a restore's refusals, and nothing else is changed before it.
 * A server started between this check and the files being moved aside would not be noticed;
 * the window is the few milliseconds of a rename.
 */
export function assertDatabaseNotInUse(dataDir: string): void {
  const file = join(dataDir, SQLITE_FILE_NAME);
  if (!existsSync(file)) return;
  const db = new Database(file, { fileMustExist: true, timeout: 0 });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    // BEGIN EXCLUSIVE takes the file's exclusive lock whether the file is in WAL or
    // rollback-journal mode; nothing is written.
    db.exec('BEGIN EXCLUSIVE; ROLLBACK');
  } catch (error) {
    const code = (error as { code?: string }).code ?? '';
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
      throw new Error(
        `Tandem is running on ${dataDir} (something has ${SQLITE_FILE_NAME} open): stop it, then restore`,
        { cause: error },
      );
    }
    // Any other failure means a damaged database that no server could be serving; restoring
    // over it is what a restore is for, and it is moved aside as it is.
  } finally {
    db.close();
  }
}

/** Opens the restored database (read-only) and checks it whole, as the server will find it. */
export function verifyRestoredDatabase(dataDir: string): void {
  const file = join(dataDir, SQLITE_FILE_NAME);
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const check = db.pragma('integrity_check', { simple: true });
    if (check !== 'ok') {
      throw new Error(`the restored ${file} failed its integrity check: ${String(check)}`);
    }
  } finally {
    db.close();
  }
}
