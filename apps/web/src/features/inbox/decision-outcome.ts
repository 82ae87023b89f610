import type { DecisionInput } from '@tandem/schema';
import { isApiError } from '../../api/client.js';
import { shorten } from '../../ui/format.js';

/** What the reviewer reads once a decision is made, by action. */
export const DECISION_LABELS: Record<DecisionInput['action'], string> = {
  approve: 'Approved',
  edit: 'Approved with your edits',
  request_changes: 'Sent back for changes',
  reject: 'Rejected',
};

/**
 * A task as a toast names it, short and quoted: “Spring launch of the new trail…”. Toasts
 * repeated the whole title ("Approved: Review blog post: Spring launch of the new trail running
 * shoe line"), whose lead ("Review blog post: ", the checkpoint's) is the same on each of its
 * tasks and told them apart no better; it is dropped, and the rest cut to `max` characters.
 */
export function toastTitle(title: string, max = 40): string {
  const lead = title.indexOf(': ');
  const rest = lead > 0 && lead <= max ? title.slice(lead + 2).trim() : '';
  return `“${shorten(rest || title.trim(), max)}”`;
}

/** The toast of a decision made: "Approved: “Spring launch”". */
export const decidedToast = (label: string, title: string) => `${label}: ${toastTitle(title)}`;

/**
 * The toast group of a decision's notices: "Undone" or "not saved" replaces the "Approved …
 * Undo" toast, whose button would otherwise stay on screen doing nothing.
 */
export const decisionToastGroup = (taskId: string) => `decision-${taskId}`;

/**
 * Why a held decision, sent after its undo window, was not saved. The reviewer has moved on to
 * other tasks by then, so the message names the task and says what became of it.
 */
export function heldDecisionFailure(title: string, error: unknown): string {
  let why: string;
  if (isApiError(error, 'TASK_ALREADY_DECIDED') && error.details.status === 'open') {
    why = `${error.message}.`;
  } else if (isApiError(error, 'TASK_ALREADY_DECIDED')) {
    const status = error.details.status;
    why =
      status === 'canceled'
        ? 'its run was canceled meanwhile.'
        : status === 'expired'
          ? 'it expired at its due time meanwhile.'
          : 'someone else decided it first.';
  } else if (isApiError(error, 'TASK_CLAIMED')) {
    why = 'another reviewer took it over.';
  } else if (isApiError(error, 'FORBIDDEN')) {
    why = 'it is no longer assigned to you (it may have been escalated).';
  } else if (isApiError(error, 'UNAUTHENTICATED')) {
    why = 'your session ended before it was sent. Sign in and decide it again.';
  } else if (isApiError(error, 'NETWORK')) {
    why =
      'the server could not be reached. The task is still open: decide it again once you are back online.';
  } else {
    why = `${(error as Error).message}. It is back in your inbox.`;
  }
  return `Your decision on ${toastTitle(title)} was not saved: ${why}`;
}
