import type { AuditEntry, AuditEvent, StorePort } from '@tandem/schema';

export interface AuditService {
  record(entry: AuditEntry): Promise<AuditEvent>;
}

export function createAuditService(store: StorePort): AuditService {
  return {
    record: (entry) => store.audit.append({ ...entry, details: entry.details ?? {} }),
  };
}
