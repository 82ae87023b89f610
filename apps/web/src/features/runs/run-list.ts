import { RUN_OUTCOMES, type Run, type RunOutcome, type RunStatus } from '@tandem/schema';
import { OUTCOME_LABELS } from './run-view.js';
import { matchesRunKind, testParamOf, type RunKind } from './test-run.js';

export interface RunFilter {
  flowId: string;
  status: RunStatus | '';
  /** Only succeeded runs that came to it (the Status filter's Published, Rejected, Completed). */
  outcome?: RunOutcome | '';
  /** Real runs only, test runs only, or both (''). */
  kind?: RunKind;
  /** Where an older page starts (the server's cursor); absent on the newest page. */
  cursor?: string;
}

/**
 * The runs list after a pushed `run.updated`: a listed run is replaced in place; a run not yet
 * listed (a run started after the page loaded) joins it, newest first, when the filters match.
 * The list is the newest page of runs, so a run older than all of them (an old run that a
 * decision moved on) stays out: it belongs on a later page, not at the bottom of this one. On
 * an older page a new run stays out too: it belongs on the newest page. A listed run that leaves
 * the status filter leaves the list: under "Waiting", a run that went on to succeed stayed
 * listed, badged "Succeeded", until a reload. The pushed run carries its recorded outcome, so a
 * run that just finished rejected reads "Rejected, nothing published" at once.
 */
export function applyRunUpdate(list: Run[], run: Run, filter: RunFilter): Run[] {
  const i = list.findIndex((r) => r.id === run.id);
  const hidden =
    (filter.status !== '' && run.status !== filter.status) ||
    (!!filter.outcome && run.outcome !== filter.outcome) ||
    !matchesRunKind(run, filter.kind ?? '');
  if (i !== -1)
    return hidden ? list.filter((_, j) => j !== i) : list.map((r, j) => (j === i ? run : r));
  if (filter.cursor) return list;
  if (filter.flowId && run.flowId !== filter.flowId) return list;
  if (hidden) return list;
  const at = list.findIndex((r) => r.createdAt < run.createdAt);
  if (at === -1) return list.length === 0 ? [run] : list;
  return [...list.slice(0, at), run, ...list.slice(at)];
}

/** The query string for `GET /api/runs`, empty filters left out. */
export function runQuery(filter: RunFilter): string {
  const params = new URLSearchParams();
  if (filter.flowId) params.set('flowId', filter.flowId);
  if (filter.status) params.set('status', filter.status);
  if (filter.outcome) params.set('outcome', filter.outcome);
  const test = testParamOf(filter.kind ?? '');
  if (test) params.set('test', test);
  if (filter.cursor) params.set('cursor', filter.cursor);
  const q = params.toString();
  return q ? `?${q}` : '';
}

/** One choice of the runs list's Status filter, and the query it makes. */
export interface StatusChoice {
  value: string;
  label: string;
  filter: Partial<Pick<RunFilter, 'status' | 'outcome'>>;
}

/**
 * The Status filter's choices, each run in exactly one. "Succeeded or rejected" beside
 * "Rejected, nothing published" offered rejected runs twice: a finished run is told by its
 * outcome (published, rejected, or completed with nothing to publish), not by "succeeded".
 */
export const STATUS_CHOICES: readonly StatusChoice[] = [
  { value: 'running', label: 'Running', filter: { status: 'running' } },
  { value: 'waiting', label: 'Waiting', filter: { status: 'waiting' } },
  { value: 'published', label: OUTCOME_LABELS.published, filter: { outcome: 'published' } },
  { value: 'rejected', label: OUTCOME_LABELS.rejected, filter: { outcome: 'rejected' } },
  { value: 'completed', label: OUTCOME_LABELS.completed, filter: { outcome: 'completed' } },
  { value: 'failed', label: 'Failed', filter: { status: 'failed' } },
  { value: 'canceled', label: 'Canceled', filter: { status: 'canceled' } },
];

/** The filter a Status choice (or its value in the address) stands for; '' for any status. */
export function statusFilterOf(value: string): Pick<RunFilter, 'status' | 'outcome'> {
  const choice = STATUS_CHOICES.find((c) => c.value === value);
  return { status: choice?.filter.status ?? '', outcome: choice?.filter.outcome ?? '' };
}

/**
 * The Status choice of the address's `status` and `outcome`. An old link's `?status=succeeded`
 * (every finished run) keeps its value, so the list and the select agree.
 */
export function statusChoiceOf(status: string | null, outcome: string | null): string {
  if (outcome && (RUN_OUTCOMES as readonly string[]).includes(outcome)) return outcome;
  return status ?? '';
}
