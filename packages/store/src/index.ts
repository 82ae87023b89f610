export { createMemoryStore } from './memory/memory.store.js';
export { openSqliteStore, SQLITE_FILE_NAME } from './sqlite/sqlite.store.js';
export type { SqliteStoreOptions } from './sqlite/sqlite.store.js';
export { computeAuditHash, canonicalJson, GENESIS_HASH } from './shared/audit-hash.js';
export type { AuditHashFields } from './shared/audit-hash.js';
export { verifyAuditChain } from './shared/audit-chain.js';
export type { AuditChainReport } from './shared/audit-chain.js';
