import { Button, Modal } from '../../../ui/index.js';

/** Asked on the way out of the editor while the latest changes could not be saved. */
export function LeaveUnsavedModal({
  open,
  saveFailure,
  onStay,
  onLeaveAnyway,
}: {
  open: boolean;
  /** Why the last save failed, in the server's words. */
  saveFailure: string | null;
  onStay: () => void;
  onLeaveAnyway: () => void;
}) {
  return (
    <Modal
      open={open}
      title="Leave without saving?"
      onClose={onStay}
      footer={
        <>
          <Button variant="ghost" onClick={onLeaveAnyway}>
            Leave and lose the changes
          </Button>
          <Button variant="primary" onClick={onStay}>
            Stay
          </Button>
        </>
      }
    >
      <p>
        Your latest changes to this flow could not be saved
        {saveFailure ? `: ${saveFailure}` : '.'} Stay to fix it and save them.
      </p>
    </Modal>
  );
}
