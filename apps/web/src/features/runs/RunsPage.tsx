import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { RUN_OUTCOMES, type Run, type RunStatus } from '@tandem/schema';
import { isApiError } from '../../api/client.js';
import { useResync, useSocketEvent } from '../../api/socket.js';
import { useAuth } from '../../auth/index.js';
import { Badge, EmptyState, PageHeader, Spinner, formatRelative, useNow } from '../../ui/index.js';
import { listFlowNames, type FlowName } from '../inbox/inbox-api.js';
import { flowLabels } from '../inbox/flow-labels.js';
import { DeadLetters } from './DeadLetters.js';
import {
  STATUS_CHOICES,
  applyRunUpdate,
  statusChoiceOf,
  statusFilterOf,
  type RunFilter,
} from './run-list.js';
import { formatDateTime, runStatusLabel, runSummary, runTone, runTotalCost } from './run-view.js';
import { listRuns } from './runs-api.js';
import { RUN_KIND_CHOICES, isTestRun, runKindOf, testParamOf } from './test-run.js';
import { TestRunBadge } from './TestRunBadge.js';
import './runs.css';

export { RUN_TONE } from './run-view.js';

const FORBIDDEN = 'forbidden';

/** A run in the list: what it was about, linked, with its id underneath for support. */
function RunName({ run }: { run: Pick<Run, 'id' | 'input'> }) {
  const to = `/runs/${encodeURIComponent(run.id)}`;
  const summary = runSummary(run.input);
  if (!summary)
    return (
      <Link to={to} className="mono runs-cell-fixed">
        {run.id}
      </Link>
    );
  return (
    <>
      <Link to={to}>{summary}</Link>
      <div className="muted small mono runs-cell-fixed">{run.id}</div>
    </>
  );
}

export function RunsPage() {
  const [params, setParams] = useSearchParams();
  const filter: RunFilter = {
    flowId: params.get('flowId') ?? '',
    status: (params.get('status') as RunStatus | null) ?? '',
    outcome: RUN_OUTCOMES.find((o) => o === params.get('outcome')) ?? '',
    kind: runKindOf(params.get('test')),
    cursor: params.get('cursor') ?? '',
  };
  const [runs, setRuns] = useState<Run[] | null>(null);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [flows, setFlows] = useState<FlowName[]>([]);
  const [error, setError] = useState<string | null>(null);
  const { hasRole } = useAuth();
  // The list is left open to watch runs come in: "just now" must not stay "just now" for an hour.
  const now = useNow(30_000);

  useEffect(() => {
    listFlowNames()
      .then(setFlows)
      .catch(() => setFlows([]));
  }, []);
  // Two flows of one name read alike in the filter and the list: each says when it was created.
  const flowNames = useMemo(() => flowLabels(flows), [flows]);
  const { flowId, status, outcome, kind, cursor } = filter;
  const load = useCallback(async () => {
    try {
      const page = await listRuns({ flowId, status, outcome, kind, cursor });
      setRuns(page.items);
      setNextCursor(page.nextCursor);
      setError(null);
    } catch (e) {
      setError(isApiError(e, 'FORBIDDEN') ? FORBIDDEN : (e as Error).message);
    }
  }, [flowId, status, outcome, kind, cursor]);
  useEffect(() => {
    void load();
  }, [load]);
  useResync(() => void load());
  useSocketEvent('run.updated', ({ run }) => {
    setRuns((list) => list && applyRunUpdate(list, run, { flowId, status, outcome, kind, cursor }));
  });

  // A new filter starts again from the newest runs: an older page's cursor belongs to the old one.
  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    next.delete('cursor');
    setParams(next, { replace: true });
  };
  // A finished run's choices (Published, Rejected, Completed) ask the list for an outcome.
  const setStatus = (value: string) => {
    const next = new URLSearchParams(params);
    for (const key of ['status', 'outcome', 'cursor']) next.delete(key);
    const chosen = value === 'succeeded' ? { status: value, outcome: '' } : statusFilterOf(value);
    if (chosen.status) next.set('status', chosen.status);
    if (chosen.outcome) next.set('outcome', chosen.outcome);
    setParams(next, { replace: true });
  };
  // Pages are links in the address (the filters kept), so Back, reload and a shared link all
  // come back to the same page of runs. Only the newest 50 could be reached before.
  const pageLink = (to: string | null) => {
    const next = new URLSearchParams(params);
    if (to) next.set('cursor', to);
    else next.delete('cursor');
    const q = next.toString();
    return q ? `?${q}` : '/runs';
  };
  const flowName = (id: string) => flowNames.get(id) ?? id;

  return (
    <div className="page runs">
      <PageHeader title="Runs" subtitle="Every execution of a published flow, newest first." />
      <div className="runs-filters row">
        <label className="inline-select">
          <span>Flow</span>
          <select value={filter.flowId} onChange={(e) => set('flowId', e.target.value)}>
            <option value="">All flows</option>
            {flows.map((f) => (
              <option key={f.id} value={f.id}>
                {flowName(f.id)}
              </option>
            ))}
          </select>
        </label>
        <label className="inline-select">
          <span>Status</span>
          <select
            value={statusChoiceOf(params.get('status'), params.get('outcome'))}
            onChange={(e) => setStatus(e.target.value)}
          >
            <option value="">Any status</option>
            {STATUS_CHOICES.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
            {filter.status === 'succeeded' && !outcome && (
              <option value="succeeded">Finished, any outcome</option>
            )}
          </select>
        </label>
        <label className="inline-select">
          <span>Kind</span>
          <select
            value={testParamOf(kind ?? '') ?? ''}
            onChange={(e) => set('test', e.target.value)}
            data-testid="run-kind-filter"
          >
            {RUN_KIND_CHOICES.map((c) => (
              <option key={c.value} value={testParamOf(c.value) ?? ''}>
                {c.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      {error === FORBIDDEN ? (
        <EmptyState
          title="Runs are for designers and managers"
          body="Your tasks show their run's input and earlier steps: open one from the inbox."
        />
      ) : (
        error && (
          <p className="notice notice-danger" role="alert">
            {error}
          </p>
        )
      )}
      {!runs && !error && <Spinner label="Loading runs" />}
      {runs &&
        runs.length === 0 &&
        (filter.flowId || filter.status || outcome || kind ? (
          <EmptyState
            title="No runs match"
            body="None of the runs has this flow, status and kind. Try other filters, or see them all."
            action={<Link to="/runs">Show all runs</Link>}
          />
        ) : (
          <EmptyState
            title="No runs yet"
            {...(hasRole('designer', 'admin')
              ? {
                  body: 'A run starts each time a flow is used. Open a flow and choose Test run to try it with your own input, or let its trigger start it.',
                  action: <Link to="/flows">Open your flows</Link>,
                }
              : // Managers may not open flows: a link there would end at "not allowed".
                {
                  body: 'A run starts each time a flow is used: from its form, a webhook or its schedule. Runs appear here the moment they start.',
                })}
          />
        ))}
      {runs && runs.length > 0 && (
        <div className="card table-wrap">
          <table className="table runs-table">
            <caption className="sr-only">Runs</caption>
            <thead>
              <tr>
                <th scope="col">Run</th>
                <th scope="col">Flow</th>
                <th scope="col">Status</th>
                <th scope="col">Started</th>
                <th scope="col">Cost</th>
              </tr>
            </thead>
            <tbody>
              {runs.map((r) => (
                <tr key={r.id}>
                  <td className="runs-cell-run">
                    <RunName run={r} />
                  </td>
                  <td className="runs-cell-flow">
                    {flowName(r.flowId)} <span className="muted small">v{r.versionNumber}</span>
                  </td>
                  <td className="runs-cell-status">
                    {isTestRun(r) && <TestRunBadge />}
                    <Badge tone={runTone(r)}>{runStatusLabel(r)}</Badge>
                  </td>
                  <td className="runs-cell-fixed runs-cell-started">
                    <time dateTime={r.createdAt} title={formatDateTime(r.createdAt)}>
                      {formatRelative(r.createdAt, now)}
                    </time>
                  </td>
                  <td className="runs-cell-cost">{runTotalCost(r)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {(filter.cursor || nextCursor) && (
        <nav className="runs-pager row" aria-label="Pages of runs">
          {filter.cursor && <Link to={pageLink(null)}>← Newest runs</Link>}
          {nextCursor && (
            <Link to={pageLink(nextCursor)} className="runs-pager-older">
              Older runs →
            </Link>
          )}
        </nav>
      )}
      {hasRole('admin') && <DeadLetters />}
    </div>
  );
}
