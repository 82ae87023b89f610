import {
  RUN_STATUSES,
  RunSchema,
  StepSchema,
  TaskSchema,
  type RunRepository,
  type RunStatus,
  type StepRepository,
  type TaskRepository,
} from '@tandem/schema';
import type { QueryFilter } from 'mongoose';
import { runOrder, taskOrder } from '../shared/orders.js';
import { runStatusesFor } from '../shared/run-filter.js';
import { NEVER_MS, toMs, toMsOrNever } from '../shared/time.js';
import { MongoTable, op } from './mongo-table.js';
import type { Models, Row } from './models.js';

export function createRunRepository(models: Models): RunRepository {
  const table = new MongoTable(models.runs, {
    what: 'Run',
    schema: RunSchema,
    fields: {
      flowId: (r) => r.flowId,
      status: (r) => r.status,
      createdAtMs: (r) => toMs(r.createdAt),
      startedBy: (r) => r.startedBy,
      outcome: (r) => r.outcome ?? null,
      test: (r) => r.test === true,
    },
  });
  return {
    create: (r) => table.create(r),
    find: (id) => table.find(id),
    get: (id) => table.get(id),
    update: (r) => table.update(r),
    list(options) {
      const filter: QueryFilter<Row> = {};
      if (options?.flowId !== undefined) filter.flowId = options.flowId;
      const status = runStatusesFor(options);
      if (status !== undefined) filter.status = op({ $in: status });
      if (options?.startedBy !== undefined) filter.startedBy = options.startedBy;
      // `null` also matches rows written before the field was copied, which have none.
      if (options?.outcome !== undefined) filter.outcome = options.outcome;
      // Rows written before test runs existed have no `test` and are real runs.
      if (options?.test !== undefined) filter.test = options.test ? true : op({ $ne: true });
      return table.page(filter, runOrder, ['createdAtMs', '_id'], options);
    },
    async countByStatus(flowId) {
      const match: QueryFilter<Row> = flowId === undefined ? {} : { flowId };
      const groups = await models.runs.aggregate<{ _id: string; n: number }>([
        { $match: match },
        { $group: { _id: '$status', n: { $sum: 1 } } },
      ]);
      const counts = Object.fromEntries(RUN_STATUSES.map((s) => [s, 0])) as Record<
        RunStatus,
        number
      >;
      for (const g of groups) if (g._id in counts) counts[g._id as RunStatus] = g.n;
      return counts;
    },
  };
}

export function createStepRepository(models: Models): StepRepository {
  const table = new MongoTable(models.steps, {
    what: 'Step',
    schema: StepSchema,
    fields: {
      runId: (s) => s.runId,
      nodeId: (s) => s.nodeId,
      iteration: (s) => s.iteration,
      status: (s) => s.status,
      createdAtMs: (s) => toMs(s.createdAt),
      wakeAtMs: (s) => (s.wakeAt === null ? null : toMs(s.wakeAt)),
    },
  });
  return {
    create: (s) => table.create(s),
    find: (id) => table.find(id),
    get: (id) => table.get(id),
    update: (s) => table.update(s),
    listByRun: (runId) => table.query({ runId }, { createdAtMs: 1, _id: 1 }),
    listDue: (now, limit) =>
      table.query(
        { wakeAtMs: op({ $type: 'number', $lte: toMs(now) }) },
        { wakeAtMs: 1, _id: 1 },
        limit,
      ),
    async nextWakeAt() {
      const [first] = await table.query(
        { wakeAtMs: op({ $type: 'number' }) },
        { wakeAtMs: 1, _id: 1 },
        1,
      );
      return first?.wakeAt ?? null;
    },
  };
}

export function createTaskRepository(models: Models): TaskRepository {
  const table = new MongoTable(models.tasks, {
    what: 'Task',
    schema: TaskSchema,
    fields: {
      runId: (t) => t.runId,
      flowId: (t) => t.flowId,
      nodeId: (t) => t.nodeId,
      status: (t) => t.status,
      // Tasks without a due time carry a far-future value so the inbox order is one index scan.
      dueAtMs: (t) => toMsOrNever(t.dueAt),
      createdAtMs: (t) => toMs(t.createdAt),
      escalated: (t) => t.escalatedAt !== null,
      test: (t) => t.test === true,
    },
  });
  const inboxSort = { dueAtMs: 1, createdAtMs: 1, _id: 1 } as const;
  return {
    create: (t) => table.create(t),
    find: (id) => table.find(id),
    get: (id) => table.get(id),
    update: (t) => table.update(t),
    list(options) {
      const filter: QueryFilter<Row> = {};
      if (options?.status !== undefined) filter.status = op({ $in: options.status });
      if (options?.flowId !== undefined) filter.flowId = options.flowId;
      if (options?.nodeId !== undefined) filter.nodeId = options.nodeId;
      if (options?.runId !== undefined) filter.runId = options.runId;
      if (options?.test !== undefined) filter.test = options.test ? true : op({ $ne: true });
      const created = {
        ...(options?.createdFrom !== undefined ? { $gte: toMs(options.createdFrom) } : {}),
        ...(options?.createdBefore !== undefined ? { $lt: toMs(options.createdBefore) } : {}),
      };
      if (Object.keys(created).length > 0) filter.createdAtMs = op(created);
      return table.page(filter, taskOrder, ['dueAtMs', 'createdAtMs', '_id'], options);
    },
    listDue: (now, limit) =>
      table.query(
        { status: 'open', escalated: false, dueAtMs: op({ $lte: toMs(now) }) },
        inboxSort,
        limit,
      ),
    async countOpenByFlow() {
      const groups = await models.tasks.aggregate<{ _id: string; n: number }>([
        { $match: { status: 'open', test: { $ne: true } } },
        { $group: { _id: '$flowId', n: { $sum: 1 } } },
      ]);
      return groups.map((g) => ({ flowId: g._id, open: g.n }));
    },
    async nextDueAt() {
      const [first] = await table.query(
        { status: 'open', escalated: false, dueAtMs: op({ $lt: NEVER_MS }) },
        inboxSort,
        1,
      );
      return first?.dueAt ?? null;
    },
  };
}
