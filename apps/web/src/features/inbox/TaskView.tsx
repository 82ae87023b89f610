import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useAuth } from '../../auth/use-auth.js';
import { Button, Spinner, StructuredEditor, StructuredView, useToast } from '../../ui/index.js';
import {
  isInPlaceEditable,
  parseStructured,
  serializeStructured,
} from '../../ui/structured-data.js';
import { TaskOpenFailed } from './TaskOpenFailed.js';
import { CHANNELS, type Channel } from './channel-preview.js';
import { ContentPreview } from './ContentPreview.js';
import { EditChanges } from './EditChanges.js';
import { DecisionBar } from './DecisionBar.js';
import { DecisionDialog } from './DecisionDialogs.js';
import { buildDecision, isEdited, type DecisionKind } from './decision-form.js';
import { diffView } from './diff-view.js';
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
import { TaskContext } from './TaskContext.js';
import { decisionLimits } from './decision-limits.js';
import { decisionLockedReason } from './claim-state.js';
import { closedMessage } from './closed-message.js';
import { TaskHeader, waitingFor } from './TaskHeader.js';
import { TechnicalDetails } from './TechnicalDetails.js';
import { useTask } from './use-task.js';
import { useCheckpointChannel } from './use-checkpoint-channel.js';
import { OFFLINE_REASON, useConnectionDown } from './use-connection-down.js';
import { useDecisionKeys } from './use-decision-keys.js';
import { useReviewDraft } from './use-review-draft.js';
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

/** Content of JSON fields (an AI step's structured output), shown as fields and tables. */
function isStructured(task: TaskDetail | null): boolean {
  return typeof task?.content.data === 'object' && task.content.data !== null;
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
  const [channel, setChannel] = useCheckpointChannel(task?.flowId, task?.nodeId);
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
    setJsonEditing(false);
  }, [loadedId]);

  // Structured content: the draft and the edit read as data. The edit is kept as the JSON text
  // the decision sends, so a draft, the word diff and the server's validation work as for text.
  const structured = isStructured(task);
  const originalData = useMemo(
    () => (structured ? parseStructured(original) : undefined),
    [structured, original],
  );
  const editedData = useMemo(
    () => (structured ? parseStructured(edited) : undefined),
    [structured, edited],
  );
  /** The reviewer chose the raw JSON (or the shape is too deep for the table editor). */
  const [jsonEditing, setJsonEditing] = useState(false);
  const inPlace =
    structured && !jsonEditing && editedData !== undefined && isInPlaceEditable(editedData);
  /** Number fields of the in-place editor that hold no number, by label. */
  const [badCells, setBadCells] = useState<string[]>([]);

  const canDecide = claim === 'mine' && task?.status === 'open' && !busy && !held;
  const limits = task ? decisionLimits(task) : { approve: null, requestChanges: null };
  const canApprove = canDecide && !limits.approve;
  const canRequestChanges = canDecide && !limits.requestChanges;
  const canEdit = canApprove && task?.editable !== false && typeof task?.content.text === 'string';
  const diff = useMemo(() => diffView(original, edited), [original, edited]);
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
      const result = buildDecision(kind, { original, edited, note, tags });
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
  const editAsJson = (json: boolean) => {
    setJsonEditing(json);
    requestAnimationFrame(() =>
      (editorRef.current ?? editorAreaRef.current?.querySelector<HTMLElement>('input'))?.focus(),
    );
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

      {task.extras?.previousRound && (
        <PreviousRound previous={task.extras.previousRound} text={original} />
      )}

      <section aria-labelledby="content-h" className="task-content">
        <div className="row task-content-head">
          <h3 id="content-h">{editing ? 'Edit the content' : 'What will be published'}</h3>
          <div className="spacer" />
          {/* A table is not a post, an email or an article: no channel to preview it as. */}
          {!structured && (
            <label className="inbox-filter">
              <span>Preview as</span>
              <select value={channel} onChange={(e) => setChannel(e.target.value as Channel)}>
                {Object.values(CHANNELS).map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.label}
                  </option>
                ))}
              </select>
            </label>
          )}
        </div>
        {editing ? (
          <div className="stack" ref={editorAreaRef}>
            {inPlace && editedData !== undefined ? (
              <>
                <StructuredEditor
                  value={editedData}
                  disabled={!canDecide}
                  onChange={(next) => setEdits(serializeStructured(next))}
                  onInvalidChange={setBadCells}
                />
                <div className="row">
                  <Button size="sm" variant="ghost" onClick={() => editAsJson(true)}>
                    Edit as JSON
                  </Button>
                </div>
              </>
            ) : (
              <>
                <label htmlFor="task-editor" className="sr-only">
                  Content
                </label>
                <textarea
                  id="task-editor"
                  ref={editorRef}
                  className="task-editor"
                  value={edited}
                  rows={Math.min(20, Math.max(6, edited.split('\n').length + 1))}
                  onChange={(e) => setEdits(e.target.value)}
                  aria-describedby="diff-summary"
                  disabled={!canDecide}
                />
                {structured && editedData !== undefined && isInPlaceEditable(editedData) && (
                  <div className="row">
                    <Button size="sm" variant="ghost" onClick={() => editAsJson(false)}>
                      Edit as a table
                    </Button>
                  </div>
                )}
              </>
            )}
            {errors.content && (
              <p className="field-error" role="alert">
                {errors.content}
              </p>
            )}
          </div>
        ) : structured && editedData !== undefined ? (
          <StructuredView
            value={editedData}
            flags={task.flags}
            {...(changed && originalData !== undefined ? { original: originalData } : {})}
          />
        ) : (
          <ContentPreview text={edited} channel={channel} flags={task.flags} />
        )}
        {(editing || changed) && (
          <EditChanges
            diff={diff}
            changed={changed}
            editing={editing}
            canDecide={canDecide}
            onUndo={() => setEdits(null)}
            edited={edited}
            channel={channel}
            flags={task.flags}
            {...(structured
              ? {
                  // The table marks the changed values; the JSON's word diff would repeat them
                  // as punctuation. Edited as JSON, the table shows what the JSON now says.
                  preview:
                    editing && !inPlace && editedData !== undefined ? (
                      <StructuredView
                        value={editedData}
                        flags={task.flags}
                        {...(originalData !== undefined ? { original: originalData } : {})}
                      />
                    ) : null,
                }
              : {})}
          />
        )}
        {technical && <TechnicalDetails task={task} />}
      </section>

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
