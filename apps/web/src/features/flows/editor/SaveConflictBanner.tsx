import { useState } from 'react';
import { Button } from '../../../ui/index.js';

/**
 * Shown when a save was refused because the draft changed elsewhere (another tab, a colleague)
 * since this tab loaded it. Reloading was the only way out and silently threw away what the
 * designer had just typed; now they choose whose version stays.
 */
export function SaveConflictBanner({
  onKeepMine,
  onLoadTheirs,
}: {
  onKeepMine: () => Promise<void>;
  onLoadTheirs: () => void;
}) {
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const keep = async () => {
    setBusy(true);
    setFailed(false);
    try {
      await onKeepMine();
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="conflict-banner" role="alert" data-testid="save-conflict">
      <span>
        <strong>Your latest changes are not saved.</strong> This flow was changed in another tab or
        by someone else after you opened it.
        {failed && ' Saving yours did not work; try again.'}
      </span>
      <Button size="sm" variant="primary" onClick={() => void keep()} busy={busy}>
        {busy ? 'Saving…' : 'Keep my version'}
      </Button>
      <Button size="sm" onClick={onLoadTheirs} busy={busy}>
        Load the other version
      </Button>
    </div>
  );
}
