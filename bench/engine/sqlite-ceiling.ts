import Database from 'better-sqlite3';
import { join } from 'node:path';

/**
 * The ceiling the engine is measured against: raw better-sqlite3 single-row transactions per
 * second, same pragmas as the store (WAL, synchronous NORMAL), a JSON row of a step's size.
 */
export function measureSqliteCeiling(dir: string, rows = 50_000): number {
  const db = new Database(join(dir, 'ceiling.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec('CREATE TABLE rows (id TEXT PRIMARY KEY, doc TEXT NOT NULL)');
  const insert = db.prepare('INSERT INTO rows (id, doc) VALUES (?, ?)');
  const doc = JSON.stringify({
    runId: 'run_0000000000000000',
    nodeId: 'draft',
    status: 'done',
    output: { text: 'x'.repeat(600), model: 'offline' },
    createdAt: new Date().toISOString(),
  });
  const one = db.transaction((id: string) => insert.run(id, doc));
  const started = performance.now();
  for (let i = 0; i < rows; i += 1) one(`row_${i}`);
  const seconds = (performance.now() - started) / 1000;
  db.close();
  return rows / seconds;
}
