import { useSyncExternalStore } from 'react';
import { onBeforeLogout } from '../../auth/before-logout.js';
import { decideTask, type TaskDetail } from './inbox-api.js';
import { PendingDecisions, type HeldDecision } from './pending-decisions.js';

/**
 * This page's held decisions (see pending-decisions.ts): one queue for the whole app, so a
 * decision keeps its time when the reviewer leaves the inbox for another page.
 */
export const heldDecisions = new PendingDecisions<TaskDetail, TaskDetail | null>(decideTask);

if (typeof window !== 'undefined') {
  // The tab closes, reloads or goes to another address: send now, in requests that outlive it.
  window.addEventListener('pagehide', () => void heldDecisions.flush(true));
}
onBeforeLogout(() => heldDecisions.flush());

const subscribe = (listener: () => void) => heldDecisions.subscribe(listener);
const list = () => heldDecisions.list();

/** The decisions held right now, kept current. */
export function useHeldDecisions(): readonly HeldDecision<TaskDetail>[] {
  return useSyncExternalStore(subscribe, list);
}
