import {
  BrandKitSchema,
  ConnectionSchema,
  FlowSchema,
  NotificationDeliverySchema,
  NotificationPreferenceSchema,
  NotificationSettingsSchema,
  NOTIFICATION_SETTINGS_ID,
  PublicationSchema,
  RUN_STATUSES,
  RunSchema,
  StepSchema,
  SuggestionSchema,
  TaskSchema,
  UserRecordSchema,
  type RunStatus,
  type StorePort,
} from '@tandem/schema';
import {
  brandKitOrder,
  connectionOrder,
  flowOrder,
  publicationOrder,
  runOrder,
  stepOrder,
  stepWakeOrder,
  suggestionOrder,
  taskOrder,
  userOrder,
} from '../shared/orders.js';
import { firstCollections, libraryCollectionOf } from '../shared/library-collection.js';
import { toMs } from '../shared/time.js';
import { putByRevision } from '../shared/put-by-revision.js';
import { MemoryTable } from './memory-table.js';
import {
  memoryAudit,
  memoryAutomation,
  memoryFeedback,
  memoryFlowVersions,
  memorySessions,
} from './memory-records.js';

/** The port's rules held in process memory: for tests, golden flows and throwaway runs. */
export function createMemoryStore(): StorePort {
  const users = new MemoryTable({
    what: 'User',
    schema: UserRecordSchema,
    uniques: [(u) => u.email],
  });
  const flows = new MemoryTable({ what: 'Flow', schema: FlowSchema });
  const runs = new MemoryTable({ what: 'Run', schema: RunSchema });
  const steps = new MemoryTable({
    what: 'Step',
    schema: StepSchema,
    uniques: [(s) => `${s.runId}\u0000${s.nodeId}\u0000${s.iteration}`],
  });
  const tasks = new MemoryTable({ what: 'Task', schema: TaskSchema });
  const publications = new MemoryTable({
    what: 'Publication',
    schema: PublicationSchema,
    uniques: [(p) => p.key],
  });
  const brandKits = new MemoryTable({ what: 'Brand kit', schema: BrandKitSchema });
  const connections = new MemoryTable({ what: 'Connection', schema: ConnectionSchema });
  const suggestions = new MemoryTable({ what: 'Suggestion', schema: SuggestionSchema });
  const notificationSettings = new MemoryTable({
    what: 'Notification settings',
    schema: NotificationSettingsSchema,
  });
  const notificationPreferences = new MemoryTable({
    what: 'Notification preference',
    schema: NotificationPreferenceSchema,
  });
  const notificationDeliveries = new MemoryTable({
    what: 'Notification delivery',
    schema: NotificationDeliverySchema,
  });
  let open = true;

  return {
    kind: 'memory',
    users: {
      create: async (u) => users.create(u),
      find: async (id) => users.find(id),
      get: async (id) => users.get(id),
      update: async (u) => users.update(u),
      findByEmail: async (email) => users.findBy((u) => u.email === email.trim().toLowerCase()),
      list: async () => users.select(() => true, userOrder),
      count: async () => [...users.values()].length,
    },
    sessions: memorySessions(),
    flows: {
      create: async (f) => flows.create(f),
      find: async (id) => flows.find(id),
      get: async (id) => flows.get(id),
      update: async (f) => flows.update(f),
      delete: async (id) => flows.delete(id),
      async list(options) {
        const search = options?.search?.trim().toLowerCase();
        return flows.page(
          (f) => !search || f.name.toLowerCase().includes(search),
          flowOrder,
          options,
        );
      },
    },
    flowVersions: memoryFlowVersions(),
    runs: {
      create: async (r) => runs.create(r),
      find: async (id) => runs.find(id),
      get: async (id) => runs.get(id),
      update: async (r) => runs.update(r),
      list: async (options) =>
        runs.page(
          (r) =>
            (options?.flowId === undefined || r.flowId === options.flowId) &&
            (options?.status === undefined || options.status.includes(r.status)) &&
            (options?.startedBy === undefined || r.startedBy === options.startedBy) &&
            (options?.outcome === undefined || (r.outcome ?? null) === options.outcome) &&
            (options?.test === undefined || (r.test === true) === options.test),
          runOrder,
          options,
        ),
      async countByStatus(flowId) {
        const counts = Object.fromEntries(RUN_STATUSES.map((s) => [s, 0])) as Record<
          RunStatus,
          number
        >;
        for (const r of runs.values())
          if (flowId === undefined || r.flowId === flowId) counts[r.status] += 1;
        return counts;
      },
    },
    steps: {
      create: async (s) => steps.create(s),
      find: async (id) => steps.find(id),
      get: async (id) => steps.get(id),
      update: async (s) => steps.update(s),
      listByRun: async (runId) => steps.select((s) => s.runId === runId, stepOrder),
      listDue: async (now, limit) =>
        steps
          .select((s) => s.wakeAt !== null && toMs(s.wakeAt) <= toMs(now), stepWakeOrder)
          .slice(0, limit),
      async nextWakeAt() {
        const [first] = steps.select((s) => s.wakeAt !== null, stepWakeOrder);
        return first?.wakeAt ?? null;
      },
    },
    tasks: {
      create: async (t) => tasks.create(t),
      find: async (id) => tasks.find(id),
      get: async (id) => tasks.get(id),
      update: async (t) => tasks.update(t),
      list: async (options) =>
        tasks.page(
          (t) =>
            (options?.status === undefined || options.status.includes(t.status)) &&
            (options?.flowId === undefined || t.flowId === options.flowId) &&
            (options?.nodeId === undefined || t.nodeId === options.nodeId) &&
            (options?.runId === undefined || t.runId === options.runId) &&
            (options?.test === undefined || (t.test === true) === options.test) &&
            (options?.createdFrom === undefined ||
              toMs(t.createdAt) >= toMs(options.createdFrom)) &&
            (options?.createdBefore === undefined ||
              toMs(t.createdAt) < toMs(options.createdBefore)),
          taskOrder,
          options,
        ),
      listDue: async (now, limit) =>
        tasks
          .select(
            (t) =>
              t.status === 'open' &&
              t.escalatedAt === null &&
              t.dueAt !== null &&
              toMs(t.dueAt) <= toMs(now),
            taskOrder,
          )
          .slice(0, limit),
      async countOpenByFlow() {
        const open = new Map<string, number>();
        for (const t of tasks.values())
          if (t.status === 'open' && !t.test) open.set(t.flowId, (open.get(t.flowId) ?? 0) + 1);
        return [...open].map(([flowId, count]) => ({ flowId, open: count }));
      },
      async nextDueAt() {
        const [first] = tasks.select(
          (t) => t.status === 'open' && t.escalatedAt === null && t.dueAt !== null,
          taskOrder,
        );
        return first?.dueAt ?? null;
      },
    },
    feedback: memoryFeedback(),
    automation: memoryAutomation(),
    publications: {
      create: async (p) => publications.create(p),
      find: async (id) => publications.find(id),
      get: async (id) => publications.get(id),
      update: async (p) => publications.update(p),
      findByKey: async (key) => publications.findBy((p) => p.key === key),
      list: async (options) =>
        publications.page(
          (p) =>
            (options?.runId === undefined || p.runId === options.runId) &&
            (options?.channel === undefined || p.channel === options.channel) &&
            (options?.archived === undefined ||
              (p.archivedAt !== undefined) === options.archived) &&
            (options?.status === undefined || options.status.includes(p.status)),
          publicationOrder,
          options,
        ),
      async libraryCollections(limit) {
        const names = new Set(
          publications
            .select((p) => p.status === 'succeeded', publicationOrder)
            .map(libraryCollectionOf)
            .filter(Boolean),
        );
        return firstCollections(names, limit);
      },
    },
    audit: memoryAudit(),
    brandKits: {
      create: async (b) => brandKits.create(b),
      find: async (id) => brandKits.find(id),
      get: async (id) => brandKits.get(id),
      update: async (b) => brandKits.update(b),
      list: async () => brandKits.select(() => true, brandKitOrder),
    },
    connections: {
      create: async (c) => connections.create(c),
      find: async (id) => connections.find(id),
      get: async (id) => connections.get(id),
      update: async (c) => connections.update(c),
      delete: async (id) => connections.delete(id),
      list: async () => connections.select(() => true, connectionOrder),
    },
    suggestions: {
      create: async (s) => suggestions.create(s),
      find: async (id) => suggestions.find(id),
      get: async (id) => suggestions.get(id),
      update: async (s) => suggestions.update(s),
      list: async (options) =>
        suggestions.select(
          (s) =>
            (options?.flowId === undefined || s.flowId === options.flowId) &&
            (options?.nodeId === undefined || s.nodeId === options.nodeId) &&
            (options?.status === undefined || options.status.includes(s.status)),
          suggestionOrder,
        ),
    },
    notificationSettings: {
      find: async () => notificationSettings.find(NOTIFICATION_SETTINGS_ID),
      put: async (n) => putByRevision(notificationSettings, n, 'Notification settings'),
    },
    notificationPreferences: {
      find: async (userId) => notificationPreferences.find(userId),
      put: async (p) => putByRevision(notificationPreferences, p, 'Notification preference'),
      listOptedIn: async () =>
        notificationPreferences.select((p) => p.reviewEmails, {
          shape: ['s'],
          key: (p) => [p.id],
          direction: 'asc',
        }),
    },
    notificationDeliveries: {
      create: async (d) => notificationDeliveries.create(d),
      find: async (id) => notificationDeliveries.find(id),
      update: async (d) => notificationDeliveries.update(d),
    },
    ping: async () => open,
    async close() {
      open = false;
    },
  };
}
