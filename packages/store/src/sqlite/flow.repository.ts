import {
  FlowSchema,
  FlowVersionSchema,
  conflict,
  notFound,
  type FlowRepository,
  type FlowVersion,
  type FlowVersionRepository,
} from '@tandem/schema';
import { deepFreeze } from '../shared/deep-freeze.js';
import { flowOrder, flowVersionOrder } from '../shared/orders.js';
import { decodeCursor, pageLimit, toPage } from '../shared/paging.js';
import { toMs } from '../shared/time.js';
import { parseForWrite } from '../shared/validate.js';
import { DocReader } from '../shared/doc-reader.js';
import { isUniqueViolation, SqliteTable, type StatementCache } from './sqlite-table.js';

export function createFlowRepository(sql: StatementCache): FlowRepository {
  const table = new SqliteTable(sql, {
    table: 'flows',
    what: 'Flow',
    schema: FlowSchema,
    columns: { updated_at: (f) => toMs(f.updatedAt), name_lower: (f) => f.name.toLowerCase() },
  });
  return {
    create: async (f) => table.create(f),
    find: async (id) => table.find(id),
    get: async (id) => table.get(id),
    update: async (f) => table.update(f),
    delete: async (id) => table.delete(id),
    async list(options) {
      const search = options?.search?.trim().toLowerCase();
      // instr, not LIKE: a search for "%" or "_" means those characters, not wildcards.
      return table.page({
        where: search ? ['instr(name_lower, ?) > 0'] : [],
        params: search ? [search] : [],
        order: flowOrder,
        orderColumns: ['updated_at', 'id'],
        options,
      });
    },
  };
}

/** Parsed versions kept per connection; a version is a few kB to a few hundred kB. */
const PARSED_VERSIONS_KEPT = 64;

export function createFlowVersionRepository(sql: StatementCache): FlowVersionRepository {
  const reader = new DocReader('Flow version', FlowVersionSchema);
  const db = sql.db;
  const insert = db.prepare(
    'INSERT INTO flow_versions (id, flow_id, number, doc) VALUES (@id, @flowId, @number, @doc)',
  );
  const byId = db.prepare<[string], { doc: string }>('SELECT doc FROM flow_versions WHERE id = ?');
  const byNumber = db.prepare<[string, number], { doc: string; id: string }>(
    'SELECT id, doc FROM flow_versions WHERE flow_id = ? AND number = ?',
  );
  const newestBelow = db.prepare<[string, number, number], { doc: string; id: string }>(
    'SELECT id, doc FROM flow_versions WHERE flow_id = ? AND number < ? ORDER BY number DESC LIMIT ?',
  );
  const latestId = db.prepare<[string], { id: string }>(
    'SELECT id FROM flow_versions WHERE flow_id = ? ORDER BY number DESC LIMIT 1',
  );
  // Versions are never rewritten, so a parsed one stays right; every run start reads its
  // flow's latest version, and parsing a whole graph each time cost more than the run's writes.
  // A version read inside a batch of writes may not be committed yet: if that batch is lost,
  // the store empties this cache with the others (keepParsed).
  const parsed = sql.keepParsed(new Map<string, FlowVersion>());
  function cachedGet(id: string): FlowVersion | null {
    const hit = parsed.get(id);
    if (hit !== undefined) return hit;
    const value = reader.parse(byId.get(id), id);
    if (value === null) return null;
    if (parsed.size >= PARSED_VERSIONS_KEPT) parsed.delete(parsed.keys().next().value!);
    parsed.set(id, deepFreeze(value));
    return value;
  }
  return {
    async create(version) {
      const value = parseForWrite(FlowVersionSchema, version, 'Flow version');
      try {
        insert.run({
          id: value.id,
          flowId: value.flowId,
          number: value.number,
          doc: JSON.stringify(value),
        });
      } catch (error) {
        if (isUniqueViolation(error)) {
          throw conflict(
            'Flow version',
            value.id,
            `Version ${value.number} of flow ${value.flowId} already exists`,
          );
        }
        throw error;
      }
      return value;
    },
    async get(id) {
      const value = cachedGet(id);
      if (value === null) throw notFound('Flow version', id);
      return value;
    },
    async findByNumber(flowId, number) {
      const row = byNumber.get(flowId, number);
      return reader.parse(row, row?.id ?? '');
    },
    async latest(flowId) {
      const row = latestId.get(flowId);
      return row === undefined ? null : cachedGet(row.id);
    },
    async listPage(flowId, options) {
      const limit = pageLimit(options);
      const after = decodeCursor(options?.cursor, flowVersionOrder.shape);
      // Every version number is below MAX_SAFE_INTEGER, so the first page has no bound.
      const below = after === null ? Number.MAX_SAFE_INTEGER : (after[0] as number);
      const rows = newestBelow.all(flowId, below, limit + 1);
      return toPage(reader.parseAll(rows), limit, flowVersionOrder.key);
    },
  };
}
