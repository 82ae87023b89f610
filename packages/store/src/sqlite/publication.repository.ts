import { PublicationSchema, type PublicationRepository } from '@tandem/schema';
import { publicationOrder } from '../shared/orders.js';
import { libraryCollectionOf } from '../shared/library-collection.js';
import { toMs } from '../shared/time.js';
import { filterClauses, SqliteTable, type StatementCache } from './sqlite-table.js';

export function createPublicationRepository(sql: StatementCache): PublicationRepository {
  const table = new SqliteTable(sql, {
    table: 'publications',
    what: 'Publication',
    schema: PublicationSchema,
    columns: {
      key: (p) => p.key,
      run_id: (p) => p.runId,
      status: (p) => p.status,
      channel: (p) => p.channel,
      archived: (p) => (p.archivedAt === undefined ? 0 : 1),
      collection: (p) => libraryCollectionOf(p),
      created_at: (p) => toMs(p.createdAt),
    },
  });
  return {
    create: async (p) => table.create(p),
    find: async (id) => table.find(id),
    get: async (id) => table.get(id),
    update: async (p) => table.update(p),
    findByKey: async (key) =>
      table.query('SELECT id, doc FROM publications WHERE key = ?', [key])[0] ?? null,
    async list(options) {
      const { where, params } = filterClauses({
        equals: {
          run_id: options?.runId,
          channel: options?.channel,
          archived: options?.archived === undefined ? undefined : Number(options.archived),
        },
        anyOf: { status: options?.status },
      });
      return table.page({
        where,
        params,
        order: publicationOrder,
        orderColumns: ['created_at', 'id'],
        options,
      });
    },
    async libraryCollections(limit) {
      const rows = sql
        .get(
          `SELECT DISTINCT collection FROM publications
           WHERE channel = 'library' AND status = 'succeeded' AND collection != ''
           ORDER BY collection LIMIT ?`,
        )
        .all(limit) as { collection: string }[];
      return rows.map((row) => row.collection);
    },
  };
}
