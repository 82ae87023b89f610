import {
  BrandKitSchema,
  ConnectionSchema,
  PublicationSchema,
  SuggestionSchema,
  type BrandKitRepository,
  type ConnectionRepository,
  type PublicationRepository,
  type SuggestionRepository,
} from '@tandem/schema';
import type { QueryFilter } from 'mongoose';
import { publicationOrder } from '../shared/orders.js';
import { firstCollections, libraryCollectionOf } from '../shared/library-collection.js';
import { toMs } from '../shared/time.js';
import { MongoTable, op } from './mongo-table.js';
import type { Models, Row } from './models.js';

export function createPublicationRepository(models: Models): PublicationRepository {
  const table = new MongoTable(models.publications, {
    what: 'Publication',
    schema: PublicationSchema,
    fields: {
      key: (p) => p.key,
      runId: (p) => p.runId,
      status: (p) => p.status,
      channel: (p) => p.channel,
      archived: (p) => p.archivedAt !== undefined,
      collection: (p) => libraryCollectionOf(p),
      createdAtMs: (p) => toMs(p.createdAt),
    },
  });
  return {
    create: (p) => table.create(p),
    find: (id) => table.find(id),
    get: (id) => table.get(id),
    update: (p) => table.update(p),
    findByKey: async (key) => (await table.query({ key }, { _id: 1 }, 1))[0] ?? null,
    list(options) {
      const filter: QueryFilter<Row> = {};
      if (options?.runId !== undefined) filter.runId = options.runId;
      if (options?.channel !== undefined) filter.channel = options.channel;
      if (options?.archived !== undefined) filter.archived = options.archived;
      if (options?.status !== undefined) filter.status = op({ $in: options.status });
      return table.page(filter, publicationOrder, ['createdAtMs', '_id'], options);
    },
    async libraryCollections(limit) {
      const names = (await models.publications.distinct('collection', {
        channel: 'library',
        status: 'succeeded',
        collection: op({ $ne: '' }),
      })) as string[];
      // distinct answers in no set order.
      return firstCollections(names, limit);
    },
  };
}

export function createBrandKitRepository(models: Models): BrandKitRepository {
  const table = new MongoTable(models.brandKits, {
    what: 'Brand kit',
    schema: BrandKitSchema,
    fields: { nameLower: (b) => b.name.toLowerCase() },
  });
  return {
    create: (b) => table.create(b),
    find: (id) => table.find(id),
    get: (id) => table.get(id),
    update: (b) => table.update(b),
    list: () => table.query({}, { nameLower: 1, _id: 1 }),
  };
}

export function createConnectionRepository(models: Models): ConnectionRepository {
  const table = new MongoTable(models.connections, {
    what: 'Connection',
    schema: ConnectionSchema,
    fields: { createdAtMs: (c) => toMs(c.createdAt) },
  });
  return {
    create: (c) => table.create(c),
    find: (id) => table.find(id),
    get: (id) => table.get(id),
    update: (c) => table.update(c),
    delete: (id) => table.delete(id),
    list: () => table.query({}, { createdAtMs: -1, _id: -1 }),
  };
}

export function createSuggestionRepository(models: Models): SuggestionRepository {
  const table = new MongoTable(models.suggestions, {
    what: 'Suggestion',
    schema: SuggestionSchema,
    fields: {
      flowId: (s) => s.flowId,
      nodeId: (s) => s.nodeId,
      status: (s) => s.status,
      createdAtMs: (s) => toMs(s.createdAt),
    },
  });
  return {
    create: (s) => table.create(s),
    find: (id) => table.find(id),
    get: (id) => table.get(id),
    update: (s) => table.update(s),
    list(options) {
      const filter: QueryFilter<Row> = {};
      if (options?.flowId !== undefined) filter.flowId = options.flowId;
      if (options?.nodeId !== undefined) filter.nodeId = options.nodeId;
      if (options?.status !== undefined) filter.status = op({ $in: options.status });
      return table.query(filter, { createdAtMs: -1, _id: -1 });
    },
  };
}
