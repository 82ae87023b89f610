import type { Publication, StorePort } from '@tandem/schema';
import mongoose from 'mongoose';
import { createAuditRepository } from './audit.repository.js';
import {
  createFeedbackRepository,
  createFlowRepository,
  createFlowVersionRepository,
} from './flow.repository.js';
import {
  createNotificationDeliveryRepository,
  createNotificationPreferenceRepository,
  createNotificationSettingsRepository,
} from './notification.repository.js';
import { libraryCollectionOf } from '../shared/library-collection.js';
import { backfillField } from './backfill-fields.js';
import { defineModels } from './models.js';
import {
  createRunRepository,
  createStepRepository,
  createTaskRepository,
} from './run.repository.js';
import {
  createBrandKitRepository,
  createConnectionRepository,
  createPublicationRepository,
  createSuggestionRepository,
} from './settings.repository.js';
import {
  createAutomationRepository,
  createSessionRepository,
  createUserRepository,
} from './user.repository.js';

export interface MongoStoreOptions {
  uri: string;
  /** Database name; defaults to the one in the URI. Tests use a fresh name per store. */
  dbName?: string;
  /** How long to wait for a server before failing the open, in ms. */
  serverSelectionTimeoutMs?: number;
}

/**
 * Opens a MongoDB-backed store on its own connection, so several stores (tests, workers) can
 * coexist in one process. Indexes, including the unique ones the port's rules depend on, are
 * built before the store is handed out.
 */
export async function openMongoStore(options: MongoStoreOptions): Promise<StorePort> {
  // Operator objects arriving inside values are neutralised; the store marks its own trusted.
  mongoose.set('sanitizeFilter', true);
  mongoose.set('strictQuery', true);
  const conn = mongoose.createConnection(options.uri, {
    ...(options.dbName === undefined ? {} : { dbName: options.dbName }),
    sanitizeFilter: true,
    autoIndex: true,
    autoCreate: true,
    bufferCommands: false,
    serverSelectionTimeoutMS: options.serverSelectionTimeoutMs ?? 10_000,
  });
  try {
    await conn.asPromise();
    const models = defineModels(conn);
    await Promise.all(Object.values(models).map((model) => model.init()));
    await backfillField(models.publications, 'channel', (doc) => doc.channel);
    await backfillField(models.publications, 'archived', (doc) => doc.archivedAt !== undefined);
    await backfillField(models.publications, 'collection', (doc) =>
      libraryCollectionOf(doc as Pick<Publication, 'channel' | 'request'>),
    );
    return {
      kind: 'mongo',
      users: createUserRepository(models),
      sessions: createSessionRepository(models),
      flows: createFlowRepository(models),
      flowVersions: createFlowVersionRepository(models),
      runs: createRunRepository(models),
      steps: createStepRepository(models),
      tasks: createTaskRepository(models),
      feedback: createFeedbackRepository(models),
      automation: createAutomationRepository(models),
      publications: createPublicationRepository(models),
      audit: createAuditRepository(models),
      brandKits: createBrandKitRepository(models),
      connections: createConnectionRepository(models),
      suggestions: createSuggestionRepository(models),
      notificationSettings: createNotificationSettingsRepository(models),
      notificationPreferences: createNotificationPreferenceRepository(models),
      notificationDeliveries: createNotificationDeliveryRepository(models),
      async ping() {
        if (conn.readyState !== mongoose.ConnectionStates.connected || !conn.db) return false;
        try {
          const reply = await conn.db.command({ ping: 1 });
          return reply.ok === 1;
        } catch {
          return false;
        }
      },
      async close() {
        await conn.close();
      },
    };
  } catch (error) {
    await conn.close().catch(() => undefined);
    throw error;
  }
}
