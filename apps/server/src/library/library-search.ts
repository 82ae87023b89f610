import { libraryEntryMatches, libraryQueryWords } from '@tandem/schema';
import type { Page, Publication, StorePort } from '@tandem/schema';
import { libraryEntryOf, nextRoundKey } from './library-entry.js';

/*
 * Bounds on one request's work. A search reads the library newest first and keeps what
 * matches; with few matches that could mean reading every entry in one request. So a request
 * stops after MAX_SCANNED publications (each up to 100k characters of text: at most ~50 MB to
 * test, usually far less) or MAX_QUERIES store queries, whichever comes first, and hands back
 * what it found with a cursor to go on from: a page may hold fewer than `limit` entries, even
 * none, and still have a next one. The client asks again if it wants more.
 */
const MAX_SCANNED = 500;
const MAX_QUERIES = 20;

export interface LibraryListQuery {
  limit: number;
  cursor?: string;
  archived: boolean;
  /** Words every entry must hold, in its title or visible text; '' for all. */
  q: string;
  /** A collection's exact name; '' for every collection. */
  collection: string;
}

/**
 * One page of the library's current entries (a step's last round only) that match the query.
 * Each store query asks for exactly the number of entries still wanted, so a page never ends
 * in the middle of what the store returned: the cursor handed back is always the store's own
 * (the key of the last publication read), and the next page starts right after it, with
 * nothing skipped or repeated however sparse the matches.
 */
export async function listLibraryPage(
  store: StorePort,
  query: LibraryListQuery,
): Promise<Page<Publication>> {
  const words = libraryQueryWords(query.q);
  const found: Publication[] = [];
  let cursor = query.cursor;
  let scanned = 0;
  let queries = 0;
  do {
    const page = await store.publications.list({
      channel: 'library',
      status: ['succeeded'],
      archived: query.archived,
      limit: query.limit - found.length,
      ...(cursor ? { cursor } : {}),
    });
    queries += 1;
    scanned += page.items.length;
    for (const publication of page.items) {
      const entry = libraryEntryOf(publication, null);
      if (query.collection && entry.collection !== query.collection) continue;
      if (!libraryEntryMatches(entry, words)) continue;
      if (await isSuperseded(store, publication)) continue;
      found.push(publication);
    }
    cursor = page.nextCursor;
  } while (cursor && found.length < query.limit && scanned < MAX_SCANNED && queries < MAX_QUERIES);
  return { items: found, ...(cursor ? { nextCursor: cursor } : {}) };
}

/**
 * Whether a later round of the same step saved again: a request for changes at a later
 * checkpoint ran it once more, and this entry is no longer what was approved.
 */
async function isSuperseded(store: StorePort, publication: Publication): Promise<boolean> {
  const next = await store.publications.findByKey(nextRoundKey(publication));
  return next?.status === 'succeeded';
}
