import { copyFileSync, constants, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { backupSqliteDatabase, type SqliteBackupReport } from '@tandem/store';
import type { Config } from '../config/config.js';
import { SECRET_KEY_FILE } from '../config/secret-key.js';

export interface BackupResult {
  dir: string;
  database: SqliteBackupReport;
  /** Whether the generated secret key was copied (false when TANDEM_SECRET_KEY supplies it). */
  keyCopied: boolean;
}

/** `2026-11-27T07:40:12.345Z` -> `2026-11-27-074012`: sorts by time, safe in a folder name. */
export function stamp(now: Date): string {
  const iso = now.toISOString();
  return `${iso.slice(0, 10)}-${iso.slice(11, 19).replace(/:/g, '')}`;
}

/**
 * Backs up the embedded store: a consistent copy of the database (safe while Tandem runs) and
 * the secret key that decrypts its saved connection secrets. Without the key a restored
 * database's connections cannot be opened, so a backup without it is incomplete.
 */
export function backupEmbeddedStore(
  config: Config,
  destination: string | undefined,
  now = new Date(),
): BackupResult {
  if (config.mongoUri) {
    throw new Error(
      'This Tandem uses MongoDB (MONGODB_URI is set): back it up with mongodump, and keep TANDEM_SECRET_KEY with it',
    );
  }
  const dir = resolve(destination ?? join(config.dataDir, 'backups', `tandem-${stamp(now)}`));
  const database = backupSqliteDatabase(config.dataDir, dir);
  const key = join(config.dataDir, SECRET_KEY_FILE);
  const keyCopied = !config.secretKey && existsSync(key);
  // COPYFILE_EXCL: never over a file already there. The copy keeps the key's 0600 mode.
  if (keyCopied) copyFileSync(key, join(dir, SECRET_KEY_FILE), constants.COPYFILE_EXCL);
  return { dir, database, keyCopied };
}

/** What the command prints: where the backup is, what it holds, and how to restore it. */
export function describeBackup(result: BackupResult, dataDir: string): string {
  const { database, dir, keyCopied } = result;
  const rows = Object.entries(database.rows)
    .map(([table, n]) => `${n} ${table}`)
    .join(', ');
  return [
    `Backed up the embedded store to ${dir}`,
    `  ${database.file}: ${(database.bytes / 1024).toFixed(0)} KiB, integrity ok (${rows})`,
    keyCopied
      ? `  ${join(dir, SECRET_KEY_FILE)}: the key to its saved connection secrets`
      : '  The secret key comes from TANDEM_SECRET_KEY: keep it with this backup, or saved connections cannot be opened',
    `To restore into ${resolve(dataDir)}: stop Tandem, then run pnpm restore ${dir}`,
  ].join('\n');
}
