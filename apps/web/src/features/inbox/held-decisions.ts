import { useSyncExternalStore } from 'react';
import type { DecisionInput } from '@tandem/schema';
import { onBeforeLogout } from '../../auth/before-logout.js';
import type { useToast } from '../../ui/index.js';
import { decisionToastGroup, heldDecisionFailure } from './decision-outcome.js';
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

const subscribe = (listener: () => void) => heldDecisions.subscribe(listener);
const list = () => heldDecisions.list();

/** The decisions held right now, kept current. */
export function useHeldDecisions(): readonly HeldDecision<TaskDetail>[] {
  return useSyncExternalStore(subscribe, list);
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
  page: { onUndo: (taskId: string) => void; onHeldFailed: () => void },
): void {
  const group = decisionToastGroup(task.id);
  heldDecisions.hold(task, input, windowMs, {
    onSent: (decided) => {
      clearDraft(reviewerId, task.id);
      if (decided?.status === 'open')
        toast.show(`Your approval is in: ${task.title} waits for ${waitingFor(decided)}`);
    },
    onFailed: (error) => {
      toast.show(heldDecisionFailure(task.title, error), 'error', group);
      page.onHeldFailed();
    },
  });
  toast.show(`${label}: ${task.title}`, 'success', {
    group,
    action: { label: 'Undo', onClick: () => page.onUndo(task.id) },
    durationMs: windowMs,
  });
}
