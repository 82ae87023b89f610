import { TaskSchema, type TaskRepository } from '@tandem/schema';
import { taskOrder } from '../shared/orders.js';
import { toMs, toMsOrNever } from '../shared/time.js';
import { filterClauses, SqliteTable, type StatementCache } from './sqlite-table.js';

const optionalMs = (iso: string | undefined) => (iso === undefined ? undefined : toMs(iso));

const DUE_OPEN = "status = 'open' AND escalated = 0";

export function createTaskRepository(sql: StatementCache): TaskRepository {
  const table = new SqliteTable(sql, {
    table: 'tasks',
    what: 'Task',
    schema: TaskSchema,
    columns: {
      run_id: (t) => t.runId,
      flow_id: (t) => t.flowId,
      node_id: (t) => t.nodeId,
      status: (t) => t.status,
      // Tasks without a due time carry a far-future value so the inbox order is one index scan.
      due_at: (t) => toMsOrNever(t.dueAt),
      created_at: (t) => toMs(t.createdAt),
      escalated: (t) => (t.escalatedAt === null ? 0 : 1),
      test: (t) => (t.test ? 1 : 0),
    },
  });
  return {
    create: async (t) => table.create(t),
    find: async (id) => table.find(id),
    get: async (id) => table.get(id),
    update: async (t) => table.update(t),
    async list(options) {
      const { where, params } = filterClauses({
        equals: {
          flow_id: options?.flowId,
          node_id: options?.nodeId,
          run_id: options?.runId,
          test: options?.test === undefined ? undefined : options.test ? 1 : 0,
        },
        anyOf: { status: options?.status },
        from: { created_at: optionalMs(options?.createdFrom) },
        before: { created_at: optionalMs(options?.createdBefore) },
      });
      return table.page({
        where,
        params,
        order: taskOrder,
        orderColumns: ['due_at', 'created_at', 'id'],
        options,
      });
    },
    listDue: async (now, limit) =>
      table.query(
        `SELECT id, doc FROM tasks WHERE ${DUE_OPEN} AND due_at <= ?
         ORDER BY due_at, created_at, id LIMIT ?`,
        [toMs(now), limit],
      ),
    async countOpenByFlow() {
      const rows = sql
        .get(
          `SELECT flow_id, COUNT(*) AS n FROM tasks WHERE status = 'open' AND test = 0 GROUP BY flow_id`,
        )
        .all() as { flow_id: string; n: number }[];
      return rows.map((row) => ({ flowId: row.flow_id, open: row.n }));
    },
    async nextDueAt() {
      const [first] = table.query(
        `SELECT id, doc FROM tasks WHERE ${DUE_OPEN} AND due_at < ?
         ORDER BY due_at, created_at, id LIMIT 1`,
        [toMsOrNever(null)],
      );
      return first?.dueAt ?? null;
    },
  };
}
