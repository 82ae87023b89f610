import type { LibraryEntry } from '@tandem/schema';
import { api } from '../../api/client.js';
import { itemsOf } from '../inbox/inbox-api.js';

/** One page of the content library, newest first, and where the next (older) page starts. */
export async function listLibrary(
  cursor: string | null,
  signal?: AbortSignal,
): Promise<{ items: LibraryEntry[]; nextCursor: string | null }> {
  const body = await api.get<unknown>('/api/library', {
    signal,
    query: { limit: 50, ...(cursor ? { cursor } : {}) },
  });
  const next = (body as { nextCursor?: unknown } | null)?.nextCursor;
  return { items: itemsOf<LibraryEntry>(body), nextCursor: typeof next === 'string' ? next : null };
}

export function getLibraryEntry(id: string, signal?: AbortSignal): Promise<LibraryEntry> {
  return api.get<LibraryEntry>(`/api/library/${encodeURIComponent(id)}`, { signal });
}
