import type { Task } from '@tandem/schema';

/**
 * Where this reviewer stands on an open task. `released`: they held the claim and lost it
 * without deciding (an escalation at the due time, or a manager let it go), so they may take it
 * back but are not reviewing it now.
 */
export type ClaimState =
  'loading' | 'mine' | 'released' | 'readonly' | 'other' | 'closed' | 'error';

type ClaimFields = Pick<Task, 'status' | 'claimedBy'>;

/** The state of a task just loaded: an unclaimed open task is one to claim. */
export function claimStateOf(task: ClaimFields, userId: string): ClaimState {
  if (task.status !== 'open') return 'closed';
  if (task.claimedBy && task.claimedBy !== userId) return 'other';
  return 'mine';
}

/**
 * The state after a live update of the task; `reclaim` when the other reviewer let go and this
 * one should take the claim. A claim cleared under this reviewer (an escalation clears it) is
 * `released`, not "You are reviewing this".
 */
export function claimAfterUpdate(
  current: ClaimState,
  next: ClaimFields,
  userId: string,
): ClaimState | 'reclaim' {
  if (next.status !== 'open') return 'closed';
  if (current === 'loading') return current;
  if (next.claimedBy && next.claimedBy !== userId) return 'other';
  if (current === 'readonly') return current;
  if (next.claimedBy === userId) return 'mine';
  if (current === 'other') return 'reclaim';
  if (current === 'mine' || current === 'released') return 'released';
  return 'mine';
}
