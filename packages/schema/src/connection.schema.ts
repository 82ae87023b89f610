import { z } from 'zod';
import { IdSchema, LIMITS, NameSchema, RevisionSchema, TimestampSchema } from './common.schema.js';

export const CONNECTION_KINDS = ['webhook', 'smtp', 'slack', 'wordpress', 'llm'] as const;
export const ConnectionKindSchema = z.enum(CONNECTION_KINDS);
export type ConnectionKind = z.infer<typeof ConnectionKindSchema>;

/**
 * A saved connection. `settings` holds what may be shown (URL host, SMTP host, user name);
 * `secrets` holds what may not (tokens, passwords, signing secrets, a webhook's custom header
 * values) and is stored encrypted. Webhook connections saved before header values were secrets
 * may still carry them as `settings.headers` until the server re-seals them on start.
 */
export const ConnectionSchema = z.strictObject({
  id: IdSchema,
  kind: ConnectionKindSchema,
  name: NameSchema,
  settings: z.record(z.string().max(LIMITS.id), z.json()),
  /** AES-GCM ciphertext of a JSON object of secrets; never leaves the server. */
  secretsCiphertext: z.string().max(LIMITS.longText),
  disabled: z.boolean(),
  disabledReason: z.string().max(LIMITS.shortText).nullable(),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
  revision: RevisionSchema,
});
export type Connection = z.infer<typeof ConnectionSchema>;

/**
 * A connection as the flow editor's picker sees it: enough to choose one by name, nothing of
 * its settings or secrets (designers may pick connections but not read them).
 */
export const ConnectionDirectoryEntrySchema = ConnectionSchema.pick({
  id: true,
  name: true,
  kind: true,
  disabled: true,
});
export type ConnectionDirectoryEntry = z.infer<typeof ConnectionDirectoryEntrySchema>;

export const SUGGESTION_KINDS = ['preferred_term', 'banned_phrase', 'prompt_note'] as const;

/** A correction mined from reviewer edits, waiting for a manager or admin to accept it. */
export const SuggestionSchema = z.strictObject({
  id: IdSchema,
  flowId: IdSchema,
  /** The AI step the correction applies to. */
  nodeId: IdSchema,
  kind: z.enum(SUGGESTION_KINDS),
  /** preferred_term: use/insteadOf; banned_phrase: phrase; prompt_note: note. */
  use: z.string().max(LIMITS.name).nullable(),
  insteadOf: z.string().max(LIMITS.name).nullable(),
  phrase: z.string().max(LIMITS.name).nullable(),
  note: z.string().max(LIMITS.shortText).nullable(),
  occurrences: z.number().int().min(0),
  status: z.enum(['proposed', 'accepted', 'dismissed']),
  decidedBy: IdSchema.nullable(),
  decidedAt: TimestampSchema.nullable(),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
  revision: RevisionSchema,
});
export type Suggestion = z.infer<typeof SuggestionSchema>;
