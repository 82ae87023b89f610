import { Button, EmptyState } from '../../ui/index.js';

/** A task that could not be opened: gone, someone else's, or a failure worth retrying. */
export function TaskOpenFailed({
  error,
  missing,
  refused,
  onRetry,
}: {
  error: string;
  missing: boolean;
  refused: boolean;
  onRetry: () => void;
}) {
  return (
    <EmptyState
      title={
        missing
          ? 'This task does not exist'
          : refused
            ? 'This task is not yours to open'
            : 'This task could not be opened'
      }
      body={error}
      action={missing || refused ? undefined : <Button onClick={onRetry}>Try again</Button>}
    />
  );
}
