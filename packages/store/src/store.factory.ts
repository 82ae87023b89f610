import type { StorePort } from '@tandem/schema';
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
    // Loaded only here: mongoose and its driver took a third of the start-up on SQLite.
    const { openMongoStore } = await import('./mongo/mongo.store.js');
    return openMongoStore({ uri: options.mongoUri });
  }
  return openSqliteStore({ dataDir: options.dataDir });
}
