import type {
  Graph,
  Run,
  RunOutcome,
  RunStatus,
  Step,
  StepError,
  StepStatus,
} from '@tandem/schema';
import { isScheduledRunId } from '@tandem/nodes';
import { formatRelative, shorten } from '../../ui/format.js';
import { formatDuration } from '../inbox/countdown.js';

/** The step fields the timeline reads; `GET /api/runs/:id` sends at least these. */
export type StepView = Pick<
  Step,
  'nodeId' | 'type' | 'status' | 'output' | 'error' | 'attempts' | 'startedAt' | 'endedAt'
> &
  Partial<Pick<Step, 'id' | 'iteration' | 'usage' | 'wakeAt' | 'handle'>>;

/** A rejected run's status in words: it ended as planned, but nothing went out. */
export const REJECTED_LABEL = 'Rejected, nothing published';

/**
 * A succeeded run by what it came to, as the Status filter names it: the list said
 * "Succeeded" for a run that published and one with nothing to publish alike.
 */
export const OUTCOME_LABELS: Record<RunOutcome, string> = {
  published: 'Published',
  rejected: REJECTED_LABEL,
  completed: 'Completed, nothing to publish',
};

/** A test run that finished: its publish steps rendered what they would send, and sent nothing. */
export const TEST_FINISHED_LABEL = 'Finished, nothing sent';

/** A status in words where a run's details are not at hand (the status filter). */
export const RUN_STATUS_LABELS: Record<RunStatus, string> = {
  running: 'Running',
  waiting: 'Waiting',
  succeeded: 'Succeeded',
  failed: 'Failed',
  canceled: 'Canceled',
};

export const STEP_STATUS_LABELS: Record<StepStatus, string> = {
  pending: 'Pending',
  running: 'Running',
  waiting: 'Waiting',
  done: 'Done',
  failed: 'Failed',
  skipped: 'Skipped',
};

/** A step's status in words: a checkpoint that waits, waits for a reviewer; a Wait step waits. */
export function stepStatusLabel(type: string, status: StepStatus): string {
  return status === 'waiting' && type === 'human.review'
    ? 'Waiting for review'
    : STEP_STATUS_LABELS[status];
}

/**
 * A run's status in words. A run held by a timer (a Wait step) is waiting too, but not for
 * review: "Waiting for review" sent a manager to an inbox with nothing in it. The run says what
 * holds it (`waitingFor`); a run saved before it did is read from its steps where they are known.
 */
export function runStatusLabel(
  run: Pick<Run, 'status' | 'waitingFor' | 'outcome'> & { test?: boolean },
  steps: readonly Pick<StepView, 'type' | 'status'>[] = [],
): string {
  // A test run's publish steps sent nothing: "Published" would say they did, and "nothing to
  // publish" that it had none.
  if (run.status === 'succeeded' && run.test === true && run.outcome !== 'rejected')
    return TEST_FINISHED_LABEL;
  if (run.status === 'succeeded' && run.outcome) return OUTCOME_LABELS[run.outcome];
  if (run.status !== 'waiting') return RUN_STATUS_LABELS[run.status];
  const forReview =
    run.waitingFor === 'review' ||
    (run.waitingFor === undefined &&
      steps.some((s) => s.type === 'human.review' && s.status === 'waiting'));
  return forReview ? 'Waiting for review' : RUN_STATUS_LABELS.waiting;
}

/**
 * When a step held by a timer goes on ("continues in 28 minutes"): a Delay step, or a failed
 * attempt waiting for its retry. Null when nothing is scheduled.
 */
export function stepWakeText(
  step: Pick<StepView, 'status' | 'wakeAt'> & { error: unknown },
  now: number,
): string | null {
  if (!step.wakeAt || !['waiting', 'pending', 'running'].includes(step.status)) return null;
  const ms = Date.parse(step.wakeAt) - now;
  if (Number.isNaN(ms)) return null;
  // Past its time, the timer is due to fire (the scheduler looks every few seconds): "in under
  // a minute" would go on saying so however late it is.
  const when =
    ms <= 0
      ? 'any moment now'
      : ms < 60_000
        ? 'in under a minute'
        : formatRelative(step.wakeAt, now);
  if (step.status === 'waiting') return `continues ${when}`;
  return step.error ? `tries again ${when}` : `starts ${when}`;
}

/**
 * A moment as a reader places it: their own clock and time zone, with the zone named ("Thu, 26
 * Nov 2026, 21:27 CET"). Hovering a relative time ("2 hours ago") showed the raw UTC ISO string,
 * which a manager outside UTC had to convert in their head.
 */
export function formatDateTime(
  iso: string | null | undefined,
  options: { locale?: string; timeZone?: string } = {},
): string {
  const at = iso ? new Date(iso) : null;
  if (!at || Number.isNaN(at.getTime())) return '';
  return new Intl.DateTimeFormat(options.locale, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
    ...(options.timeZone ? { timeZone: options.timeZone } : {}),
  }).format(at);
}

/**
 * A failed step's error as the designer reads it: the message, then what to do about it, with
 * the code last and quiet (for support) — not "PUBLISH_FAILED: … (system, retried)".
 */
export function stepErrorView(
  error: StepError,
  attempts: number,
  /**
   * The step's status. A step waiting for its next try keeps its last error and had not given
   * up, yet read "Tandem tried 2 times, then gave up" right beside "tries again in 2 minutes".
   */
  status: StepStatus = 'failed',
): { message: string; hint: string; code: string } {
  const message = error.message.replace(/\.?$/, '.');
  // A step cut off by a cancel failed with "The request was canceled" from the connector, and
  // was told "Something outside the flow went wrong … tell your admin": nothing went wrong.
  if (error.code === 'CANCELED')
    return { message, hint: 'It was stopped because the run was canceled.', code: error.code };
  if (status === 'pending' || status === 'running')
    return { message, hint: 'Tandem will try again on its own.', code: error.code };
  if (status === 'skipped')
    return { message, hint: 'It was not tried again: the run ended first.', code: error.code };
  const hint =
    error.origin === 'user'
      ? 'Fix the flow or the run’s input, then start a new run.'
      : error.retryable && attempts > 1
        ? `Tandem tried ${attempts} times, then gave up. If it keeps failing, tell your admin.`
        : 'Something outside the flow went wrong. Try a new run later; if it keeps failing, tell your admin.';
  return { message, hint, code: error.code };
}

/**
 * What the run page calls each step, as the designer saw it on the canvas: the step's own label,
 * else its type's title ("AI write"), else the node id while those are still loading. Node ids
 * and type ids ("draft", "ai.generate") mean nothing to the marketer reading the run.
 */
export function stepNamer(
  graph: Pick<Graph, 'nodes'> | null,
  typeTitles: ReadonlyMap<string, string>,
): (step: { nodeId: string; type?: string }) => string {
  const nodes = new Map(graph?.nodes.map((n) => [n.id, n]));
  return ({ nodeId, type }) => {
    const node = nodes.get(nodeId);
    const title = typeTitles.get(type ?? node?.type ?? '');
    return node?.label?.trim() || title || nodeId;
  };
}

/**
 * What a run was about, for the runs list: its first text answer ("Spring launch"), one line,
 * shortened; null when the input has none. A list of "run_01m8bw…" ids told a designer nothing
 * about which run was which.
 */
export function runSummary(input: unknown, max = 60): string | null {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return null;
  for (const value of Object.values(input)) {
    if (typeof value !== 'string') continue;
    const line = value.replace(/\s+/g, ' ').trim();
    if (line) return shorten(line, max);
  }
  return null;
}

/**
 * Who started a run, in the words after "started …", when the run says it: a schedule leaves
 * `startedBy` empty, as a webhook call does, and its run id tells it apart. Null otherwise.
 */
export function startedByWords(run: { id: string; startedBy: string | null }): string | null {
  return run.startedBy === null && isScheduledRunId(run.id) ? 'by schedule' : null;
}

/**
 * A run's page title: what it was about ("Spring launch"), else which flow it ran ("Run of
 * Blog post"). Never the id, which told a designer nothing; the page keeps that small for support.
 */
export function runTitle(input: unknown, flowName: string | null): string {
  return runSummary(input, 80) ?? (flowName ? `Run of ${flowName}` : 'Run');
}

export interface InputRow {
  label: string;
  value: string;
}

/**
 * The run's input as the start form asked for it ("Topic: Spring launch"), or null when it is
 * not a flat form (a webhook's nested body), which then shows as JSON.
 */
export function inputRows(input: unknown, graph: Pick<Graph, 'nodes'> | null): InputRow[] | null {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return null;
  const values = Object.entries(input as Record<string, unknown>);
  if (!values.every(([, v]) => ['string', 'number', 'boolean'].includes(typeof v))) return null;
  const labels = new Map<string, string>();
  for (const node of graph?.nodes ?? []) {
    const fields = (node.config as { fields?: unknown }).fields;
    if (node.type !== 'trigger.manual' || !Array.isArray(fields)) continue;
    for (const f of fields as { name?: unknown; label?: unknown }[]) {
      if (typeof f.name === 'string' && typeof f.label === 'string') labels.set(f.name, f.label);
    }
  }
  return values.map(([key, v]) => ({ label: labels.get(key) ?? key, value: String(v) }));
}

/** A run status's badge tone. */
export const RUN_TONE = {
  running: 'info',
  waiting: 'warning',
  succeeded: 'success',
  failed: 'danger',
  canceled: 'neutral',
} as const;

/** A run's badge tone: a rejected run is not a green success, nor a failure. */
export function runTone(run: Pick<Run, 'status' | 'outcome'>) {
  return run.status === 'succeeded' && run.outcome === 'rejected'
    ? 'neutral'
    : RUN_TONE[run.status];
}

/** "1.2s", "3m 04s"; running steps count up to `now`; "—" before a step starts. */
export function stepDuration(step: Pick<StepView, 'startedAt' | 'endedAt'>, now: number): string {
  if (!step.startedAt) return '—';
  const end = step.endedAt ? Date.parse(step.endedAt) : now;
  const ms = Math.max(0, end - Date.parse(step.startedAt));
  return ms < 10_000 ? `${(ms / 1000).toFixed(1)}s` : formatDuration(ms);
}

/** Dollars with enough digits that a cheap LLM call does not read as zero. */
export function formatCost(usd: number | null | undefined): string {
  if (usd === null || usd === undefined) return '—';
  if (usd === 0) return '$0';
  if (usd < 0.01) return `$${usd.toFixed(4)}`;
  return `$${usd.toFixed(2)}`;
}

/** Steps in the order they happened; steps not started yet keep graph order at the end. */
export function orderSteps<T extends StepView>(steps: readonly T[]): T[] {
  return steps
    .map((s, i) => ({ s, i }))
    .sort((a, b) => {
      const ta = a.s.startedAt ?? '\uffff';
      const tb = b.s.startedAt ?? '\uffff';
      if (ta !== tb) return ta < tb ? -1 : 1;
      // Steps started in the same millisecond: the one that finished first ran first.
      const ea = a.s.endedAt ?? '\uffff';
      const eb = b.s.endedAt ?? '\uffff';
      if (ea !== eb) return ea < eb ? -1 : 1;
      return a.i - b.i;
    })
    .map(({ s }) => s);
}

/**
 * Bookkeeping fields in a step's output: ids of other steps and users, hashes, idempotency keys,
 * prompt versions and token counts. A brand check's output read `"checkedNodeId": "draft"`, a
 * publish step's a key and a sha256, all of it noise to the person reading what a step did.
 */
const INTERNAL_OUTPUT_KEY = /(Id|Key|Hash)$|^(usage|promptVersion|decidedBy)$/;

/**
 * A step's output as readable text: the `text` field when there is one, else JSON without the
 * bookkeeping fields (empty when nothing else is left).
 */
export function outputText(output: unknown, max = 4000): { text: string; truncated: boolean } {
  if (output === null || output === undefined) return { text: '', truncated: false };
  const readable = (value: object): string => {
    if (Array.isArray(value)) return JSON.stringify(value, null, 2);
    const shown = Object.entries(value).filter(([key]) => !INTERNAL_OUTPUT_KEY.test(key));
    return shown.length === 0 ? '' : JSON.stringify(Object.fromEntries(shown), null, 2);
  };
  const full =
    typeof output === 'string'
      ? output
      : typeof (output as { text?: unknown }).text === 'string'
        ? (output as { text: string }).text
        : typeof output === 'object'
          ? readable(output)
          : JSON.stringify(output);
  return full.length > max
    ? { text: `${full.slice(0, max)}…`, truncated: true }
    : { text: full, truncated: false };
}

export function runTotalCost(run: Pick<Run, 'usage'>): string {
  return formatCost(run.usage.costUsd);
}

export interface CheckpointOutcome {
  nodeId: string;
  iteration: number;
  outcome: 'approved' | 'edited' | 'rejected';
  /** The reviewer, or null when the automation policy passed it. */
  decidedBy: string | null;
  /** Why no human decided (the automation level), when it passed on its own. */
  passedBy: string | null;
  reason: string | null;
  at: string | null;
}

/**
 * What each finished checkpoint decided, read from its step output (`approved`, `edited`,
 * `decidedBy`, `passedBy`, `reason`), so the run page shows decisions to anyone who can see
 * the run, not only to those who could decide its tasks.
 */
export function checkpointOutcomes(steps: readonly StepView[]): CheckpointOutcome[] {
  const outcomes: CheckpointOutcome[] = [];
  for (const s of orderSteps(steps)) {
    if (s.type !== 'human.review' || s.status !== 'done') continue;
    const out = (s.output ?? {}) as Record<string, unknown>;
    if (typeof out.approved !== 'boolean') continue;
    const str = (v: unknown) => (typeof v === 'string' && v ? v : null);
    // The engine records an automatic pass as decided by "system".
    const passedBy = str(out.passedBy) ?? (out.decidedBy === 'system' ? 'automation' : null);
    outcomes.push({
      nodeId: s.nodeId,
      iteration: s.iteration ?? 0,
      outcome: !out.approved ? 'rejected' : out.edited === true ? 'edited' : 'approved',
      decidedBy: passedBy ? null : str(out.decidedBy),
      passedBy,
      reason: str(out.reason),
      at: s.endedAt,
    });
  }
  return outcomes;
}
