import { conflict } from '@tandem/schema';

/** The synchronous or asynchronous table operations `putByRevision` needs. */
interface RevisionedTable<T> {
  find(id: string): T | null | Promise<T | null>;
  create(entity: T): T | Promise<T>;
  update(entity: T): T | Promise<T>;
}

/**
 * The port's `put`: inserts at revision 0 when the row is absent, else updates by revision.
 * Two first writers both see no row; the table's create lets one in and refuses the other
 * with CONFLICT, as an update from a stale revision is refused.
 */
export function putByRevision<T extends { id: string; revision: number }>(
  table: RevisionedTable<T>,
  entity: T,
  what: string,
): T | Promise<T> {
  const found = table.find(entity.id);
  const decide = (current: T | null) => {
    if (current !== null) return table.update(entity);
    if (entity.revision !== 0) throw conflict(what, entity.id);
    return table.create(entity);
  };
  return found instanceof Promise ? found.then(decide) : decide(found);
}
