import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { Graph, Publication } from '@tandem/schema';
import { isApiError } from '../../api/client.js';
import { useResync, useRoom, useSocketEvent } from '../../api/socket.js';
import { coalesce } from '../../api/coalesce.js';
import { useAuth } from '../../auth/index.js';
import { getFlow } from '../inbox/inbox-api.js';
import { Badge, EmptyState, PageHeader, Spinner, formatRelative, useNow } from '../../ui/index.js';
import {
  formatCost,
  formatDateTime,
  inputRows,
  orderSteps,
  runStatusLabel,
  runTitle,
  runTone,
  startedByWords,
  stepDuration,
  stepErrorView,
  stepNamer,
  stepWakeText,
} from './run-view.js';
import {
  getRun,
  getRunGraph,
  getStepTypeTitles,
  listPublications,
  listRunTasks,
  type RunWithSteps,
} from './runs-api.js';
import { reviewEntries, runNotice, runOutcome, type RunTask } from './run-review.js';
import { RunReview } from './RunReview.js';
import { CancelRunButton } from './CancelRunButton.js';
import { RunPublications } from './RunPublications.js';
import { StepOutput } from './StepOutput.js';
import { flagSummary, skipReason, stepStatusBadge } from './step-notes.js';
import { RunInput } from './RunInput.js';
import { WouldSend } from './WouldSend.js';
import { TestRunBadge } from './TestRunBadge.js';
import { wouldSendOf } from './would-send.js';
import { TEST_RUN_NOTICE, isTestRun } from './test-run.js';
import './runs.css';

/** Who may list publications (GET /api/publications, where admins pass every role check). */
const PUBLICATION_READERS = ['designer', 'manager', 'admin'] as const;

/** A failed step's error: what happened, what to do, and the code quietly for support. */
function StepErrorText({ view }: { view: ReturnType<typeof stepErrorView> }) {
  return (
    <p className="small error-text">
      {view.message} <span className="muted">{view.hint}</span>{' '}
      <span className="muted mono">({view.code})</span>
    </p>
  );
}

export function RunDetailPage() {
  const { id = '' } = useParams();
  const [run, setRun] = useState<RunWithSteps | null>(null);
  // null until loaded, and when they could not be: the steps' own record stands in.
  const [tasks, setTasks] = useState<RunTask[] | null>(null);
  // Reviewers may not list publications: that is not "nothing published".
  const [pubs, setPubs] = useState<Publication[] | 'forbidden'>([]);
  const [error, setError] = useState<string | null>(null);
  const [flowName, setFlowName] = useState<string | null>(null);
  const [graph, setGraph] = useState<Graph | null>(null);
  const [typeTitles, setTypeTitles] = useState<ReadonlyMap<string, string>>(new Map());
  const { user, hasRole } = useAuth();
  useRoom(id ? `run:${id}` : null);

  const load = useCallback(async () => {
    try {
      setRun(await getRun(id));
      setError(null);
    } catch (e) {
      // Not "Run run_… was not found": the id in the link means nothing to the reader.
      setError(
        isApiError(e, 'NOT_FOUND')
          ? 'This run does not exist. The link may be wrong or old.'
          : (e as Error).message,
      );
    }
  }, [id]);
  // Tasks and publications are extra context: the timeline stands without them.
  const loadTasks = useCallback(() => listRunTasks(id).then(setTasks, () => setTasks(null)), [id]);
  // Not asked for by those the server refuses (reviewers): the answer is known, and a refused
  // request is noise in the browser's console and the server's log.
  const readsPublications = hasRole(...PUBLICATION_READERS);
  const loadPubs = useCallback(async () => {
    if (!readsPublications) return setPubs('forbidden');
    await listPublications({ runId: id }).then(setPubs, (e: unknown) =>
      setPubs(isApiError(e, 'FORBIDDEN') ? 'forbidden' : []),
    );
  }, [id, readsPublications]);
  const flowId = run?.flowId;
  const versionNumber = run?.versionNumber;
  useEffect(() => {
    if (!flowId) return;
    getFlow(flowId).then(
      (f) => setFlowName(f.name),
      () => setFlowName(null),
    );
  }, [flowId]);
  // Step names are extra context too: until they load, or if they cannot, steps show their ids.
  useEffect(() => {
    if (!flowId || versionNumber === undefined) return;
    getRunGraph({ flowId, versionNumber }).then(setGraph, () => setGraph(null));
  }, [flowId, versionNumber]);
  useEffect(() => {
    getStepTypeTitles().then(setTypeTitles, () => undefined);
  }, []);
  const stepName = useMemo(() => stepNamer(graph, typeTitles), [graph, typeTitles]);
  // A burst of events (a publish retrying, a quorum filling) costs a reload or two, and a slow
  // answer can no longer land after a newer one: each reload waits for the one in flight.
  const reloads = useMemo(
    () => ({ run: coalesce(load), tasks: coalesce(loadTasks), pubs: coalesce(loadPubs) }),
    [load, loadTasks, loadPubs],
  );
  const reloadAll = useCallback(() => {
    reloads.run.trigger();
    reloads.tasks.trigger();
    reloads.pubs.trigger();
  }, [reloads]);
  useEffect(reloadAll, [reloadAll]);
  useResync(reloadAll);
  useSocketEvent('run.updated', ({ run: next }) => {
    if (next.id === id) reloadAll();
  });
  useSocketEvent('step.updated', ({ step }) => {
    if (step.runId !== id) return;
    setRun((r) => {
      if (!r) return r;
      const i = r.steps.findIndex((s) =>
        s.id ? s.id === step.id : s.nodeId === step.nodeId && (s.iteration ?? 0) === step.iteration,
      );
      const steps = [...r.steps];
      if (i === -1) steps.push(step);
      else steps[i] = step;
      return { ...r, steps };
    });
  });
  // Task events reach this page through the run's room: a decision shows up as it is made.
  const onTask = ({ task }: { task: { runId: string } }) => {
    if (task.runId === id) reloads.tasks.trigger();
  };
  useSocketEvent('task.created', onTask);
  useSocketEvent('task.updated', onTask);
  useSocketEvent('publication.updated', ({ publication }) => {
    if (publication.runId === id) reloads.pubs.trigger();
  });
  // A running or waiting step's duration counts up on screen, not only when an event arrives.
  const active = run?.status === 'running' || run?.status === 'waiting';
  const now = useNow(active ? 1000 : null);
  // Canceling removes the Cancel button, and focus fell back to the top of the document: a
  // keyboard user was thrown out of the page. It goes to the banner that says the run was
  // canceled instead, once the reload has shown it.
  const noticeRef = useRef<HTMLParagraphElement>(null);
  const focusNoticeOnCancel = useRef(false);
  const status = run?.status;
  useEffect(() => {
    if (status !== 'canceled' || !focusNoticeOnCancel.current) return;
    focusNoticeOnCancel.current = false;
    noticeRef.current?.focus();
  }, [status]);
  const onCanceled = useCallback(() => {
    focusNoticeOnCancel.current = true;
    reloadAll();
  }, [reloadAll]);

  if (error && !run)
    return (
      <EmptyState
        title="This run could not be opened"
        body={error}
        action={<Link to="/runs">All runs</Link>}
      />
    );
  if (!run) return <Spinner label="Loading the run" />;

  const notice = runNotice(run, run.steps.find((s) => s.status === 'failed')?.attempts);
  const reviews = reviewEntries(run.steps, tasks, user?.id ?? null);
  const outcome = runOutcome(run, reviews, (nodeId) => stepName({ nodeId }));
  const test = isTestRun(run);
  return (
    <div className="page run-detail">
      <PageHeader
        title={runTitle(run.input, flowName)}
        subtitle={
          <>
            {flowName ?? <span className="mono">{run.flowId}</span>} v{run.versionNumber} · started{' '}
            <time dateTime={run.createdAt} title={formatDateTime(run.createdAt)}>
              {formatRelative(run.createdAt)}
            </time>{' '}
            {startedByWords(run) ? <>{startedByWords(run)} </> : null}· cost{' '}
            {formatCost(run.usage.costUsd)} · {run.usage.promptTokens + run.usage.completionTokens}{' '}
            tokens
            {/* The id is for support, quoted when something went wrong; small, and selectable. */}
            <span className="run-id small mono" data-testid="run-id">
              {run.id}
            </span>
          </>
        }
        actions={
          <>
            {test && <TestRunBadge />}
            <Badge tone={runTone(run)}>{runStatusLabel(run, run.steps)}</Badge>
            {/* Canceling is a designer's (admins pass every gate): a reviewer opening their task's
                run, or a manager, was offered a button the server then refused. */}
            {active && hasRole('designer', 'admin') && (
              <CancelRunButton runId={run.id} onCanceled={onCanceled} />
            )}
          </>
        }
      />
      {test && (
        <p className="notice notice-info" data-testid="test-run-notice">
          {TEST_RUN_NOTICE}
          {run.status === 'waiting' && run.startedBy === user?.id && (
            <>
              {' '}
              {/* Its checkpoint is decided where the designer started it: they have no inbox. */}
              <Link to={`/flows/${encodeURIComponent(run.flowId)}`}>
                Decide its review in the flow editor
              </Link>
            </>
          )}
        </p>
      )}
      {notice && (
        <p
          ref={noticeRef}
          tabIndex={-1}
          className={`notice notice-${notice.tone}`}
          role={notice.tone === 'danger' ? 'alert' : 'status'}
        >
          {notice.text} {notice.code && <span className="muted small mono">({notice.code})</span>}
          {notice.hint && <span className="notice-hint">{notice.hint}</span>}
        </p>
      )}
      {!notice && outcome && (
        <p className="notice notice-info" role="status" data-testid="run-outcome">
          {outcome}
        </p>
      )}
      <section className="card run-section" aria-labelledby="input-h">
        <h2 id="input-h">Input</h2>
        <RunInput rows={inputRows(run.input, graph)} input={run.input} />
      </section>

      <section className="card run-section" aria-labelledby="tl-h">
        <h2 id="tl-h">Timeline</h2>
        <ol className="timeline">
          {orderSteps(run.steps).map((s) => {
            const wake = stepWakeText(s, now);
            const flags = flagSummary(s);
            const status = stepStatusBadge(s);
            const wouldSend = wouldSendOf(s.output);
            const skipped = skipReason(s, run.steps, graph, run.status, (nodeId) =>
              stepName({ nodeId }),
            );
            return (
              <li
                key={s.id ?? `${s.nodeId}:${s.iteration ?? 0}`}
                className={`tl-step tl-${s.status}`}
              >
                <div className="tl-head">
                  <strong title={`${s.nodeId} (${s.type})`}>{stepName(s)}</strong>
                  <Badge tone={status.tone}>{status.text}</Badge>
                  {flags && <Badge tone={flags.tone}>{flags.text}</Badge>}
                  <span className="small">{stepDuration(s, now)}</span>
                  {wake && (
                    <span className="small" title={formatDateTime(s.wakeAt)}>
                      {wake}
                    </span>
                  )}
                  {s.attempts > 1 && <span className="small">{s.attempts} attempts</span>}
                  {(s.iteration ?? 0) > 0 && <span className="small">round {s.iteration}</span>}
                  {s.usage && <span className="small">{formatCost(s.usage.costUsd)}</span>}
                </div>
                {skipped && <p className="small muted tl-skip-reason">{skipped}</p>}
                {s.error && <StepErrorText view={stepErrorView(s.error, s.attempts, s.status)} />}
                {wouldSend && <WouldSend wouldSend={wouldSend} />}
                <StepOutput output={s.output} stepName={stepName(s)} />
              </li>
            );
          })}
        </ol>
      </section>

      <section className="card run-section" aria-labelledby="dec-h">
        <h2 id="dec-h">Review</h2>
        <RunReview entries={reviews} stepName={stepName} ended={!active} />
      </section>

      <section className="card run-section" aria-labelledby="pub-h">
        <h2 id="pub-h">Publications</h2>
        {test ? (
          <p className="muted small">
            A test run publishes nothing: each publish step in the timeline shows what it would have
            sent, and where.
          </p>
        ) : (
          <RunPublications pubs={pubs} stepName={stepName} runStatus={run.status} />
        )}
      </section>
    </div>
  );
}
