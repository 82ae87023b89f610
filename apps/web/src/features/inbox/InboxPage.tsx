import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useAuth } from '../../auth/index.js';
import { Button, EmptyState, Spinner, useNow, useToast } from '../../ui/index.js';
import { BulkApprove } from './BulkApprove.js';
import { listFlowNames, type FlowName, type TaskDetail } from './inbox-api.js';
import { shortcutOf } from './shortcuts.js';
import { ShortcutHelp } from './ShortcutHelp.js';
import {
  EMPTY_FILTER,
  bulkInView,
  cleanAcrossCheckpoints,
  checkpointOptions,
  isFilterActive,
  moveSelection,
  nextAfterDecision,
  taskCount,
  visibleTasks,
  type InboxFilter,
} from './task-list.js';
import { InboxFilters, TaskListItem } from './TaskList.js';
import { TaskView } from './TaskView.js';
import { useFocusRescue } from './use-focus-rescue.js';
import { useInbox } from './use-inbox.js';
import { useOthersWaiting } from './use-others-waiting.js';
import { bulkToastGroup, heldDecisions, type HeldBatchPage } from './held-decisions.js';
import { decisionToastGroup, toastTitle } from './decision-outcome.js';
import { flowLabels } from './flow-labels.js';
import { readUndoWindow, writeUndoWindow } from './pending-decisions.js';
import './inbox-list.css';
import './task-view.css';
import './inbox-narrow.css';

export function InboxPage() {
  const { taskId } = useParams();
  const navigate = useNavigate();
  const { user } = useAuth();
  const inbox = useInbox(user?.id);
  const toast = useToast();
  const now = useNow(1000);
  const [undoWindowMs, setUndoWindowMs] = useState(readUndoWindow);
  const { tasks } = inbox;
  const [filter, setFilter] = useState<InboxFilter>(EMPTY_FILTER);
  const [flows, setFlows] = useState<FlowName[]>([]);
  const [help, setHelp] = useState(false);
  const listRef = useRef<HTMLUListElement>(null);
  const emptyHeadingRef = useRef<HTMLHeadingElement>(null);
  const listPaneRef = useRef<HTMLElement>(null);
  /** Set when a decision closed the last task shown, so the focus has somewhere to go. */
  const [focusList, setFocusList] = useState(false);

  useEffect(() => {
    listFlowNames()
      .then(setFlows)
      .catch(() => setFlows([]));
  }, []);
  const flowNames = useMemo(() => flowLabels(flows), [flows]);
  const flowOptions = useMemo(() => {
    const ids = new Set(tasks.map((t) => t.flowId));
    return [...ids].map((id) => ({ id, name: flowNames.get(id) ?? id }));
  }, [tasks, flowNames]);

  const shown = useMemo(() => visibleTasks(tasks, filter, now), [tasks, filter, now]);
  const shownIds = useMemo(() => shown.map((t) => t.id), [shown]);
  const checkpoints = useMemo(
    () =>
      checkpointOptions(
        tasks,
        (id) => flowNames.get(id) ?? id,
        (flowId, nodeId) => flows.find((f) => f.id === flowId)?.stepNames?.[nodeId],
      ),
    [tasks, flowNames, flows],
  );
  // Bulk approve needs one checkpoint: the one filtered on, or the only one the list shows.
  const inView = user ? bulkInView(shown, filter.checkpoint, user.id) : null;
  const bulkCheckpoint = inView ? checkpoints.find((c) => c.key === inView.checkpoint) : undefined;
  const bulk = bulkCheckpoint && inView ? inView.tasks : [];
  const cleanElsewhere = user ? cleanAcrossCheckpoints(shown, filter.checkpoint, user.id) : 0;

  // The list as it was while the open task was in it, for j/k once it has left (see moveSelection).
  const orderWithOpenTask = useRef<readonly string[]>([]);
  useEffect(() => {
    if (taskId && shownIds.includes(taskId)) orderWithOpenTask.current = shownIds;
  }, [taskId, shownIds]);

  const open = useCallback(
    (id: string | null) => navigate(id ? `/inbox/${encodeURIComponent(id)}` : '/inbox'),
    [navigate],
  );

  const { reload } = inbox;
  const undo = useCallback(
    (id: string) => {
      const taken = heldDecisions.undo(id);
      if (!taken) {
        toast.show('Too late to undo: that decision was already sent.', 'error');
        return;
      }
      toast.show(
        `Undone: ${toastTitle(taken.task.title)} is open again.`,
        'info',
        decisionToastGroup(id),
      );
      void reload();
      open(id);
    },
    [toast, reload, open],
  );
  const undoBatch = useCallback(
    (batch: string) => {
      const taken = heldDecisions.undoBatch(batch);
      if (taken.length === 0) {
        toast.show('Too late to undo: those approvals were already sent.', 'error');
        return;
      }
      const count = taken.length === 1 ? '1 task is' : `${taken.length} tasks are`;
      toast.show(`Undone: ${count} open again.`, 'info', bulkToastGroup(batch));
      void reload();
    },
    [toast, reload],
  );
  const undoLatest = useCallback(() => {
    const latest = heldDecisions.latest();
    if (latest?.batch) undoBatch(latest.batch);
    else if (latest) undo(latest.taskId);
    else toast.show('Nothing to undo: decisions are sent once their few seconds are up.');
  }, [undo, undoBatch, toast]);
  const { upsert, remove } = inbox;
  const heldPage = useMemo(
    () => ({
      onUndo: undo,
      onHeldSent: (task: TaskDetail) => upsert(task, 'decided'),
      onHeldFailed: () => void reload(),
    }),
    [undo, upsert, reload],
  );
  const batchPage = useMemo<HeldBatchPage>(
    () => ({ onUndoBatch: undoBatch, onApproved: remove, onHeldFailed: () => void reload() }),
    [undoBatch, remove, reload],
  );

  // j/k and ? work on the whole page; the task view handles the decision keys.
  useEffect(() => {
    if (help) return;
    const onKey = (event: KeyboardEvent) => {
      const action = shortcutOf(event);
      if (event.defaultPrevented || document.querySelector('dialog[open]')) return;
      if (action === 'next' || action === 'previous') {
        event.preventDefault();
        const delta = action === 'next' ? 1 : -1;
        open(moveSelection(shownIds, taskId ?? null, delta, orderWithOpenTask.current));
      } else if (action === 'help') {
        event.preventDefault();
        setHelp(true);
      } else if (action === 'undo') {
        event.preventDefault();
        // A held key repeats: one press, one undo.
        if (!event.repeat) undoLatest();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [help, shownIds, taskId, open, undoLatest]);

  useEffect(() => {
    if (!taskId) return;
    listRef.current
      ?.querySelector(`[data-task-id="${CSS.escape(taskId)}"]`)
      ?.scrollIntoView({ block: 'nearest' });
  }, [taskId]);

  const onDecided = useCallback(
    (task: TaskDetail) => {
      const next = nextAfterDecision(shownIds, task.id);
      inbox.upsert(task, 'decided');
      // The next task's view takes the focus; after the last one the task view goes away.
      if (!next) setFocusList(true);
      open(next);
    },
    [shownIds, inbox, open],
  );

  // Without this the focus fell to the page body: land on "You're all caught up", or on the
  // first task when new ones arrived meanwhile.
  useEffect(() => {
    if (!focusList || taskId) return;
    setFocusList(false);
    const target = emptyHeadingRef.current ?? listRef.current?.querySelector<HTMLElement>('a');
    target?.focus();
  }, [focusList, taskId]);

  // A live task replaced "You're all caught up" while it held the focus (or the focused task
  // left the list): go to the first task, whose name is read as it takes the focus, with the
  // "New task" announcement; to the empty state's heading when the list emptied.
  useFocusRescue(
    listPaneRef,
    () => listRef.current?.querySelector<HTMLElement>('a') ?? emptyHeadingRef.current,
  );

  const count = tasks.length;
  // Nothing open and nothing to open: the list's "You're all caught up" is the one empty state,
  // across the page; a second one beside it ("Nothing to review") said the same thing twice.
  const nothingOpen = !taskId && count === 0;
  const othersWaiting = useOthersWaiting(user?.roles, !inbox.loading && count === 0);
  return (
    <div className={`inbox${taskId ? ' has-task' : ''}${nothingOpen ? ' is-empty' : ''}`}>
      <section className="inbox-list-pane" aria-labelledby="inbox-h" ref={listPaneRef}>
        <header className="inbox-head">
          {/* Named "Inbox, 1 task": the bare number ran into the name ("Inbox 1"). Spans with
              screen-reader-only text read "Inbox , 1 task", hence the label. */}
          <h1 id="inbox-h" aria-label={`Inbox, ${taskCount(count)}`}>
            Inbox <span className="inbox-count">{count}</span>
          </h1>
          <div className="row">
            {/* A switch named "Sound": a toggle named "Sound off" read "Sound off, not pressed". */}
            <Button
              variant="ghost"
              size="sm"
              role="switch"
              aria-checked={inbox.sound}
              onClick={() => inbox.setSound(!inbox.sound)}
              title="Play a quiet chime when a task arrives"
            >
              Sound <span aria-hidden="true">{inbox.sound ? 'on' : 'off'}</span>
            </Button>
            <Button variant="ghost" size="sm" onClick={() => setHelp(true)} aria-keyshortcuts="?">
              Shortcuts <kbd aria-hidden="true">?</kbd>
            </Button>
          </div>
        </header>
        <InboxFilters
          filter={filter}
          onChange={setFilter}
          flows={flowOptions}
          checkpoints={checkpoints}
        />
        {bulkCheckpoint && bulk.length > 1 && (
          <div className="bulk-row">
            <BulkApprove
              tasks={bulk}
              title={bulkCheckpoint.title}
              undoWindowMs={undoWindowMs}
              heldPage={batchPage}
            />
          </div>
        )}
        {cleanElsewhere > 0 && (
          <p className="bulk-row bulk-hint small muted">
            {cleanElsewhere} clean tasks from several checkpoints: pick a checkpoint to approve its
            clean tasks in one go.
          </p>
        )}
        <p className="sr-only" aria-live="polite">
          {inbox.announcement}
        </p>
        {inbox.error && (
          <div className="notice notice-danger" role="alert">
            Could not load your tasks: {inbox.error}{' '}
            <Button size="sm" onClick={() => void reload()}>
              Try again
            </Button>
          </div>
        )}
        {inbox.loading ? (
          <Spinner label="Loading your tasks" />
        ) : shown.length === 0 ? (
          isFilterActive(filter) ? (
            <EmptyState
              headingRef={emptyHeadingRef}
              title="No tasks match these filters"
              body={`${count} open task${count === 1 ? '' : 's'} in total.`}
              action={<Button onClick={() => setFilter(EMPTY_FILTER)}>Clear filters</Button>}
            />
          ) : (
            <EmptyState
              headingRef={emptyHeadingRef}
              icon="✓"
              title="You're all caught up"
              body={
                <>
                  New tasks appear here the moment a flow reaches a checkpoint assigned to you. Keep
                  this tab open, or turn on the sound, and you'll know.
                  {othersWaiting && (
                    <>
                      {' '}
                      {othersWaiting}{' '}
                      <Link to="/runs?status=waiting">See the runs waiting for review</Link>
                    </>
                  )}
                </>
              }
            />
          )
        ) : (
          <ul className="inbox-list" ref={listRef} aria-label="Open tasks, earliest due first">
            {shown.map((t) => (
              <TaskListItem
                key={t.id}
                task={t}
                selected={t.id === taskId}
                fresh={inbox.fresh.has(t.id)}
                now={now}
                userId={user?.id}
                flowName={flowNames.get(t.flowId)}
              />
            ))}
          </ul>
        )}
      </section>
      {!nothingOpen && (
        <section className="inbox-task-pane" aria-label="Task">
          {taskId && user ? (
            <TaskView
              key={taskId}
              taskId={taskId}
              userId={user.id}
              flowNames={flowNames}
              now={now}
              onDecided={onDecided}
              undoWindowMs={undoWindowMs}
              heldPage={heldPage}
              keysEnabled={!help}
            />
          ) : (
            <EmptyState
              title="Pick a task to review"
              body={
                <>
                  Press <kbd>j</kbd> to open the first task, or choose one from the list.
                </>
              }
            />
          )}
        </section>
      )}
      <ShortcutHelp
        open={help}
        onClose={() => setHelp(false)}
        undoWindowMs={undoWindowMs}
        onUndoWindowChange={(ms) => {
          writeUndoWindow(ms);
          setUndoWindowMs(ms);
        }}
      />
    </div>
  );
}
