import { X } from 'lucide-react';
import { Link } from 'react-router';
import { useAuth } from '../../../auth/use-auth.js';
import { Badge, IconButton, type BadgeTone } from '../../../ui/index.js';
import { useEditorStore } from './editor.store.js';
import { focusTestRunButton } from './test-run-button.js';
import { rememberHidden } from './restore-run.js';
import { runProgressText } from './run-progress.js';

const RUN_TONE: Record<string, BadgeTone> = {
  running: 'info',
  waiting: 'warning',
  succeeded: 'success',
  failed: 'danger',
  canceled: 'neutral',
};

const RUN_TEXT: Record<string, string> = {
  running: 'Running',
  waiting: 'Waiting for a reviewer',
  succeeded: 'Finished',
  failed: 'Failed',
  canceled: 'Canceled',
};

/** The editor's current test run: its state, progress and where to follow up. */
export function RunBar() {
  const run = useEditorStore((s) => s.run);
  const { hasRole } = useAuth();
  if (!run) return null;
  const steps = Object.entries(run.steps);
  const waiting = steps.find(([, s]) => s.status === 'waiting');
  const failed = steps.find(([, s]) => s.status === 'failed');
  return (
    <div
      className="run-bar"
      role="status"
      aria-live="polite"
      data-testid="run-bar"
      data-run-status={run.status}
    >
      <span className={`run-dot run-${run.status}`} aria-hidden="true" />
      <strong>Test run</strong>
      <Badge tone={RUN_TONE[run.status] ?? 'neutral'}>{RUN_TEXT[run.status] ?? run.status}</Badge>
      <span className="muted small">
        {runProgressText(
          run.status,
          steps.map(([, s]) => s.status),
          useEditorStore.getState().nodes.length,
        )}
      </span>
      {waiting && (
        <span className="small">
          {waiting[1].taskId ? (
            <Link to={`/inbox/${waiting[1].taskId}`}>Open the review task</Link>
          ) : hasRole('reviewer', 'manager', 'admin') ? (
            <Link to="/inbox">Open the inbox</Link>
          ) : (
            <span className="muted">The task is in the reviewers’ inbox</span>
          )}
        </span>
      )}
      {failed && (
        <span className="small form-error">{failed[1].error?.message ?? 'A step failed'}</span>
      )}
      <span className="spacer" />
      <Link to={`/runs/${run.id}`} className="small">
        Run details
      </Link>
      <IconButton
        icon={X}
        size={16}
        label="Hide the test run"
        onClick={() => {
          // Hidden for good: reopening the flow does not bring this run back.
          rememberHidden(run.id);
          useEditorStore.getState().setRun(null);
          focusTestRunButton();
        }}
      />
    </div>
  );
}
