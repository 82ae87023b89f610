import { hash } from 'node:crypto';
import type { AuditEvent } from '@tandem/schema';

/** prevHash of the first event in the log. */
export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted at every level, so equal values always hash the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export type AuditHashFields = Omit<AuditEvent, 'hash' | 'prevHash'>;

/** sha256 over the previous hash and the canonical JSON of the event's own fields. */
export function computeAuditHash(prevHash: string, event: AuditHashFields): string {
  const fields: AuditHashFields = {
    id: event.id,
    seq: event.seq,
    at: event.at,
    actorId: event.actorId,
    action: event.action,
    subjectType: event.subjectType,
    subjectId: event.subjectId,
    details: event.details,
  };
  // One-shot digest of the two parts in a row: the same bytes as two update() calls.
  return hash('sha256', prevHash + canonicalJson(fields), 'hex');
}
