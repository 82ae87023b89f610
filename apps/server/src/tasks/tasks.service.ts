import { isAppError } from '@tandem/schema';
import type { Page, StorePort, Task, TaskStatus, User } from '@tandem/schema';
import type { Engine } from '@tandem/engine';
import type { Access } from '../auth/access.js';
import { forbidden } from '../auth/auth.middleware.js';
import type { AuditService } from '../audit/audit.service.js';

/** How many stored tasks one inbox request may scan to fill a page of the caller's tasks. */
const SCAN_LIMIT = 5_000;

export interface TaskQuery {
  status?: TaskStatus[];
  flowId?: string;
  runId?: string;
  nodeId?: string;
  limit: number;
  cursor?: string;
}

export interface TaskDetail {
  task: Task;
  canDecide: boolean;
  flow: { id: string; name: string; versionNumber: number };
  run: { id: string; status: string; input: unknown; startedBy: string | null; createdAt: string };
  /** Finished steps before the checkpoint, oldest first: what the reviewer may want to check. */
  context: { nodeId: string; type: string; label: string | null; output: unknown }[];
}

export interface TasksService {
  list(user: User, query: TaskQuery): Promise<Page<Task>>;
  detail(user: User, id: string): Promise<TaskDetail>;
  /** Runs an engine task action; a refused decision (conflict) is audited before it is rethrown. */
  act(user: User, id: string, action: string, run: () => Promise<Task>): Promise<Task>;
}

const REFUSALS = new Set(['TASK_ALREADY_DECIDED', 'TASK_CLAIMED', 'CONFLICT', 'CANCELED']);

export function createTasksService(deps: {
  store: StorePort;
  engine: Engine;
  access: Access;
  audit: AuditService;
}): TasksService {
  const { store, access, audit } = deps;

  return {
    /**
     * The store pages over all tasks; only the caller's are returned. Each store page asks for
     * no more rows than the page still needs, so the cursor never skips a task of the caller's.
     */
    async list(user, query) {
      const items: Task[] = [];
      let cursor = query.cursor;
      let scanned = 0;
      do {
        const page = await store.tasks.list({
          limit: query.limit - items.length,
          ...(cursor ? { cursor } : {}),
          ...(query.status ? { status: query.status } : {}),
          ...(query.flowId ? { flowId: query.flowId } : {}),
          ...(query.runId ? { runId: query.runId } : {}),
          ...(query.nodeId ? { nodeId: query.nodeId } : {}),
        });
        scanned += page.items.length;
        for (const task of page.items) if (access.canDecide(user, task)) items.push(task);
        cursor = page.nextCursor;
      } while (cursor && items.length < query.limit && scanned < SCAN_LIMIT);
      return { items, ...(cursor ? { nextCursor: cursor } : {}) };
    },

    async detail(user, id) {
      const task = await store.tasks.get(id);
      if (!access.canViewTask(user, task)) {
        throw forbidden('This task is not assigned to you or any of your roles', { taskId: id });
      }
      const run = await store.runs.get(task.runId);
      const [version, flow, steps] = await Promise.all([
        store.flowVersions.get(run.flowVersionId),
        store.flows.find(task.flowId),
        store.steps.listByRun(task.runId),
      ]);
      const labels = new Map(version.graph.nodes.map((n) => [n.id, n.label ?? null]));
      const context = steps
        .filter((s) => s.status === 'done' && s.nodeId !== task.nodeId)
        .map((s) => ({
          nodeId: s.nodeId,
          type: s.type,
          label: labels.get(s.nodeId) ?? null,
          output: s.output,
        }));
      return {
        task,
        canDecide: access.canDecide(user, task),
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
