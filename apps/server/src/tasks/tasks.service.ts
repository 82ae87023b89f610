import { isAppError } from '@tandem/schema';
import type {
  OpenTaskCount,
  Page,
  StorePort,
  Task,
  TaskListOptions,
  TaskStatus,
  User,
} from '@tandem/schema';
import { approveBlockedReason, hasApproved } from '@tandem/engine';
import type { Engine } from '@tandem/engine';
import type { Access } from '../auth/access.js';
import { forbidden } from '../auth/auth.middleware.js';
import type { AuditService } from '../audit/audit.service.js';
import { loadUserNames } from '../users/user-names.js';
import { userIdsOf, withNames, type NamedTask } from './task-view.js';
import { outputForReaders } from '../runs/run-view.js';

/** How many stored tasks one inbox request may scan to fill a page of the caller's tasks. */
const SCAN_LIMIT = 5_000;
/** The store's largest page. */
const STORE_PAGE = 500;

export interface TaskQuery {
  status?: TaskStatus[];
  flowId?: string;
  runId?: string;
  nodeId?: string;
  limit: number;
  cursor?: string;
}

export interface TaskDetail {
  task: NamedTask;
  /** False also once the caller's approval is in and the task waits for other approvers. */
  canDecide: boolean;
  /** The caller's approval counts towards the quorum; the task waits for someone else. */
  approvedByYou: boolean;
  /** Why the caller may reject or send back, but not approve (separation of duties). */
  approveBlockedReason: string | null;
  /** Rounds of changes the checkpoint allows in all (`task.round` were used), when known. */
  maxRounds: number | null;
  flow: { id: string; name: string; versionNumber: number };
  run: { id: string; status: string; input: unknown; startedBy: string | null; createdAt: string };
  /**
   * On a redraft: what the last reviewer asked for and the draft they sent back, so this one
   * can check the AI did it.
   */
  previousRound: { note: string; actorName: string | null; at: string; text: string } | null;
  /** Finished steps before the checkpoint, oldest first: what the reviewer may want to check. */
  context: { nodeId: string; type: string; label: string | null; output: unknown }[];
}

export interface TasksService {
  /** The inbox: tasks the caller may decide and has not approved yet. */
  list(user: User, query: TaskQuery): Promise<Page<NamedTask>>;
  detail(user: User, id: string): Promise<TaskDetail>;
  /** Every task of a run, read-only, for anyone who may view the run (the run page). */
  listOfRun(user: User, runId: string): Promise<NamedTask[]>;
  /** Open tasks per flow among those the caller may view (the flows list). */
  openCounts(user: User): Promise<OpenTaskCount[]>;
  /** Runs an engine task action; a refused decision (conflict) is audited before it is rethrown. */
  act(user: User, id: string, action: string, run: () => Promise<Task>): Promise<Task>;
}

const REFUSALS = new Set(['TASK_ALREADY_DECIDED', 'TASK_CLAIMED', 'CONFLICT', 'CANCELED']);

/** The engine's words for a task outside the caller's assignments, so both 403s read alike. */
const NOT_YOURS = 'This task is not assigned to you or any of your roles';
const notYours = (taskId: string) => forbidden(NOT_YOURS, { taskId });

/** An open quorum task the caller approved already waits on other people, not on them. */
function approvedBy(user: User, task: Task): boolean {
  return task.status === 'open' && hasApproved(task, user);
}

/**
 * The inbox's rule: the task is the user's to decide and does not wait on someone else's
 * approval after theirs. The review emails list exactly these tasks.
 */
export function waitsOn(access: Pick<Access, 'canDecide'>, user: User, task: Task): boolean {
  return access.canDecide(user, task) && !approvedBy(user, task);
}

/** The latest task of the same checkpoint and run that was sent back for changes. */
function sentBackBefore(task: Task, runTasks: readonly Task[]): Task | null {
  const earlier = runTasks.filter(
    (t) =>
      t.nodeId === task.nodeId &&
      t.id !== task.id &&
      t.createdAt <= task.createdAt &&
      t.decision?.action === 'request_changes',
  );
  return earlier.sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1))[0] ?? null;
}

/** What the engine recorded for the checkpoint step: its limit of request-changes rounds. */
function maxRoundsOf(state: unknown): number | null {
  const max = (state as { maxRevisions?: unknown } | null)?.maxRevisions;
  return typeof max === 'number' ? max : null;
}

export function createTasksService(deps: {
  store: StorePort;
  engine: Engine;
  access: Access;
  audit: AuditService;
}): TasksService {
  const { store, access, audit } = deps;
  const named = async (tasks: Task[]) => {
    const nameOf = await loadUserNames(store, tasks.flatMap(userIdsOf));
    return tasks.map((t) => withNames(t, nameOf));
  };

  /**
   * The store's pages of tasks matching `filter`, each asking for `limit()` rows, until the
   * last page or SCAN_LIMIT tasks read: callers that filter further stop when they have enough.
   */
  async function* taskPages(
    filter: Omit<TaskListOptions, 'limit'>,
    limit: () => number,
  ): AsyncGenerator<Page<Task>> {
    let cursor = filter.cursor;
    let scanned = 0;
    do {
      const page = await store.tasks.list({
        ...filter,
        limit: limit(),
        ...(cursor ? { cursor } : {}),
      });
      scanned += page.items.length;
      yield page;
      cursor = page.nextCursor;
    } while (cursor && scanned < SCAN_LIMIT);
  }

  /** Visits stored tasks matching `filter`, at most SCAN_LIMIT of them. */
  async function scan(
    filter: { status?: TaskStatus[]; runId?: string; nodeId?: string; test?: boolean },
    visit: (task: Task) => void,
  ): Promise<void> {
    for await (const page of taskPages(filter, () => STORE_PAGE)) page.items.forEach(visit);
  }

  /** On a redraft, the task of the round before; only its checkpoint's decided tasks are read. */
  async function previousRoundOf(task: Task): Promise<Task | null> {
    if (task.round === 0) return null;
    const decided: Task[] = [];
    await scan({ runId: task.runId, nodeId: task.nodeId, status: ['decided'] }, (t) =>
      decided.push(t),
    );
    return sentBackBefore(task, decided);
  }

  /**
   * The task `id` when the caller may view it. Access before existence, as `GET /api/runs/:id`
   * does: whoever does not view every task (a reviewer, or anyone no task is assigned to) gets
   * the same 403 for an unknown id as for a task that is not theirs, so no answer tells them
   * which task ids exist. Run viewers (designers, managers, admins) may view every task, so a
   * 404 tells them nothing a list would not.
   */
  async function visibleTask(user: User, id: string): Promise<Task> {
    if (access.viewsEveryTask(user)) return store.tasks.get(id);
    const task = await store.tasks.find(id);
    if (!task || !access.canViewTask(user, task)) throw notYours(id);
    return task;
  }

  return {
    /**
     * The store pages over all tasks; only the caller's are returned (a test run's task is its
     * starter's alone, whatever their roles). Each store page asks for
     * no more rows than the page still needs, so the cursor never skips a task of the caller's.
     */
    async list(user, query) {
      const items: Task[] = [];
      let nextCursor: string | undefined;
      const filter = {
        ...(query.cursor ? { cursor: query.cursor } : {}),
        ...(query.status ? { status: query.status } : {}),
        ...(query.flowId ? { flowId: query.flowId } : {}),
        ...(query.runId ? { runId: query.runId } : {}),
        ...(query.nodeId ? { nodeId: query.nodeId } : {}),
      };
      for await (const page of taskPages(filter, () => query.limit - items.length)) {
        for (const task of page.items) {
          if (waitsOn(access, user, task)) items.push(task);
        }
        nextCursor = page.nextCursor;
        if (items.length >= query.limit) break;
      }
      return { items: await named(items), ...(nextCursor ? { nextCursor } : {}) };
    },

    async listOfRun(user, runId) {
      const tasks: Task[] = [];
      await scan({ runId }, (task) => tasks.push(task));
      // Access before existence: a 404 before the 403 would tell anyone which run ids exist.
      if (!access.canViewRunOf(user, tasks)) {
        throw forbidden('This run is not yours to see', { runId });
      }
      await store.runs.get(runId);
      return named(tasks);
    },

    async openCounts(user) {
      // Run viewers count every real run's open task, from the store's count, and the open
      // tasks of their own test runs; anyone else counts the open tasks they may decide (a test
      // run's go to its starter alone).
      const open = new Map<string, number>();
      const count = (task: Task) => open.set(task.flowId, (open.get(task.flowId) ?? 0) + 1);
      if (access.viewsEveryTask(user)) {
        for (const { flowId, open: n } of await store.tasks.countOpenByFlow()) open.set(flowId, n);
        await scan({ status: ['open'], test: true }, (task) => {
          if (access.canDecide(user, task)) count(task);
        });
      } else {
        await scan({ status: ['open'] }, (task) => {
          if (access.canViewTask(user, task)) count(task);
        });
      }
      return [...open].map(([flowId, n]) => ({ flowId, open: n }));
    },

    async detail(user, id) {
      const task = await visibleTask(user, id);
      const [run, flow, steps, previous] = await Promise.all([
        store.runs.get(task.runId),
        store.flows.find(task.flowId),
        store.steps.listByRun(task.runId),
        previousRoundOf(task),
      ]);
      const [version, [namedTask, namedPrevious]] = await Promise.all([
        store.flowVersions.get(run.flowVersionId),
        named(previous ? [task, previous] : [task]),
      ]);
      const labels = new Map(version.graph.nodes.map((n) => [n.id, n.label ?? null]));
      const context = steps
        .filter((s) => s.status === 'done' && s.nodeId !== task.nodeId)
        .map((s) => ({
          nodeId: s.nodeId,
          type: s.type,
          label: labels.get(s.nodeId) ?? null,
          output: outputForReaders(s),
        }));
      const approved = approvedBy(user, task);
      return {
        task: namedTask!,
        canDecide: access.canDecide(user, task) && !approved,
        approvedByYou: approved,
        approveBlockedReason: approveBlockedReason(task, user),
        maxRounds: maxRoundsOf(steps.find((s) => s.id === task.stepId)?.state),
        previousRound: namedPrevious?.decision
          ? {
              note: namedPrevious.decision.reason ?? '',
              actorName: namedPrevious.decision.actorName,
              at: namedPrevious.decision.at,
              text: namedPrevious.content.text ?? '',
            }
          : null,
        flow: { id: task.flowId, name: flow?.name ?? version.name, versionNumber: version.number },
        run: {
          id: run.id,
          status: run.status,
          input: run.input,
          startedBy: run.startedBy,
          createdAt: run.createdAt,
        },
        context,
      };
    },

    async act(user, id, action, run) {
      // The engine reads the task before it checks the assignment (404 before 403); answer an
      // unknown id here first, the way `visibleTask` does. A known task goes on to the engine,
      // which refuses an outsider with the same 403 (and audits the attempt).
      if (!access.viewsEveryTask(user) && !(await store.tasks.find(id))) throw notYours(id);
      try {
        return await run();
      } catch (error) {
        if (isAppError(error) && REFUSALS.has(error.code)) {
          await audit.record({
            actorId: user.id,
            action: 'task.action_refused',
            subjectType: 'task',
            subjectId: id,
            details: { attempted: action, code: error.code, reason: error.message },
          });
        }
        throw error;
      }
    },
  };
}
