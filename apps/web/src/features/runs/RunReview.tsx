import { Link } from 'react-router';
import { Badge, formatRelative, type BadgeTone } from '../../ui/index.js';
import { formatDateTime } from './run-view.js';
import { DECISION_LABELS, TASK_STATUS_LABELS, type ReviewEntry } from './run-review.js';

const STATUS_TONE: Record<ReviewEntry['status'], BadgeTone> = {
  open: 'warning',
  decided: 'success',
  expired: 'danger',
  canceled: 'neutral',
  passed: 'info',
};

function When({ at }: { at: string | null }) {
  return at ? (
    <span className="muted small" title={formatDateTime(at)}>
      {formatRelative(at)}
    </span>
  ) : null;
}

/**
 * The run's checkpoints as anyone who may view the run sees them: each task's status and every
 * decision on it (who, when, how, why). Read-only; deciding happens in the inbox.
 */
export function RunReview({
  entries,
  stepName,
  ended = false,
}: {
  entries: ReviewEntry[];
  stepName: (step: { nodeId: string }) => string;
  /** The run is over: "not yet" would promise a review that will never come. */
  ended?: boolean;
}) {
  if (entries.length === 0)
    return (
      <p className="muted small">
        {ended
          ? 'No one reviewed anything in this run: it reached no checkpoint.'
          : 'No checkpoint reached in this run yet.'}
      </p>
    );
  return (
    <ul className="decision-list" data-testid="run-review">
      {entries.map((e) => (
        <li key={e.key}>
          <p className="row">
            <strong title={e.nodeId}>{stepName(e)}</strong>
            {e.round > 0 && <span className="small">round {e.round}</span>}
            {e.spotCheck && <span className="small muted">spot check</span>}
            <Badge tone={STATUS_TONE[e.status]}>{TASK_STATUS_LABELS[e.status]}</Badge>
            {e.passedBy && <span className="small">by the automation level ({e.passedBy})</span>}
            {e.status === 'open' && e.taskId && (
              <Link className="small" to={`/inbox/${encodeURIComponent(e.taskId)}`}>
                Open the task
              </Link>
            )}
          </p>
          {e.decisions.map((d, i) => (
            <div key={`${d.at ?? ''}:${i}`} className="review-decision">
              <p>
                <strong>{DECISION_LABELS[d.action]}</strong> by {d.by} <When at={d.at} />
              </p>
              {d.reason && <p className="small">“{d.reason}”</p>}
              {d.tags.length > 0 && (
                <p className="row small">
                  {d.tags.map((t) => (
                    <Badge key={t}>{t}</Badge>
                  ))}
                </p>
              )}
            </div>
          ))}
        </li>
      ))}
    </ul>
  );
}
