import type { Task } from '@tandem/schema';
import type { Actor } from './engine.types.js';

/** The refusal a quorum task gives to someone whose approval is already counted. */
export const ALREADY_APPROVED_MESSAGE = 'You already approved this task; it needs another person';

/** Whether `actor` has an approval counted towards this task's quorum. */
export function hasApproved(task: Pick<Task, 'approvals'>, actor: Pick<Actor, 'id'>): boolean {
  return task.approvals.some((a) => a.actorId === actor.id);
}

/**
 * Why `actor` may not approve `task` (separation of duties: they started its run), or null.
 * The engine refuses with this message and the server explains it up front, so the two agree.
 */
export function approveBlockedReason(
  task: Pick<Task, 'separationOfDuties' | 'startedBy'>,
  actor: Pick<Actor, 'id'>,
): string | null {
  return task.separationOfDuties && task.startedBy === actor.id
    ? 'You started this run, so someone else must approve it'
    : null;
}
