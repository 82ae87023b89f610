import type { Ref } from 'react';
import type { Flag } from '@tandem/schema';
import { Badge, Button, modKey } from '../../../ui/index.js';
import { Highlighted } from '../../inbox/ContentPreview.js';
import type { ClaimState } from '../../inbox/use-task.js';
import type { TaskDetail } from '../../inbox/inbox-api.js';
import { isSubmitShortcut } from './run-input.js';

/** The id of the panel's heading: the run bar's "Review it here" puts the focus there. */
export const TEST_REVIEW_HEADING_ID = 'test-review-heading';

const SEVERITY_TONE = { info: 'info', warning: 'warning', error: 'danger' } as const;

function FlagList({ flags }: { flags: readonly Flag[] }) {
  if (flags.length === 0) return <p className="muted small">The checks flagged nothing.</p>;
  return (
    <ul className="test-review-flags" aria-label="Checks flagged">
      {flags.map((f, i) => (
        <li key={i}>
          <Badge tone={SEVERITY_TONE[f.severity]}>{f.severity}</Badge> {f.message}
        </li>
      ))}
    </ul>
  );
}

export interface TestReviewViewProps {
  task: TaskDetail;
  claim: ClaimState;
  /** The content as the designer left it (the original when untouched). */
  edited: string;
  changed: boolean;
  editing: boolean;
  canDecide: boolean;
  canEdit: boolean;
  busy: boolean;
  /** What came of the decision, once made. */
  done: string | null;
  editorRef: Ref<HTMLTextAreaElement>;
  onEdit: (text: string) => void;
  onApprove: () => void;
  onStartEditing: () => void;
  onUndoEdits: () => void;
  onRequestChanges: () => void;
  onReject: () => void;
}

/** The test checkpoint's content, its checks' flags and the four decisions (TestReview.tsx). */
export function TestReviewView(props: TestReviewViewProps) {
  const { task, claim, edited, changed, editing, canDecide, canEdit, busy, done } = props;
  return (
    <section
      className="test-review"
      aria-labelledby={TEST_REVIEW_HEADING_ID}
      data-testid="test-review"
      data-task-id={task.id}
    >
      <h3 id={TEST_REVIEW_HEADING_ID} tabIndex={-1}>
        Your review <span className="muted small">(test run)</span>
      </h3>
      <p className="muted small">
        In a test run this checkpoint asks only you. Your decision moves the run on as a reviewer’s
        would, and is not recorded as feedback.
      </p>
      {task.instructions && <p className="small test-review-instructions">{task.instructions}</p>}
      {done ? (
        <p className="notice notice-info" role="status" data-testid="test-review-done">
          {done}
        </p>
      ) : claim === 'other' ? (
        <p className="notice notice-warning small" role="status">
          This review is open elsewhere (another tab or window). Decide it there, or close it there
          to decide here.
        </p>
      ) : task.status !== 'open' ? (
        <p className="notice notice-info small" role="status">
          This review has been decided.
        </p>
      ) : null}
      {editing ? (
        <>
          <label htmlFor="test-review-editor" className="small">
            Edit the content
          </label>
          <textarea
            id="test-review-editor"
            ref={props.editorRef}
            className="test-review-editor"
            value={edited}
            rows={Math.min(16, Math.max(6, edited.split('\n').length + 1))}
            onChange={(e) => props.onEdit(e.target.value)}
            onKeyDown={(e) => {
              if (!isSubmitShortcut(e)) return;
              e.preventDefault();
              props.onApprove();
            }}
            disabled={!canDecide}
          />
          <p className="muted small">
            <kbd>{modKey()}</kbd>+<kbd>Enter</kbd> approves with your edits.
          </p>
        </>
      ) : (
        <div className="test-review-content" data-testid="test-review-content">
          <Highlighted text={edited} flags={task.flags} />
        </div>
      )}
      <FlagList flags={task.flags} />
      {!done && task.status === 'open' && (
        <div className="test-review-actions" role="group" aria-label="Decision">
          <Button
            variant="primary"
            onClick={props.onApprove}
            disabled={!canDecide && !busy}
            busy={busy}
            aria-keyshortcuts={editing ? 'Control+Enter Meta+Enter' : undefined}
          >
            {changed ? 'Approve with edits' : 'Approve'}
          </Button>
          {editing ? (
            <Button onClick={props.onUndoEdits}>Undo edits</Button>
          ) : (
            <Button onClick={props.onStartEditing} disabled={!canEdit}>
              Edit
            </Button>
          )}
          <Button onClick={props.onRequestChanges} disabled={!canDecide}>
            Request changes
          </Button>
          <Button variant="danger" onClick={props.onReject} disabled={!canDecide}>
            Reject
          </Button>
        </div>
      )}
    </section>
  );
}
