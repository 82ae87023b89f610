import {
  RUN_STATUSES,
  RunSchema,
  StepSchema,
  type RunRepository,
  type RunStatus,
  type StepRepository,
} from '@tandem/schema';
import { runOrder } from '../shared/orders.js';
import { runStatusesFor } from '../shared/run-filter.js';
import { toMs } from '../shared/time.js';
import { filterClauses, SqliteTable, type StatementCache } from './sqlite-table.js';

export function createRunRepository(sql: StatementCache): RunRepository {
  const table = new SqliteTable(sql, {
    table: 'runs',
    what: 'Run',
    schema: RunSchema,
    columns: {
      flow_id: (r) => r.flowId,
      status: (r) => r.status,
      created_at: (r) => toMs(r.createdAt),
      outcome: (r) => r.outcome ?? null,
      test: (r) => (r.test ? 1 : 0),
    },
  });
  return {
    create: async (r) => table.create(r),
    find: async (id) => table.find(id),
    get: async (id) => table.get(id),
    update: async (r) => table.update(r),
    async list(options) {
      const { where, params } = filterClauses({
        equals: {
          flow_id: options?.flowId,
          outcome: options?.outcome ?? undefined,
          test: options?.test === undefined ? undefined : options.test ? 1 : 0,
        },
        anyOf: { status: runStatusesFor(options) },
      });
      if (options?.outcome === null) where.push('outcome IS NULL');
      // Not indexed: it narrows a flow's runs for one designer's test runs, and an index
      // would cost every run's insert.
      if (options?.startedBy !== undefined) {
        where.push("json_extract(doc, '$.startedBy') = ?");
        params.push(options.startedBy);
      }
      return table.page({
        where,
        params,
        order: runOrder,
        orderColumns: ['created_at', 'id'],
        options,
      });
    },
    async countByStatus(flowId) {
      const rows = (
        flowId === undefined
          ? sql.get('SELECT status, COUNT(*) AS n FROM runs GROUP BY status').all()
          : sql
              .get('SELECT status, COUNT(*) AS n FROM runs WHERE flow_id = ? GROUP BY status')
              .all(flowId)
      ) as { status: string; n: number }[];
      const counts = Object.fromEntries(RUN_STATUSES.map((s) => [s, 0])) as Record<
        RunStatus,
        number
      >;
      for (const row of rows) {
        if (row.status in counts) counts[row.status as RunStatus] = row.n;
      }
      return counts;
    },
  };
}

export function createStepRepository(sql: StatementCache): StepRepository {
  const table = new SqliteTable(sql, {
    table: 'steps',
    what: 'Step',
    schema: StepSchema,
    columns: {
      run_id: (s) => s.runId,
      node_id: (s) => s.nodeId,
      iteration: (s) => s.iteration,
      status: (s) => s.status,
      created_at: (s) => toMs(s.createdAt),
      wake_at: (s) => (s.wakeAt === null ? null : toMs(s.wakeAt)),
    },
  });
  return {
    create: async (s) => table.create(s),
    find: async (id) => table.find(id),
    get: async (id) => table.get(id),
    update: async (s) => table.update(s),
    listByRun: async (runId) =>
      table.query('SELECT id, doc FROM steps WHERE run_id = ? ORDER BY created_at, id', [runId]),
    listDue: async (now, limit) =>
      table.query(
        `SELECT id, doc FROM steps WHERE wake_at IS NOT NULL AND wake_at <= ?
         ORDER BY wake_at, id LIMIT ?`,
        [toMs(now), limit],
      ),
    async nextWakeAt() {
      const [first] = table.query(
        'SELECT id, doc FROM steps WHERE wake_at IS NOT NULL ORDER BY wake_at, id LIMIT 1',
        [],
      );
      return first?.wakeAt ?? null;
    },
  };
}
