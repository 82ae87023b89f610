import { Button } from '../../ui/index.js';
import { DECISION_LABELS } from './decision-outcome.js';
import type { HeldTask } from './held-decisions.js';
import type { HeldDecision } from './pending-decisions.js';

/**
 * Shown on a task whose decision is held or on its way (the reviewer came back to it, with the
 * browser's Back say): the decision still stands and is sent on its own, unless undone here.
 */
export function HeldNotice({
  held,
  now,
  onUndo,
}: {
  held: HeldDecision<HeldTask>;
  now: number;
  onUndo: (taskId: string) => void;
}) {
  const label = DECISION_LABELS[held.input.action];
  if (held.state === 'sending') {
    return (
      <p className="notice notice-info" role="status">
        {label}: your decision is being sent.
      </p>
    );
  }
  const seconds = Math.max(1, Math.ceil((held.sendAt - now) / 1000));
  return (
    <p className="notice notice-info held-notice" role="status">
      {label}: your decision is sent in about {seconds} s.
      <Button size="sm" variant="ghost" onClick={() => onUndo(held.taskId)} aria-keyshortcuts="z">
        Undo
      </Button>
    </p>
  );
}
