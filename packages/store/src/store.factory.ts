import type { StorePort } from '@tandem/schema';
import { openMongoStore } from './mongo/mongo.store.js';
import { openSqliteStore } from './sqlite/sqlite.store.js';

export interface StoreOptions {
  /** Where the embedded SQLite file lives (TANDEM_DATA_DIR). */
  dataDir: string;
  /** When set (MONGODB_URI), MongoDB is the store and dataDir is not used. */
  mongoUri?: string;
}

/** The one place that chooses the store: MongoDB when a URI is configured, else SQLite. */
export async function openStore(options: StoreOptions): Promise<StorePort> {
  if (options.mongoUri !== undefined && options.mongoUri.trim() !== '') {
    return openMongoStore({ uri: options.mongoUri });
  }
  return openSqliteStore({ dataDir: options.dataDir });
}
