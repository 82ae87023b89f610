import type { Run } from '@tandem/schema';

/** A test run still going is shown again for this long after it started... */
const SHOW_GOING_FOR_MS = 24 * 60 * 60 * 1000;
/** ...and a finished one for this long after it ended; older ones are history, on the runs page. */
const SHOW_FINISHED_FOR_MS = 60 * 60 * 1000;

type RunSummary = Pick<Run, 'id' | 'status' | 'createdAt' | 'endedAt' | 'updatedAt'>;

/**
 * Whether the editor, opening a flow, shows the designer's latest test run of it again: the run
 * bar comes back after a reload or a look at another page, as it was, while the run is still
 * going (a reviewer has yet to decide, say) or ended within the hour; not once the designer has
 * hidden it.
 */
export function shouldRestoreRun(
  run: RunSummary | undefined,
  now: number,
  hidden: ReadonlySet<string>,
): run is RunSummary {
  if (!run || hidden.has(run.id)) return false;
  const going = run.status === 'running' || run.status === 'waiting';
  if (going) return now - Date.parse(run.createdAt) <= SHOW_GOING_FOR_MS;
  return now - Date.parse(run.endedAt ?? run.updatedAt) <= SHOW_FINISHED_FOR_MS;
}

const HIDDEN_KEY = 'tandem.hiddenTestRuns';
/** Enough to cover the test runs of the flows a designer works on in a day. */
const HIDDEN_KEPT = 50;

/** Test runs the designer hid from the run bar, newest last, remembered across reloads. */
export function hiddenRuns(): Set<string> {
  try {
    const list: unknown = JSON.parse(localStorage.getItem(HIDDEN_KEY) ?? '[]');
    return new Set(Array.isArray(list) ? list.filter((id) => typeof id === 'string') : []);
  } catch {
    return new Set();
  }
}

export function rememberHidden(runId: string): void {
  try {
    const list = [...hiddenRuns()].filter((id) => id !== runId);
    localStorage.setItem(HIDDEN_KEY, JSON.stringify([...list, runId].slice(-HIDDEN_KEPT)));
  } catch {
    // Storage disabled: the run bar comes back on the next visit, as it would have anyway.
  }
}
