import { conflict, isAppError, notFound } from '@tandem/schema';
import type { Publication, StorePort, User } from '@tandem/schema';
import type { Clock } from '@tandem/nodes';
import type { AuditService } from '../audit/audit.service.js';
import { isLibraryEntry, libraryEntryOf } from './library-entry.js';

/** Writes that lost to another writer are read again and retried this many times. */
const ATTEMPTS = 5;

export interface LibraryArchive {
  /** The entry, archived (`archived`) or back in the list; unchanged when it already was. */
  setArchived(id: string, archived: boolean, actor: User): Promise<Publication>;
  /** The library entry with this id, or NOT_FOUND for any other publication. */
  getEntry(id: string): Promise<Publication>;
}

/**
 * Archiving takes an entry out of the library's list and keeps its publication, which is also
 * the record of what a run produced: only `archivedAt` changes (not `updatedAt`, the entry's
 * saved time). Each change is a revision-checked write, read again and retried when another
 * writer (a restore, the engine) got there first, so none is lost; a request that finds the
 * entry already as asked writes, audits and pushes nothing.
 */
export function createLibraryArchive(deps: {
  store: StorePort;
  clock: Clock;
  audit: AuditService;
  onPublication: (publication: Publication) => void;
}): LibraryArchive {
  const { store, clock, audit, onPublication } = deps;

  async function getEntry(id: string): Promise<Publication> {
    const publication = await store.publications.find(id);
    if (!publication || !isLibraryEntry(publication)) throw notFound('Library entry', id);
    return publication;
  }

  async function write(current: Publication, archived: boolean): Promise<Publication | null> {
    const { archivedAt: _, ...rest } = current;
    const next = archived ? { ...rest, archivedAt: clock.now().toISOString() } : rest;
    try {
      return await store.publications.update(next);
    } catch (error) {
      if (isAppError(error, 'CONFLICT')) return null;
      throw error;
    }
  }

  return {
    getEntry,
    async setArchived(id, archived, actor) {
      for (let attempt = 1; attempt <= ATTEMPTS; attempt += 1) {
        const current = await getEntry(id);
        if ((current.archivedAt !== undefined) === archived) return current;
        const saved = await write(current, archived);
        if (saved) {
          await audit.record({
            actorId: actor.id,
            action: archived ? 'library.archived' : 'library.restored',
            // By its key, as the publication's other events: the audit page links its run.
            subjectType: 'publication',
            subjectId: saved.key,
            details: { entryId: id, title: libraryEntryOf(saved, null).title },
          });
          onPublication(saved);
          return saved;
        }
      }
      // Every attempt lost to another writer (409): the caller may try again.
      throw conflict('Library entry', id);
    },
  };
}
