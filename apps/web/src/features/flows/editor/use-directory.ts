import { useEffect, useState } from 'react';
import type { ConnectionDirectoryEntry, UserDirectoryEntry } from '@tandem/schema';
import { api } from '../../../api/client.js';

/** One directory list as a picker sees it while it loads. */
export type Loadable<T> =
  { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; items: T[] };

/** What the step settings' pickers choose from. */
export interface PickerDirectory {
  connections: Loadable<ConnectionDirectoryEntry>;
  people: Loadable<UserDirectoryEntry>;
  /** Admins add connections themselves; designers are told to ask one. */
  canManageConnections: boolean;
}

const PATHS = {
  connections: '/api/connections/directory',
  people: '/api/users/directory',
} as const;
type ListName = keyof typeof PATHS;

/*
 * The inspector opens afresh for every step, so the last lists are kept to show at once while
 * they are fetched again (an admin may have added a connection meanwhile).
 */
const lastKnown: {
  connections?: ConnectionDirectoryEntry[];
  people?: UserDirectoryEntry[];
} = {};

function initial<K extends ListName>(name: K): PickerDirectory[K] {
  const items = lastKnown[name];
  return (items ? { status: 'ready', items } : { status: 'loading' }) as PickerDirectory[K];
}

function useList<K extends ListName>(name: K, needed: boolean): PickerDirectory[K] {
  const [state, setState] = useState<PickerDirectory[K]>(() => initial(name));
  useEffect(() => {
    if (!needed) return;
    const controller = new AbortController();
    api
      .get<{ items: NonNullable<(typeof lastKnown)[K]> }>(PATHS[name], {
        signal: controller.signal,
      })
      .then(({ items }) => {
        lastKnown[name] = items;
        setState({ status: 'ready', items } as PickerDirectory[K]);
      })
      .catch((error: Error) => {
        // A failed refresh keeps the lists already shown.
        if (error.name === 'AbortError' || lastKnown[name]) return;
        setState({ status: 'error', message: error.message } as PickerDirectory[K]);
      });
    return () => controller.abort();
  }, [name, needed]);
  return state;
}

/** Loads the lists the step's fields pick from; a list no field needs is not fetched. */
export function useDirectory(
  needs: { connections: boolean; people: boolean },
  canManageConnections: boolean,
): PickerDirectory {
  const connections = useList('connections', needs.connections);
  const people = useList('people', needs.people);
  return { connections, people, canManageConnections };
}
