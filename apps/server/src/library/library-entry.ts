import { LIBRARY_FORMATS, type LibraryEntry, type Publication } from '@tandem/schema';
import { publicationKeyOf } from '@tandem/nodes';

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/**
 * A library publication as the library shows it. The content library channel records the
 * entry as its request (packages/connectors library.channel.ts); this reads it back, keeping
 * the entry valid however the record was written.
 */
export function libraryEntryOf(publication: Publication, flowName: string | null): LibraryEntry {
  const request = publication.request;
  const format = LIBRARY_FORMATS.find((f) => f === request.format) ?? 'text';
  return {
    id: publication.id,
    title: text(request.title).slice(0, 200) || 'Untitled',
    collection: text(request.collection).slice(0, 80),
    format,
    reviewed: request.reviewed !== false,
    text: text(request.text),
    flowId: publication.flowId,
    flowName,
    runId: publication.runId,
    // Archiving leaves updatedAt alone, so an entry archived and restored keeps its place.
    savedAt: publication.updatedAt,
    archivedAt: publication.archivedAt ?? null,
  };
}

/**
 * The key the same step's next round would save under: a request for changes at a later
 * checkpoint runs the step again (`runId:nodeId:iteration`), and that entry replaces this one.
 */
/** Whether a publication is a library entry at all (saved, on the library channel). */
export function isLibraryEntry(publication: Publication): boolean {
  return publication.channel === 'library' && publication.status === 'succeeded';
}

export function nextRoundKey(publication: Pick<Publication, 'key' | 'runId' | 'nodeId'>): string {
  const first = `${publication.runId}:${publication.nodeId}`;
  const iteration = publication.key === first ? 0 : Number(publication.key.slice(first.length + 1));
  return publicationKeyOf(publication.runId, publication.nodeId, iteration + 1);
}
