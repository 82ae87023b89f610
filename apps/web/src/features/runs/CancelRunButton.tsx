import { useState } from 'react';
import { Button, Modal, useToast } from '../../ui/index.js';
import { cancelRun } from './runs-api.js';

/**
 * Cancels a running or waiting run after one confirmation: a canceled run cannot be resumed,
 * and the button sits where a misclick is easy (next to the status, in danger red).
 */
export function CancelRunButton({ runId, onCanceled }: { runId: string; onCanceled: () => void }) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const toast = useToast();

  const confirm = async () => {
    setBusy(true);
    try {
      await cancelRun(runId);
      setOpen(false);
      toast.show('Run canceled', 'success');
      onCanceled();
    } catch (e) {
      toast.show(e instanceof Error ? e.message : 'Could not cancel the run', 'error');
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button size="sm" variant="danger" onClick={() => setOpen(true)}>
        Cancel run
      </Button>
      <Modal
        open={open}
        title="Cancel this run?"
        onClose={() => !busy && setOpen(false)}
        footer={
          <>
            <Button variant="ghost" onClick={() => setOpen(false)} busy={busy}>
              Keep it running
            </Button>
            <Button variant="danger" onClick={() => void confirm()} busy={busy}>
              {busy ? 'Canceling…' : 'Cancel run'}
            </Button>
          </>
        }
      >
        <p>
          The steps not done yet will not run, its open review tasks close, and nothing more is
          published. A canceled run cannot be restarted.
        </p>
      </Modal>
    </>
  );
}
