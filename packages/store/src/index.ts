export { openStore } from './store.factory.js';
export type { StoreOptions } from './store.factory.js';
export { createMemoryStore } from './memory/memory.store.js';
export { openSqliteStore, SQLITE_FILE_NAME } from './sqlite/sqlite.store.js';
export type { SqliteStoreOptions } from './sqlite/sqlite.store.js';
// MongoDB through openStore only, which loads mongoose when a URI is configured.
export type { MongoStoreOptions } from './mongo/mongo.store.js';
export { computeAuditHash, canonicalJson, GENESIS_HASH } from './shared/audit-hash.js';
export type { AuditHashFields } from './shared/audit-hash.js';
export { verifyAuditChain } from './shared/audit-chain.js';
export type { AuditChainReport } from './shared/audit-chain.js';
export { backupSqliteDatabase } from './sqlite/backup.js';
export type { SqliteBackupReport } from './sqlite/backup.js';
export {
  assertDatabaseNotInUse,
  checkSqliteBackup,
  readBackupConnections,
  SQLITE_DATABASE_FILES,
  verifyRestoredDatabase,
} from './sqlite/restore.js';
