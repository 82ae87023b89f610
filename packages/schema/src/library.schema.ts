import { z } from 'zod';
import { IdSchema, LIMITS, TimestampSchema } from './common.schema.js';

export const LIBRARY_FORMATS = ['text', 'html', 'json'] as const;

/**
 * One piece of approved content kept in the content library: what a `publish.library` step
 * saved. It is read from that step's publication (the record of what was published), so the
 * library and the publishing history can never disagree.
 */
export const LibraryEntrySchema = z.strictObject({
  /** The publication's id. */
  id: IdSchema,
  title: z.string().max(200),
  /** The step's grouping, such as "Blog posts"; empty for none. */
  collection: z.string().max(80),
  /** `text` as approved; `html` a document, sanitized when saved; `json` an AI step's data. */
  format: z.enum(LIBRARY_FORMATS),
  /** False when no checkpoint came before the step: the content was saved as a step made it. */
  reviewed: z.boolean(),
  text: z.string().max(LIMITS.longText),
  flowId: IdSchema,
  /** The flow's current name; null when the flow was deleted since. */
  flowName: z.string().nullable(),
  runId: IdSchema,
  savedAt: TimestampSchema,
  /** When it was archived (out of the library's list, still kept); null while in the list. */
  archivedAt: TimestampSchema.nullable(),
});
export type LibraryEntry = z.infer<typeof LibraryEntrySchema>;
