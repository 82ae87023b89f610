import type { Decision, Publication, Run, Task } from '@tandem/schema';
import { api } from '../../api/client.js';
import { itemsOf } from '../inbox/inbox-api.js';
import { runQuery, type RunFilter, type StepView } from './run-view.js';

const enc = encodeURIComponent;

export async function listRuns(filter: RunFilter, signal?: AbortSignal): Promise<Run[]> {
  return itemsOf<Run>(await api.get<unknown>(`/api/runs${runQuery(filter)}`, { signal }));
}

/** `GET /api/runs/:id`: the run with its steps (engine-private state left out). */
export type RunWithSteps = Run & { steps: StepView[] };

export async function getRun(id: string, signal?: AbortSignal): Promise<RunWithSteps> {
  const run = await api.get<RunWithSteps>(`/api/runs/${enc(id)}`, { signal });
  return { ...run, steps: run.steps ?? [] };
}

/** The decided and open tasks of a run: who decided what, and when. */
export async function listRunTasks(runId: string, signal?: AbortSignal): Promise<Task[]> {
  return itemsOf<Task>(await api.get<unknown>('/api/tasks', { query: { runId }, signal }));
}

export async function listPublications(
  query: { runId?: string; status?: string },
  signal?: AbortSignal,
): Promise<Publication[]> {
  return itemsOf<Publication>(await api.get<unknown>('/api/publications', { query, signal }));
}

export async function listDeadLetters(signal?: AbortSignal): Promise<Publication[]> {
  return itemsOf<Publication>(await api.get<unknown>('/api/dead-letters', { signal }));
}

export async function replayPublication(id: string): Promise<void> {
  await api.post(`/api/dead-letters/${enc(id)}/replay`);
}

export async function cancelRun(id: string): Promise<void> {
  await api.post(`/api/runs/${enc(id)}/cancel`);
}

/** Every decision a task holds: quorum approvals plus the final decision. */
export function decisionsOf(task: Task): Decision[] {
  const all = [...(task.approvals ?? [])];
  if (task.decision && !all.some((d) => d.at === task.decision!.at)) all.push(task.decision);
  return all;
}
