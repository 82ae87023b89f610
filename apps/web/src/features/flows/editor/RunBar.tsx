import { X } from 'lucide-react';
import { Link } from 'react-router';
import { useAuth } from '../../../auth/use-auth.js';
import { Badge, Button, IconButton, type BadgeTone } from '../../../ui/index.js';
import { useNow } from '../../../ui/use-now.js';
import { useEditorStore, type StepView } from './editor.store.js';
import { focusTestRunButton } from './test-run-button.js';
import { rememberHidden } from './restore-run.js';
import { runProgressText } from './run-progress.js';
import { formatDateTime, stepWakeText, TEST_FINISHED_LABEL } from '../../runs/run-view.js';
import { TEST_REVIEW_HEADING_ID } from './TestReview.js';

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

/**
 * Opens the waiting checkpoint's settings, where a test run's review is decided, and puts the
 * keyboard on the review once it is there.
 */
function reviewHere(nodeId: string): void {
  useEditorStore.getState().select(nodeId);
  const focus = (tries: number) => {
    const heading = document.getElementById(TEST_REVIEW_HEADING_ID);
    if (heading) {
      heading.scrollIntoView({ block: 'nearest' });
      heading.focus();
    } else if (tries > 0) requestAnimationFrame(() => focus(tries - 1));
  };
  requestAnimationFrame(() => focus(30));
}

/** The editor's current run (test or real): its state, progress and where to follow up. */
export function RunBar() {
  const run = useEditorStore((s) => s.run);
  const { hasRole } = useAuth();
  // Ticks only while a step's wake time is on screen ("continues in 5 minutes").
  const timed = run
    ? Object.values(run.steps).some((s) => s.status === 'waiting' && s.wakeAt)
    : false;
  const now = useNow(timed ? 30_000 : null);
  if (!run) return null;
  const steps = Object.entries(run.steps);
  const nodes = useEditorStore.getState().nodes;
  // The run's own step type; the draft's node only for a step loaded without one.
  const isReview = ([nodeId, step]: [string, StepView]) =>
    (step.type ?? nodes.find((n) => n.id === nodeId)?.data.nodeType) === 'human.review';
  const waiting = steps.filter(([, s]) => s.status === 'waiting');
  // A checkpoint waits for a person; a Wait step waits for its time, for no one.
  const review = waiting.find(isReview);
  const timer = review ? undefined : waiting[0];
  const failed = steps.find(([, s]) => s.status === 'failed');
  // A test run's checkpoint asks the designer.
  const yourReview = run.test && review ? review[0] : null;
  const wake = timer ? stepWakeText(timer[1], now) : null;
  return (
    <div
      className="run-bar"
      role="status"
      aria-live="polite"
      data-testid="run-bar"
      data-run-status={run.status}
    >
      <span className={`run-dot run-${run.status}`} aria-hidden="true" />
      <strong>{run.test ? 'Test run' : 'Real run'}</strong>
      <Badge tone={RUN_TONE[run.status] ?? 'neutral'}>
        {yourReview
          ? 'Waiting for your review'
          : // Worded as the runs list words it: a finished test run sent nothing.
            run.test && run.status === 'succeeded'
            ? TEST_FINISHED_LABEL
            : run.status === 'waiting' && !review
              ? 'Waiting'
              : (RUN_TEXT[run.status] ?? run.status)}
      </Badge>
      <span className="muted small">
        {runProgressText(
          run.status,
          steps.map(([, s]) => s.status),
          nodes.length,
        )}
      </span>
      {yourReview && (
        <Button size="sm" variant="primary" onClick={() => reviewHere(yourReview)}>
          Review it here
        </Button>
      )}
      {wake && timer && (
        <span className="small" title={formatDateTime(timer[1].wakeAt)}>
          Wait step {wake}
        </span>
      )}
      {review && !run.test && (
        <span className="small">
          {review[1].taskId ? (
            <Link to={`/inbox/${review[1].taskId}`}>Open the review task</Link>
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
        label={run.test ? 'Hide the test run' : 'Hide the run'}
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
