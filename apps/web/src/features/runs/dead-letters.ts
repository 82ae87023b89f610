import type { Publication } from '@tandem/schema';

/** Dead letters read per page; reloads read as many as are shown, up to the server's 500. */
export const DEAD_LETTER_PAGE = 50;
const MOST_PER_READ = 500;

/** How many to read when the list is read again from the top: no fewer than are shown. */
export function deadLetterReadLimit(shown: number): number {
  return Math.min(MOST_PER_READ, Math.max(DEAD_LETTER_PAGE, shown));
}

/**
 * Whether a pushed publication changes the dead letters: one that just gave up joins them, and
 * a listed one that moved on (a replay under way, delivered) leaves. Every send in the system is
 * pushed to admins; the others are no reason to read the list again.
 */
export function touchesDeadLetters(
  publication: Pick<Publication, 'id' | 'status'>,
  listed: readonly Pick<Publication, 'id'>[],
): boolean {
  return publication.status === 'dead' || listed.some((p) => p.id === publication.id);
}
