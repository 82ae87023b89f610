import {
  libraryEntryMatches,
  libraryPlainText as plainTextOf,
  libraryQueryWords,
  type LibraryEntry,
} from '@tandem/schema';
import { parseStructured, structuredSummary } from '../../ui/structured-data.js';

export interface LibraryFilter {
  /** Words to find in the title or the content, any case. */
  query: string;
  /** A collection's name; '' for every entry. */
  collection: string;
}

/** The collections the entries use, by name, for the filter; entries without one left out. */
export function collectionsOf(entries: readonly LibraryEntry[]): string[] {
  return [...new Set(entries.map((e) => e.collection).filter(Boolean))].sort((a, b) =>
    a.localeCompare(b),
  );
}

/**
 * Entries matching every word of the query (title or visible text) and the collection: the
 * server's rule, for an entry pushed live into a filtered list.
 */
export function filterEntries(
  entries: readonly LibraryEntry[],
  filter: LibraryFilter,
): LibraryEntry[] {
  const words = libraryQueryWords(filter.query);
  return entries.filter(
    (entry) =>
      (!filter.collection || entry.collection === filter.collection) &&
      libraryEntryMatches(entry, words),
  );
}

/** What the page lists: the library or its archive, searched and filtered. */
export interface LibraryView extends LibraryFilter {
  archived: boolean;
}

/** The view the address names (`?q=&collection=&archived=1`), so reload and Back keep it. */
export function viewOfParams(params: URLSearchParams): LibraryView {
  return {
    query: params.get('q') ?? '',
    collection: params.get('collection') ?? '',
    archived: params.get('archived') === '1',
  };
}

/** The address's search part for `view`, with empty parts left out. */
export function paramsOfView(view: LibraryView): URLSearchParams {
  const params = new URLSearchParams();
  if (view.query.trim()) params.set('q', view.query.trim());
  if (view.collection) params.set('collection', view.collection);
  if (view.archived) params.set('archived', '1');
  return params;
}

/** Whether the view narrows the list, so an empty one means "nothing matches". */
export function isFiltered(view: LibraryFilter): boolean {
  return view.query.trim() !== '' || view.collection !== '';
}

/**
 * The list after an entry changed (pushed live, archived, restored): in it, at its place, when
 * it belongs to the view; out of it otherwise.
 */
export function placeEntry(
  entries: readonly LibraryEntry[],
  entry: LibraryEntry,
  view: LibraryView,
): LibraryEntry[] {
  const belongs =
    (entry.archivedAt !== null) === view.archived && filterEntries([entry], view).length > 0;
  return belongs ? withEntry(entries, entry) : entries.filter((e) => e.id !== entry.id);
}

/**
 * Reads pages until one has entries or the list ends, at most `rounds` requests: each request
 * reads a bounded part of the library, so a rare word may need several. What is left is the
 * cursor to go on from.
 */
export async function firstMatches<P extends { items: unknown[]; nextCursor: string | null }>(
  fetchPage: (cursor: string | null) => Promise<P>,
  cursor: string | null,
  rounds = 5,
): Promise<P> {
  let page = await fetchPage(cursor);
  for (let round = 1; round < rounds && page.items.length === 0 && page.nextCursor; round += 1) {
    page = await fetchPage(page.nextCursor);
  }
  return page;
}

/** `known` collections with those of `entries` added, by name. */
export function withCollections(known: readonly string[], entries: readonly LibraryEntry[]) {
  return mergeCollections(known, collectionsOf(entries));
}

/** Two lists of collection names as one, each name once, in the reader's alphabetical order. */
export function mergeCollections(known: readonly string[], more: readonly string[]): string[] {
  return [...new Set([...known, ...more])].sort((a, b) => a.localeCompare(b));
}

/** What the toast says after an archive or restore (`undone`: taking back the last one). */
export function archivedMessage(
  entry: Pick<LibraryEntry, 'title'>,
  archived: boolean,
  undone: boolean,
): string {
  if (undone) return archived ? `“${entry.title}” is archived again` : `“${entry.title}” is back`;
  return archived ? `Archived “${entry.title}”` : `Restored “${entry.title}” to the library`;
}

/** `entry` added to the newest-first list, or put in place of its older copy. */
export function withEntry(entries: readonly LibraryEntry[], entry: LibraryEntry): LibraryEntry[] {
  const rest = entries.filter((e) => e.id !== entry.id);
  return [entry, ...rest].sort((a, b) => b.savedAt.localeCompare(a.savedAt));
}

const EXTENSIONS: Record<LibraryEntry['format'], string> = {
  text: 'md',
  html: 'html',
  json: 'json',
};

/** A file name for the entry: its title in lower-case words, with the format's extension. */
export function downloadName(entry: Pick<LibraryEntry, 'title' | 'format'>): string {
  const slug =
    entry.title
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60)
      .replace(/-+$/, '') || 'content';
  return `${slug}.${EXTENSIONS[entry.format]}`;
}

/** A short excerpt of the content for the list: words only, after the title line. */
export function excerptOf(entry: Pick<LibraryEntry, 'text' | 'format' | 'title'>, chars = 140) {
  // JSON's words are its keys and brackets: say what it holds, as the inbox's list does.
  const data = entry.format === 'json' ? parseStructured(entry.text) : undefined;
  if (data) return structuredSummary(data, chars);
  const plain = plainTextOf(entry)
    .replace(/^\s*#{1,6}\s+/, '')
    .replace(/\s+/g, ' ')
    .trim();
  // The title is often the content's first line: the excerpt starts after it.
  const body = plain.startsWith(entry.title) ? plain.slice(entry.title.length).trim() : plain;
  return body.length > chars ? `${body.slice(0, chars - 1).trimEnd()}…` : body;
}

const IMG_TAG = /<img\b[^>]*>/gi;
const SRC_ATTRIBUTE = /\ssrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/i;

/**
 * Whether saved HTML has an image the preview would fetch from the web: an `https:` address,
 * or a protocol-relative one (`//host/…`, https when the app is). The preview hides them
 * until asked, so this decides whether to offer them. The HTML was sanitized when saved
 * (images as `<img src>` only, https only, quoted), so reading the tags is enough here.
 */
export function hasRemoteImages(html: string): boolean {
  for (const [tag] of html.matchAll(IMG_TAG)) {
    const match = SRC_ATTRIBUTE.exec(tag);
    const src = (match?.[1] ?? match?.[2] ?? match?.[3] ?? '').trim().toLowerCase();
    if (src.startsWith('https:') || src.startsWith('//')) return true;
  }
  return false;
}
