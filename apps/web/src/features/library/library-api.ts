import type { LibraryEntry } from '@tandem/schema';
import { api } from '../../api/client.js';
import { itemsOf } from '../inbox/inbox-api.js';
import type { LibraryView } from './library-view.js';

export interface LibraryPage {
  items: LibraryEntry[];
  nextCursor: string | null;
}

/**
 * One page of the library (or its archive), newest first, searched on the server, and where
 * the next (older) page starts. A page may be short, even empty, and still have a next one:
 * the server reads a bounded number of entries per request.
 */
export async function listLibrary(
  view: LibraryView,
  cursor: string | null,
  signal?: AbortSignal,
): Promise<LibraryPage> {
  const body = await api.get<unknown>('/api/library', {
    signal,
    query: {
      limit: 50,
      ...(cursor ? { cursor } : {}),
      ...(view.query.trim() ? { q: view.query.trim() } : {}),
      ...(view.collection ? { collection: view.collection } : {}),
      ...(view.archived ? { archived: 'true' } : {}),
    },
  });
  const next = (body as { nextCursor?: unknown } | null)?.nextCursor;
  return { items: itemsOf<LibraryEntry>(body), nextCursor: typeof next === 'string' ? next : null };
}

/** Every collection with a saved entry, for the collection menu. */
export async function listLibraryCollections(signal?: AbortSignal): Promise<string[]> {
  const body = await api.get<unknown>('/api/library/collections', { signal });
  return itemsOf<string>(body).filter((c) => typeof c === 'string');
}

export function getLibraryEntry(id: string, signal?: AbortSignal): Promise<LibraryEntry> {
  return api.get<LibraryEntry>(`/api/library/${encodeURIComponent(id)}`, { signal });
}

/** Archives the entry (`archived`) or puts it back in the library; either twice is harmless. */
export function setEntryArchived(id: string, archived: boolean): Promise<LibraryEntry> {
  const action = archived ? 'archive' : 'restore';
  return api.post<LibraryEntry>(`/api/library/${encodeURIComponent(id)}/${action}`);
}

/**
 * The address of an HTML entry's preview page. The server sends it under its own policy:
 * sandboxed, and with remote images only when `showImages` (the frame's request carries the
 * session cookie, being the app's own address).
 */
export function libraryPreviewUrl(id: string, showImages: boolean): string {
  return `/api/library/${encodeURIComponent(id)}/preview${showImages ? '?images=1' : ''}`;
}
