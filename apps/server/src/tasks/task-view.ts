import type { Decision, Task } from '@tandem/schema';
import type { NameOf } from '../users/user-names.js';

export type NamedDecision = Decision & { actorName: string | null };

/** A task as the API returns it: every user id it mentions comes with that user's name. */
export type NamedTask = Omit<Task, 'decision' | 'approvals'> & {
  decision: NamedDecision | null;
  approvals: NamedDecision[];
  claimedByName: string | null;
};

/** The user ids a task mentions, to look their names up in one go. */
export function userIdsOf(task: Task): (string | null)[] {
  return [task.claimedBy, task.decision?.actorId ?? null, ...task.approvals.map((a) => a.actorId)];
}

export function withNames(task: Task, nameOf: NameOf): NamedTask {
  const named = (d: Decision): NamedDecision => ({ ...d, actorName: nameOf(d.actorId) });
  return {
    ...task,
    decision: task.decision ? named(task.decision) : null,
    approvals: task.approvals.map(named),
    claimedByName: nameOf(task.claimedBy),
  };
}
