import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  renameSync,
  rmdirSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import {
  assertDatabaseNotInUse,
  checkSqliteBackup,
  SQLITE_DATABASE_FILES,
  SQLITE_FILE_NAME,
  type SqliteBackupReport,
  verifyRestoredDatabase,
} from '@tandem/store';
import type { Config } from '../config/config.js';
import { SECRET_KEY_FILE } from '../config/secret-key.js';
import { stamp } from './backup.js';
import { checkBackupKey, type KeyCheck } from './restore-key-check.js';

export interface RestoreResult {
  /** The backup folder restored from. */
  from: string;
  dataDir: string;
  database: SqliteBackupReport;
  /** Whether the backup's secret key was restored (false when TANDEM_SECRET_KEY supplies it). */
  keyRestored: boolean;
  /** Whether TANDEM_SECRET_KEY is set: then it is the key the server uses, over any secret.key. */
  keyFromEnvironment: boolean;
  /** How many of the backup's saved connections the key in use opens. */
  connections: KeyCheck;
  /** Where the data folder's previous files went; undefined when it held none. */
  previous: { dir: string; files: string[] } | undefined;
}

export interface RestoreOptions {
  now?: Date;
  /** Copies one file in, owner-only; replaceable so tests can make a copy fail half-way. */
  copyIn?: (from: string, to: string) => void;
}

/** Copies `from` to the new file `to`, created owner-only (never over a file already there). */
export function copyOwnerOnly(from: string, to: string): void {
  const input = openSync(from, 'r');
  try {
    const output = openSync(to, 'wx', 0o600);
    try {
      const chunk = Buffer.allocUnsafe(1 << 20);
      let read: number;
      while ((read = readSync(input, chunk, 0, chunk.length, null)) > 0) {
        writeSync(output, chunk, 0, read);
      }
      fsyncSync(output);
    } finally {
      closeSync(output);
    }
  } finally {
    closeSync(input);
  }
}

const isFile = (path: string) => existsSync(path) && statSync(path).isFile();

/**
 * Everything that must hold before anything is changed; each failure is a refusal that leaves
 * the data folder as it was. The "is Tandem running" check is last: see assertDatabaseNotInUse.
 */
function checkBeforeRestore(config: Config, backupFolder: string | undefined) {
  if (config.mongoUri) {
    throw new Error(
      'This Tandem uses MongoDB (MONGODB_URI is set): restore it with mongorestore, and set TANDEM_SECRET_KEY to the key in use when the dump was made',
    );
  }
  if (!backupFolder) {
    throw new Error('Name the backup folder to restore: pnpm restore <backup-folder>');
  }
  const from = resolve(backupFolder);
  const dataDir = resolve(config.dataDir);
  if (!existsSync(from)) throw new Error(`No backup folder at ${from}`);
  if (!statSync(from).isDirectory()) {
    throw new Error(`${from} is not a folder: name the backup's folder, not a file in it`);
  }
  if (from === dataDir) throw new Error(`${from} is the data folder itself: name a backup folder`);
  const database = checkSqliteBackup(from);
  const key = join(from, SECRET_KEY_FILE);
  const keyInBackup = isFile(key);
  if (!keyInBackup && !config.secretKey) {
    throw new Error(
      `${from} holds no ${SECRET_KEY_FILE}: without it the restored store's saved connections cannot be opened (if TANDEM_SECRET_KEY held the key when the backup was made, set it and run again)`,
    );
  }
  if (keyInBackup && readFileSync(key, 'utf8').trim().length < 32) {
    throw new Error(`${key} is not a Tandem secret key (too short)`);
  }
  const connections = checkBackupKey(config, from, keyInBackup);
  assertDatabaseNotInUse(dataDir);
  return { from, dataDir, database, keyInBackup, connections };
}

/**
 * Puts the data folder back as it was: removes what was copied in, moves the previous files
 * back and removes the emptied before-restore folder. Returns what to tell the operator.
 */
function putBack(dataDir: string, copied: string[], previous: RestoreResult['previous']): string {
  try {
    // The previous -wal/-shm are aside already: any in the data folder came with the restore.
    for (const name of [...copied, `${SQLITE_FILE_NAME}-wal`, `${SQLITE_FILE_NAME}-shm`]) {
      rmSync(join(dataDir, name), { force: true });
    }
    if (previous) {
      for (const name of previous.files) renameSync(join(previous.dir, name), join(dataDir, name));
      rmdirSync(previous.dir);
    }
    return 'the previous data is back in place';
  } catch (error) {
    const where = previous ? `; it is in ${previous.dir}` : '';
    return `the previous data could not be put back (${(error as Error).message})${where}`;
  }
}

/**
 * Restores a `pnpm backup` folder into the data folder of a stopped Tandem. Never deletes the
 * current data: its files are moved aside into `before-restore-<date>-<time>`, and put back if
 * any later step fails.
 */
export function restoreEmbeddedStore(
  config: Config,
  backupFolder: string | undefined,
  options: RestoreOptions = {},
): RestoreResult {
  const { from, dataDir, database, keyInBackup, connections } = checkBeforeRestore(
    config,
    backupFolder,
  );
  const copyIn = options.copyIn ?? copyOwnerOnly;

  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const present = [...SQLITE_DATABASE_FILES, SECRET_KEY_FILE].filter((name) =>
    existsSync(join(dataDir, name)),
  );
  let previous: RestoreResult['previous'];
  const copied: string[] = [];
  try {
    if (present.length > 0) {
      const dir = join(dataDir, `before-restore-${stamp(options.now ?? new Date())}`);
      // Not recursive: an existing folder of that name fails here, before anything moved.
      mkdirSync(dir, { mode: 0o700 });
      previous = { dir, files: [] };
      for (const name of present) {
        renameSync(join(dataDir, name), join(dir, name));
        previous.files.push(name);
      }
    }
    const names = keyInBackup ? [SQLITE_FILE_NAME, SECRET_KEY_FILE] : [SQLITE_FILE_NAME];
    for (const name of names) {
      // Listed first: a copy that fails half-way leaves a partial file to remove.
      copied.push(name);
      copyIn(join(from, name), join(dataDir, name));
    }
    verifyRestoredDatabase(dataDir);
  } catch (error) {
    const message = (error as Error).message;
    throw new Error(`could not finish (${message}); ${putBack(dataDir, copied, previous)}`, {
      cause: error,
    });
  }
  return {
    from,
    dataDir,
    database,
    keyRestored: keyInBackup,
    keyFromEnvironment: Boolean(config.secretKey),
    connections,
    previous,
  };
}

/** What the command prints: from which backup, what it holds, where the previous data went. */
export function describeRestore(result: RestoreResult): string {
  const { database, from, dataDir, keyRestored, keyFromEnvironment, connections, previous } =
    result;
  const unreadable = connections.connections - connections.opened;
  const rows = Object.entries(database.rows)
    .map(([table, n]) => `${n} ${table}`)
    .join(', ');
  return [
    `Restored the embedded store from the backup ${from} into ${dataDir}`,
    `  ${SQLITE_FILE_NAME}: ${(database.bytes / 1024).toFixed(0)} KiB, integrity ok (${rows})`,
    !keyFromEnvironment
      ? `  ${SECRET_KEY_FILE}: the backup's key to its saved connection secrets`
      : keyRestored
        ? `  ${SECRET_KEY_FILE}: the backup's, restored; but the server uses TANDEM_SECRET_KEY while it is set`
        : '  The secret key comes from TANDEM_SECRET_KEY: it must be the key in use when this backup was made',
    ...(unreadable > 0
      ? [
          `  ${unreadable} of ${connections.connections} saved connections do not open with this key (they did not in the backup either): re-enter their secrets`,
        ]
      : []),
    previous
      ? `The previous data (${previous.files.join(', ')}) is in ${previous.dir}; delete that folder once Tandem runs well on the restored data.`
      : `The data folder held no previous data.`,
    'Start Tandem to use the restored data.',
  ].join('\n');
}
