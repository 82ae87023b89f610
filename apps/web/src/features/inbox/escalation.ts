import type { Role, Task } from '@tandem/schema';
import { formatRelative } from '../../ui/format.js';

const ROLE_PLURAL: Record<Role, string> = {
  admin: 'admins',
  designer: 'designers',
  reviewer: 'reviewers',
  manager: 'managers',
};

/**
 * Whom an escalated task went to: the engine puts the role escalated to last among the
 * assignees (see packages/engine due-timers), so the task itself says it.
 */
function escalatedTo(task: Partial<Pick<Task, 'escalatedAt' | 'assignees'>>): Role | null {
  if (!task.escalatedAt) return null;
  return task.assignees?.roles.at(-1) ?? null;
}

/** "Escalated to managers 5 minutes ago"; null for a task that was not escalated. */
export function escalationLabel(
  task: Partial<Pick<Task, 'escalatedAt' | 'assignees'>>,
  now: number,
): string | null {
  if (!task.escalatedAt) return null;
  const role = escalatedTo(task);
  const to = role ? ` to ${ROLE_PLURAL[role]}` : '';
  return `Escalated${to} ${formatRelative(task.escalatedAt, now)}`;
}
