import type { Role, Run, StorePort, Task, User } from '@tandem/schema';
import type { Engine } from '@tandem/engine';
import { hasRole } from './auth.middleware.js';

/** Roles that see every run and its steps (admins pass every role gate). */
export const RUN_VIEWERS: readonly Role[] = ['designer', 'manager'];

/**
 * Object-level rules shared by the REST routes and the socket subscriptions, so a reviewer who
 * cannot GET a run cannot watch it either.
 */
export interface Access {
  canDecide(user: User, task: Task): boolean;
  /** Deciders see their tasks; run viewers see every task (read-only unless assigned). */
  canViewTask(user: User, task: Task): boolean;
  /** Whether `canViewTask` holds for every task: the user is a run viewer. */
  viewsEveryTask(user: User): boolean;
  /** Run viewers, or a reviewer with a task in this run they may decide. */
  canViewRun(user: User, run: Pick<Run, 'id'>): Promise<boolean>;
  /** `canViewRun` for a caller who already read the run's tasks. */
  canViewRunOf(user: User, tasks: readonly Task[]): boolean;
  canViewRunId(user: User, runId: string): Promise<boolean>;
  /** Flow rooms carry every run of the flow: run viewers only. */
  canWatchFlow(user: User, flowId: string): Promise<boolean>;
}

export function createAccess(store: StorePort, engine: Pick<Engine, 'canDecide'>): Access {
  const canDecide = (user: User, task: Task) => engine.canDecide(task, user);
  const viewsEveryTask = (user: User) => hasRole(user, RUN_VIEWERS);
  const canViewRunOf = (user: User, tasks: readonly Task[]) =>
    viewsEveryTask(user) || tasks.some((t) => canDecide(user, t));
  const canViewRun = async (user: User, run: Pick<Run, 'id'>) => {
    if (viewsEveryTask(user)) return true;
    // Page through all the run's tasks: the reviewer's may come after many others'.
    let cursor: string | undefined;
    do {
      const page = await store.tasks.list({
        runId: run.id,
        limit: 500,
        ...(cursor ? { cursor } : {}),
      });
      if (canViewRunOf(user, page.items)) return true;
      cursor = page.nextCursor;
    } while (cursor);
    return false;
  };
  return {
    canDecide,
    canViewTask: (user, task) => canDecide(user, task) || viewsEveryTask(user),
    viewsEveryTask,
    canViewRun,
    canViewRunOf,
    async canViewRunId(user, runId) {
      const run = await store.runs.find(runId);
      return run !== null && canViewRun(user, run);
    },
    async canWatchFlow(user, flowId) {
      if (!viewsEveryTask(user)) return false;
      return (await store.flows.find(flowId)) !== null;
    },
  };
}
