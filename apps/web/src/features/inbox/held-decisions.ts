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
import { BulkTally } from './bulk-tally.js';
import { PendingDecisions, type HeldDecision } from './pending-decisions.js';
import { waitingFor } from './TaskHeader.js';

/** What a held decision keeps of its task: enough to name it in messages. */
export type HeldTask = Pick<TaskDetail, 'id' | 'title'>;

/**
 * This page's held decisions (see pending-decisions.ts): one queue for the whole app, so a
 * decision keeps its time when the reviewer leaves the inbox for another page.
 */
export const heldDecisions = new PendingDecisions<HeldTask, TaskDetail | null>(decideTask);

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
export function useHeldDecisions(): readonly HeldDecision<HeldTask>[] {
  return useSyncExternalStore(subscribe, list);
}

/** The held decision on `taskId`, if any, kept current. */
export function useHeldDecision(taskId: string): HeldDecision<HeldTask> | undefined {
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

/** The toast group of a bulk approval's notices, so "Undone" or the outcome replaces "Approving". */
export const bulkToastGroup = (batch: string) => `decision-${batch}`;

/** What the inbox does about a held bulk approval. */
export interface HeldBatchPage {
  /** Takes it all back (the toast's Undo). */
  onUndoBatch: (batch: string) => void;
  /** The server has this one: its task leaves the list for good. */
  onApproved: (taskId: string) => void;
  /** Some were refused or not sent: the list must show them again. */
  onHeldFailed: () => void;
}

let batchCount = 0;

/**
 * Holds a bulk approval as one decision, with one toast and its Undo (z takes it all back), and
 * sends it when the hold ends, or at once when the page goes away, like a single decision. Once
 * all are sent, one toast counts them: those someone else took meanwhile are skipped, not errors.
 */
export function holdBulkApproval(
  { tasks, windowMs, toast }: Pick<HoldRequest, 'windowMs' | 'toast'> & { tasks: HeldTask[] },
  page: HeldBatchPage,
): void {
  batchCount += 1;
  const batch = `bulk-${batchCount}`;
  const group = bulkToastGroup(batch);
  const tally = new BulkTally();
  const settled = () => {
    if (heldDecisions.hasBatch(batch)) return;
    const { message, tone } = tally.summary;
    toast.show(message, tone, group);
    if (tally.anyLeft) page.onHeldFailed();
  };
  heldDecisions.holdBatch(batch, tasks, { action: 'approve' }, windowMs, (task) => ({
    onSent: () => {
      tally.sent();
      page.onApproved(task.id);
      settled();
    },
    onFailed: (error) => {
      tally.refused(error);
      settled();
    },
  }));
  toast.show(`Approving ${tasks.length} tasks…`, 'success', {
    group,
    action: { label: 'Undo', keyshortcut: 'z', onClick: () => page.onUndoBatch(batch) },
    durationMs: windowMs,
  });
}
