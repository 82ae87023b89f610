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

/** The most words a library search takes; longer queries are refused, not cut. */
export const LIBRARY_QUERY_MAX = 200;

const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
  '&nbsp;': ' ',
};

/**
 * The words of an entry as a reader sees them: HTML's tags dropped (block ends part words)
 * and entities read. One function for the server's search and the page's excerpts, so the
 * page never shows a match the server would not find.
 */
export function libraryPlainText(entry: Pick<LibraryEntry, 'text' | 'format'>): string {
  if (entry.format !== 'html') return entry.text;
  return entry.text
    .replace(/<\/(p|h[1-6]|li|div|blockquote|tr)>|<br\s*\/?>/gi, ' ')
    .replace(/<[^>]*>/g, '')
    .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (entity) => ENTITIES[entity] ?? entity);
}

/** A query's words, lower-case: an entry matches when it holds every one. */
export function libraryQueryWords(query: string): string[] {
  return query.toLowerCase().split(/\s+/).filter(Boolean);
}

/** Whether every word is in the entry's title or its visible text, any case. */
export function libraryEntryMatches(
  entry: Pick<LibraryEntry, 'title' | 'text' | 'format'>,
  words: readonly string[],
): boolean {
  if (words.length === 0) return true;
  const haystack = `${entry.title}\n${libraryPlainText(entry)}`.toLowerCase();
  return words.every((word) => haystack.includes(word));
}
