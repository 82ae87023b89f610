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

/**
 * Why a decision key does nothing on this task, or null when it is the reviewer's to decide (or
 * still loading). The buttons show it disabled; a key press said nothing at all, and a reviewer
 * on a task someone else decided kept pressing a. `closed` is what the header says of a closed
 * task (who decided it and how).
 */
export function decisionLockedReason(claim: ClaimState, closed: string): string | null {
  switch (claim) {
    case 'closed':
      return `${closed.replace(/\.?$/, '.')} Press j for the next task.`;
    case 'other':
      return 'Another reviewer is reviewing this task; deciding is locked until they release it.';
    case 'released':
      return 'Your claim on this task was released: take it back to decide.';
    case 'readonly':
      return 'You can read this task; deciding it is up to other reviewers.';
    default:
      return null;
  }
}
