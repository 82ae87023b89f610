import { useSyncExternalStore } from 'react';
import type { DecisionInput } from '@tandem/schema';
import { ApiError, onUnauthenticated } from '../../api/client.js';
import { onBeforeLogout } from '../../auth/before-logout.js';
import type { useToast } from '../../ui/index.js';
import {
  decidedToast,
  decisionToastGroup,
  heldDecisionFailure,
  toastTitle,
} from './decision-outcome.js';
import { decideTask, type TaskDetail } from './inbox-api.js';
import { clearDraft } from './review-drafts.js';
import { PendingDecisions, type HeldDecision } from './pending-decisions.js';
import { waitingFor } from './TaskHeader.js';

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
// The session lapsed (a 401): held decisions cannot be sent with it, and must not be sent with
// the next one, which may be someone else's.
onUnauthenticated(() =>
  heldDecisions.discard(
    new ApiError('UNAUTHENTICATED', 'Your session ended before it was sent', 401),
  ),
);

const subscribe = (listener: () => void) => heldDecisions.subscribe(listener);
const list = () => heldDecisions.list();

/** The decisions held (or on their way) right now, kept current. */
export function useHeldDecisions(): readonly HeldDecision<TaskDetail>[] {
  return useSyncExternalStore(subscribe, list);
}

/** The held decision on `taskId`, if any, kept current. */
export function useHeldDecision(taskId: string): HeldDecision<TaskDetail> | undefined {
  return useHeldDecisions().find((held) => held.taskId === taskId);
}

/** What the inbox does about a held decision. */
export interface HeldDecisionPage {
  /** Takes it back (the toast's Undo). */
  onUndo: (taskId: string) => void;
  /** The server has it: the task leaves the list for good. */
  onHeldSent: (task: TaskDetail) => void;
  /** The server refused it or could not be reached: the list must show the task again. */
  onHeldFailed: () => void;
}

interface HoldRequest {
  task: TaskDetail;
  input: DecisionInput;
  /** What the decision is called in the toast ("Approved"). */
  label: string;
  windowMs: number;
  reviewerId: string;
  toast: ReturnType<typeof useToast>;
}

/**
 * Holds a reviewer's decision and says so in a toast with its Undo button. The draft (edits,
 * note) stays until the server has the decision, so an undo brings it back; a send that fails
 * names the task and why, in the same toast's place.
 */
export function holdDecision(
  { task, input, label, windowMs, reviewerId, toast }: HoldRequest,
  page: HeldDecisionPage,
): void {
  const group = decisionToastGroup(task.id);
  heldDecisions.hold(task, input, windowMs, {
    onSent: (decided) => {
      clearDraft(reviewerId, task.id);
      page.onHeldSent({ ...task, ...(decided ?? {}), status: 'decided' });
      if (decided?.status === 'open')
        toast.show(
          `Your approval is in: ${toastTitle(task.title)} waits for ${waitingFor(decided)}`,
        );
    },
    onFailed: (error) => {
      toast.show(heldDecisionFailure(task.title, error), 'error', group);
      page.onHeldFailed();
    },
  });
  toast.show(decidedToast(label, task.title), 'success', {
    group,
    action: { label: 'Undo', keyshortcut: 'z', onClick: () => page.onUndo(task.id) },
    durationMs: windowMs,
  });
}
