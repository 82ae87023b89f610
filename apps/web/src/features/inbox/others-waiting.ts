import type { OpenTaskCount, Role } from '@tandem/schema';

/**
 * Those who see every run (the server's run viewers, admins included) also get every real run's
 * open tasks counted by GET /api/tasks/open-counts; for anyone else it counts only their own.
 */
export const seesEveryTask = (roles: readonly Role[]) =>
  roles.some((r) => r === 'designer' || r === 'manager' || r === 'admin');

/**
 * What an empty inbox says about the work waiting for other people, for those who see every
 * run: an admin or a manager whose inbox is empty while reviewers have work would otherwise read
 * "all caught up" as "nothing is waiting anywhere". Null when nothing waits.
 */
export function othersWaitingText(counts: readonly OpenTaskCount[]): string | null {
  const open = counts.reduce((sum, c) => sum + c.open, 0);
  if (open === 0) return null;
  const flows = counts.filter((c) => c.open > 0).length;
  const tasks = open === 1 ? '1 task waits' : `${open} tasks wait`;
  const where = flows === 1 ? 'in 1 flow' : `in ${flows} flows`;
  return `${tasks} for someone else's review ${where}.`;
}
