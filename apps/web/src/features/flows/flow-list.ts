import type { Flow, Run } from '@tandem/schema';

export interface FlowRow {
  flow: Flow;
  lastRun: Pick<Run, 'id' | 'status' | 'createdAt'> | null;
  openTasks: number;
}

/**
 * Joins flows with their newest run and their open review work. Tasks the caller can see are
 * counted when available; otherwise runs waiting at a checkpoint stand in for them.
 */
export function buildFlowRows(
  flows: readonly Flow[],
  runs: readonly Pick<Run, 'id' | 'flowId' | 'status' | 'createdAt'>[],
  tasks: readonly { flowId: string }[] | null,
): FlowRow[] {
  const latest = new Map<string, Pick<Run, 'id' | 'status' | 'createdAt'>>();
  const waiting = new Map<string, number>();
  for (const run of runs) {
    const prev = latest.get(run.flowId);
    if (!prev || prev.createdAt < run.createdAt) latest.set(run.flowId, run);
    if (run.status === 'waiting') waiting.set(run.flowId, (waiting.get(run.flowId) ?? 0) + 1);
  }
  const open = new Map<string, number>();
  for (const task of tasks ?? []) open.set(task.flowId, (open.get(task.flowId) ?? 0) + 1);
  return flows.map((flow) => ({
    flow,
    lastRun: latest.get(flow.id) ?? null,
    openTasks: tasks ? (open.get(flow.id) ?? 0) : (waiting.get(flow.id) ?? 0),
  }));
}

export function matchesSearch(flow: Pick<Flow, 'name' | 'description'>, query: string): boolean {
  const q = query.trim().toLowerCase();
  return !q || `${flow.name} ${flow.description ?? ''}`.toLowerCase().includes(q);
}
