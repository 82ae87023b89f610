import type { LibraryEntry, Publication } from '@tandem/schema';

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/**
 * A library publication as the library shows it. The content library channel records the
 * entry as its request (packages/connectors library.channel.ts); this reads it back, keeping
 * the entry valid however the record was written.
 */
export function libraryEntryOf(publication: Publication, flowName: string | null): LibraryEntry {
  const request = publication.request;
  return {
    id: publication.id,
    title: text(request.title).slice(0, 200) || 'Untitled',
    collection: text(request.collection).slice(0, 80),
    format: request.format === 'html' ? 'html' : 'text',
    text: text(request.text),
    flowId: publication.flowId,
    flowName,
    runId: publication.runId,
    savedAt: publication.updatedAt,
  };
}
