/**
 * Every action the audit trail records, with the words an admin reads in its place. Callers
 * can only record an action listed here (`AuditEntry.action` is typed by it), so the audit
 * page's filter offers each one and never shows a code it has no words for. Events stored
 * before an action was renamed still read: `auditActionLabel` falls back to the code.
 */
export const AUDIT_ACTIONS = {
  'auth.login': { area: 'Sign-in and access', label: 'Signed in' },
  'auth.login_failed': { area: 'Sign-in and access', label: 'Sign-in failed' },
  'auth.logout': { area: 'Sign-in and access', label: 'Signed out' },
  'access.denied': { area: 'Sign-in and access', label: 'Access denied' },
  'user.seeded': { area: 'People', label: 'User created at start-up' },
  'user.created': { area: 'People', label: 'User added' },
  'user.renamed': { area: 'People', label: 'User renamed' },
  'user.roles_changed': { area: 'People', label: 'Roles changed' },
  'user.password_changed': { area: 'People', label: 'Password changed' },
  'user.disabled': { area: 'People', label: 'User disabled' },
  'user.enabled': { area: 'People', label: 'User enabled again' },
  'flow.created': { area: 'Flows and runs', label: 'Flow created' },
  'flow.published': { area: 'Flows and runs', label: 'Flow published' },
  'flow.deleted': { area: 'Flows and runs', label: 'Flow deleted' },
  'run.started': { area: 'Flows and runs', label: 'Run started' },
  'run.canceled': { area: 'Flows and runs', label: 'Run canceled' },
  'task.decided': { area: 'Reviews', label: 'Decision made' },
  'task.approval_added': { area: 'Reviews', label: 'Approval added, more needed' },
  'task.decision_denied': { area: 'Reviews', label: 'Decision refused' },
  'task.action_refused': { area: 'Reviews', label: 'Task action refused' },
  'task.escalated': { area: 'Reviews', label: 'Overdue task escalated' },
  'task.expired': { area: 'Reviews', label: 'Overdue task decided by its rule' },
  'automation.changed': { area: 'Automation and learning', label: 'Automation level changed' },
  'suggestion.proposed': { area: 'Automation and learning', label: 'Brand kit suggestion made' },
  'suggestion.accepted': {
    area: 'Automation and learning',
    label: 'Brand kit suggestion accepted',
  },
  'suggestion.dismissed': {
    area: 'Automation and learning',
    label: 'Brand kit suggestion dismissed',
  },
  'publication.sent': { area: 'Publishing', label: 'Published' },
  'publication.dead': { area: 'Publishing', label: 'Publishing gave up' },
  'publication.replayed': { area: 'Publishing', label: 'Publication sent again' },
  'library.archived': { area: 'Publishing', label: 'Library entry archived' },
  'library.restored': { area: 'Publishing', label: 'Library entry restored from the archive' },
  'webhook.received': { area: 'Publishing', label: 'Webhook call started a run' },
  'webhook.refused': { area: 'Publishing', label: 'Webhook call refused' },
  'webhook.refusals_counted': {
    area: 'Publishing',
    label: 'Refused webhook calls counted (too many to record one by one)',
  },
  'schedule.fired': { area: 'Flows and runs', label: 'Schedule started a run' },
  'connection.created': { area: 'Settings', label: 'Connection added' },
  'connection.updated': { area: 'Settings', label: 'Connection changed' },
  'connection.tested': { area: 'Settings', label: 'Connection tested' },
  'connection.disabled': { area: 'Settings', label: 'Connection switched off' },
  'connection.deleted': { area: 'Settings', label: 'Connection deleted' },
  'connection.headers_sealed': { area: 'Settings', label: 'Connection headers encrypted' },
  'brand_kit.created': { area: 'Settings', label: 'Brand kit created' },
  'brand_kit.updated': { area: 'Settings', label: 'Brand kit changed' },
  'notifications.changed': { area: 'Settings', label: 'Email notifications set up' },
} as const satisfies Record<string, { area: string; label: string }>;

export type AuditAction = keyof typeof AUDIT_ACTIONS;

export function isAuditAction(action: string): action is AuditAction {
  return Object.hasOwn(AUDIT_ACTIONS, action);
}

/** "Signed in" for `auth.login`; an action no longer listed reads as its code. */
export function auditActionLabel(action: string): string {
  return isAuditAction(action) ? AUDIT_ACTIONS[action].label : action;
}
