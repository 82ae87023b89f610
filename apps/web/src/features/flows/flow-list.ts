import type { Flow, OpenTaskCount, Run } from '@tandem/schema';
import type { ListedFlow } from '@tandem/nodes';

type LastRun = Pick<Run, 'id' | 'status' | 'waitingFor' | 'createdAt'>;

export interface FlowRow {
  /** With its published version's schedule, for "Next run". */
  flow: ListedFlow;
  lastRun: LastRun | null;
  openTasks: number;
}

/**
 * Joins flows with their newest run and their open review work. The server's open counts are
 * used when available; otherwise runs waiting at a checkpoint stand in for them.
 */
export function buildFlowRows(
  flows: readonly ListedFlow[],
  runs: readonly Pick<Run, 'id' | 'flowId' | 'status' | 'waitingFor' | 'createdAt'>[],
  counts: readonly OpenTaskCount[] | null,
): FlowRow[] {
  const latest = new Map<string, LastRun>();
  const waiting = new Map<string, number>();
  for (const run of runs) {
    const prev = latest.get(run.flowId);
    if (!prev || prev.createdAt < run.createdAt) latest.set(run.flowId, run);
    // A run held only by a Wait step has nothing for a reviewer.
    if (run.status === 'waiting' && run.waitingFor !== 'timer')
      waiting.set(run.flowId, (waiting.get(run.flowId) ?? 0) + 1);
  }
  const rows = flows.map((flow) => ({
    flow,
    lastRun: latest.get(flow.id) ?? null,
    openTasks: waiting.get(flow.id) ?? 0,
  }));
  return counts ? applyOpenCounts(rows, counts) : rows;
}

/** The rows with fresh open counts; a flow missing from `counts` has none open. */
export function applyOpenCounts(rows: FlowRow[], counts: readonly OpenTaskCount[]): FlowRow[] {
  const open = new Map(counts.map((c) => [c.flowId, c.open]));
  return rows.map((row) => {
    const openTasks = open.get(row.flow.id) ?? 0;
    return row.openTasks === openTasks ? row : { ...row, openTasks };
  });
}

/**
 * The rows after a pushed `run.updated`: the run becomes its flow's last run when it is that run
 * or a newer one. Null when the run's flow is not listed (a flow created elsewhere since the
 * page loaded), so the caller knows only a reload can show it.
 */
export function applyRunUpdate(
  rows: FlowRow[],
  run: Pick<Run, 'id' | 'flowId' | 'status' | 'waitingFor' | 'createdAt'>,
): FlowRow[] | null {
  const i = rows.findIndex((r) => r.flow.id === run.flowId);
  if (i === -1) return null;
  const row = rows[i]!;
  const last = row.lastRun;
  if (last && last.id !== run.id && last.createdAt > run.createdAt) return rows;
  const { id, status, waitingFor, createdAt } = run;
  const lastRun: LastRun = waitingFor
    ? { id, status, waitingFor, createdAt }
    : { id, status, createdAt };
  return rows.map((r, j) => (j === i ? { ...row, lastRun } : r));
}

export function matchesSearch(flow: Pick<Flow, 'name' | 'description'>, query: string): boolean {
  const q = query.trim().toLowerCase();
  return !q || `${flow.name} ${flow.description ?? ''}`.toLowerCase().includes(q);
}
