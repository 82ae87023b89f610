import { z } from 'zod';
import { IdSchema, JsonRecordSchema, LIMITS, TimestampSchema } from './common.schema.js';

/** Append-only; each event's hash covers its content and the previous event's hash. */
export const AuditEventSchema = z.strictObject({
  id: IdSchema,
  seq: z.number().int().min(1),
  at: TimestampSchema,
  actorId: IdSchema.nullable(),
  /** e.g. `auth.login`, `auth.login_failed`, `task.decided`, `automation.changed`, `flow.published`. */
  action: z.string().max(LIMITS.id),
  subjectType: z.string().max(LIMITS.id),
  subjectId: z.string().max(LIMITS.id * 2 + 1),
  details: JsonRecordSchema,
  prevHash: z.string().max(128),
  hash: z.string().max(128),
});
export type AuditEvent = z.infer<typeof AuditEventSchema>;

/** What a caller hands the audit log; seq, hashes and id are the log's to assign. */
export type AuditEntry = Pick<AuditEvent, 'actorId' | 'action' | 'subjectType' | 'subjectId'> & {
  details?: AuditEvent['details'];
  at?: string;
};
