import { newSortableId } from '@tandem/schema';

/** Ids carry their kind (`usr_…`, `flw_…`) so a pasted id says what it is; they sort by time. */
export const newId = (prefix: string): string => newSortableId(prefix);
