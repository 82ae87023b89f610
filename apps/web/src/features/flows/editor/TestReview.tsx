import { useRef, useState } from 'react';
import { useAuth } from '../../../auth/use-auth.js';
import { Button, Spinner, useToast } from '../../../ui/index.js';
import { isEdited } from '../../inbox/decision-form.js';
import { decideTask } from '../../inbox/inbox-api.js';
import { useTask } from '../../inbox/use-task.js';
import { TestDecisionDialog } from './TestDecisionDialog.js';
import { TestReviewView } from './TestReviewView.js';
import { reviewText, sendTestDecision, type TestDecisionKind } from './test-review.js';

export { TEST_REVIEW_HEADING_ID } from './TestReviewView.js';

/**
 * A test run's checkpoint, decided in the editor by the designer who started the run: approve,
 * edit and approve, request changes (with a note) or reject. The task is claimed on open and
 * released if the panel closes undecided (`useTask`, as the inbox does); live updates keep it
 * current.
 */
export function TestReview({ taskId }: { taskId: string }) {
  const { user } = useAuth();
  const { task, claim, error, markDecided, markLost, retry } = useTask(taskId, user?.id ?? '');
  const toast = useToast();
  const [edits, setEdits] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const [dialog, setDialog] = useState<'requestChanges' | 'reject' | null>(null);
  const [note, setNote] = useState('');
  const [noteError, setNoteError] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const editorRef = useRef<HTMLTextAreaElement>(null);

  if (!task) {
    if (!error) return <Spinner label="Opening the review" />;
    return (
      <div className="test-review" role="alert">
        <p className="form-error">This review could not be opened: {error}</p>
        <Button size="sm" onClick={retry}>
          Try again
        </Button>
      </div>
    );
  }

  const original = reviewText(task.content);
  const edited = edits ?? original;
  const canDecide = claim === 'mine' && task.status === 'open' && !busy && !done;
  const canEdit = canDecide && task.editable !== false && typeof task.content.text === 'string';

  const decide = async (kind: TestDecisionKind) => {
    if (!canDecide) return;
    const draft = { original, edited, note, tags: [], revision: task.revision };
    setBusy(true);
    setFailure(null);
    const outcome = await sendTestDecision(task.id, kind, draft, decideTask);
    setBusy(false);
    if (outcome.kind === 'invalid') {
      setNoteError(outcome.note);
      if (outcome.content) toast.show(outcome.content, 'error');
    } else if (outcome.kind === 'decided') {
      markDecided(outcome.task);
      setDialog(null);
      setEditing(false);
      setDone(outcome.text);
      // The panel goes once the step moves on; the toast stays to say what happened.
      toast.show(outcome.text, 'success');
    } else if (outcome.failure.kind === 'lost') {
      markLost(outcome.failure.lost);
      setDialog(null);
      setDone(outcome.failure.notice);
    } else if (kind === 'approve') {
      toast.show(outcome.failure.message, 'error');
    } else {
      setFailure(outcome.failure.message);
    }
  };

  const openDialog = (kind: 'requestChanges' | 'reject') => {
    setNoteError(null);
    setFailure(null);
    setDialog(kind);
  };

  return (
    <>
      <TestReviewView
        task={task}
        claim={claim}
        edited={edited}
        changed={isEdited({ original, edited })}
        editing={editing}
        canDecide={canDecide}
        canEdit={canEdit}
        busy={busy && dialog === null}
        done={done}
        editorRef={editorRef}
        onEdit={setEdits}
        onApprove={() => void decide('approve')}
        onStartEditing={() => {
          setEditing(true);
          requestAnimationFrame(() => editorRef.current?.focus());
        }}
        onUndoEdits={() => {
          setEditing(false);
          setEdits(null);
        }}
        onRequestChanges={() => openDialog('requestChanges')}
        onReject={() => openDialog('reject')}
      />
      <TestDecisionDialog
        kind={dialog}
        note={note}
        error={noteError}
        failure={failure}
        busy={busy}
        onNote={setNote}
        onSubmit={() => dialog && void decide(dialog)}
        onClose={() => setDialog(null)}
      />
    </>
  );
}
