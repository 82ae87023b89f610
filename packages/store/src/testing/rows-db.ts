import Database from 'better-sqlite3';

/** A WAL database file with one plain table, for tests of the store's SQLite machinery. */
export function openRows(file: string): Database.Database {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE IF NOT EXISTS rows (id TEXT PRIMARY KEY, doc TEXT NOT NULL)');
  return db;
}
