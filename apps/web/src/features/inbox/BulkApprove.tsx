import { useState } from 'react';
import { BulkTally } from './bulk-tally.js';
import { Button, Modal, useToast } from '../../ui/index.js';
import { heldDecisions, holdBulkApproval, type HeldBatchPage } from './held-decisions.js';
import { decideTask, type InboxTask } from './inbox-api.js';

/**
 * Approves every clean (unflagged) task of one checkpoint after one confirmation, held for the
 * reviewer's undo time like a single decision (see holdBulkApproval). Tasks someone else
 * decided or claimed meanwhile are skipped and counted, not treated as errors.
 */
export function BulkApprove({
  tasks,
  title,
  undoWindowMs,
  heldPage,
}: {
  tasks: InboxTask[];
  title: string;
  undoWindowMs: number;
  heldPage: HeldBatchPage;
}) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState(0);
  const toast = useToast();
  if (tasks.length < 2) return null;

  const run = async () => {
    if (undoWindowMs > 0 && heldDecisions.canHold({ action: 'approve' }, tasks.length)) {
      holdBulkApproval({ tasks, windowMs: undoWindowMs, toast }, heldPage);
      setOpen(false);
      return;
    }
    // Sent at once: the reviewer turned the undo time off, or the batch is too big to be sure
    // of sending it as the page goes away.
    setBusy(true);
    setProgress(0);
    const tally = new BulkTally();
    for (const task of tasks) {
      try {
        await decideTask(task.id, { action: 'approve' });
        tally.sent();
      } catch (e) {
        tally.refused(e);
      }
      setProgress((p) => p + 1);
    }
    setBusy(false);
    setOpen(false);
    const { message, tone } = tally.summary;
    toast.show(message, tone);
  };

  return (
    <>
      <Button size="sm" onClick={() => setOpen(true)}>
        Approve {tasks.length} clean
      </Button>
      <Modal
        open={open}
        title={`Approve ${tasks.length} clean items?`}
        onClose={() => !busy && setOpen(false)}
        footer={
          <>
            <Button variant="ghost" onClick={() => setOpen(false)} busy={busy}>
              Cancel
            </Button>
            <Button variant="primary" onClick={() => void run()} busy={busy}>
              {busy ? `Approving ${progress} of ${tasks.length}…` : `Approve ${tasks.length}`}
            </Button>
          </>
        }
      >
        <p>
          Every unflagged task at <strong>{title}</strong> that nobody else is reviewing will be
          approved as it is. Flagged tasks stay in your inbox.
        </p>
        <ul className="bulk-list small">
          {tasks.slice(0, 8).map((t) => (
            <li key={t.id}>{t.title}</li>
          ))}
          {tasks.length > 8 && <li className="muted">and {tasks.length - 8} more</li>}
        </ul>
      </Modal>
    </>
  );
}
