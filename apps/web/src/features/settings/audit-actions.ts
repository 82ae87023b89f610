import { AUDIT_ACTIONS, type AuditAction } from '@tandem/schema';

export interface AuditActionGroup {
  area: string;
  actions: { action: AuditAction; label: string }[];
}

/** The audit filter's choices: every action the trail records, by area, in catalog order. */
export function auditActionGroups(): AuditActionGroup[] {
  const groups = new Map<string, AuditActionGroup>();
  for (const [action, { area, label }] of Object.entries(AUDIT_ACTIONS)) {
    let group = groups.get(area);
    if (!group) groups.set(area, (group = { area, actions: [] }));
    group.actions.push({ action: action as AuditAction, label });
  }
  return [...groups.values()];
}
