import { z } from 'zod';
import type { AuditAction } from './audit-actions.js';
import { IdSchema, JsonRecordSchema, LIMITS, TimestampSchema } from './common.schema.js';

/** Append-only; each event's hash covers its content and the previous event's hash. */
export const AuditEventSchema = z.strictObject({
  id: IdSchema,
  seq: z.number().int().min(1),
  at: TimestampSchema,
  actorId: IdSchema.nullable(),
  /** One of `AUDIT_ACTIONS` when written; a string when read, so events of a renamed action still load. */
  action: z.string().max(LIMITS.id),
  subjectType: z.string().max(LIMITS.id),
  subjectId: z.string().max(LIMITS.id * 2 + 1),
  details: JsonRecordSchema,
  prevHash: z.string().max(128),
  hash: z.string().max(128),
});
export type AuditEvent = z.infer<typeof AuditEventSchema>;

/** What a caller hands the audit log; seq, hashes and id are the log's to assign. */
export type AuditEntry = Pick<AuditEvent, 'actorId' | 'subjectType' | 'subjectId'> & {
  action: AuditAction;
  details?: AuditEvent['details'];
  at?: string;
};
