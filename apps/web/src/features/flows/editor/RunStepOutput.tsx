import { Link } from 'react-router';
import { Badge } from '../../../ui/index.js';
import { formatDuration } from '../../../ui/format.js';
import { useNow } from '../../../ui/use-now.js';
import { formatDateTime, stepWakeText } from '../../runs/run-view.js';
import { WouldSend } from '../../runs/WouldSend.js';
import { wouldSendOf } from '../../runs/would-send.js';
import type { StepView } from './editor.store.js';
import { TestReview } from './TestReview.js';

const STEP_TONE = {
  done: 'success',
  failed: 'danger',
  running: 'info',
  waiting: 'warning',
  pending: 'neutral',
  skipped: 'neutral',
} as const;

/**
 * What a waiting step waits for. A checkpoint's task is decided right here in a test run, in the
 * inbox in a real one; a Wait step waits for its time, in both.
 */
function Waiting({ step, test, review }: { step: StepView; test: boolean; review: boolean }) {
  const now = useNow(review ? null : 30_000);
  if (!review) {
    const wake = stepWakeText(step, now);
    return (
      <p className="callout">
        Waiting for its time{wake ? <>: {wake}</> : null}
        {step.wakeAt ? ` (${formatDateTime(step.wakeAt)})` : null}. No one needs to act.
      </p>
    );
  }
  if (test)
    return step.taskId ? (
      // Keyed: a request for changes ends one task and the redraft opens a new one.
      <TestReview key={step.taskId} taskId={step.taskId} />
    ) : (
      <p className="callout">Waiting for your review; opening it…</p>
    );
  return (
    <p className="callout">
      Waiting for a person to review.{' '}
      {step.taskId ? (
        <Link to={`/inbox/${step.taskId}`}>Open the review task</Link>
      ) : (
        'The task is in the reviewers’ inbox.'
      )}
    </p>
  );
}

/**
 * The selected step in the editor's run: its state, output, and what it would have sent.
 * `review`: the step is a checkpoint (it waits for a person, not a time).
 */
export function RunStepOutput({
  step,
  test,
  review,
}: {
  step: StepView;
  test: boolean;
  review: boolean;
}) {
  const took =
    step.startedAt && step.endedAt
      ? formatDuration(new Date(step.endedAt).getTime() - new Date(step.startedAt).getTime())
      : null;
  const text =
    step.output &&
    typeof step.output === 'object' &&
    typeof (step.output as { text?: unknown }).text === 'string'
      ? (step.output as { text: string }).text
      : null;
  const wouldSend = test ? wouldSendOf(step.output) : null;
  return (
    <section className="inspector-section" aria-label="Run output">
      <div className="row">
        <h3>{test ? 'Last test run' : 'Last real run'}</h3>
        <span className="spacer" />
        <Badge tone={STEP_TONE[step.status] ?? 'neutral'}>{step.status}</Badge>
      </div>
      <dl className="kv">
        {took && (
          <>
            <dt>Took</dt>
            <dd>{took}</dd>
          </>
        )}
        <dt>Attempts</dt>
        <dd>{step.attempts}</dd>
      </dl>
      {step.status === 'waiting' && <Waiting step={step} test={test} review={review} />}
      {step.error && (
        <p className="callout callout-danger" role="alert">
          <strong>{step.error.code}</strong>: {step.error.message}
        </p>
      )}
      {wouldSend && <WouldSend wouldSend={wouldSend} />}
      {text !== null && <div className="output-text">{text}</div>}
      {step.output !== null && step.output !== undefined && (
        <details open={text === null && !wouldSend}>
          <summary>Full output</summary>
          <pre className="output-json">{JSON.stringify(step.output, null, 2)}</pre>
        </details>
      )}
    </section>
  );
}
