import type { Page } from './common.schema.js';
import type { AuditEntry, AuditEvent } from './audit.schema.js';
import type { BrandKit } from './brand-kit.schema.js';
import type { Connection, Suggestion } from './connection.schema.js';
import type {
  AutomationSetting,
  Feedback,
  Publication,
  PublicationChannel,
  PublicationStatus,
} from './feedback.schema.js';
import type { Flow, FlowVersion } from './flow.schema.js';
import type {
  NotificationDelivery,
  NotificationPreference,
  NotificationSettings,
} from './notification.schema.js';
import type { Run, RunOutcome, RunStatus, Step } from './run.schema.js';
import type { OpenTaskCount, Task, TaskStatus } from './task.schema.js';
import type { Session, UserRecord } from './user.schema.js';

/*
 * The store port: what the engine and the server need from persistence. Implementations
 * (SQLite, MongoDB, in-memory) live in packages/store and pass one contract suite.
 *
 * Rules every implementation keeps:
 * - `create` inserts a new entity at revision 0 and throws AppError CONFLICT when its id (or a
 *   unique key named below) already exists.
 * - `update(entity)` writes only when the stored revision equals `entity.revision`, stores it
 *   with `revision + 1` and returns what was stored; otherwise it throws AppError CONFLICT and
 *   changes nothing. Two writers that read the same revision: exactly one wins.
 * - `get` throws AppError NOT_FOUND; `find` returns null.
 * - Every write is one transaction and is committed when its promise resolves; every row read
 *   back is parsed with its zod schema (a store may reuse a value it already checked when the
 *   stored document is unchanged).
 * - Nothing mutable is shared: values handed out are copies or frozen, and a caller changing
 *   its input after a write does not change what was stored. Callers never mutate results.
 * - Lists are newest first (by createdAt, then id) unless noted; `cursor` is opaque.
 */

export interface ListOptions {
  limit?: number;
  cursor?: string;
}

interface EntityRepository<T extends { id: string; revision: number }> {
  create(entity: T): Promise<T>;
  find(id: string): Promise<T | null>;
  get(id: string): Promise<T>;
  update(entity: T): Promise<T>;
}

export interface UserRepository extends EntityRepository<UserRecord> {
  findByEmail(email: string): Promise<UserRecord | null>;
  /** Ordered by email. */
  list(): Promise<UserRecord[]>;
  count(): Promise<number>;
}

export interface SessionRepository {
  create(session: Session): Promise<Session>;
  find(id: string): Promise<Session | null>;
  revoke(id: string, at: string): Promise<void>;
  revokeAllForUser(userId: string, at: string): Promise<void>;
  deleteExpired(now: string): Promise<number>;
}

export interface FlowRepository extends EntityRepository<Flow> {
  /** Ordered by updatedAt, newest first; `search` matches the name, case-insensitively. */
  list(options?: ListOptions & { search?: string }): Promise<Page<Flow>>;
  delete(id: string): Promise<void>;
}

export interface FlowVersionRepository {
  /** Unique key: (flowId, number). */
  create(version: FlowVersion): Promise<FlowVersion>;
  get(id: string): Promise<FlowVersion>;
  findByNumber(flowId: string, number: number): Promise<FlowVersion | null>;
  latest(flowId: string): Promise<FlowVersion | null>;
  /** Newest number first, a page at a time: a flow may have thousands of versions. */
  listPage(flowId: string, options?: ListOptions): Promise<Page<FlowVersion>>;
}

export interface RunRepository extends EntityRepository<Run> {
  /**
   * Newest first; `startedBy`: only the runs that user started (a webhook's have no starter);
   * `outcome`: only succeeded runs that came to it, or with `null` only runs with none recorded;
   * `test`: only test runs (true) or only real runs (false).
   */
  list(
    options?: ListOptions & {
      flowId?: string;
      status?: RunStatus[];
      startedBy?: string;
      outcome?: RunOutcome | null;
      test?: boolean;
    },
  ): Promise<Page<Run>>;
  countByStatus(flowId?: string): Promise<Record<RunStatus, number>>;
}

export interface StepRepository extends EntityRepository<Step> {
  /** Unique key: (runId, nodeId, iteration). */
  create(step: Step): Promise<Step>;
  /** Oldest first. */
  listByRun(runId: string): Promise<Step[]>;
  /** Steps whose `wakeAt` is at or before `now`, soonest first: retries and durable timers. */
  listDue(now: string, limit: number): Promise<Step[]>;
  /** The soonest future wake-up, so a scheduler can sleep until then. */
  nextWakeAt(): Promise<string | null>;
}

export interface TaskListOptions extends ListOptions {
  status?: TaskStatus[];
  flowId?: string;
  nodeId?: string;
  runId?: string;
  /** Only test runs' tasks (true) or only real runs' (false). */
  test?: boolean;
  /** Only tasks created at or after this instant (ISO). */
  createdFrom?: string;
  /** Only tasks created before this instant (ISO). */
  createdBefore?: string;
}

export interface TaskRepository extends EntityRepository<Task> {
  /** Ordered by dueAt (tasks without one last), then createdAt, oldest first: the inbox order. */
  list(options?: TaskListOptions): Promise<Page<Task>>;
  /** Open tasks with dueAt at or before `now` not yet escalated, soonest first. */
  listDue(now: string, limit: number): Promise<Task[]>;
  nextDueAt(): Promise<string | null>;
  /** Open tasks of real runs per flow, flows without one left out (the flows list). */
  countOpenByFlow(): Promise<OpenTaskCount[]>;
}

export interface FeedbackRepository {
  create(feedback: Feedback): Promise<Feedback>;
  list(
    options?: ListOptions & {
      flowId?: string;
      nodeId?: string;
      sourceNodeId?: string;
      since?: string;
    },
  ): Promise<Page<Feedback>>;
}

export interface AutomationRepository {
  find(flowId: string, nodeId: string): Promise<AutomationSetting | null>;
  /** Inserts at revision 0 when absent (caller passes revision 0), else updates by revision. */
  put(setting: AutomationSetting): Promise<AutomationSetting>;
  listByFlow(flowId: string): Promise<AutomationSetting[]>;
}

export interface PublicationRepository extends EntityRepository<Publication> {
  /** Unique key: `key` (runId:nodeId). */
  create(publication: Publication): Promise<Publication>;
  findByKey(key: string): Promise<Publication | null>;
  /** `archived`: only those with an `archivedAt` (true) or only those without (false). */
  list(
    options?: ListOptions & {
      runId?: string;
      status?: PublicationStatus[];
      channel?: PublicationChannel;
      archived?: boolean;
    },
  ): Promise<Page<Publication>>;
  /**
   * The collection names of saved library entries (archived ones too), each once, in
   * alphabetical order, at most `limit`; entries saved without one are left out.
   */
  libraryCollections(limit: number): Promise<string[]>;
}

export interface AuditRepository {
  /** Assigns id, seq and the hash chain atomically; concurrent appends never fork the chain. */
  append(entry: AuditEntry): Promise<AuditEvent>;
  /** Newest first. */
  list(
    options?: ListOptions & {
      actorId?: string;
      action?: string;
      subjectId?: string;
      subjectType?: string;
    },
  ): Promise<Page<AuditEvent>>;
  /** Oldest first, from `afterSeq` exclusive, for chain verification. */
  listFrom(afterSeq: number, limit: number): Promise<AuditEvent[]>;
}

export interface BrandKitRepository extends EntityRepository<BrandKit> {
  list(): Promise<BrandKit[]>;
}

export interface ConnectionRepository extends EntityRepository<Connection> {
  list(): Promise<Connection[]>;
  delete(id: string): Promise<void>;
}

export interface SuggestionRepository extends EntityRepository<Suggestion> {
  list(options?: {
    flowId?: string;
    nodeId?: string;
    status?: Suggestion['status'][];
  }): Promise<Suggestion[]>;
}

export interface NotificationSettingsRepository {
  /** The workspace's settings, null until an admin first saves them. */
  find(): Promise<NotificationSettings | null>;
  /** Inserts at revision 0 when absent (caller passes revision 0), else updates by revision. */
  put(settings: NotificationSettings): Promise<NotificationSettings>;
}

export interface NotificationPreferenceRepository {
  /** By user id. */
  find(userId: string): Promise<NotificationPreference | null>;
  /** Inserts at revision 0 when absent (caller passes revision 0), else updates by revision. */
  put(preference: NotificationPreference): Promise<NotificationPreference>;
  /** Users who asked for review emails, by user id. */
  listOptedIn(): Promise<NotificationPreference[]>;
}

export interface NotificationDeliveryRepository {
  /** The claim: CONFLICT when a delivery with this id exists (another process took it). */
  create(delivery: NotificationDelivery): Promise<NotificationDelivery>;
  find(id: string): Promise<NotificationDelivery | null>;
  update(delivery: NotificationDelivery): Promise<NotificationDelivery>;
}

export interface StorePort {
  readonly kind: 'sqlite' | 'mongo' | 'memory';
  readonly users: UserRepository;
  readonly sessions: SessionRepository;
  readonly flows: FlowRepository;
  readonly flowVersions: FlowVersionRepository;
  readonly runs: RunRepository;
  readonly steps: StepRepository;
  readonly tasks: TaskRepository;
  readonly feedback: FeedbackRepository;
  readonly automation: AutomationRepository;
  readonly publications: PublicationRepository;
  readonly audit: AuditRepository;
  readonly brandKits: BrandKitRepository;
  readonly connections: ConnectionRepository;
  readonly suggestions: SuggestionRepository;
  readonly notificationSettings: NotificationSettingsRepository;
  readonly notificationPreferences: NotificationPreferenceRepository;
  readonly notificationDeliveries: NotificationDeliveryRepository;
  /** Cheap liveness check for /api/health. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
