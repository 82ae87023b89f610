import { useEffect } from 'react';
import { create } from 'zustand';
import type { ConnectionDirectoryEntry, UserDirectoryEntry } from '@tandem/schema';
import { api, onSessionChange } from '../../../api/client.js';

/** One directory list as a picker sees it while it loads. */
export type Loadable<T> =
  { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; items: T[] };

interface Lists {
  connections: Loadable<ConnectionDirectoryEntry>;
  people: Loadable<UserDirectoryEntry>;
}

/** What the step settings' pickers choose from. */
export interface PickerDirectory extends Lists {
  /** Admins add connections themselves; designers are told to ask one. */
  canManageConnections: boolean;
}

const PATHS = {
  connections: '/api/connections/directory',
  people: '/api/users/directory',
} as const;
type ListName = keyof typeof PATHS;

/*
 * One copy of the directories for the whole editor: the step settings pick from them, the cards
 * name the chosen connection, and the problems list checks the ids a flow holds against them.
 * A list already loaded stays on show while it is fetched again (an admin may have added a
 * connection meanwhile), and a failed refresh keeps it.
 */
const UNLOADED: Lists = { connections: { status: 'loading' }, people: { status: 'loading' } };

export const useDirectoryStore = create<Lists>(() => UNLOADED);

const inFlight = new Map<ListName, Promise<void>>();
/** A fetch queued behind the one in flight, per list (see refreshDirectory). */
const followUps = new Map<ListName, Promise<void>>();
/** Bumped per session: an answer fetched for the last user is dropped, not shown to the next. */
let session = 0;

// The lists are what the signed-in user may read; another user in this tab starts without them.
onSessionChange(() => {
  session += 1;
  inFlight.clear();
  followUps.clear();
  useDirectoryStore.setState(UNLOADED);
});

/**
 * Fetches one list again. Asked while a fetch is under way, it fetches once more after it: that
 * answer may predate what changed since (a connection the admin saved while the designer was
 * away), so sharing it left the picker without it. Askers meanwhile share the one follow-up.
 */
function refreshDirectory(name: ListName): Promise<void> {
  const running = inFlight.get(name);
  if (running) {
    let again = followUps.get(name);
    if (!again) {
      again = running.then(() => {
        followUps.delete(name);
        return refreshDirectory(name);
      });
      followUps.set(name, again);
    }
    return again;
  }
  const asked = session;
  const request = api
    .get<{ items: ConnectionDirectoryEntry[] | UserDirectoryEntry[] }>(PATHS[name])
    .then(({ items }) => {
      if (asked === session) useDirectoryStore.setState({ [name]: { status: 'ready', items } });
    })
    .catch((error: Error) => {
      if (asked !== session || useDirectoryStore.getState()[name].status === 'ready') return;
      useDirectoryStore.setState({ [name]: { status: 'error', message: error.message } });
    })
    .finally(() => {
      if (inFlight.get(name) === request) inFlight.delete(name);
    });
  inFlight.set(name, request);
  return request;
}

/**
 * Fetches the lists `needs` names whenever a view that needs them mounts or starts needing them,
 * and when the window gets the focus back: a designer told "ask an admin to add one" goes off to
 * ask, and on coming back found the picker still empty until they reopened the step.
 */
export function useDirectoryRefresh(needs: { connections: boolean; people: boolean }): void {
  useEffect(() => {
    if (!needs.connections) return;
    const refresh = () => void refreshDirectory('connections');
    refresh();
    window.addEventListener('focus', refresh);
    return () => window.removeEventListener('focus', refresh);
  }, [needs.connections]);
  useEffect(() => {
    if (!needs.people) return;
    const refresh = () => void refreshDirectory('people');
    refresh();
    window.addEventListener('focus', refresh);
    return () => window.removeEventListener('focus', refresh);
  }, [needs.people]);
}

/** Loads the lists the step's fields pick from; a list no field needs is not fetched. */
export function useDirectory(
  needs: { connections: boolean; people: boolean },
  canManageConnections: boolean,
): PickerDirectory {
  useDirectoryRefresh(needs);
  const connections = useDirectoryStore((s) => s.connections);
  const people = useDirectoryStore((s) => s.people);
  return { connections, people, canManageConnections };
}
