import { randomUUID } from 'node:crypto';

/** Ids carry their kind (`usr_…`, `flw_…`) so a pasted id says what it is. */
export const newId = (prefix: string): string => `${prefix}_${randomUUID().replaceAll('-', '')}`;
