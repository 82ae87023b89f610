import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import Database from 'better-sqlite3';

/* Tests only: reading a data folder from outside the store. */

/** Rows of `table` in the database file `file`, read through a connection of its own. */
export function countRows(file: string, table: string): number {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

/** Every file under `dir` (relative path -> sha256 and mode): equal snapshots, equal bytes. */
export function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const path = join(entry.parentPath, entry.name);
    const mode = (statSync(path).mode & 0o777).toString(8);
    files[relative(dir, path)] = entry.isFile()
      ? `${createHash('sha256').update(readFileSync(path)).digest('hex')} ${mode}`
      : `dir ${mode}`;
  }
  return files;
}
