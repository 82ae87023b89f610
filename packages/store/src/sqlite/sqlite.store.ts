import { chmodSync, closeSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import type { StorePort } from '@tandem/schema';
import Database from 'better-sqlite3';
import { createAuditRepository } from './audit.repository.js';
import {
  createNotificationDeliveryRepository,
  createNotificationPreferenceRepository,
  createNotificationSettingsRepository,
} from './notification.repository.js';
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
import { GroupCommit, routeRepository, type WriteRoute } from './group-commit.js';
import { StatementCache } from './sqlite-table.js';
import { startWalCheckpointer, type WalCheckpointer } from './wal-checkpointer.js';
import { createTaskRepository } from './task.repository.js';
import { createSessionRepository, createUserRepository } from './user.repository.js';

export interface SqliteStoreOptions {
  /** Directory of the database file `tandem.db`; created when missing. */
  dataDir: string;
  /** How long a writer waits for another process's lock before failing, in ms. */
  busyTimeoutMs?: number;
  /**
   * While writes are frequent, those made close together share a commit and reads share a
   * read transaction (default on; see group-commit.ts); each write's promise still settles
   * only after its commit. Off: every statement is its own transaction.
   */
  groupCommit?: boolean;
  /** Where the store reports trouble it recovers from by itself (default: console.warn). */
  warn?: (message: string) => void;
}

/**
 * A store that has written this much moves WAL checkpoints to a background thread. Short-lived
 * stores (tests, tools) never pay for the thread.
 */
const BACKGROUND_CHECKPOINT_AFTER_WRITES = 2_000;

export const SQLITE_FILE_NAME = 'tandem.db';

/**
 * Makes the database file readable by its owner only, before SQLite opens it: SQLite gives the
 * `-wal` and `-shm` files it creates the database file's mode. Files an older version left
 * world-readable are tightened too.
 */
function ownerOnlyDatabaseFile(file: string): void {
  closeSync(openSync(file, 'a', 0o600));
  for (const path of [file, `${file}-wal`, `${file}-shm`]) {
    try {
      chmodSync(path, 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
}

/** Opens (and migrates) the embedded database. */
export function openSqliteStore(options: SqliteStoreOptions): StorePort {
  // The data holds users' sessions and connection secrets: other local users may not read it.
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const file = join(options.dataDir, SQLITE_FILE_NAME);
  ownerOnlyDatabaseFile(file);
  const db = new Database(file);
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
  const warn = options.warn ?? ((message: string) => console.warn(`[store] ${message}`));
  let checkpointer: WalCheckpointer | null = null;
  // WAL upkeep after commits (see wal-checkpointer.ts); nothing until the worker runs.
  const catchUp = () => checkpointer?.catchUp(db);
  let written = 0;
  const countWrite = () => {
    written += 1;
    if (written !== BACKGROUND_CHECKPOINT_AFTER_WRITES) return;
    try {
      checkpointer = startWalCheckpointer(file, {
        log: warn,
        onFailure: () => {
          if (db.open) db.pragma('wal_autocheckpoint = 1000');
        },
      });
      db.pragma('wal_autocheckpoint = 0');
    } catch (error) {
      // SQLite keeps checkpointing inside commits, as it does by default.
      warn(`WAL checkpointer not started: ${(error as Error).message}`);
    }
  };
  const group =
    options.groupCommit === false
      ? null
      : new GroupCommit(db, { afterCommit: catchUp, onBatchLost: () => sql.forgetParsed() });
  const route: WriteRoute = (write) => {
    countWrite();
    if (!group) return write().finally(catchUp);
    return group.write(write);
  };
  const beforeRead = group ? () => group.joinForRead() : undefined;
  const routed = <R extends object>(repo: R): R => routeRepository(repo, route, beforeRead);
  return {
    kind: 'sqlite',
    users: routed(createUserRepository(sql)),
    sessions: routed(createSessionRepository(sql)),
    flows: routed(createFlowRepository(sql)),
    flowVersions: routed(createFlowVersionRepository(sql)),
    runs: routed(createRunRepository(sql)),
    steps: routed(createStepRepository(sql)),
    tasks: routed(createTaskRepository(sql)),
    feedback: routed(createFeedbackRepository(sql)),
    automation: routed(createAutomationRepository(sql)),
    publications: routed(createPublicationRepository(sql)),
    audit: routed(createAuditRepository(sql)),
    brandKits: routed(createBrandKitRepository(sql)),
    connections: routed(createConnectionRepository(sql)),
    suggestions: routed(createSuggestionRepository(sql)),
    notificationSettings: routed(createNotificationSettingsRepository(sql)),
    notificationPreferences: routed(createNotificationPreferenceRepository(sql)),
    notificationDeliveries: routed(createNotificationDeliveryRepository(sql)),
    async ping() {
      if (!db.open) return false;
      return ping.get() !== undefined;
    },
    async close() {
      if (!db.open) return;
      group?.flush();
      await checkpointer?.stop();
      if (!db.open) return; // a concurrent close() finished first
      // Writes made while the checkpointer stopped are committed too, not dropped by close.
      group?.flush();
      db.close();
    },
  };
}
