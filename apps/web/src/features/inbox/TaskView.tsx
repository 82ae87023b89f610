import { useCallback, useEffect, useRef, useState } from 'react';
import { useAuth } from '../../auth/use-auth.js';
import { Button, Spinner, useToast } from '../../ui/index.js';
import { TaskOpenFailed } from './TaskOpenFailed.js';
import { DecisionBar } from './DecisionBar.js';
import { DecisionDialog } from './DecisionDialogs.js';
import { buildDecision, isEdited, type DecisionKind } from './decision-form.js';
import { decideTask, type TaskDetail } from './inbox-api.js';
import { DECISION_LABELS, decidedToast, toastTitle } from './decision-outcome.js';
import {
  heldDecisions,
  holdDecision,
  useHeldDecision,
  type HeldDecisionPage,
} from './held-decisions.js';
import { HeldNotice } from './HeldNotice.js';
import { clearDraft, saveDraft } from './review-drafts.js';
import { PreviousRound } from './PreviousRound.js';
import { TaskContent } from './TaskContent.js';
import { TaskContext } from './TaskContext.js';
import { decisionLimits } from './decision-limits.js';
import { decisionLockedReason } from './claim-state.js';
import { closedMessage } from './closed-message.js';
import { TaskHeader, waitingFor } from './TaskHeader.js';
import { useTask } from './use-task.js';
import { OFFLINE_REASON, useConnectionDown } from './use-connection-down.js';
import { useDecisionKeys } from './use-decision-keys.js';
import { useReviewDraft } from './use-review-draft.js';
import { CONTENT_CHANGED_REASON, useReadContent } from './use-read-content.js';
import { approveQuestion, openErrors } from './approve-check.js';
import { decisionFailure, type DecisionErrors } from './decision-failure.js';
import { useApproveQuestion } from './use-approve-question.js';

interface Props {
  taskId: string;
  userId: string;
  flowNames: ReadonlyMap<string, string>;
  now: number;
  /** Called once the decision is stored (or held for undo), to open the next task. */
  onDecided: (task: TaskDetail) => void;
  /** How long a decision is held before it is sent, so it can be undone; 0 sends at once. */
  undoWindowMs: number;
  /** What the inbox does about a held decision (undo it, drop or show its task again). */
  heldPage: HeldDecisionPage;
  /** Shortcuts are off while another layer (the help dialog) has the keyboard. */
  keysEnabled: boolean;
}

function contentText(task: TaskDetail): string {
  if (typeof task.content.text === 'string') return task.content.text;
  return task.content.data === undefined ? '' : JSON.stringify(task.content.data, null, 2);
}

export function TaskView(props: Props) {
  const { taskId, userId, flowNames, now, onDecided, keysEnabled } = props;
  const { undoWindowMs, heldPage } = props;
  const held = useHeldDecision(taskId);
  const { task, claim, error, missing, refused, markDecided, markLost, retry, reclaim } = useTask(
    taskId,
    userId,
  );
  const toast = useToast();
  // Ids and prompt versions help the people who build flows; reviewers only need the content.
  const auth = useAuth();
  const technical = auth.hasRole('designer', 'admin');
  const reviewerId = auth.user?.id ?? '';
  const original = task ? contentText(task) : '';
  const { edits, setEdits, note, setNote, tags, setTags, restored, ...draft } = useReviewDraft(
    reviewerId,
    task,
    original,
  );
  const edited = edits ?? original;
  const [editing, setEditing] = useState(false);
  const [dialog, setDialog] = useState<'requestChanges' | 'reject' | null>(null);
  const [errors, setErrors] = useState<DecisionErrors>({});
  /** Why the last request changes / reject did not go through, shown inside its dialog. */
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const offline = useConnectionDown();
  const editorRef = useRef<HTMLTextAreaElement>(null);
  /** Around whichever editor is open: Escape and Ctrl+Enter in any of its fields act on it. */
  const editorAreaRef = useRef<HTMLDivElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);

  const discardDraft = () => {
    draft.discard();
    headingRef.current?.focus();
  };

  const loadedId = task?.id;
  useEffect(() => {
    if (loadedId) headingRef.current?.focus();
  }, [loadedId]);

  /** Number fields of the in-place editor that hold no number, by label. */
  const [badCells, setBadCells] = useState<string[]>([]);

  const canDecide = claim === 'mine' && task?.status === 'open' && !busy && !held;
  const contentRead = useReadContent(task?.id, original);
  const ruled = task ? decisionLimits(task) : { approve: null, requestChanges: null };
  const limits = contentRead.changed ? { ...ruled, approve: CONTENT_CHANGED_REASON } : ruled;
  const canApprove = canDecide && !limits.approve;
  const canRequestChanges = canDecide && !limits.requestChanges;
  const canEdit = canApprove && task?.editable !== false && typeof task?.content.text === 'string';
  const changed = isEdited({ original, edited });
  const question = task ? approveQuestion(openErrors(edited, task.flags)) : null;

  const submit = useCallback(
    async (kind: DecisionKind) => {
      if (!task || !canDecide) return;
      // A toast sits behind an open dialog, dimmed: the dialog's own decisions say it inside.
      const tell = (message: string) =>
        kind === 'approve' ? toast.show(message, 'error') : setFailure(message);
      if (offline) {
        tell(OFFLINE_REASON);
        return;
      }
      // Said up front: the server would refuse it, and a key press must not pass silently.
      const refused = kind === 'approve' ? limits.approve : null;
      if (refused) {
        toast.show(refused, 'error');
        return;
      }
      if (kind === 'approve' && badCells.length > 0) {
        const problem = `Enter a number for ${badCells[0]}`;
        setErrors({ content: problem });
        toast.show(problem, 'error');
        return;
      }
      const result = buildDecision(kind, {
        original,
        edited,
        note,
        tags,
        // After another reviewer's edit, the server wants the revision whose text this reviewer
        // read; elsewhere a claim or another's approval would make it stale for no reason.
        ...(task.approvals.some((a) => a.action === 'edit') ? { revision: task.revision } : {}),
      });
      if (!result.ok) {
        setErrors(result.errors);
        if (kind !== 'approve') setDialog(kind);
        return;
      }
      const label = DECISION_LABELS[result.input.action];
      setErrors({});
      setFailure(null);
      if (undoWindowMs > 0 && heldDecisions.canHold(result.input)) {
        holdDecision(
          { task, input: result.input, label, windowMs: undoWindowMs, reviewerId, toast },
          heldPage,
        );
        if (kind !== 'approve') {
          // The held decision carries its reason and tags. Kept in the draft too, an undo and r
          // reopened the dialog filled in: the reviewer's new words went after the old ones,
          // and their Space on a tag unticked the one already kept.
          setNote('');
          setTags([]);
          saveDraft(reviewerId, task.id, { original, edits, note: '', tags: [] });
        }
        markDecided(null);
        setDialog(null);
        onDecided({ ...task, status: 'decided' });
        return;
      }
      setBusy(true);
      try {
        const decided = await decideTask(task.id, result.input);
        clearDraft(reviewerId, task.id);
        markDecided(decided);
        setDialog(null);
        toast.show(
          decided?.status === 'open'
            ? `Your approval is in: ${toastTitle(task.title)} waits for ${waitingFor(decided)}`
            : decidedToast(label, task.title),
          'success',
        );
        onDecided({ ...task, ...(decided ?? {}), status: 'decided' });
      } catch (e) {
        const failure = decisionFailure(e);
        if (failure.kind === 'lost') {
          markLost(failure.lost);
          setDialog(null);
          setNotice(failure.notice);
        } else {
          if (failure.kind === 'fields') setErrors(failure.errors);
          tell(failure.message);
        }
      } finally {
        setBusy(false);
      }
    },
    [
      task,
      reviewerId,
      canDecide,
      offline,
      limits.approve,
      badCells,
      original,
      edits,
      edited,
      note,
      tags,
      setNote,
      setTags,
      markDecided,
      markLost,
      onDecided,
      toast,
      undoWindowMs,
      heldPage,
    ],
  );

  const { asking, requestApprove, confirmApprove, cancelApprove } = useApproveQuestion({
    question,
    canApprove,
    offline,
    approve: () => void submit('approve'),
    headingRef,
  });

  const startEditing = useCallback(() => {
    if (!canEdit) return;
    setEditing(true);
    requestAnimationFrame(() => {
      const el = editorRef.current;
      if (!el) {
        // The table editor: its first field.
        editorAreaRef.current?.querySelector<HTMLElement>('input, textarea')?.focus();
        return;
      }
      el.focus();
      // A reviewer who presses e mostly adds to or fixes the end; the browser would put the
      // caret at the start.
      el.setSelectionRange(el.value.length, el.value.length);
      el.scrollTop = el.scrollHeight;
    });
  }, [canEdit]);

  const openDialog = useCallback(
    (kind: 'requestChanges' | 'reject') => {
      if (!canDecide) return;
      if (offline) {
        toast.show(OFFLINE_REASON, 'error');
        return;
      }
      if (kind === 'requestChanges' && limits.requestChanges) {
        toast.show(limits.requestChanges, 'error');
        return;
      }
      setErrors({});
      setFailure(null);
      setDialog(kind);
    },
    [canDecide, offline, limits.requestChanges, toast],
  );
  const stopEditing = () => {
    setEditing(false);
    headingRef.current?.focus();
  };
  /** On a key press only: the buttons already show the same thing disabled. */
  const tellLocked = (): boolean => {
    const reason =
      task && !canDecide ? decisionLockedReason(claim, closedMessage(task, userId)) : null;
    if (reason) toast.show(reason, 'info', 'decision-locked');
    return reason !== null;
  };
  useDecisionKeys(keysEnabled, editorAreaRef, {
    dialog,
    submit: (kind) => {
      if (tellLocked()) return Promise.resolve();
      if (kind === 'approve') requestApprove();
      else void submit(kind);
      return Promise.resolve();
    },
    confirming: asking,
    confirmApprove,
    cancelApprove,
    startEditing: () => {
      if (!tellLocked()) startEditing();
    },
    stopEditing,
    openDialog: (kind) => {
      if (!tellLocked()) openDialog(kind);
    },
  });

  if (error && !task)
    return <TaskOpenFailed error={error} missing={missing} refused={refused} onRetry={retry} />;
  if (!task) return <Spinner label="Opening the task" />;

  return (
    <article className="task-view" aria-labelledby="task-title" data-task-id={task.id}>
      <TaskHeader
        task={task}
        flowName={task.extras?.flow?.name ?? flowNames.get(task.flowId) ?? task.flowId}
        now={now}
        claim={claim}
        userId={userId}
        error={error}
        onRetry={retry}
        onReclaim={reclaim}
        notice={notice}
        edited={edited}
        headingRef={headingRef}
      />
      {held && <HeldNotice held={held} now={now} onUndo={heldPage.onUndo} />}

      {restored && (
        <p className="notice notice-info draft-restored" role="status">
          Your unsent edits and notes on this task are back.
          <Button size="sm" variant="ghost" onClick={discardDraft}>
            Discard them
          </Button>
        </p>
      )}

      {contentRead.changed && claim === 'mine' && task.status === 'open' && (
        <div className="notice notice-warning content-changed" role="alert">
          <span>
            Another reviewer edited this content while you had it open. Read it again before you
            approve.
          </span>
          <Button size="sm" onClick={contentRead.acknowledge}>
            I have read it
          </Button>
        </div>
      )}

      {task.extras?.previousRound && (
        <PreviousRound previous={task.extras.previousRound} text={original} />
      )}

      <TaskContent
        task={task}
        original={original}
        edited={edited}
        changed={changed}
        editing={editing}
        canDecide={canDecide}
        onEdit={setEdits}
        onBadCells={setBadCells}
        contentError={errors.content}
        editorRef={editorRef}
        editorAreaRef={editorAreaRef}
        technical={technical}
      />

      <DecisionBar
        changed={changed}
        editing={editing}
        canDecide={canDecide}
        canApprove={canApprove}
        canEdit={canEdit}
        canRequestChanges={canRequestChanges}
        offline={offline}
        limits={limits}
        onApprove={requestApprove}
        question={asking ? question : null}
        onConfirmApprove={confirmApprove}
        onCancelApprove={cancelApprove}
        onToggleEdit={editing ? () => setEditing(false) : startEditing}
        onRequestChanges={() => openDialog('requestChanges')}
        onReject={() => openDialog('reject')}
      />

      <details className="task-context-box">
        <summary>Context: run input and upstream steps</summary>
        <TaskContext extras={task.extras} showStepIds={technical} />
      </details>

      <DecisionDialog
        kind={dialog}
        edited={changed}
        note={note}
        tags={tags}
        errors={errors}
        failure={failure}
        busy={busy}
        onNote={setNote}
        onTags={setTags}
        onSubmit={() => dialog && void submit(dialog)}
        onClose={() => setDialog(null)}
      />
    </article>
  );
}
