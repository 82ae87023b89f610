import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describeStoreContract } from '../contract/store.contract.js';
import { openSqliteStore, SQLITE_FILE_NAME } from './sqlite.store.js';

describeStoreContract('sqlite', {
  durable: true,
  canCorrupt: true,
  async create() {
    const dataDir = mkdtempSync(join(tmpdir(), 'tandem-store-'));
    let store = openSqliteStore({ dataDir });
    return {
      store,
      async reopen() {
        await store.close();
        store = openSqliteStore({ dataDir });
        return store;
      },
      async corruptRun(id) {
        const db = new Database(join(dataDir, SQLITE_FILE_NAME));
        db.prepare(`UPDATE runs SET doc = json_set(doc, '$.status', 'exploded') WHERE id = ?`).run(
          id,
        );
        db.close();
      },
      async cleanup() {
        await store.close();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  },
});
