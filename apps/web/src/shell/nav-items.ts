import type { Role } from '@tandem/schema';

export interface NavItem {
  to: string;
  label: string;
  icon: string;
  /** Roles that see the entry; empty means every signed-in user. */
  roles: Role[];
}

const NAV_ITEMS: NavItem[] = [
  { to: '/flows', label: 'Flows', icon: '◇', roles: ['designer', 'admin'] },
  // Anyone may be named to decide at a checkpoint (designers choose from everyone who can sign
  // in), so everyone has an inbox: a designer named on one had a task, and an email linking to
  // it, that no page of theirs would open.
  { to: '/inbox', label: 'Inbox', icon: '✉', roles: [] },
  // Listing runs is for those who build flows or own their automation: a reviewer's runs page
  // only said so. Reviewers reach a task's run from the task itself.
  { to: '/runs', label: 'Runs', icon: '▶', roles: ['designer', 'manager', 'admin'] },
  // What approved flows kept in Tandem: for those who see runs, as each entry is a run's output.
  { to: '/library', label: 'Library', icon: '❏', roles: ['designer', 'manager', 'admin'] },
  { to: '/automation', label: 'Automation', icon: '⚙', roles: ['manager', 'admin'] },
  { to: '/settings', label: 'Settings', icon: '☰', roles: ['admin'] },
];

export function navItemsFor(roles: readonly Role[]): NavItem[] {
  return NAV_ITEMS.filter(
    (item) => item.roles.length === 0 || item.roles.some((r) => roles.includes(r)),
  );
}
