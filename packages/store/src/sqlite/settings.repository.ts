import {
  BrandKitSchema,
  ConnectionSchema,
  SuggestionSchema,
  type BrandKitRepository,
  type ConnectionRepository,
  type SuggestionRepository,
} from '@tandem/schema';
import { toMs } from '../shared/time.js';
import { filterClauses, SqliteTable, type StatementCache } from './sqlite-table.js';

export function createBrandKitRepository(sql: StatementCache): BrandKitRepository {
  const table = new SqliteTable(sql, {
    table: 'brand_kits',
    what: 'Brand kit',
    schema: BrandKitSchema,
    columns: { name_lower: (b) => b.name.toLowerCase() },
  });
  return {
    create: async (b) => table.create(b),
    find: async (id) => table.find(id),
    get: async (id) => table.get(id),
    update: async (b) => table.update(b),
    list: async () => table.query('SELECT id, doc FROM brand_kits ORDER BY name_lower, id', []),
  };
}

export function createConnectionRepository(sql: StatementCache): ConnectionRepository {
  const table = new SqliteTable(sql, {
    table: 'connections',
    what: 'Connection',
    schema: ConnectionSchema,
    columns: { created_at: (c) => toMs(c.createdAt) },
  });
  return {
    create: async (c) => table.create(c),
    find: async (id) => table.find(id),
    get: async (id) => table.get(id),
    update: async (c) => table.update(c),
    delete: async (id) => table.delete(id),
    list: async () =>
      table.query('SELECT id, doc FROM connections ORDER BY created_at DESC, id DESC', []),
  };
}

export function createSuggestionRepository(sql: StatementCache): SuggestionRepository {
  const table = new SqliteTable(sql, {
    table: 'suggestions',
    what: 'Suggestion',
    schema: SuggestionSchema,
    columns: {
      flow_id: (s) => s.flowId,
      node_id: (s) => s.nodeId,
      status: (s) => s.status,
      created_at: (s) => toMs(s.createdAt),
    },
  });
  return {
    create: async (s) => table.create(s),
    find: async (id) => table.find(id),
    get: async (id) => table.get(id),
    update: async (s) => table.update(s),
    async list(options) {
      const { where, params } = filterClauses({
        equals: { flow_id: options?.flowId, node_id: options?.nodeId },
        anyOf: { status: options?.status },
      });
      return table.query(
        'SELECT id, doc FROM suggestions' +
          (where.length > 0 ? ` WHERE ${where.join(' AND ')}` : '') +
          ' ORDER BY created_at DESC, id DESC',
        params,
      );
    },
  };
}
