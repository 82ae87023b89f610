import type { TaskDetail } from './inbox-api.js';

const DONE = {
  approve: 'approved this task',
  edit: 'approved this task with edits',
  request_changes: 'sent this task back for changes',
  reject: 'rejected this task',
} as const;

/**
 * What a reviewer reads when the task they look at is no longer open: who decided it and how,
 * rather than a bare status, so a stale screen explains itself.
 */
export function closedMessage(
  task: Pick<TaskDetail, 'status' | 'decision'> & {
    decision?: (TaskDetail['decision'] & { actorName?: string | null }) | null;
  },
  userId: string,
): string {
  if (task.status === 'expired') return 'This task expired at its due time; nothing to decide.';
  if (task.status === 'canceled') return 'This task was canceled with its run; nothing to decide.';
  const decision = task.decision;
  if (!decision) return 'This task is already decided; nothing to decide.';
  const who = decision.actorId === userId ? 'You' : decision.actorName || 'Another reviewer';
  const reason = decision.reason ? `: “${decision.reason}”` : '.';
  return `${who} ${DONE[decision.action]}${reason}`;
}
