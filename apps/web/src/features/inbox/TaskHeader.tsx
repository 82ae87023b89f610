import type { RefObject } from 'react';
import { Link } from 'react-router';
import { Badge, Button } from '../../ui/index.js';
import { flagPlaceInData, parseStructured } from '../../ui/structured-data.js';
import { closedMessage } from './closed-message.js';
import { countdown } from './countdown.js';
import { escalationLabel } from './escalation.js';
import { flagAdvice, flagPlace, flagSources } from './flag-advice.js';
import { resolvedFlags } from './flag-ranges.js';
import type { TaskDetail } from './inbox-api.js';
import type { ClaimState } from './claim-state.js';

const SEVERITY_TONE = { info: 'info', warning: 'warning', error: 'danger' } as const;

/** "1 more approval": what a quorum task still needs. */
export function waitingFor(task: Pick<TaskDetail, 'requiredApprovals' | 'approvals'>): string {
  const left = Math.max(1, task.requiredApprovals - task.approvals.length);
  return `${left} more approval${left === 1 ? '' : 's'}`;
}

interface Props {
  task: TaskDetail;
  flowName: string;
  now: number;
  claim: ClaimState;
  userId: string;
  error: string | null;
  onRetry: () => void;
  /** Takes back a claim that an escalation (or a manager) released. */
  onReclaim: () => void;
  /** Why the last decision was refused (someone else decided or claimed it). */
  notice: string | null;
  /** The text as edited, to mark flags the reviewer has edited out. */
  edited: string;
  headingRef: RefObject<HTMLHeadingElement | null>;
}

/** Who, what and when of a task: title, due time, claim state, instructions and the flags. */
export function TaskHeader({
  task,
  flowName,
  now,
  claim,
  userId,
  error,
  onRetry,
  onReclaim,
  notice,
  edited,
  headingRef,
}: Props) {
  const due = countdown(task.dueAt, now);
  const escalation = escalationLabel(task, now);
  const fixed = resolvedFlags(edited, task.flags);
  const sources = flagSources(task.flags, task.extras?.context);
  // Structured content shows as a table: a flag is marked on its row, not in the JSON's text.
  const data =
    typeof task.content.data === 'object' && task.content.data !== null
      ? parseStructured(edited)
      : undefined;
  const claimer = task.claimedByName || 'another reviewer';
  return (
    <>
      <header className="task-head">
        <Link to="/inbox" className="task-back link-btn">
          ← All tasks
        </Link>
        <h2 id="task-title" tabIndex={-1} ref={headingRef}>
          {task.title}
        </h2>
        <p className="muted small">
          {flowName}
          {task.extras?.flow && <> v{task.extras.flow.versionNumber}</>}
          {task.round > 0 && (
            <>
              {' '}
              · revision round {task.round}
              {typeof task.extras?.maxRounds === 'number' && <> of {task.extras.maxRounds}</>}
            </>
          )}
        </p>
        <div className="task-badges">
          {due.tone !== 'none' && <span className={`due due-${due.tone}`}>{due.label}</span>}
          {escalation && (
            <Badge tone="danger" title={task.escalatedAt ?? undefined}>
              {escalation}
            </Badge>
          )}
          {task.kind === 'spot_check' && (
            <Badge tone="info" title="Already published; your decision feeds the evidence">
              Spot check
            </Badge>
          )}
          {task.requiredApprovals > 1 && (
            <Badge tone="accent">
              {task.approvals.length} of {task.requiredApprovals} approvals
            </Badge>
          )}
        </div>
        <div role="status" aria-live="polite" className="claim-status">
          {claim === 'loading' && <span className="muted">Claiming…</span>}
          {claim === 'mine' && <Badge tone="success">You are reviewing this</Badge>}
          {claim === 'released' && (
            <span className="notice notice-warning" data-testid="claim-released">
              {escalation
                ? `${escalation}: your claim was released, so others can take it.`
                : 'Your claim on this task was released.'}{' '}
              Deciding is locked until you take it back.{' '}
              <Button size="sm" onClick={onReclaim}>
                Take it back
              </Button>
            </span>
          )}
          {claim === 'other' && (
            <span className="notice notice-warning" data-testid="claimed-by-other">
              Being reviewed by {claimer}. You can read it; deciding is locked until they release
              it.
            </span>
          )}
          {claim === 'readonly' && (
            <span className="notice notice-info">
              {task.extras?.approvedByYou
                ? `You approved this. It waits for ${waitingFor(task)} from other reviewers.`
                : 'You can read this task; it is assigned to other reviewers.'}
            </span>
          )}
          {claim === 'closed' && (
            <span className="notice notice-info">{closedMessage(task, userId)}</span>
          )}
          {claim === 'error' && (
            <span className="notice notice-danger">
              {error}{' '}
              <Button size="sm" onClick={onRetry}>
                Try again
              </Button>
            </span>
          )}
        </div>
        {notice && (
          <p className="notice notice-danger" role="alert">
            {notice} <Link to="/inbox">Back to the inbox</Link>
          </p>
        )}
      </header>

      {task.instructions && (
        <section className="task-instructions" aria-labelledby="instr-h">
          <h3 id="instr-h">Instructions</h3>
          <p>{task.instructions}</p>
        </section>
      )}

      {task.flags.length > 0 && (
        <section aria-labelledby="flags-h" className="task-flags">
          <h3 id="flags-h">Checks flagged ({task.flags.length})</h3>
          <p className="small muted">
            {sources.length > 0 && <>Raised by {sources.join(', ')}. </>}
            Approving publishes the text as it is, flags and all.
          </p>
          <ul>
            {task.flags.map((f, i) => {
              const place = data ? flagPlaceInData(f, data) : flagPlace(f, edited);
              const showMatch = f.match && !f.message.toLowerCase().includes(f.match.toLowerCase());
              return (
                <li key={i} className={fixed.includes(f) ? 'is-fixed' : undefined}>
                  <Badge tone={SEVERITY_TONE[f.severity]}>{f.severity}</Badge> {f.message}
                  {showMatch && (
                    <>
                      {' '}
                      — <mark className={`flag-mark flag-${f.severity}`}>{f.match}</mark>
                    </>
                  )}
                  {fixed.includes(f) ? (
                    <span className="muted small"> (edited out)</span>
                  ) : (
                    <>
                      {place && <span className="muted small">, {place}</span>}
                      <span className="flag-advice small">{flagAdvice(f)}</span>
                    </>
                  )}
                </li>
              );
            })}
          </ul>
        </section>
      )}
    </>
  );
}
