import type { Publication } from '@tandem/schema';

/**
 * The collection a library publication was saved in (its request records it; see the content
 * library channel), as the library shows it; '' for other channels and entries without one.
 * Copied into an indexed column so the library can list every collection without reading
 * every entry.
 */
export function libraryCollectionOf(publication: Pick<Publication, 'channel' | 'request'>): string {
  if (publication.channel !== 'library') return '';
  const collection = publication.request.collection;
  return typeof collection === 'string' ? collection.slice(0, 80) : '';
}

/**
 * Collection names as the SQLite store lists them (ORDER BY with its default collation: code
 * points), at most `limit`; for the stores that gather the names first and sort after.
 */
export function firstCollections(names: Iterable<string>, limit: number): string[] {
  return [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).slice(0, limit);
}
