import type { TaskDetail } from './inbox-api.js';

/** Why a decision is not open to this reviewer on this task, or null when it is. */
export interface DecisionLimits {
  approve: string | null;
  requestChanges: string | null;
}

/**
 * The engine's rules a reviewer would otherwise learn only from a refused request: separation
 * of duties, the limit on rounds of changes, and spot checks (the content already went out).
 */
export function decisionLimits(
  task: Pick<TaskDetail, 'round' | 'kind' | 'content' | 'extras'>,
): DecisionLimits {
  const max = task.extras?.maxRounds;
  let requestChanges: string | null = null;
  if (task.kind === 'spot_check') {
    requestChanges = 'This item already went out, so it cannot be sent back for changes.';
  } else if (!task.content.sourceNodeId) {
    requestChanges = 'This content did not come from an AI step, so there is nothing to redo.';
  } else if (typeof max === 'number' && task.round >= max) {
    requestChanges =
      max === 0
        ? 'This checkpoint allows no rounds of changes: approve, edit or reject.'
        : `No rounds of changes left (all ${max} used): approve, edit or reject.`;
  }
  return { approve: task.extras?.approveBlockedReason ?? null, requestChanges };
}
