import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { StorePort } from '@tandem/schema';
import Database from 'better-sqlite3';
import { createAuditRepository } from './audit.repository.js';
import { createAutomationRepository, createFeedbackRepository } from './feedback.repository.js';
import { createFlowRepository, createFlowVersionRepository } from './flow.repository.js';
import { migrate } from './migrations.js';
import { createPublicationRepository } from './publication.repository.js';
import { createRunRepository, createStepRepository } from './run.repository.js';
import {
  createBrandKitRepository,
  createConnectionRepository,
  createSuggestionRepository,
} from './settings.repository.js';
import { StatementCache } from './sqlite-table.js';
import { createTaskRepository } from './task.repository.js';
import { createSessionRepository, createUserRepository } from './user.repository.js';

export interface SqliteStoreOptions {
  /** Directory of the database file `tandem.db`; created when missing. */
  dataDir: string;
  /** How long a writer waits for another process's lock before failing, in ms. */
  busyTimeoutMs?: number;
}

export const SQLITE_FILE_NAME = 'tandem.db';

/** Opens (and migrates) the embedded database. */
export function openSqliteStore(options: SqliteStoreOptions): StorePort {
  mkdirSync(options.dataDir, { recursive: true });
  const db = new Database(join(options.dataDir, SQLITE_FILE_NAME));
  try {
    // WAL lets readers run beside the writer; NORMAL syncs at checkpoints, which in WAL mode
    // keeps the database consistent after a crash (the last commits may be lost on power loss).
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma(`busy_timeout = ${Math.trunc(options.busyTimeoutMs ?? 5000)}`);
    db.pragma('foreign_keys = ON');
    migrate(db);
  } catch (error) {
    db.close();
    throw error;
  }
  const sql = new StatementCache(db);
  const ping = db.prepare('SELECT 1');
  return {
    kind: 'sqlite',
    users: createUserRepository(sql),
    sessions: createSessionRepository(sql),
    flows: createFlowRepository(sql),
    flowVersions: createFlowVersionRepository(sql),
    runs: createRunRepository(sql),
    steps: createStepRepository(sql),
    tasks: createTaskRepository(sql),
    feedback: createFeedbackRepository(sql),
    automation: createAutomationRepository(sql),
    publications: createPublicationRepository(sql),
    audit: createAuditRepository(sql),
    brandKits: createBrandKitRepository(sql),
    connections: createConnectionRepository(sql),
    suggestions: createSuggestionRepository(sql),
    async ping() {
      if (!db.open) return false;
      return ping.get() !== undefined;
    },
    async close() {
      if (db.open) db.close();
    },
  };
}
